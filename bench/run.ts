// npm run bench: per-investigation times through the real server (GraphQL in, result stored, event
// published): the service's templates in the warm fork server's trusted worker, against the pure pandas
// compute floor measured in the same run, the same code as untrusted user code, and cold processes; a run
// of the four core issues; uploads; the heuristic fallback (no Python) per core type; detectIssues; the
// server's start. Prints Markdown tables, then the JSON. BENCH_SIZES=2,10000 to choose sizes;
// BENCH_README=1 rewrites the README's bench section with the tables; BENCH_RAW=1 prints each template cell's
// samples (floor and ours, in the order taken) on stderr.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateCodeGenerator } from '../src/pipeline/codegen/templateGenerator';
import { PYTHON, writeGeneratedSales } from '../test/helpers/data';
import { CORE_ISSUES } from '../test/helpers/seed';
import { removeDataDir, ROOT, SERVER_LAUNCHER, spawnServer, tempDataDir, type ChildServer } from '../test/helpers/server';
import { gql, upload } from './client';
import { percentile, round, settled } from './measure';
import { machine, markdown, writeReadme, type BenchFigures, type SizeFigures } from './report';

const sizes = (process.env.BENCH_SIZES ?? '2,10000,200000,1000000').split(',').map(Number);
const repeats = (rows: number) => (rows >= 1_000_000 ? 8 : 20);
const p50 = (xs: number[]) => round(percentile(xs, 50));
const dir = tempDataDir();

type Method = 'TEMPLATE' | 'HEURISTIC';

/** One run, timed from the request to the answer (wait: true answers once stored and published). */
async function investigate(server: ChildServer, datasetId: string, issues: unknown[], codegen: Method = 'TEMPLATE') {
  const started = performance.now();
  const data = await gql(
    server,
    'mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { status investigations { id status method error } } }',
    { i: { datasetId, issues, wait: true, codegen } },
  );
  const ms = performance.now() - started;
  const run = data.investigateIssues;
  // A template that failed and fell back to the heuristic would time something else.
  if (run.status !== 'SUCCEEDED' || run.investigations.some((i: { method: string }) => i.method !== codegen)) {
    throw new Error(`run ${run.status}: ${JSON.stringify(run.investigations)}`);
  }
  return { ms, ids: run.investigations.map((i: { id: string }) => i.id) as string[] };
}

/** The same code as a user's (untrusted: a forked, isolated child), timed like a template investigation. */
async function rerunAsUserCode(server: ChildServer, investigationId: string, code: string) {
  const started = performance.now();
  const data = await gql(server, 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status method error } }', {
    id: investigationId,
    code,
  });
  const ms = performance.now() - started;
  const inv = data.rerunInvestigation;
  if (inv.status !== 'SUCCEEDED' || inv.method !== 'CUSTOM') throw new Error(`rerun ${inv.status} ${inv.method}: ${inv.error}`);
  return ms;
}

async function codeOf(server: ChildServer, investigationId: string): Promise<string> {
  return (await gql(server, 'query($id: ID!) { investigation(id: $id) { code } }', { id: investigationId })).investigation.code;
}

/**
 * From spawning the built server (as `npm start` does) to its first /health answer (liveness), its first
 * GraphQL answer (serving) and /ready answering 200 (serving, its sandbox probed and its upload path warm).
 */
