import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestLocalCsv } from '../src/datasets/ingest';
import { codeRowsExactly, hashBytes } from '../src/datasets/exactCodes';
import { borrowColumns, type EncodedColumn, encodedDataset, LENDABLE_MAX_VALUES, lendableColumn } from '../src/pipeline/fallback/encodedDataset';
import { indexColumnFile, readColumn } from '../src/datasets/columnFile';
import { scanner } from '../src/pipeline/fallback/scan';
import { PYTHON } from './helpers/data';

const dir = mkdtempSync(join(tmpdir(), 'encoded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rows as pandas reads them, every field as its raw text: the oracle the cached passes must equal. */
function pandasRows(path: string): string[][] {
  const script = 'import pandas as pd, sys, json; df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False); print(json.dumps(df.values.tolist()))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

describe('the heuristics’ cached dataset', () => {
  it('serves every pass the fields pandas reads, for repeated and mostly distinct columns alike', async () => {
    const path = join(dir, 'mixed.csv');
    const lines = ['id,kind,note'];
    const rows = 140_000;
    for (let i = 0; i < rows; i++) {
      // ids distinct (some not ASCII) but every 1,000th repeats an earlier one, also one read before the column turned
      // to texts; a note with quotes, commas and line breaks now and then
      const n = i % 1000 === 999 ? i - 500 : i;
      const id = `id${n % 7 === 0 ? 'é' : ''}${n}`;
      const note = i % 5000 === 0 ? `"a, ""quoted""\r\nnote ${i}"` : i % 3 === 0 ? '' : `n${i % 7}`;
      lines.push(`${id},${['a', 'b', 'NA', ' c '][i % 4]},${note}`);
    }
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const expected = pandasRows(path);
    expect(expected.length).toBe(rows);
    const dataset = await ingestLocalCsv(path, dir, 'mixed');

    // Every column, twice; then a pass naming two columns reads those two, in the rows' order.
    for (const positions of [[0, 1, 2], [0, 1, 2], [2, 0]]) {
      const seen: string[][] = [];
      const header = await scanner(dataset, new AbortController().signal)(positions, (fields, index) => {
        expect(index).toBe(seen.length);
        seen.push(positions.map((p) => fields[p]!));
      });
      expect(header).toEqual(['id', 'kind', 'note']);
      expect(seen).toEqual(expected.map((row) => positions.map((p) => row[p]!)));
    }

    const encoded = await encodedDataset(dataset);
    expect(encoded.columns[1]!.values).toEqual(['a', 'b', 'NA', ' c ']);
    // Every column, also the ids the upload kept row by row, is a dictionary giving equal codes exactly to equal texts.
    for (const [c, column] of encoded.columns.entries()) {
      const { values, codes } = column;
      expect(new Set(values).size).toBe(values.length);
      expect(values.length).toBe(new Set(expected.map((r) => r[c])).size);
      for (let row = 0; row < rows; row += 997) expect(values[codes[row]!]).toBe(expected[row]![c]);
    }
  });

  it('reads a column the first time it is used, and only the columns used', async () => {
    const path = join(dir, 'lazy.csv');
    writeFileSync(path, `a,b,c\n${Array.from({ length: 5000 }, (_, i) => `${i},x${i % 7},${i % 3 ? 'y' : ''}`).join('\n')}\n`);
    const dataset = await ingestLocalCsv(path, dir, 'lazy');
    const encoded = await encodedDataset(dataset);
    expect(encoded.columns[1]!.values).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
    // The file's bytes then zeroed: the column read stays served, and a column never used is read from the file as it now is.
    writeFileSync(dataset.columnsPath, Buffer.alloc(statSync(dataset.columnsPath).size));
    expect(encoded.columns[1]!.codes[4999]).toBe(4999 % 7);
    expect((await encodedDataset(dataset)).columns[1]!.values.length).toBe(7);
    expect(() => encoded.columns[0]).toThrow(/not valid JSON/);
    expect(() => encoded.columns[2]).toThrow(/not valid JSON/);
  });

  it('takes a column another thread lends in place of reading it, keeps one it has read, and refuses one that does not fit', async () => {
    const path = join(dir, 'lent.csv');
    writeFileSync(path, `a,b,c\n${Array.from({ length: 5000 }, (_, i) => `${i % 90},x${i % 7},${i % 3 ? 'y' : ''}`).join('\n')}\n`);
    const dataset = await ingestLocalCsv(path, dir, 'lent');
    // As another thread's reads reach this one: the codes in shared memory, the values copied.
    const index = await indexColumnFile(dataset.columnsPath, dataset.rowCount);
    const [a, b] = [0, 1].map((c) => structuredClone(lendableColumn(readColumn(index, c))!)) as [EncodedColumn, EncodedColumn];
    expect(b.codes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const encoded = await encodedDataset(dataset);
    const own = encoded.columns[0]!;
    await borrowColumns(dataset, [[0, a], [1, b]]);
    writeFileSync(dataset.columnsPath, Buffer.alloc(statSync(dataset.columnsPath).size));
    expect(encoded.columns[0]).toBe(own);
    expect(encoded.columns[1]).toBe(b);
    expect(() => encoded.columns[2]).toThrow(/not valid JSON/);
    await expect(borrowColumns(dataset, [[2, { values: ['y'], codes: new Int32Array(new SharedArrayBuffer(4 * 4999)) }]])).rejects.toThrow(/Column 2 lent .* does not fit/);
    // Lent only from shared memory, and only with few enough values to copy.
    expect(lendableColumn({ values: ['y'], codes: new Int32Array(5000) })).toBeNull();
    const many = { values: Array.from({ length: LENDABLE_MAX_VALUES + 1 }, (_, i) => String(i)), codes: new Int32Array(new SharedArrayBuffer(4)) };
    expect(lendableColumn(many)).toBeNull();
    expect(lendableColumn({ ...many, values: many.values.slice(1) })).not.toBeNull();
  });

  it('refuses a columns file cut short, saying where it ends', async () => {
    const path = join(dir, 'short.csv');
    writeFileSync(path, `a,b\n${Array.from({ length: 1000 }, (_, i) => `${i},${i % 5}`).join('\n')}\n`);
    const dataset = await ingestLocalCsv(path, dir, 'short');
    const size = statSync(dataset.columnsPath).size;
    truncateSync(dataset.columnsPath, size - 30);
    await expect(encodedDataset(dataset)).rejects.toThrow(new RegExp(`ends early, at byte ${size - 30}`));
  });

  it('refuses a columns file with more rows than its dataset records, saying so', async () => {
    const path = join(dir, 'longer.csv');
    writeFileSync(path, 'a\n1\n2\n3\n');
    const dataset = await ingestLocalCsv(path, dir, 'longer');
    await expect(encodedDataset({ ...dataset, sha256: 'other', rowCount: 2 })).rejects.toThrow(/more rows than the 2 recorded/);
  });
});

describe('exact codes by hash (exactCodes.ts)', () => {
  /** The oracle: codes by a Map of the texts, in order of first appearance. */
  const byMap = (texts: string[]) => {
    const index = new Map<string, number>();
    return { values: [...new Set(texts)], codes: Int32Array.from(texts, (t) => index.get(t) ?? index.set(t, index.size).get(t)!) };
  };

  it('gives equal codes exactly to equal texts, also when different texts share a hash', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `v${(i * 7919) % 3000}${i % 11 === 0 ? 'é' : ''}`);
    const hashers: Array<[string, (text: string) => number]> = [
      ['bytes', (t) => { const b = Buffer.from(t); return hashBytes(b, 0, b.length); }],
      ['all colliding', () => 42],
      ['few buckets', (t) => t.length % 3],
    ];
    for (const [name, hash] of hashers) {
      const got = codeRowsExactly(Int32Array.from(texts, hash), (row) => texts[row]!);
      expect({ name, ...got }).toEqual({ name, ...byMap(texts) });
    }
  });
});
