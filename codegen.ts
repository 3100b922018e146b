import type { CodegenConfig } from '@graphql-codegen/cli';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './src/schema';

/**
 * `npm run codegen` writes the schema SDL (schema.graphql, checked in; test/schema.test.ts fails when it
 * is stale) and typed documents for the `graphql()` operations in the tests (test/gql/), in the CLI
 * (src/cli/iterate/gql/) and in the dashboard (dashboard/src/gql/).
 */
const typedDocuments = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    documentMode: 'string',
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: { DateTime: 'string', JSON: 'any', File: 'File', ID: 'string' },
  },
} as const;

const config: CodegenConfig = {
  schema: printSchema(lexicographicSortSchema(schema)),
  ignoreNoDocuments: true,
  generates: {
    'schema.graphql': { plugins: ['schema-ast'] },
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      ...typedDocuments,
    },
    'src/cli/iterate/gql/': {
      documents: ['src/cli/iterate/**/*.ts', '!src/cli/iterate/gql/**'],
      ...typedDocuments,
    },
    'dashboard/src/gql/': {
      documents: ['dashboard/src/**/*.{ts,tsx}', '!dashboard/src/gql/**'],
      ...typedDocuments,
    },
  },
};

export default config;
