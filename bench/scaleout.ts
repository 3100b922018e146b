// npm run bench:scale-out: the cost of running on PostgreSQL with separate processes, against the embedded
// default, on this machine: one template investigation through GraphQL (wait: true) embedded, on one
// ROLE=all process on PostgreSQL, and on an API server with workers (dispatch through the pg-boss queue);
// then a run of 200 template investigations with 1 and with 2 workers, with the machine's busy share and
// the CPU seconds of its main consumers meanwhile. Prints JSON.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SALES_CSV } from '../test/helpers/data';
import { startPostgres } from '../test/helpers/postgres';
import { CORE_ISSUES } from '../test/helpers/seed';
import { removeDataDir, spawnServer, tempDataDir, type ChildServer } from '../test/helpers/server';
import { gql, upload } from './client';
import { cpuBetween, cpuSnapshot, percentile, round, summary } from './measure';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 20);
const BIG_RUN = Number(process.env.BENCH_RUN_SIZE ?? 200);
const BIG_RUN_REPEATS = Number(process.env.BENCH_RUN_REPEATS ?? 3);
const root = tempDataDir();
const children: ChildServer[] = [];

async function spawn(name: string, env: Record<string, string>) {
  const child = await spawnServer(join(root, name), { AUTH: 'off', TENANT_REQUESTS_PER_MINUTE: '0', ...env });
  children.push(child);
  return child;
}

async function stop(child: ChildServer) {
  child.process.kill('SIGTERM');
  await child.exited;
}

async function runMs(api: ChildServer, datasetId: string, issues: unknown[], concurrency: number) {
  return (await timedRun(api, datasetId, issues, concurrency)).ms;
}

/** The run's wall time through GraphQL, and how long its first investigation waited to be taken on (dispatch). */
async function timedRun(api: ChildServer, datasetId: string, issues: unknown[], concurrency: number) {
  const started = performance.now();
  const { investigateIssues: run } = await gql(
    api,
    'mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { status createdAt events { type timestamp } } }',
    { i: { datasetId, issues, codegen: 'TEMPLATE', wait: true, concurrency } },
  );
  const ms = performance.now() - started;
  if (run.status !== 'SUCCEEDED') throw new Error(`run ${run.status}`);
  const claimed = (run.events as Array<{ type: string; timestamp: string }>).find((e) => e.type === 'INVESTIGATION_STARTED')!;
  return { ms, dispatchMs: Date.parse(claimed.timestamp) - Date.parse(run.createdAt as string) };
}

/**
 * The big run BIG_RUN_REPEATS times: wall time and, for each, the machine's busy share and the CPU seconds
 * of each process tree (other sessions on a shared machine show as `other`).
 */
async function bigRuns(api: ChildServer, datasetId: string, issues: unknown[], processes: Record<string, number>) {
  const runs = [];
  for (let i = 0; i < BIG_RUN_REPEATS; i++) {
    const before = cpuSnapshot(processes);
    const ms = await runMs(api, datasetId, issues, 4);
    runs.push({ ms: round(ms), perInvestigationMs: round(ms / issues.length), ...cpuBetween(before, cpuSnapshot(processes)) });
  }
  return { medianMs: round(percentile(runs.map((r) => r.ms), 50)), runs };
}

/** One investigation at a time, REPEATS times, after one to warm up: wall time and dispatch. */
async function single(api: ChildServer) {
  const datasetId = await upload(api, SALES_CSV);
  await runMs(api, datasetId, [CORE_ISSUES[0]], 1);
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await timedRun(api, datasetId, [CORE_ISSUES[0]], 1));
  return { datasetId, ms: { ...summary(runs.map((r) => r.ms)), dispatchMs: summary(runs.map((r) => r.dispatchMs)) } };
}

const results: Record<string, unknown> = { repeats: REPEATS, runSize: BIG_RUN, runRepeats: BIG_RUN_REPEATS };
const postgres = await startPostgres();
try {
  const embedded = await spawn('embedded', {});
  results.embeddedOneInvestigationMs = (await single(embedded)).ms;
  await stop(embedded);

  const pgAll = await spawn('pg-all', { DATABASE_URL: postgres.url });
  results.postgresRoleAllOneInvestigationMs = (await single(pgAll)).ms;
  await stop(pgAll);

  const shared = { DATABASE_URL: postgres.url, DATASET_DIR: join(root, 'datasets') };
  mkdirSync(shared.DATASET_DIR, { recursive: true });
  const api = await spawn('api', { ...shared, ROLE: 'api' });
  const w1 = await spawn('w1', { ...shared, ROLE: 'worker', WORKER_ID: 'w1', WORKER_SLOTS: '2' });
  const { datasetId, ms } = await single(api);
  results.apiAndWorkerOneInvestigationMs = ms;

  const issues = Array.from({ length: BIG_RUN }, (_, i) => ({ ...CORE_ISSUES[i % CORE_ISSUES.length]!, id: `i${i}` }));
  const oneWorker = { api: api.process.pid!, w1: w1.process.pid!, postgres: postgres.pid(), bench: process.pid };
  results.bigRunOneWorker = await bigRuns(api, datasetId, issues, oneWorker);
  const w2 = await spawn('w2', { ...shared, ROLE: 'worker', WORKER_ID: 'w2', WORKER_SLOTS: '2' });
  await runMs(api, datasetId, [CORE_ISSUES[0]], 1); // the second worker warms up
  results.bigRunTwoWorkers = await bigRuns(api, datasetId, issues, { ...oneWorker, w2: w2.process.pid! });
  for (const child of [w2, w1, api]) await stop(child);
} finally {
  for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) await stop(child);
  await postgres.stop();
  removeDataDir(root);
}
results.machine = { cores: (await import('node:os')).availableParallelism(), node: process.version, date: new Date().toISOString() };
console.log(JSON.stringify(results, null, 2));
