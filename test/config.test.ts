import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { graphql } from './gql';
import { expectedResult, SALES_CSV } from './helpers/data';
import { ok } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { ROOT, SERVER_LAUNCHER, startServer } from './helpers/server';

const Investigate = graphql(`
  mutation InvestigateWithoutPython($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      status
      investigations {
        status
        method
        code
        error
        output
      }
      events {
        type
        data
      }
    }
  }
`);

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', graphiql: true });
    expect(config.dataDir).toBe(`${process.cwd()}/data`);
    expect(config.sandbox).toMatchObject({ pythonBin: '/usr/bin/python3', timeoutMs: 60_000, memoryMb: 2048 });
    expect(config.sampling).toEqual({ tokenBudget: 120_000, minRows: 25 });
    expect(config.anthropic).toMatchObject({ apiKey: undefined, baseUrl: undefined, maxRetries: 2, concurrency: 4, codeExecutionTool: 'code_execution_20250825' });
    expect(config.llm).toEqual({
      model: 'claude-sonnet-5-5',
      fastModel: 'claude-haiku-5-5',
      temperature: undefined,
      maxOutputTokens: 8192,
      maxAttempts: 3,
      maxPromptTokens: 120_000,
    });
  });

  it('runs one process doing everything unless DATABASE_URL lets processes share the work', () => {
    expect(loadConfig({})).toMatchObject({ role: 'all', worker: { heartbeatSeconds: 10, maxAttempts: 3 } });
    expect(() => loadConfig({ ROLE: 'worker' })).toThrow(/ROLE=worker needs DATABASE_URL/);
    expect(() => loadConfig({ ROLE: 'api', DATABASE_URL: 'postgres://db/x', JOB_HEARTBEAT_SECONDS: '5' })).toThrow(/JOB_HEARTBEAT_SECONDS/);
    expect(loadConfig({ ROLE: 'api', DATABASE_URL: 'postgres://db/x', DATA_DIR: '/srv/d' })).toMatchObject({ role: 'api', datasets: { store: { kind: 'fs', dir: '/srv/d/datasets' } } });
  });

  it('keeps dataset files in a directory, or in S3 with a cache of its own per process', () => {
    expect(loadConfig({ DATA_DIR: '/srv/d' }).datasets).toEqual({ store: { kind: 'fs', dir: '/srv/d/datasets' }, cacheDir: '/srv/d/dataset-cache', cacheMaxBytes: 20_480 * 1024 * 1024 });
    expect(loadConfig({ DATASET_STORE: 's3://bucket-1/team/a', S3_ENDPOINT: 'http://minio:9000', DATASET_CACHE_MB: '10' }).datasets).toMatchObject({
      store: { kind: 's3', url: 's3://bucket-1/team/a', endpoint: 'http://minio:9000', region: 'us-east-1' },
      cacheMaxBytes: 10 * 1024 * 1024,
    });
    expect(loadConfig({ DATASET_STORE: 's3://bucket-1', AWS_REGION: 'eu-west-3' }).datasets.store).toMatchObject({ region: 'eu-west-3' });
    expect(() => loadConfig({ DATASET_STORE: '/shared/datasets' })).toThrow(/DATASET_STORE: must be s3:\/\/<bucket>/);
    expect(() => loadConfig({ DATASET_STORE: 's3://bucket-1', DATASET_DIR: '/x' })).toThrow(/DATASET_DIR .* or DATASET_STORE .*not both/);
  });

  it('stops the server at start with a message naming each invalid variable', () => {
    const result = spawnSync(SERVER_LAUNCHER, [], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE: process.execPath, PORT: 'eighty', SANDBOX_TIMEOUT_MS: '-5', DATA_DIR: '/tmp/unused' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Invalid configuration: .*PORT.*SANDBOX_TIMEOUT_MS/);
  });

  it('without a usable Python, says so in /health and answers core types with the heuristic', async () => {
    const server = await startServer({ PYTHON_BIN: '/usr/bin/no-such-python' });
    try {
      const datasetId = await seedDataset(server.url, SALES_CSV);
      const { investigateIssues } = await ok(server.url, Investigate, {
        input: {
          datasetId,
          issues: [...CORE_ISSUES, { type: 'negative_prices', description: 'prices below zero', affectedColumns: ['price'] }],
          wait: true,
        },
      });
      expect(investigateIssues.status).toBe('PARTIAL');
      const [core, other] = [investigateIssues.investigations.slice(0, 4), investigateIssues.investigations[4]!];
      core.forEach((inv, i) => {
        expect(inv).toMatchObject({ status: 'SUCCEEDED', method: 'HEURISTIC', code: null });
        const expected = expectedResult(SALES_CSV, CORE_ISSUES[i]!.type, CORE_ISSUES[i]!.affectedColumns);
        expect(inv.output.affected_count).toBe(expected.affected_count);
        expect(inv.output.affected_rows).toEqual(expected.affected_rows);
      });
      const fallbacks = investigateIssues.events.filter((e) => e.type === 'FALLBACK_USED');
      expect(fallbacks).toHaveLength(4);
      for (const e of fallbacks) expect(e.data.reason).toMatch(/local sandbox is unavailable.*\/usr\/bin\/no-such-python/);
      expect(other.status).toBe('FAILED');
      expect(other.error).toMatch(/no template for issue type "negative_prices"|local sandbox is unavailable/);
      const health = (await (await fetch(new URL('/health', server.url))).json()) as any;
      expect(health.sandbox.available).toBe(false);
      expect(health.sandbox.reason).toMatch(/no-such-python/);
      expect(health.heuristicFallback).toEqual({
        types: ['missing_values', 'duplicates', 'outliers', 'categorical_variation', 'invalid_format', 'whitespace_case'],
        answersEveryCoreInvestigation: true,
      });
    } finally {
      await server.stop();
    }
  });
});
