import type { CodegenConfig } from '@graphql-codegen/cli';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './src/schema';

/**
 * `npm run codegen` writes the schema SDL (schema.graphql, checked in; test/schema.test.ts fails when it
 * is stale) and typed documents for the `graphql()` operations in the tests (test/gql/).
 */
const config: CodegenConfig = {
  schema: printSchema(lexicographicSortSchema(schema)),
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'schema.graphql': { plugins: ['schema-ast'] },
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'any', File: 'File', ID: 'string' },
      },
    },
  },
};

export default config;
