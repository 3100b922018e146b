import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One copy of graphql: vite would otherwise load its ESM build beside the CJS one node loads.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/buildServer.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