async function startupMs(): Promise<{ healthMs: number; servingMs: number; readyMs: number }> {
  const started = performance.now();
  const dataDir = tempDataDir();
  const child = spawn(SERVER_LAUNCHER, [], {
    cwd: ROOT,
    env: { ...process.env, NODE: process.execPath, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      // The first line naming the url is "listening; starting": /health answers from then on, before the app is ready.
      const found = /"url":"(http:\/\/[^"/]+)(?:\/graphql)?"/.exec(chunk.toString());
      if (found) resolve(found[1]!);
    });
  });
  const until = async (path: string, ok: (status: number) => boolean) => {
    for (;;) {
      const status = await fetch(`${url}${path}`).then((r) => r.status, () => 0);
      if (ok(status)) return round(performance.now() - started);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const healthMs = await until('/health', (status) => status === 200);
  // The app answers GraphQL once built (401 without a token), before /ready: 503 until then.
  const servingMs = await until('/graphql?query=%7B__typename%7D', (status) => status !== 0 && status !== 503);
  const readyMs = await until('/ready', (status) => status === 200);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  removeDataDir(dataDir);
  return { healthMs, servingMs, readyMs };
}

/**
 * The floor harness (bench/floor.py) holding the dataset parsed: `time(script)` is one run of the script there.
 * The bench asks for one floor run before each investigation of ours, so that both see the same machine.
 */
async function floorHarness(dataset: string) {
  const child = spawn(PYTHON, [join(ROOT, 'bench', 'floor.py'), dataset], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (what: string) => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`bench/floor.py ended (exit code ${child.exitCode}) before ${what}`);
    return value;
  };
  await next('loading the dataset'); // its "ready": loading it would otherwise compete with the uploads
  return {
    async time(script: string): Promise<number> {
      child.stdin.write(`${script}\n`);
      return Number(await next(`timing ${script}`));
    },
    async close() {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

const peakRssMb = (s: ChildServer) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${s.process.pid}/status`, 'utf8'))![1]) / 1024);

/** The scripts the templates write for the four core issues, as files for the floor harness. */
async function scripts(): Promise<string[]> {
  const generator = new TemplateCodeGenerator();
  return Promise.all(
    CORE_ISSUES.map(async (issue) => {
      const path = join(dir, `${issue.type}.py`);
      writeFileSync(path, (await generator.generate({ issue } as never)).code);
      return path;
    }),
  );
}

async function measureSize(warm: ChildServer, cold: ChildServer, rows: number, scriptFiles: string[]): Promise<SizeFigures> {
  const path = join(dir, `generated-${rows}.csv`);
  writeGeneratedSales(path, rows, { seed: 42 });
  const floor = await floorHarness(path);
  try {
    return await measureWith(floor, warm, cold, rows, path, scriptFiles);
  } finally {
    await floor.close();
  }
}

async function measureWith(floor: Awaited<ReturnType<typeof floorHarness>>, warm: ChildServer, cold: ChildServer, rows: number, path: string, scriptFiles: string[]): Promise<SizeFigures> {
  const bytes = statSync(path).size;
  // Warm as the investigations are: the first upload of this file timed apart (its code paths and fresh
  // memory are new to the server), then the p50 of five.
  const timedUpload = async () => {
    const uploadStarted = performance.now();
    const id = await upload(warm, path);
    return { id, ms: performance.now() - uploadStarted };
  };
  const first = await timedUpload();
  const uploads: number[] = [];
  let warmId = first.id;
  for (let k = 0; k < 5; k++) {
    const next = await timedUpload();
    uploads.push(next.ms);
    warmId = next.id;
  }
  const uploadMs = percentile(uploads, 50);
  const coldId = await upload(cold, path);
  const judged = [];
  for (const [i, issue] of CORE_ISSUES.entries()) {
    const firstRun = await investigate(warm, warmId, [issue]); // starts the fork server
    const code = await codeOf(warm, firstRun.ids[0]!);
    const f: number[] = [];
    const w: number[] = [];
    const u: number[] = [];
    const c: number[] = [];
    for (let k = 0; k < repeats(rows); k++) {
      f.push(await floor.time(scriptFiles[i]!));
      w.push((await investigate(warm, warmId, [issue])).ms);
    }
    for (let k = 0; k < Math.min(repeats(rows), 8); k++) u.push(await rerunAsUserCode(warm, firstRun.ids[0]!, code));
    for (let k = 0; k < Math.min(repeats(rows), 8); k++) c.push((await investigate(cold, coldId, [issue])).ms);
    const [warmMs, floorMs] = [p50(w), p50(f)];
    if (process.env.BENCH_RAW) console.error(issue.type, 'floor', f.map(Math.round).join(' '), '| ours', w.map(Math.round).join(' '));
    const targetMs = round(1.3 * floorMs + 15);
    judged.push({ rows, type: issue.type, warmMs, floorMs, targetMs, met: warmMs <= targetMs, coldMs: p50(c), untrustedMs: p50(u) });
  }
  // Warm as the singles are: a first run untimed (the run's templates run at once, in trusted workers that
  // the singles, one at a time, never needed: it starts them), then the p50 of five.
  await investigate(warm, warmId, CORE_ISSUES);
  const runs: number[] = [];
  for (let k = 0; k < 5; k++) runs.push((await investigate(warm, warmId, CORE_ISSUES)).ms);
  const heuristicMs: Record<string, number> = {};
  const heuristicTargetMs: Record<string, number> = {};
  for (const issue of CORE_ISSUES) {
    // Warm as the templates are: a first call untimed (it reads the dataset into a worker thread, as the
    // template's first starts its fork server), then the p50 of five.
    await investigate(warm, warmId, [issue], 'HEURISTIC');
    const h: number[] = [];
    for (let k = 0; k < 5; k++) h.push((await investigate(warm, warmId, [issue], 'HEURISTIC')).ms);
    heuristicMs[issue.type] = p50(h);
    heuristicTargetMs[issue.type] = round(2 * judged.find((t) => t.type === issue.type)!.warmMs);
  }
  const detectStarted = performance.now();
  const detected = (await gql(warm, 'mutation($d: ID!) { detectIssues(datasetId: $d) { type } }', { d: warmId })).detectIssues;
  const detectMs = round(performance.now() - detectStarted);
  // The same rows with ten columns, on the cold server: no thread there has read them (its runs were templates).
  const widePath = join(dir, `generated-${rows}-wide.csv`);
  writeGeneratedSales(widePath, rows, { seed: 42, wide: true });
  const wideId = await upload(cold, widePath);
  const wideStarted = performance.now();
  const wide = (await gql(cold, 'mutation($d: ID!) { detectIssues(datasetId: $d) { type } }', { d: wideId })).detectIssues;
  const detectWideColdMs = round(performance.now() - wideStarted);
  return {
    rows,
    megabytes: bytes / 1e6,
    uploadMBps: bytes / 1e6 / (uploadMs / 1000),
    firstUploadMBps: bytes / 1e6 / (first.ms / 1000),
    templates: judged,
    runOfFour: { runMs: p50(runs), sumOfSinglesMs: round(judged.reduce((sum, t) => sum + t.warmMs, 0)) },
    heuristicMs,
    heuristicTargetMs,
    detectMs,
    detectHypotheses: detected.length,
    detectWideColdMs,
    detectWideHypotheses: wide.length,
  };
}

/**
 * Upload memory: a fresh server's peak RSS before any upload, then after uploading a file of `rows` rows and
 * one four times as large, each alone; flat in file size means the second peak is no higher than the first.
 */
async function uploadMemory(rows: number) {
  const files = [rows, 4 * rows].map((n) => {
    const path = join(dir, `memory-${n}.csv`);
    writeGeneratedSales(path, n, { seed: 9 });
    return path;
  });
  const server = await spawnServer(join(dir, 'memory-data'));
  try {
    // The first uploaded as soon as the server is ready, as a load balancer would (its threads' warm-up,
    // compose/warmUp.ts, waits for a quiet moment), the second right after it.
    while ((await fetch(new URL('/ready', server.url))).status !== 200) await new Promise((r) => setTimeout(r, 5));
    const baseMb = peakRssMb(server);
    const measured = [];
    for (const path of files) {
      const started = performance.now();
      await upload(server, path);
      const megabytes = statSync(path).size / 1e6;
      measured.push({ megabytes, uploadMBps: megabytes / ((performance.now() - started) / 1000), peakRssMb: peakRssMb(server) });
    }
    return { baseMb, measured };
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
    for (const path of files) rmSync(path, { force: true });
  }
}

const warm = await spawnServer(join(dir, 'warm-data'));
const cold = await spawnServer(join(dir, 'cold-data'), { SANDBOX_WARM: 'false' });
try {
  const scriptFiles = await scripts();
  await settled([warm, cold]);
  const beforeUploads = peakRssMb(warm);
  const measured: SizeFigures[] = [];
  for (const rows of sizes) measured.push(await measureSize(warm, cold, rows, scriptFiles));
  const starts = [await startupMs(), await startupMs(), await startupMs()];
  const memory = sizes.includes(1_000_000) ? await uploadMemory(1_000_000) : null;
  const figures: BenchFigures = {
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    sizes: measured,
    startup: { healthMs: p50(starts.map((x) => x.healthMs)), servingMs: p50(starts.map((x) => x.servingMs)), readyMs: p50(starts.map((x) => x.readyMs)) },
    serverPeakRssMb: { beforeUploads, after: peakRssMb(warm) },
    uploadMemory: memory?.measured ?? null,
    uploadMemoryBaseMb: memory?.baseMb ?? null,
  };
  console.log(markdown(figures));
  console.log(JSON.stringify(figures, null, 2));
  if (process.env.BENCH_README === '1') writeReadme(join(ROOT, 'README.md'), figures);
} catch (err) {
  for (const [name, s] of Object.entries({ warm, cold })) console.error(`--- ${name} server log (last lines)\n${s.logs.slice(-15).join('\n')}`);
  throw err;
} finally {
  for (const s of [warm, cold]) {
    s.process.kill('SIGTERM');
    await s.exited;
  }
  removeDataDir(dir);
}
