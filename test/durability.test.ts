import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { SALES_CSV, writeGeneratedSales } from './helpers/data';
import { ok, subscribeWs } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { removeDataDir, sandboxScratch, scriptProcesses, spawnServer, tempDataDir, type ChildServer } from './helpers/server';

const Start = graphql(`
  mutation DurableStart($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
    }
  }
`);

const Everything = graphql(`
  query Everything($runId: ID!, $datasetId: ID!) {
    dataset(id: $datasetId) {
      id
      rowCount
    }
    run(id: $runId) {
      status
      finishedAt
      summary {
        total
        succeeded
        failed
        cancelled
      }
      investigations {
        status
        error
        output
      }
      events {
        seq
        type
        investigationId
        message
        data
      }
    }
  }
`);

const Watch = graphql(`
  subscription Watch($runId: ID!, $afterSeq: Int) {
    investigationProgress(runId: $runId, afterSeq: $afterSeq) {
      seq
      type
      investigationId
    }
  }
`);

const dirs: string[] = [];
const servers: ChildServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.process.kill('SIGKILL');
    await s.exited;
  }
  for (const d of dirs.splice(0)) removeDataDir(d);
});

async function spawn(dataDir: string, env: Record<string, string> = {}) {
  const server = await spawnServer(dataDir, env);
  servers.push(server);
  return server;
}

function newDataDir() {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

describe('durability', () => {
  it('keeps datasets, runs, investigations and events across a clean restart (SIGTERM exits 0)', async () => {
    const dataDir = newDataDir();
    const first = await spawn(dataDir);
    const datasetId = await seedDataset(first.url, SALES_CSV);
    const { investigateIssues } = await ok(first.url, Start, { input: { datasetId, issues: CORE_ISSUES, wait: true } });
    const before = await ok(first.url, Everything, { runId: investigateIssues.id, datasetId });
    first.process.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const second = await spawn(dataDir);
    const after = await ok(second.url, Everything, { runId: investigateIssues.id, datasetId });
    expect(after).toEqual(before);
    expect(after.run!.status).toBe('SUCCEEDED');
  });

  it('marks a run in flight when the server was killed INTERRUPTED, keeping what had finished', async () => {
    const dataDir = newDataDir();
    const first = await spawn(dataDir);
    const path = join(dataDir, 'slow.csv');
    writeGeneratedSales(path, 60_000, { seed: 5, slowColumn: true });
    const datasetId = await seedDataset(first.url, path);
    const issues = [
      { ...CORE_ISSUES[0]!, id: 'fast' },
      { id: 'slow', type: 'categorical_variation', description: 'notes vary', affectedColumns: ['note'] },
      { ...CORE_ISSUES[1]!, id: 'never-started' },
    ];
    const { investigateIssues: run } = await ok(first.url, Start, { input: { datasetId, issues, concurrency: 1 } });

    // Kill the server once the first investigation has succeeded and the second is executing.
    let succeeded = 0;
    await subscribeWs(first.wsUrl, Watch, { runId: run.id }, (e) => {
      if (e.investigationProgress.type === 'INVESTIGATION_SUCCEEDED') succeeded++;
      if (succeeded === 1 && e.investigationProgress.type === 'EXECUTION_STARTED' && e.investigationProgress.seq > 6) {
        first.process.kill('SIGKILL');
      }
    }).catch(() => undefined);
    expect((await first.exited).signal).toBe('SIGKILL');
    await waitFor(() => sandboxProcesses(first.uidBase).length === 0);
    expect(scriptProcesses(first.uidBase)).toEqual([]);
    expect(sandboxProcesses(first.uidBase)).toEqual([]);
    // Its staged copy of the dataset (made when the server runs as root) outlives it, until the next start.
    const staging = join(sandboxScratch(dataDir), 'datasets');
    const leftBy = (pid: number) => (existsSync(staging) ? readdirSync(staging).filter((d) => d.startsWith(`${pid}-`)) : []);
    const asRoot = process.getuid?.() === 0;
    expect(leftBy(first.process.pid!)).toHaveLength(asRoot ? 1 : 0);

    const second = await spawn(dataDir);
    expect(leftBy(first.process.pid!)).toEqual([]);
    const { run: after } = await ok(second.url, Everything, { runId: run.id, datasetId });
    expect(after!.status).toBe('INTERRUPTED');
    expect(after!.finishedAt).not.toBeNull();
    const [fast, slow, never] = after!.investigations;
    expect(fast!.status).toBe('SUCCEEDED');
    expect(fast!.output.affected_count).toBeGreaterThan(0);
    expect(slow!.status).toBe('FAILED');
    expect(slow!.error).toMatch(/server stopped/);
    expect(never!.status).toBe('CANCELLED');
    expect(after!.summary).toEqual({ total: 3, succeeded: 1, failed: 1, cancelled: 1 });
    const events = after!.events;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.slice(-3).map((e) => e.type)).toEqual(['INVESTIGATION_CANCELLED', 'INVESTIGATION_FAILED', 'RUN_FINISHED']);
    expect(events.at(-1)!.data.status).toBe('INTERRUPTED');

    // A subscriber to the interrupted run gets its whole history and completes.
    const replay = await subscribeWs(second.wsUrl, Watch, { runId: run.id });
    expect(replay.map((r) => r.investigationProgress.seq)).toEqual(events.map((e) => e.seq));
  });

  it('on SIGTERM interrupts runs still going after the grace period, tells live subscribers, and exits 0', async () => {
    const dataDir = newDataDir();
    const server = await spawn(dataDir, { SHUTDOWN_GRACE_MS: '100' });
    const path = join(dataDir, 'slow.csv');
    writeGeneratedSales(path, 60_000, { seed: 9, slowColumn: true });
    const datasetId = await seedDataset(server.url, path);
    const slow = { id: 'slow', type: 'categorical_variation', description: 'notes vary', affectedColumns: ['note'] };
    const { investigateIssues: run } = await ok(server.url, Start, {
      input: { datasetId, issues: [slow, { ...CORE_ISSUES[0]!, id: 'later' }], concurrency: 1 },
    });
    const seen = await subscribeWs(server.wsUrl, Watch, { runId: run.id }, (e) => {
      if (e.investigationProgress.type === 'EXECUTION_STARTED') server.process.kill('SIGTERM');
    });
    expect(seen.at(-1)!.investigationProgress.type).toBe('RUN_FINISHED');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(sandboxProcesses(server.uidBase)).toEqual([]);

    const again = await spawn(dataDir);
    const { run: after } = await ok(again.url, Everything, { runId: run.id, datasetId });
    expect(after!.status).toBe('INTERRUPTED');
    expect(after!.investigations.map((i) => i.status)).toEqual(['FAILED', 'CANCELLED']);
    expect(after!.events.at(-1)!.seq).toBe(seen.at(-1)!.investigationProgress.seq);
  });
});

async function waitFor(condition: () => boolean, ms = 5000): Promise<null> {
  const end = Date.now() + ms;
  while (Date.now() < end && !condition()) await new Promise((r) => setTimeout(r, 50));
  return null;
}

/** After the server died, nothing at all may run as its sandbox uids, fork servers included (zombies excepted). */
function sandboxProcesses(uidBase: number): string[] {
  return execFileSync('ps', ['-eo', 'uid=,stat=,pid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter((line) => {
      const [uid, stat] = line.trim().split(/\s+/);
      return Number(uid) > uidBase && Number(uid) < uidBase + 100 && !stat!.startsWith('Z');
    });
}
