// The bench's figures as Markdown tables, and the README section they replace (between the markers).
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';

export interface TemplateFigures {
  rows: number;
  type: string;
  warmMs: number;
  floorMs: number;
  coldMs: number;
  untrustedMs: number;
  targetMs: number;
  met: boolean;
}

export interface SizeFigures {
  rows: number;
  megabytes: number;
  /** The p50 of five uploads of the file, after a first (firstUploadMBps). */
  uploadMBps: number;
  firstUploadMBps: number;
  templates: TemplateFigures[];
  runOfFour: { runMs: number; sumOfSinglesMs: number };
  heuristicMs: Record<string, number>;
  heuristicTargetMs: Record<string, number>;
  /** detectIssues on the dataset, its worker threads having read it for the heuristics. */
  detectMs: number;
  detectHypotheses: number;
  /** detectIssues on the same rows with ten columns, on a server none of whose threads has read them. */
  detectWideColdMs: number;
  detectWideHypotheses: number;
}

export interface BenchFigures {
  date: string;
  machine: string;
  sizes: SizeFigures[];
  startup: { healthMs: number; servingMs: number; readyMs: number };
  serverPeakRssMb: { beforeUploads: number; after: number };
  /** A fresh server's peak RSS before any upload and after uploading each file alone (size in MB). */
  uploadMemory: Array<{ megabytes: number; uploadMBps: number; peakRssMb: number }> | null;
  uploadMemoryBaseMb: number | null;
}

export const machine = () => `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const rows = (n: number) => n.toLocaleString('en-US');
const yes = (b: boolean) => (b ? 'yes' : '**no**');

export function markdown(f: BenchFigures): string {
  const templates = f.sizes.flatMap((s) => s.templates);
  const lines = [
    `Measured by \`npm run bench\` on ${f.date}, ${f.machine}; generated sales data (text ids, dates, categories, numbers).`,
    '',
    '**Template investigations** through GraphQL (`wait: true`, one at a time), p50. *Ours* runs the template in the',
    "warm fork server's trusted worker; *floor* is the same script on a frame already loaded (`bench/floor.py`, one",
    'run of it before each of ours, so both see the machine alike). Both draw the templates\' charts (matplotlib, `CHARTS` on: 30–70 ms a',
    'chart on this machine, which a run with `charts: false` skips);',
    '*untrusted* is the same code sent as user code (`rerunInvestigation` with code: a forked, isolated child each);',
    '*cold* a fresh sandbox per script. Target: ours ≤ 1.3 × floor + 15 ms.',
    '',
    '| rows | type | ours | floor | target | ours / target | met | untrusted | cold |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...templates.map(
      (t) =>
        `| ${rows(t.rows)} | ${t.type} | ${ms(t.warmMs)} | ${ms(t.floorMs)} | ${ms(t.targetMs)} | ${(t.warmMs / t.targetMs).toFixed(2)} | ${yes(t.met)} | ${ms(t.untrustedMs)} | ${ms(t.coldMs)} |`,
    ),
    '',
    '**A run of the four core issues** on one dataset against the sum of the four alone; **upload** of the file',
    '(multipart, streamed from disk as the `iterate` CLI sends it, on the same machine: p50 of five after a first, the first in brackets); **heuristics** (`codegen: HEURISTIC`, no Python;',
    'target ≤ 2 × the warm template) and **`detectIssues`**, on the dataset its threads have read (cached), and on the',
    'same rows with ten columns on a server none of whose threads has read them (cold, target ≤ 3 s at 1M rows):',
    '',
    '| rows | MB | run of 4 / sum of 4 alone | upload | missing_values | duplicates | outliers | categorical_variation | detectIssues cached | detectIssues cold, 10 columns |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...f.sizes.map((s) => {
      const h = (type: string) => `${ms(s.heuristicMs[type]!)}${s.heuristicMs[type]! <= s.heuristicTargetMs[type]! ? '' : ' (over)'}`;
      return `| ${rows(s.rows)} | ${s.megabytes.toFixed(1)} | ${ms(s.runOfFour.runMs)} / ${ms(s.runOfFour.sumOfSinglesMs)} | ${s.uploadMBps.toFixed(0)} MB/s (${s.firstUploadMBps.toFixed(0)}) | ${h('missing_values')} | ${h('duplicates')} | ${h('outliers')} | ${h('categorical_variation')} | ${ms(s.detectMs)} (${s.detectHypotheses}) | ${ms(s.detectWideColdMs)} (${s.detectWideHypotheses}) |`;
    }),
    '',
    `Server start (p50 of 3) to a healthy \`/health\`: ${ms(f.startup.healthMs)}; to its first GraphQL answer: ${ms(f.startup.servingMs)}; to \`/ready\` (its sandbox probed, its upload path warm): ${ms(f.startup.readyMs)}. The API server's peak RSS: ${f.serverPeakRssMb.beforeUploads} MB before the uploads, ${f.serverPeakRssMb.after} MB after them all (investigations included).`,
  ];
  if (f.uploadMemory) {
    lines.push(
      '',
      `**Upload memory**, and a fresh server's first uploads: its peak RSS once \`/ready\`, ${f.uploadMemoryBaseMb} MB before any upload, after uploading each file in turn (the first as soon as \`/ready\` answered): ` +
        f.uploadMemory.map((u) => `${u.megabytes.toFixed(0)} MB at ${u.uploadMBps.toFixed(0)} MB/s → ${u.peakRssMb} MB`).join('; ') +
        '.',
    );
  }
  lines.push(
    '',
    "**Targets** (issue 14), each judged from the figures above:",
    '',
    '| target | figure | met |',
    '| --- | --- | --- |',
    ...targets(f).map((t) => `| ${t.target} | ${t.figure} | ${yes(t.met)} |`),
  );
  return lines.join('\n');
}

