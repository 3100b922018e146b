import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { ok, subscribeSse, subscribeWs } from './helpers/graphql';
import { startPostgres, type Postgres } from './helpers/postgres';
import { startS3, type S3Server } from './helpers/s3';
import { CORE_ISSUES, seedDataset, sleepingScript } from './helpers/seed';
import { removeDataDir, spawnServer, tempDataDir, type ChildServer } from './helpers/server';
import { graphql } from './gql';

// Several processes on one PostgreSQL: two API servers (ROLE=api) that never execute, two workers
// (ROLE=worker, one slot each) that take investigations from the shared queue; datasets in a shared directory.

const Investigate = graphql(`
  mutation InvestigateAcrossProcesses($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      investigations {
        id
      }
    }
  }
`);

const RunEvents = graphql(`
  query RunAcrossProcesses($id: ID!) {
    run(id: $id) {
      status
      investigations {
        status
        errorCode
        output
      }
      events {
        seq
        type
        message
        investigationId
        data
      }
    }
  }
`);

const NewestRun = graphql(`
  query NewestRunAcrossProcesses {
    runs(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const Rerun = graphql(`
  mutation RerunAcrossProcesses($id: ID!, $code: String) {
    rerunInvestigation(id: $id, code: $code) {
      status
      errorCode
      output
    }
  }
`);

const Cancel = graphql(`
  mutation CancelAcrossProcesses($id: ID!) {
    cancelRun(id: $id) {
      status
    }
  }
`);

const Progress = graphql(`
  subscription ProgressAcrossProcesses($runId: ID!, $afterSeq: Int) {
    investigationProgress(runId: $runId, afterSeq: $afterSeq) {
      seq
      type
    }
  }
`);

/** A custom script that sleeps, then measures revenue's missing values as the template would. */
let postgres: Postgres;
/** What every process of the deployment shares. */
const common = () => ({ DATABASE_URL: postgres.url, DATASET_DIR: join(root, 'datasets'), AUTH: 'off', JOB_HEARTBEAT_SECONDS: '10', SHUTDOWN_GRACE_MS: '1000', TENANT_REQUESTS_PER_MINUTE: '0', LOG_LEVEL: 'info' });
let root: string;
let apiA: ChildServer;
let apiB: ChildServer;
const workers = new Map<string, ChildServer>();
/** The workers the tests below kill (SIGKILL) and stop (SIGTERM). */
let killedWorker = '';
let stoppedWorker = '';
const registry = async (api: ChildServer) =>
  ((await (await fetch(api.url.replace('/graphql', '/health'))).json()) as { workers: { alive: number; slots: number; list: Array<{ id: string; alive: boolean; slots: number; running: number }> } }).workers;

const eventsOf = async (server: ChildServer, id: string) => (await ok(server.url, RunEvents, { id })).run!;

/**
 * Reruns an investigation of a new dataset with a script that sleeps `seconds`, through `api`, and resolves
 * once a worker has taken it on: the rerun's answer to come, its run, and the worker running it.
 */
async function sleepingRerun(api: ChildServer, seconds: number) {
  const datasetId = await seedDataset(api.url, SALES_CSV);
  const { investigateIssues: base } = await ok(api.url, Investigate, { input: { datasetId, issues: [CORE_ISSUES[0]!], codegen: 'TEMPLATE', wait: true } });
  const answer = ok(api.url, Rerun, { id: base.investigations[0]!.id, code: sleepingScript(seconds) });
  let runId = '';
  let worker = '';
  // The rerun is the newest run.
  await expect
    .poll(
      async () => {
        runId = (await ok(api.url, NewestRun)).runs.edges[0]!.node.id;
        [worker = ''] = runId === base.id ? [] : startedBy((await eventsOf(api, runId)).events);
        return worker;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toMatch(/^w\d$/);
  return { answer, runId, worker, baseRunId: base.id };
}
const startedBy = (events: Array<{ type: string; data: unknown }>) =>
  events.filter((e) => e.type === 'INVESTIGATION_STARTED').map((e) => (e.data as { workerId: string }).workerId);

describe('several API servers and workers on one PostgreSQL', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    root = tempDataDir();
    mkdirSync(join(root, 'datasets'));
    const process = (name: string, env: Record<string, string>) => spawnServer(join(root, name), { ...common(), ...env });
    // One first, so that the others find the database migrated (they would wait for its lock otherwise).
    apiA = await process('api-a', { ROLE: 'api' });
    const [b, w1, w2] = await Promise.all([
      process('api-b', { ROLE: 'api' }),
      process('worker-1', { ROLE: 'worker', WORKER_ID: 'w1', WORKER_SLOTS: '1' }),
      process('worker-2', { ROLE: 'worker', WORKER_ID: 'w2', WORKER_SLOTS: '1' }),
    ]);
    apiB = b;
    workers.set('w1', w1);
    workers.set('w2', w2);
  }, 120_000);

  afterAll(async () => {
    for (const child of [apiA, apiB, ...workers.values()]) {
      if (!child || child.process.exitCode !== null || child.process.signalCode !== null) continue;
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await postgres?.stop();
    if (root) removeDataDir(root);
  }, 60_000);

  it('runs a run started on one API server on both workers, and streams it whole from the other', async () => {
    const datasetId = await seedDataset(apiA.url, SALES_CSV);
    const issues = [...CORE_ISSUES, ...CORE_ISSUES].map((issue, i) => ({ ...issue, id: `i${i}` }));
    const { investigateIssues: run } = await ok(apiB.url, Investigate, { input: { datasetId, issues, codegen: 'TEMPLATE', concurrency: 2 } });
    const [viaWs, viaSse, fromMiddle] = await Promise.all([
      subscribeWs(apiA.wsUrl, Progress, { runId: run.id }),
      subscribeSse(apiB.url, Progress, { runId: run.id, afterSeq: 0 }),
      subscribeWs(apiA.wsUrl, Progress, { runId: run.id, afterSeq: 3 }),
    ]);
    const stored = await eventsOf(apiA, run.id);
    expect(stored.status).toBe('SUCCEEDED');
    const seqs = stored.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(viaWs.map((r) => r.investigationProgress.seq)).toEqual(seqs);
    expect(viaSse.map((r) => r.investigationProgress.seq)).toEqual(seqs);
    expect(fromMiddle.map((r) => r.investigationProgress.seq)).toEqual(seqs.slice(3));
    expect(viaWs.at(-1)!.investigationProgress.type).toBe('RUN_FINISHED');
    // Both workers took part (one slot each, two at a time), and never more than two ran at once.
    const by = startedBy(stored.events);
    expect(by).toHaveLength(8);
    expect(new Set(by)).toEqual(new Set(['w1', 'w2']));
    let running = 0;
    let most = 0;
    for (const e of stored.events) {
      if (e.type === 'INVESTIGATION_STARTED') most = Math.max(most, ++running);
      if (e.type === 'INVESTIGATION_SUCCEEDED' || e.type === 'INVESTIGATION_FAILED') running--;
    }
    expect(most).toBe(2);
    // The API servers executed nothing; the workers serve no API.
    for (const api of [apiA, apiB]) {
      expect(api.logs.join('\n')).not.toMatch(/taking investigations from the queue/);
      expect(await (await fetch(api.url.replace('/graphql', '/health'))).json()).toMatchObject({ role: 'api', sandbox: { backend: 'none' } });
    }
    // API servers read the registry every heartbeat (10 s here); apiA started before the workers.
    await expect.poll(async () => (await registry(apiA)).alive, { timeout: 15_000, interval: 500 }).toBe(2);
    expect(await registry(apiA)).toMatchObject({ alive: 2, slots: 2, list: [{ id: 'w1', alive: true, slots: 1 }, { id: 'w2', alive: true, slots: 1 }] });
    for (const [id, worker] of workers) {
      expect(await (await fetch(worker.url.replace('/graphql', '/health'))).json()).toMatchObject({ role: 'worker', workerId: id });
      const refused = await fetch(worker.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(refused.status).toBe(404);
      expect(JSON.stringify(await refused.json())).toMatch(/ROLE=worker/);
    }
  });

  it('takes an investigation over on the other worker when its worker is killed, recording it once', async () => {
    const { answer: rerun, runId, worker: victim, baseRunId } = await sleepingRerun(apiA, 4);
    const killed = workers.get(victim)!;
    killed.process.kill('SIGKILL');
    await killed.exited;
    workers.delete(victim);
    killedWorker = victim;
    const survivor = [...workers.keys()][0]!;

    const { rerunInvestigation: result } = await rerun;
    expect(result).toMatchObject({ status: 'SUCCEEDED', errorCode: null });
    const run = await eventsOf(apiB, runId);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1));
    expect(startedBy(run.events)).toEqual([victim, survivor]);
    expect(run.events.find((e) => e.type === 'LOG' && /^Attempt 2 of 3/.test(e.message))?.message).toContain(victim);
    expect(run.events.filter((e) => e.type === 'INVESTIGATION_SUCCEEDED')).toHaveLength(1);
    expect(run.events.filter((e) => e.type === 'RUN_FINISHED')).toHaveLength(1);
    // The sleeping script measures what the template measured.
    const measured = (output: unknown) => (output as { affected_count: number }).affected_count;
    expect(measured(result.output)).toBe(measured((await eventsOf(apiA, baseRunId)).investigations[0]!.output));
  }, 90_000);

  it('cancels on one API server a run that a worker executes, from the other', async () => {
    const { answer: rerun, runId } = await sleepingRerun(apiA, 60);
    const started = Date.now();
    const { cancelRun } = await ok(apiB.url, Cancel, { id: runId });
    expect(cancelRun.status).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await rerun).rerunInvestigation).toMatchObject({ status: 'CANCELLED' });
  }, 60_000);

  it('stops a cancelled investigation on its worker even when the cancel notice is lost (every listener cut)', async () => {
    const { answer: rerun, runId, worker: id } = await sleepingRerun(apiA, 60);
    const worker = workers.get(id)!;
    const scriptsRunning = async () => ((await (await fetch(worker.url.replace('/graphql', '/health'))).json()) as { admission: { running: number } }).admission.running;
    // INVESTIGATION_STARTED comes before the script is admitted to the sandbox: wait for it to run.
    await expect.poll(scriptsRunning, { timeout: 10_000, interval: 50 }).toBe(1);
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const cut = await client.query<{ name: string }>(
        "select application_name as name, pg_terminate_backend(pid) from pg_stat_activity where application_name like 'investigator-events %'",
      );
      expect(cut.rows.map((r) => r.name)).toEqual(expect.arrayContaining([`investigator-events worker ${id}`, expect.stringMatching(/^investigator-events api /)]));
    } finally {
      await client.end();
    }
    const { cancelRun } = await ok(apiB.url, Cancel, { id: runId });
    expect(cancelRun.status).toBe('CANCELLED');
    expect((await rerun).rerunInvestigation).toMatchObject({ status: 'CANCELLED' });
    // The script sleeps 60 s: the worker stopped it on reading the run's stop request.
    await expect.poll(scriptsRunning, { timeout: 20_000, interval: 250 }).toBe(0);
  }, 60_000);

  it('gives the investigation of a worker that stops (SIGTERM) and does not finish it within its grace to another', async () => {
    workers.set('w3', await spawnServer(join(root, 'worker-3'), { ...common(), ROLE: 'worker', WORKER_ID: 'w3', WORKER_SLOTS: '1' }));
    const { answer: rerun, runId, worker: stopping } = await sleepingRerun(apiA, 4);
    const worker = workers.get(stopping)!;
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    workers.delete(stopping);
    stoppedWorker = stopping;
    expect((await rerun).rerunInvestigation).toMatchObject({ status: 'SUCCEEDED' });
    const run = await eventsOf(apiB, runId);
    const by = startedBy(run.events);
    expect(by).toHaveLength(2);
    expect(by[0]).toBe(stopping);
    expect(by[1]).not.toBe(stopping);
    expect(run.events.filter((e) => e.type === 'INVESTIGATION_SUCCEEDED')).toHaveLength(1);
  }, 60_000);

  it('lists the workers in an API server’s /health: a stopped one leaves, a killed one is shown lost after three missed heartbeats', async () => {
    const expected = ['w1', 'w2', 'w3'].filter((id) => id !== stoppedWorker).map((id) => ({ id, alive: id !== killedWorker }));
    expect(expected).toHaveLength(2);
    await expect
      .poll(async () => (await registry(apiB)).list.map(({ id, alive }) => ({ id, alive })), { timeout: 50_000, interval: 1000 })
      .toEqual(expected);
    expect((await registry(apiB)).alive).toBe(1);
  }, 60_000);

  it('lets a client whose API server died resume on another from the last seq it saw', async () => {
    const { answer: rerun, runId } = await sleepingRerun(apiB, 3);
    const seen: number[] = [];
    const first = subscribeWs(apiA.wsUrl, Progress, { runId }, (r) => {
      seen.push(r.investigationProgress.seq);
      if (seen.length === 2) apiA.process.kill('SIGKILL');
    }).catch((err: unknown) => err);
    await apiA.exited;
    await first;
    const rest = await subscribeWs(apiB.wsUrl, Progress, { runId, afterSeq: seen.at(-1)! });
    await rerun;
    const all = [...seen, ...rest.map((r) => r.investigationProgress.seq)];
    const stored = (await eventsOf(apiB, runId)).events.map((e) => e.seq);
    expect(all).toEqual(stored);
    expect(rest.at(-1)!.investigationProgress.type).toBe('RUN_FINISHED');
  }, 60_000);
});

const Timeline = graphql(`
  query TimelineAcrossProcesses($id: ID!) {
    run(id: $id) {
      status
      investigations {
        startedAt
        finishedAt
      }
    }
  }
`);

describe('a deployment whose datasets are in S3, with a tenant’s limit of investigations at once over every worker', () => {
  let cluster: Postgres;
  let s3: S3Server;
  let dir: string;
  const children: ChildServer[] = [];
  beforeAll(async () => {
    [cluster, s3] = await Promise.all([startPostgres(), startS3()]);
    dir = tempDataDir();
    const env = { DATABASE_URL: cluster.url, ...s3.env(), AUTH: 'off', TENANT_MAX_CONCURRENT_INVESTIGATIONS: '1', TENANT_REQUESTS_PER_MINUTE: '0' };
    children.push(await spawnServer(join(dir, 'api'), { ...env, ROLE: 'api' }));
    children.push(
      ...(await Promise.all(['w1', 'w2'].map((id) => spawnServer(join(dir, id), { ...env, ROLE: 'worker', WORKER_ID: id, WORKER_SLOTS: '2' })))),
    );
  }, 120_000);
  afterAll(async () => {
    for (const child of children) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await cluster?.stop();
    await s3?.stop();
    if (dir) removeDataDir(dir);
  }, 60_000);

  it('each worker reads the dataset from the bucket into its own cache, checked against its sha256', async () => {
    const api = children[0]!;
    const datasetId = await seedDataset(api.url, SALES_CSV);
    const sha = createHash('sha256').update(readFileSync(SALES_CSV)).digest('hex');
    const run = await ok(api.url, Investigate, { input: { datasetId, issues: [...CORE_ISSUES, ...CORE_ISSUES.map((i) => ({ ...i, id: `${i.id}-again` }))], codegen: 'TEMPLATE', concurrency: 4, wait: true } });
    expect(run.investigateIssues.status).toBe('SUCCEEDED');
    const cached = (process: string) => join(dir, process, 'dataset-cache', `${sha}.csv`);
    // The API kept what it uploaded; nothing is in a dataset directory of any process.
    expect(readFileSync(cached('api')).equals(readFileSync(SALES_CSV))).toBe(true);
    const workersWithCopy = ['w1', 'w2'].filter((w) => existsSync(cached(w)));
    expect(workersWithCopy.length).toBeGreaterThan(0);
    for (const w of workersWithCopy) expect(createHash('sha256').update(readFileSync(cached(w))).digest('hex')).toBe(sha);
    for (const p of ['api', 'w1', 'w2']) expect(existsSync(join(dir, p, 'datasets'))).toBe(false);
  }, 90_000);

  it('runs one at a time when the tenant may run one, though four slots are free', async () => {
    const api = children[0]!;
    const datasetId = await seedDataset(api.url, SALES_CSV);
    const runs = await Promise.all(
      [0, 1].map(async () => (await ok(api.url, Investigate, { input: { datasetId, issues: CORE_ISSUES, codegen: 'TEMPLATE', concurrency: 3 } })).investigateIssues.id),
    );
    const intervals: Array<[number, number]> = [];
    for (const id of runs) {
      await expect.poll(async () => (await ok(api.url, Timeline, { id })).run!.status, { timeout: 60_000, interval: 200 }).toBe('SUCCEEDED');
      for (const inv of (await ok(api.url, Timeline, { id })).run!.investigations) intervals.push([Date.parse(inv.startedAt as string), Date.parse(inv.finishedAt as string)]);
    }
    expect(intervals).toHaveLength(8);
    intervals.sort((a, b) => a[0] - b[0]);
    // No investigation started before the previous one had finished.
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]![0]).toBeGreaterThanOrEqual(intervals[i - 1]![1]);
  }, 90_000);
});
