import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectionWork, inThisThread, onOneThread, onPoolThreads, SPREAD_MIN_FIELDS } from '../src/analysis/detectionWork';
import type { Measurement } from '../src/analysis/measurements';
import { duplicateRows, RowKeys } from '../src/analysis/profiler';
import { profileAndPropose } from '../src/analysis/propose';
import { ingestLocalCsv, warmUpDataset } from '../src/datasets/ingest';
import { PiiRedactor } from '../src/pipeline/redact';
import { CpuPool } from '../src/workers/pool';
import { PYTHON, rng, writeGeneratedSales } from './helpers/data';
import { evalDatasets } from './helpers/detectData';

// detectIssues' work spread over the worker threads (a task per column, then per measurement) gives what the
// same work gives in one thread, and its count of whole rows repeated is pandas'.

const dir = mkdtempSync(join(tmpdir(), 'detect-threads-'));
let pool: CpuPool;
beforeAll(() => {
  pool = new CpuPool({ threads: 2 });
});
afterAll(async () => {
  await pool.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const signal = new AbortController().signal;
const redactor = new PiiRedactor(true);

/** Rows pandas marks as repeated anywhere in the file (duplicated(keep=False)). */
function pandasRepeatedRows(path: string): number {
  const script = 'import pandas as pd, sys; print(int(pd.read_csv(sys.argv[1]).duplicated(keep=False).sum()))';
  return Number(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' }));
}

describe('detectIssues on the worker threads', () => {
  it('proposes the hypotheses, and makes the profile, that one thread makes, whether spread over the threads or sent to one: on every evaluation dataset and 120,000 rows of ten columns', async () => {
    const large = join(dir, 'wide.csv');
    writeGeneratedSales(large, 120_000, { seed: 3, wide: true });
    const files = [...evalDatasets(dir).map((d) => d.path), large];
    for (const [k, path] of files.entries()) {
      const dataset = await ingestLocalCsv(path, dir, `eval${k}`);
      const here = await profileAndPropose(dataset, signal, redactor, inThisThread);
      // A large dataset no thread has read is spread over the threads; then, read, it goes to one.
      expect(pool.hasRead(dataset.sha256)).toBe(false);
      const spread = await profileAndPropose(dataset, signal, redactor, onPoolThreads(pool));
      expect(pool.hasRead(dataset.sha256)).toBe(true);
      const one = await profileAndPropose(dataset, signal, redactor, onOneThread(pool));
      expect(spread.issues.length).toBeGreaterThan(0);
      expect({ path, ...spread }).toEqual({ path, ...here });
      expect({ path, ...one }).toEqual({ path, ...here });
      // Where a detection goes: spread only over a large dataset no thread has read (the evaluation datasets are small).
      expect(detectionWork(pool, dataset).where).toBe('one thread');
      expect(detectionWork(pool, { ...dataset, sha256: 'never read' }).where).toBe(path === large ? 'spread' : 'one thread');
      expect(dataset.rowCount * dataset.columns.length >= SPREAD_MIN_FIELDS).toBe(path === large);
    }
    expect(pool.state.threads).toBe(2);
  });

  it('counts repeated row keys in parts that add up to the whole, each part a fair share of the rows', () => {
    // Keys whose first halves are all even (a weak hash's low bits): the parts must not follow the low bits.
    const random = rng(23);
    const keys = new RowKeys(60_000);
    for (let row = 0; row < keys.first.length; row++) {
      const copyOf = row > 0 && random.next() < 0.1 ? random.int(row) : -1;
      keys.first[row] = copyOf >= 0 ? keys.first[copyOf]! : random.int(1 << 20) * 2;
      keys.second[row] = copyOf >= 0 ? keys.second[copyOf]! : random.int(1 << 30);
    }
    const seen = new Map<string, number>();
    for (let row = 0; row < keys.first.length; row++) {
      const key = `${keys.first[row]},${keys.second[row]}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const expected = [...seen.values()].filter((n) => n > 1).reduce((sum, n) => sum + n, 0);
    expect(expected).toBeGreaterThan(5000);
    expect(duplicateRows(keys)).toBe(expected);
    for (const of of [2, 4]) {
      const parts = Array.from({ length: of }, (_, index) => duplicateRows(keys, { index, of }));
      expect(parts.reduce((sum, n) => sum + n, 0)).toBe(expected);
      for (const part of parts) expect(part).toBeGreaterThan(expected / of / 2);
    }
  });

  it('counts the whole rows repeated as pandas does, also where values trade places between columns', async () => {
    const random = rng(17);
    const rows: string[][] = [];
    for (let i = 0; i < 4000; i++) {
      const [a, b] = [random.int(40), random.int(40)];
      rows.push([String(a), String(b), random.pick(['red', 'green', 'blue']), random.next() < 0.1 ? '' : String(random.int(5) / 2)]);
      // The same values in the first two columns the other way round: another row, unless a equals b.
      if (i % 50 === 0) rows.push([String(b), String(a), rows.at(-1)![2]!, rows.at(-1)![3]!]);
      if (i % 400 === 0) rows.push([...rows.at(-1)!]);
    }
    const path = join(dir, 'rows.csv');
    writeFileSync(path, ['a,b,colour,score', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const expected = pandasRepeatedRows(path);
    expect(expected).toBeGreaterThan(100);
    expect(expected).toBeLessThan(rows.length);
    const dataset = await ingestLocalCsv(path, dir, 'rows');
    for (const work of [inThisThread, onPoolThreads(pool)]) {
      const { profile } = await profileAndPropose(dataset, signal, redactor, work);
      expect(profile.duplicateRowCandidates).toBe(expected);
    }
  });

  it('lends each thread the columns the others read for the profile: measurements reading every column run on both threads with the columns file gone', async () => {
    const random = rng(29);
    const lines = ['a,b,colour,score'];
    for (let i = 0; i < 6000; i++) lines.push([random.int(300), random.int(50), random.pick(['red', 'green', 'blue']), random.int(7)].join(','));
    const path = join(dir, 'lent.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const dataset = await ingestLocalCsv(path, dir, 'lent');
    const measurements: Measurement[] = ['a', 'b'].map((key) => ({ kind: 'computation', type: 'duplicates', columns: [key] }));
    const expected = await inThisThread.measure(dataset, signal, measurements);
    expect(expected.every((m) => 'value' in m)).toBe(true);

    const work = onPoolThreads(pool);
    await work.profile(dataset, signal);
    // The file's bytes zeroed (in place: a thread may still hold it open): no column can be read from it now.
    writeFileSync(dataset.columnsPath, Buffer.alloc(statSync(dataset.columnsPath).size));
    // Two at once: one on each thread, each reading all four columns, which neither thread read all of.
    expect(await work.measure(dataset, signal, measurements)).toEqual(expected);
    // The same file as another dataset's, which no profile lent: read from the file, and refused.
    const [unlent] = await onPoolThreads(pool).measure({ ...dataset, sha256: 'another' }, signal, measurements.slice(0, 1));
    expect(unlent).toMatchObject({ error: { message: expect.stringMatching(/not a columns file/) } });
  });

  it("warms up only the threads that have run no task: a user's work warms a thread up as well", async () => {
    const { dataset, remove } = await warmUpDataset(dir, 'warm-up-skipped');
    const pools = [new CpuPool({ threads: 2, keepStarted: true }), new CpuPool({ threads: 2, keepStarted: true })];
    try {
      const [oneUsed, bothUsed] = pools as [CpuPool, CpuPool];
      await oneUsed.run({ kind: 'profile', dataset });
      await Promise.all([bothUsed.run({ kind: 'profile', dataset }), bothUsed.run({ kind: 'profile', dataset })]);
      expect(bothUsed.state.threads).toBe(2);
      // One thread has worked: the warm-up goes to the other one, and stops there.
      const warmed = await oneUsed.warmUpOn(dataset);
      expect(warmed).toHaveLength(1);
      expect(oneUsed.state.threads).toBe(2);
      // Both have: nothing to warm up.
      expect(await bothUsed.warmUpOn(dataset)).toEqual([]);
      expect(bothUsed.state.completed).toBe(2);
    } finally {
      await remove();
      await Promise.all(pools.map((p) => p.dispose()));
    }
  });

  it('warms every thread up on a generated dataset, keeps them, and has them forget what they read once idle', async () => {
    const kept = new CpuPool({ threads: 2, keepStarted: true, forgetAfterIdleMs: 800 });
    const { dataset, remove } = await warmUpDataset(dir, 'warm-up');
    try {
      const here = await profileAndPropose(dataset, signal, new PiiRedactor(false), inThisThread);
      expect(here.issues.length).toBeGreaterThan(0);
      // Each thread ran detectIssues' whole work on it, one after the other, each once `before` let it.
      const before: number[] = [];
      const warmed = await kept.warmUpOn(dataset, async (done) => {
        before.push(done);
        expect(kept.state.completed).toBe(done);
      });
      expect(before).toEqual([0, 1]);
      expect(warmed.map((w) => w.hypotheses)).toEqual([here.issues.length, here.issues.length]);
      expect(new Set(warmed.map((w) => w.threadId)).size).toBe(2);
      expect(kept.state.threads).toBe(2);
      expect(kept.hasRead(dataset.sha256)).toBe(false); // the warm-up claims no dataset

      const spread = await profileAndPropose(dataset, signal, redactor, onPoolThreads(kept));
      expect(kept.hasRead(dataset.sha256)).toBe(true);
      // Idle past forgetAfterIdleMs: the threads forgot the dataset, and the pool no longer counts it as read.
      await expect.poll(() => kept.hasRead(dataset.sha256), { timeout: 5000, interval: 100 }).toBe(false);
      expect(kept.state.threads).toBe(2);
      expect(await profileAndPropose(dataset, signal, redactor, onOneThread(kept))).toEqual(spread);
    } finally {
      await remove();
      await kept.dispose();
    }
  });
});