/** Files this large or larger are judged against the upload target (smaller ones are mostly fixed cost). */
const UPLOAD_TARGET_MIN_MB = 10;
const UPLOAD_TARGET_MBPS = 50;
/** "Flat in file size": the peak grows by less than this many MB per MB of file added. */
const FLAT_MB_PER_MB = 0.25;
/** "Well under" the sum of the four alone. */
const RUN_OF_FOUR_MAX_RATIO = 0.8;

/** Issue 14's targets, each with the figure that judges it (those whose figures this run did not take are left out). */
export function targets(f: BenchFigures): Array<{ target: string; figure: string; met: boolean }> {
  const templates = f.sizes.flatMap((s) => s.templates);
  const highest = Math.max(...templates.map((t) => t.warmMs / t.targetMs));
  const runRatios = f.sizes.map((s) => s.runOfFour.runMs / s.runOfFour.sumOfSinglesMs);
  const heuristics = f.sizes.flatMap((s) => Object.keys(s.heuristicMs).map((type) => s.heuristicMs[type]! <= s.heuristicTargetMs[type]!));
  const judged: Array<{ target: string; figure: string; met: boolean }> = [
    {
      target: 'a template investigation ≤ 1.3 × the floor + 15 ms, at every size',
      figure: `${templates.filter((t) => t.met).length} of ${templates.length}; highest ours / target ${highest.toFixed(2)}`,
      met: templates.every((t) => t.met),
    },
    {
      target: `a run of the four core issues well under the four alone (≤ ${RUN_OF_FOUR_MAX_RATIO} ×)`,
      figure: `run / sum ${Math.min(...runRatios).toFixed(2)}–${Math.max(...runRatios).toFixed(2)}`,
      met: runRatios.every((r) => r <= RUN_OF_FOUR_MAX_RATIO),
    },
    {
      target: 'each core heuristic ≤ 2 × the warm template',
      figure: `${heuristics.filter(Boolean).length} of ${heuristics.length}`,
      met: heuristics.every(Boolean),
    },
  ];
  const million = f.sizes.find((s) => s.rows === 1_000_000);
  if (million) {
    judged.push({ target: 'detectIssues, 1M rows × 10 columns, cold, ≤ 3 s', figure: ms(million.detectWideColdMs), met: million.detectWideColdMs <= 3000 });
  }
  const large = f.sizes.filter((s) => s.megabytes >= UPLOAD_TARGET_MIN_MB);
  if (large.length) {
    judged.push({
      target: `upload ≥ ${UPLOAD_TARGET_MBPS} MB/s (files of ${UPLOAD_TARGET_MIN_MB} MB or more)`,
      figure: large.map((s) => `${s.megabytes.toFixed(1)} MB: ${s.uploadMBps.toFixed(0)} MB/s`).join('; '),
      met: large.every((s) => s.uploadMBps >= UPLOAD_TARGET_MBPS),
    });
  }
  if (f.uploadMemory && f.uploadMemory.length >= 2) {
    const [small, big] = [f.uploadMemory[0]!, f.uploadMemory.at(-1)!];
    const perMb = (big.peakRssMb - small.peakRssMb) / (big.megabytes - small.megabytes);
    judged.push({
      target: `server memory flat in file size (< ${FLAT_MB_PER_MB} MB of peak RSS per MB of file added)`,
      figure: `${small.megabytes.toFixed(0)} MB → ${small.peakRssMb} MB, ${big.megabytes.toFixed(0)} MB → ${big.peakRssMb} MB: ${perMb.toFixed(2)} MB per MB`,
      met: perMb < FLAT_MB_PER_MB,
    });
  }
  judged.push({
    target: 'server start to healthy ≤ 2 s (answering GraphQL)',
    figure: `first GraphQL answer ${ms(f.startup.servingMs)} (\`/health\` ${ms(f.startup.healthMs)}, \`/ready\` ${ms(f.startup.readyMs)})`,
    met: f.startup.servingMs <= 2000,
  });
  return judged;
}

const START = '<!-- bench:start (npm run bench with BENCH_README=1 writes this section) -->';
const END = '<!-- bench:end -->';

/** Replaces the README's bench section with these figures. */
export function writeReadme(path: string, figures: BenchFigures) {
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no bench section (${START} … ${END})`);
  writeFileSync(path, `${readme.slice(0, start + START.length)}\n${markdown(figures)}\n${readme.slice(end)}`);
}
