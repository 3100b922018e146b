import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCsv } from '../src/datasets/ingest';
import type { SamplePool } from '../src/datasets/samplePool';
import { rng } from './helpers/data';

/**
 * The sample pool built at upload (datasets/samplePool.ts), checked against the rows it was built from,
 * computed here directly: ids that are row numbers, numbers with gaps, a category with gaps, texts with gaps,
 * and remarks, all distinct (kept as texts, as the ids are), some long, some multi-byte, some empty.
 */
const ROWS = 120_000;
let dir: string;
let rows: string[][];
let pool: SamplePool;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sample-pool-'));
  const random = rng(5);
  rows = Array.from({ length: ROWS }, (_, i) => [
    `row${i}`,
    random.next() < 0.05 ? '' : String(random.int(1_000_000) / 100),
    random.next() < 0.02 ? '' : random.pick(['north', 'south', 'east', 'west']),
    i % 997 === 0 ? '' : `word${random.int(50_000)}`,
    i % 101 === 0 ? '' : i % 3 === 0 ? `rémarque ✓ ${i} ${'x'.repeat(i % 70)}` : `r${i}`,
  ]);
  const path = join(dir, 'rows.csv');
  writeFileSync(path, ['id,amount,region,note,remark', ...rows.map((r) => r.join(','))].join('\n') + '\n');
  ({ pool } = await ingestCsv(createReadStream(path), { maxBytes: Number.POSITIVE_INFINITY, columnsFile: join(dir, 'rows.columns'), parser: 'thread' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let kept: Map<number, string[]> | undefined;
const fieldsOf = (i: number) => (kept ??= new Map(pool.rows)).get(i);

describe('the sample pool built at upload', () => {
  it('keeps each row it refers to with its fields as in the file', () => {
    for (const [i, fields] of pool.rows) expect(fields).toEqual(rows[i]);
  });

  it('lists each row once, in row order: exactly the rows its lists name', () => {
    const indexes = pool.rows.map(([i]) => i);
    indexes.forEach((i, k) => k === 0 || expect(i).toBeGreaterThan(indexes[k - 1]!));
    const named = new Set([pool.uniform, ...Object.values(pool.nullRows), ...Object.values(pool.extremes), ...Object.values(pool.valueFirstRows)].flat());
    expect(new Set(indexes)).toEqual(named);
    expect(pool.uniform).toEqual([...pool.uniform].sort((a, b) => a - b));
  });

  it('keeps a uniform reservoir: as many rows as it holds, each row as likely as any other', () => {
    const capacity = Math.min(20_000, Math.floor(1_200_000 / (5 * 12)));
    expect(pool.uniform).toHaveLength(capacity);
    expect(new Set(pool.uniform).size).toBe(capacity);
    // Every tenth of the file holds a tenth of the reservoir: 2,000 expected, binomial sd ~42; 6 sd allowed.
    const tenths = Array.from({ length: 10 }, () => 0);
    for (const i of pool.uniform) tenths[Math.floor((i * 10) / ROWS)]! += 1;
    for (const count of tenths) expect(Math.abs(count - capacity / 10)).toBeLessThan(250);
    // Also within a tenth (the first rows filled the reservoir; later ones each had capacity / seen's chance).
    const firstHundredths = Array.from({ length: 10 }, () => 0);
    for (const i of pool.uniform) if (i < ROWS / 10) firstHundredths[Math.floor((i * 100) / ROWS)]! += 1;
    for (const count of firstHundredths) expect(Math.abs(count - capacity / 100)).toBeLessThan(90);
  });

  it('keeps missing rows of every column that has them, and none of the others', () => {
    ['id', 'amount', 'region', 'note'].forEach((name, c) => {
      const missing = rows.flatMap((r, i) => (r[c] === '' ? [i] : []));
      expect(pool.nullRows[name]).toHaveLength(Math.min(50, missing.length));
      for (const i of pool.nullRows[name]!) expect(fieldsOf(i)![c]).toBe('');
    });
  });

  it('keeps the rows of the ten lowest and ten highest numbers, the first row of each of a few values, nothing for ids', () => {
    const amounts = rows.flatMap((r, i) => (r[1] === '' ? [] : [{ i, x: Number(r[1]) }]));
    const lowest = [...amounts].sort((a, b) => a.x - b.x || a.i - b.i).slice(0, 10);
    const highest = [...amounts].sort((a, b) => b.x - a.x || a.i - b.i).slice(0, 10);
    expect(pool.extremes.amount).toEqual([...lowest, ...highest].map((a) => a.i));
    expect(pool.extremes.id).toEqual([]);
    expect(pool.extremes.note).toEqual([]);

    const firstOf = new Map<string, number>();
    rows.forEach((r, i) => r[2] === '' || firstOf.has(r[2]!) || firstOf.set(r[2]!, i));
    expect(pool.valueFirstRows.region).toEqual([...firstOf.values()]);
    expect(pool.valueFirstRows.id).toEqual([]);
  });
});
