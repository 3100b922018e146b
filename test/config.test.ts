import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { graphql } from './gql';
import { SALES_CSV } from './helpers/data';
import { ok } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { ROOT, startServer } from './helpers/server';

const Investigate = graphql(`
  mutation InvestigateWithoutPython($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      status
      investigations {
        status
        error
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

  it('stops the server at start with a message naming each invalid variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: 'eighty', SANDBOX_TIMEOUT_MS: '-5', DATA_DIR: '/tmp/unused' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Invalid configuration: .*PORT.*SANDBOX_TIMEOUT_MS/);
  });

  it('without a usable Python, says so in /health and fails investigations with the reason', async () => {
    const server = await startServer({ PYTHON_BIN: '/usr/bin/no-such-python' });
    try {
      const datasetId = await seedDataset(server.url, SALES_CSV);
      const { investigateIssues } = await ok(server.url, Investigate, {
        input: { datasetId, issues: CORE_ISSUES.slice(0, 2), wait: true },
      });
      expect(investigateIssues.status).toBe('FAILED');
      for (const inv of investigateIssues.investigations) {
        expect(inv.error).toMatch(/local sandbox is unavailable.*\/usr\/bin\/no-such-python/);
      }
      const health = (await (await fetch(new URL('/health', server.url))).json()) as any;
      expect(health.sandbox.available).toBe(false);
      expect(health.sandbox.reason).toMatch(/no-such-python/);
    } finally {
      await server.stop();
    }
  });
});
