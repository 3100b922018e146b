import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { SALES_CSV, expectedResult, writeGeneratedSales } from './helpers/data';
import { ok, post } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { removeDataDir, spawnServer, startServer, tempDataDir, type TestServer } from './helpers/server';

const Run = graphql(`
  mutation PoolRun($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      status
      investigations {
        id
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

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function server(env: Record<string, string> = {}) {
  const s = await startServer(env);
  servers.push(s);
  return s;
}

async function health(s: TestServer) {
  return (await (await fetch(new URL('/health', s.url))).json()) as {
    sandbox: { available: boolean; backend: string; reason?: string };
    warmPool: Array<{ datasetId: string; state: string; runs: number }> | null;
  };
}

async function runCore(s: TestServer, datasetId: string) {
  const { investigateIssues } = await ok(s.url, Run, { input: { datasetId, issues: CORE_ISSUES, wait: true } });
  return investigateIssues;
}

/** The fork-server processes (python on /app/zygote.py, not their children) of a server's sandbox uids. */
function forkServerPids(s: TestServer): number[] {
  const rows = execFileSync('ps', ['-eo', 'uid=,pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([uid, , , ...args]) => Number(uid) > s.uidBase && Number(uid) < s.uidBase + 100 && args.join(' ').includes('/app/zygote.py') && /python/.test(args[0]!));
  const pids = new Set(rows.map((r) => Number(r[1])));
  return rows.filter((r) => !pids.has(Number(r[2]))).map((r) => Number(r[1]));
}

/** The fork servers' spare children: forked and isolated ahead of time, waiting for a script. */
function spareChildren(s: TestServer): number[] {
  return execFileSync('ps', ['-eo', 'uid=,pid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([uid, , comm]) => Number(uid) > s.uidBase && Number(uid) < s.uidBase + 100 && comm === 'spare')
    .map((r) => Number(r[1]));
}

describe('the warm pool', () => {
  it('gives exactly the results of cold runs', async () => {
    const dir = tempDataDir();
    try {
      const path = join(dir, 'parity.csv');
      writeGeneratedSales(path, 30_000, { seed: 21 });
      const warm = await server({ SANDBOX_WARM: 'true' });
      const cold = await server({ SANDBOX_WARM: 'false' });
      const [a, b] = await Promise.all([runCore(warm, await seedDataset(warm.url, path)), runCore(cold, await seedDataset(cold.url, path))]);
      expect(a.status).toBe('SUCCEEDED');
      expect(a.investigations.map((i) => i.output)).toEqual(b.investigations.map((i) => i.output));
      expect((await health(warm)).warmPool).toHaveLength(1);
      expect((await health(cold)).warmPool).toBeNull();
    } finally {
      removeDataDir(dir);
    }
  });

  it('rebuilds a fork server that was killed, and the next investigations succeed', async () => {
    const s = await server();
    const datasetId = await seedDataset(s.url, SALES_CSV);
    expect((await runCore(s, datasetId)).status).toBe('SUCCEEDED');
    const [pid] = forkServerPids(s);
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect((await runCore(s, datasetId)).status).toBe('SUCCEEDED');
    const after = forkServerPids(s);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(pid);
  });

  it('keeps a spare child ready for untrusted code, and replaces one that died before it was used', async () => {
    const s = await server();
    const datasetId = await seedDataset(s.url, SALES_CSV);
    const templates = await runCore(s, datasetId);
    expect(templates.status).toBe('SUCCEEDED');
    const [spare] = spareChildren(s);
    expect(spare).toBeDefined();
    process.kill(spare!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    // Templates run in the trusted workers; the same code as a user's runs in a forked child.
    const [first] = templates.investigations;
    const rerun = await post(s.url, 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status method output } }', {
      id: first!.id,
      code: first!.code,
    });
    expect(rerun.data.rerunInvestigation).toMatchObject({ status: 'SUCCEEDED', method: 'CUSTOM' });
    const [core] = CORE_ISSUES;
    expect(rerun.data.rerunInvestigation.output.affected_count).toBe(expectedResult(SALES_CSV, core!.type, core!.affectedColumns).affected_count);
    expect(spareChildren(s)).toHaveLength(1);
    expect(spareChildren(s)[0]).not.toBe(spare);
  });

  it('runs cold when no fork server fits in SANDBOX_POOL_MEMORY_MB, with the same results', async () => {
    const s = await server({ SANDBOX_POOL_MEMORY_MB: '64' });
    const datasetId = await seedDataset(s.url, SALES_CSV);
    const run = await runCore(s, datasetId);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.investigations[0]!.output.affected_count).toBe(expectedResult(SALES_CSV, 'missing_values', ['revenue']).affected_count);
    expect((await health(s)).warmPool).toEqual([]);
    expect(forkServerPids(s)).toEqual([]);
  });

  // Two servers: a short idle time would also stop (and replace) the fork server between two investigations
  // of a run on a loaded machine, and the recycling count would start over.
  it('replaces a fork server after SANDBOX_POOL_RECYCLE_RUNS runs', async () => {
    const s = await server({ SANDBOX_POOL_RECYCLE_RUNS: '4' });
    const datasetId = await seedDataset(s.url, SALES_CSV);
    await runCore(s, datasetId);
    const first = forkServerPids(s);
    expect((await health(s)).warmPool![0]!.runs).toBe(4);
    await runCore(s, datasetId);
    const second = forkServerPids(s);
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
  });

  it('stops a fork server idle for SANDBOX_POOL_IDLE_MS', async () => {
    const s = await server({ SANDBOX_POOL_IDLE_MS: '3000' });
    const datasetId = await seedDataset(s.url, SALES_CSV);
    await runCore(s, datasetId);
    expect(forkServerPids(s)).toHaveLength(1);
    const deadline = Date.now() + 20_000;
    while ((await health(s)).warmPool!.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect((await health(s)).warmPool).toEqual([]);
    expect(forkServerPids(s)).toEqual([]);
  });
});

describe('without the sandbox', () => {
  it('says how to install bubblewrap when it is missing, in /health and in the fallback of each investigation', async () => {
    const s = await server({ BWRAP_BIN: '/usr/bin/no-such-bwrap' });
    const datasetId = await seedDataset(s.url, SALES_CSV);
    const run = await runCore(s, datasetId);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.investigations.map((i) => i.method)).toEqual(['HEURISTIC', 'HEURISTIC', 'HEURISTIC', 'HEURISTIC']);
    expect(run.events.filter((e) => e.type === 'FALLBACK_USED').map((e) => e.data.reason)).toEqual(
      CORE_ISSUES.map(() => expect.stringMatching(/apt-get install bubblewrap/)),
    );
    expect((await health(s)).sandbox).toMatchObject({ available: false, reason: expect.stringMatching(/apt-get install bubblewrap/) });
  });

  it('SANDBOX_BACKEND=unsafe-process runs without isolation and warns at every start', async () => {
    const dir = tempDataDir();
    try {
      for (let start = 0; start < 2; start++) {
        const child = await spawnServer(dir, { SANDBOX_BACKEND: 'unsafe-process' });
        try {
          expect(child.logs.join('\n')).toMatch(/unsafe-process: generated code runs WITHOUT a sandbox/);
          const datasetId = await seedDataset(child.url, SALES_CSV, `s${start}`);
          const { investigateIssues } = await ok(child.url, Run, { input: { datasetId, issues: CORE_ISSUES, wait: true } });
          expect(investigateIssues.status).toBe('SUCCEEDED');
        } finally {
          child.process.kill('SIGTERM');
          await child.exited;
        }
      }
    } finally {
      removeDataDir(dir);
    }
  });
});
