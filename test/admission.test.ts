import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { post } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { scriptProcesses, startServer, type TestServer } from './helpers/server';

// However many runs, and whatever their concurrency, at most SANDBOX_MAX_CONCURRENT scripts run at once;
// the others wait, and their investigations say so.
let server: TestServer;
let salesId: string;

beforeAll(async () => {
  server = await startServer({ SANDBOX_MAX_CONCURRENT: '1', INVESTIGATION_CONCURRENCY: '4' });
  salesId = await seedDataset(server.url, SALES_CSV);
  // The start-up probe (a cold script of its own) has run: only the runs' scripts are counted below.
  for (let i = 0; i < 600 && (await fetch(new URL('/ready', server.url))).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
});
afterAll(() => server?.stop());

/** Script processes that still run (a child that has reported its result may linger a moment as it exits). */
function runningScripts(): string[] {
  return scriptProcesses(server.uidBase).filter((line) => {
    const stat = (() => {
      try {
        return readFileSync(`/proc/${line.split(' ')[0]}/stat`, 'utf8');
      } catch {
        return '';
      }
    })();
    return /\) [RSD] /.test(stat);
  });
}

const start = async () =>
  (
    await post(server.url, `mutation($issues: [IssueInput!]!) { investigateIssues(input: { datasetId: "${salesId}", codegen: TEMPLATE, issues: $issues }) { id } }`, {
      issues: CORE_ISSUES,
    })
  ).data.investigateIssues.id as string;

const finished = async (runId: string) => {
  for (;;) {
    const r = await post(server.url, `{ run(id: "${runId}") { status events { type message data } } }`);
    if (!['QUEUED', 'RUNNING'].includes(r.data.run.status)) return r.data.run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('admission of scripts', () => {
  it('runs one script at a time server-wide with SANDBOX_MAX_CONCURRENT=1, and says when one waits', async () => {
    let most = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        most = Math.max(most, runningScripts().length);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const runs = await Promise.all([start(), start()]);
    const [a, b] = await Promise.all(runs.map(finished));
    watching = false;
    await watcher;
    expect([a.status, b.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(most).toBeLessThanOrEqual(1);
    const waits = [...a.events, ...b.events].filter((e: any) => e.data?.phase === 'queued');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0].message).toMatch(/^Waiting for a sandbox: \d+ scripts? ahead \(SANDBOX_MAX_CONCURRENT, SANDBOX_MAX_MEMORY_MB\)$/);
    const health = (await (await fetch(new URL('/health', server.url))).json()) as { admission: unknown };
    expect(health.admission).toEqual({ running: 0, waiting: 0, max: 1 });
  });
});

describe('the memory scripts may hold together', () => {
  it('admits no more scripts at once than SANDBOX_MAX_MEMORY_MB holds at SANDBOX_MEMORY_MB each', async () => {
    const { loadConfig } = await import('../src/config');
    expect(loadConfig({ SANDBOX_MAX_CONCURRENT: '8', SANDBOX_MEMORY_MB: '512', SANDBOX_MAX_MEMORY_MB: '1536' }).sandbox.maxConcurrent).toBe(3);
    expect(loadConfig({ SANDBOX_MAX_CONCURRENT: '2', SANDBOX_MEMORY_MB: '512', SANDBOX_MAX_MEMORY_MB: '4096' }).sandbox.maxConcurrent).toBe(2);
    expect(loadConfig({ SANDBOX_MEMORY_MB: '4096', SANDBOX_MAX_MEMORY_MB: '1024' }).sandbox.maxConcurrent).toBe(1);
    const small = await startServer({ SANDBOX_MAX_CONCURRENT: '8', SANDBOX_MEMORY_MB: '512', SANDBOX_MAX_MEMORY_MB: '1024' });
    try {
      const health = (await (await fetch(new URL('/health', small.url))).json()) as { admission: { max: number } };
      expect(health.admission.max).toBe(2);
    } finally {
      await small.stop();
    }
  });
});

describe('CPU-heavy work off the event loop', () => {
  it('computes heuristics and detectIssues in worker threads, with the same answers as the templates', async () => {
    const threads = async () => ((await (await fetch(new URL('/health', server.url))).json()) as { workerThreads: { threads: number } }).workerThreads.threads;
    const run = async (codegen: string) =>
      (
        await post(server.url, 'mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { investigations { method output } } }', {
          i: { datasetId: salesId, codegen, wait: true, issues: CORE_ISSUES },
        })
      ).data.investigateIssues.investigations;
    const heuristic = await run('HEURISTIC');
    expect(heuristic.map((i: { method: string }) => i.method)).toEqual(['HEURISTIC', 'HEURISTIC', 'HEURISTIC', 'HEURISTIC']);
    expect(await threads()).toBeGreaterThan(0);
    const template = await run('TEMPLATE');
    // Exact counts (floats agree to the last digits; test/heuristic.test.ts compares every key).
    const counts = (xs: Array<{ output: Record<string, unknown> }>) => xs.map((i) => [i.output.affected_count, i.output.rows_analyzed, i.output.affected_rows]);
    expect(counts(heuristic)).toEqual(counts(template));
    const detected = await post(server.url, 'mutation($d: ID!) { detectIssues(datasetId: $d) { type affectedColumns } }', { d: salesId });
    expect(detected.data.detectIssues.length).toBeGreaterThan(0);
  });

  it('draws samples and reads large results in a worker thread, with the same answers', async () => {
    type Threads = { quick: { threads: number; completed: number } };
    const quick = async () => ((await (await fetch(new URL('/health', server.url))).json()) as { workerThreads: Threads }).workerThreads.quick;
    await expect.poll(async () => (await quick()).threads).toBe(1); // started once the server is ready, before an investigation needs it
    const before = (await quick()).completed;
    const answer = await post(server.url, 'mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { investigations { id sample { rows } } } }', {
      i: { datasetId: salesId, codegen: 'TEMPLATE', wait: true, issues: [{ ...CORE_ISSUES[0], affectedColumns: ['quantity'] }] },
    });
    const { investigateIssues } = answer.data ?? {};
    expect(investigateIssues?.investigations[0].sample.rows, JSON.stringify(answer.errors)).toBeGreaterThan(0);
    expect((await quick()).completed).toBe(before + 1); // the sample
    // A 2 MB result line, with a bare NaN (read as null): parsed off the event loop, to the same value.
    const rows = 5012;
    const code = `import json, math
print(json.dumps({"issue_type": "missing_values", "columns": ["quantity"], "rows_analyzed": ${rows}, "affected_count": 0,
  "affected_percentage": 0.0, "affected_rows": [], "missing_count": 0, "missing_by_column": {"quantity": 0},
  "padding": "x" * (2 << 20), "nan": float("nan")}))
`;
    const rerun = await post(server.url, 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status error output } }', {
      id: investigateIssues.investigations[0].id,
      code,
    });
    expect(rerun.data.rerunInvestigation.output?.padding?.length, rerun.data.rerunInvestigation.error).toBe(2 << 20);
    expect(rerun.data.rerunInvestigation.output.nan).toBeNull();
    expect((await quick()).completed).toBeGreaterThanOrEqual(before + 2);
  });
});
