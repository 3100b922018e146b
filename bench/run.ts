// npm run bench: per-investigation times through the real server (GraphQL in, result stored, event
// published), warm fork servers against cold processes, with the pure pandas compute floor measured in
// the same run; the heuristic fallback (no Python) per core type; detectIssues; and the wall time of whole
// runs. Prints JSON. BENCH_SIZES=10000,200000 to choose sizes.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateCodeGenerator } from '../src/pipeline/codegen/templateGenerator';
import { PYTHON, SALES_CSV, writeGeneratedSales } from '../test/helpers/data';
import { CORE_ISSUES } from '../test/helpers/seed';
import { ROOT, removeDataDir, spawnServer, tempDataDir, type ChildServer } from '../test/helpers/server';
import { gql, upload } from './client';
import { healthWhile, percentile, round, summary } from './measure';

const sizes = (process.env.BENCH_SIZES ?? '10000,200000,1000000').split(',').map(Number);
const repeats = (rows: number) => (rows >= 1_000_000 ? 8 : 20);
const dir = tempDataDir();

/** One investigation, timed from the request to the answer (wait: true answers once stored and published). */
async function investigate(server: ChildServer, datasetId: string, issues: unknown[], codegen = 'TEMPLATE') {
  const started = performance.now();
  const data = await gql(
    server,
    'mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { status investigations { status error } } }',
    { i: { datasetId, issues, wait: true, codegen } },
  );
  const run = data.investigateIssues;
  if (run.status !== 'SUCCEEDED') throw new Error(`run ${run.status}: ${JSON.stringify(run.investigations)}`);
  return performance.now() - started;
}

/** From spawning `src/main.ts` to its first /health answer (liveness) and to /ready answering 200. */
async function startupMs(): Promise<{ healthMs: number; readyMs: number }> {
  const started = performance.now();
  const dataDir = tempDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir },
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
  const readyMs = await until('/ready', (status) => status === 200);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  removeDataDir(dataDir);
  return { healthMs, readyMs };
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

const results: Record<string, unknown> = {};
const warm = await spawnServer(join(dir, 'warm-data'));
const cold = await spawnServer(join(dir, 'cold-data'), { SANDBOX_WARM: 'false' });
try {
  const scriptFiles = await scripts();
  for (const rows of sizes) {
    const path = join(dir, `generated-${rows}.csv`);
    writeGeneratedSales(path, rows, { seed: 42 });
    const floor = JSON.parse(
      execFileSync(PYTHON, [join(ROOT, 'bench', 'floor.py'), path, String(repeats(rows)), ...scriptFiles], { encoding: 'utf8', maxBuffer: 1 << 26 }),
    ) as Record<string, number[]>;
    const [warmId, coldId] = [await upload(warm, path), await upload(cold, path)];
    const byType: Record<string, unknown> = {};
    const all = { warm: [] as number[], cold: [] as number[], floor: [] as number[] };
    for (const [i, issue] of CORE_ISSUES.entries()) {
      const firstWarm = await investigate(warm, warmId, [issue]); // starts the fork server
      const w: number[] = [];
      const c: number[] = [];
      for (let k = 0; k < repeats(rows); k++) w.push(await investigate(warm, warmId, [issue]));
      for (let k = 0; k < Math.min(repeats(rows), 8); k++) c.push(await investigate(cold, coldId, [issue]));
      const f = floor[scriptFiles[i]!]!;
      all.warm.push(...w);
      all.cold.push(...c);
      all.floor.push(...f);
      const p50 = (xs: number[]) => percentile(xs, 50);
      byType[issue.type] = {
        warmMs: summary(w),
        coldMs: summary(c),
        floorMs: summary(f),
        firstWarmMs: round(firstWarm),
        warmOverFloor: round(p50(w) / p50(f)),
        targetMs: round(1.3 * p50(f) + 15),
        meetsTarget: p50(w) <= 1.3 * p50(f) + 15,
        coldOverWarm: round(p50(c) / p50(w)),
      };
    }
    const heuristicMs: Record<string, unknown> = {};
    for (const issue of CORE_ISSUES) {
      const h: number[] = [];
      for (let k = 0; k < 3; k++) h.push(await investigate(warm, warmId, [issue], 'HEURISTIC'));
      heuristicMs[issue.type] = summary(h);
    }
    const healthMs = (await healthWhile(warm, () => investigate(warm, warmId, [CORE_ISSUES[3]!], 'HEURISTIC'))).health;
    const detectStarted = performance.now();
    const detected = (await gql(warm, 'mutation($d: ID!) { detectIssues(datasetId: $d) { type } }', { d: warmId })).detectIssues;
    results[`rows_${rows}`] = {
      perIssueType: byType,
      heuristicMs,
      healthDuringHeuristicMs: healthMs,
      detectIssues: { ms: round(performance.now() - detectStarted), hypotheses: detected.length },
      all: { warmMs: summary(all.warm), coldMs: summary(all.cold), floorMs: summary(all.floor), coldOverWarm: round(percentile(all.cold, 50) / percentile(all.warm, 50)) },
    };
    if (rows === 1_000_000) {
      const six = [...CORE_ISSUES, { ...CORE_ISSUES[0]!, id: 'x', affectedColumns: ['price', 'revenue'] }, { ...CORE_ISSUES[1]!, id: 'y', affectedColumns: [] }];
      results.sixIssueRun1MRowsMs = round(await investigate(warm, warmId, six));
    }
  }
  const starts = [await startupMs(), await startupMs(), await startupMs()];
  results.startup = { healthMs: summary(starts.map((x) => x.healthMs)), readyMs: summary(starts.map((x) => x.readyMs)) };
  const salesId = await upload(warm, SALES_CSV);
  results.fourIssueRunSalesCsvMs = { first: round(await investigate(warm, salesId, CORE_ISSUES)), again: round(await investigate(warm, salesId, CORE_ISSUES)) };
  results.serverPeakRssMb = { warm: peakRssMb(warm), cold: peakRssMb(cold) };
  const health = (await (await fetch(new URL('/health', warm.url))).json()) as { warmPool: Array<{ rssMb: number }> };
  results.forkServersRssMb = health.warmPool.map((s) => s.rssMb);
  console.log(JSON.stringify(results, null, 2));
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
