import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_ROWS, ColumnChunker, isDictionaryChunk, scannerMemoryBytes, valueAt, type CsvChunk } from '../src/datasets/csv/columnChunker';
import { seededRandom } from '../src/util/random';
import { ROOT } from './helpers/server';

const dir = mkdtempSync(join(tmpdir(), 'csv-scanner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Byte strings that differ from one another in one byte, in length alone, or only by zero bytes: what a
 * lookup that skipped a byte, or compared packed bytes without their length, would confuse (the scanner
 * compares strings of up to 16 bytes packed in two 64-bit words).
 */
function nearbyStrings(random: () => number): Buffer[] {
  const alphabet = [0, 1, 48, 49, 97, 98, 255];
  const byte = () => alphabet[Math.floor(random() * alphabet.length)]!;
  const out: Buffer[] = [];
  for (let length = 0; length <= 40; length++) {
    for (let base = 0; base < 3; base++) {
      const bytes = Buffer.from(Array.from({ length }, byte));
      out.push(bytes, Buffer.concat([bytes, Buffer.from([0])]), Buffer.concat([Buffer.from([0]), bytes]));
      for (let p = 0; p < length; p++) {
        const changed = Buffer.from(bytes);
        changed[p] = changed[p] === 0 ? 1 : 0;
        out.push(changed);
      }
    }
  }
  return out;
}

/** A CSV field holding `bytes` exactly: quoted (so that an empty one is not a blank line) with its quotes doubled. */
const field = (bytes: Buffer) => Buffer.concat([Buffer.from('"'), Buffer.from(bytes.toString('latin1').replaceAll('"', '""'), 'latin1'), Buffer.from('"')]);

/** Row `row`'s text in column `c` of the chunks. */
const textOf = (chunks: CsvChunk[], c: number, row: number) => valueAt(chunks.find((k) => row < k.firstRow + k.rows)!.columns[c]!, row - chunks.find((k) => row < k.firstRow + k.rows)!.firstRow);

function chunksOf(csv: Buffer, random: () => number): { chunks: CsvChunk[]; rowCount: number } {
  const chunker = new ColumnChunker();
  const chunks: CsvChunk[] = [];
  for (let at = 0; at < csv.length; ) {
    const piece = 1 + Math.floor(random() * 5000);
    chunker.write(csv.subarray(at, at + piece));
    chunks.push(...chunker.take());
    at += piece;
  }
  const { rowCount } = chunker.end();
  chunks.push(...chunker.take());
  return { chunks, rowCount };
}

describe('the CSV scanner', () => {
  it('numbers each column’s byte strings in order of first appearance, as a Map of their texts does', () => {
    const random = seededRandom(7);
    const distinct = nearbyStrings(random);
    // A second column of strings that also differ by their bytes beyond the sixteenth (compared in the arena).
    const long = distinct.filter((b) => b.length > 16);
    const rows = 2 * CHUNK_ROWS + 123;
    const picked = Array.from({ length: rows }, () => [distinct[Math.floor(random() * distinct.length)]!, long[Math.floor(random() * long.length)]!]);
    const csv = Buffer.concat([Buffer.from('a,b\n'), ...picked.flatMap(([a, b]) => [field(a!), Buffer.from(','), field(b!), Buffer.from('\n')])]);
    const { chunks, rowCount } = chunksOf(csv, random);
    expect(rowCount).toBe(rows);
    expect(chunks.map((c) => c.rows)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 123]);
    for (const c of [0, 1]) {
      const oracle = new Map<string, number>();
      const codes: number[] = [];
      for (const row of picked) {
        const key = row[c]!.toString('latin1');
        if (!oracle.has(key)) oracle.set(key, oracle.size);
        codes.push(oracle.get(key)!);
      }
      const read: number[] = [];
      let values: readonly string[] = [];
      for (const chunk of chunks) {
        const column = chunk.columns[c]!;
        if (!isDictionaryChunk(column)) throw new Error('a column of few distinct values stays a dictionary');
        read.push(...column.codes);
        values = column.values;
      }
      expect(read).toEqual(codes);
      // The texts are UTF-8 decodings of the bytes (255 alone is not UTF-8: each decodes to U+FFFD).
      expect(values).toEqual([...oracle.keys()].map((k) => Buffer.from(k, 'latin1').toString('utf8')));
    }
  });

  it('tells apart many strings that share their first eight bytes, hash collisions among them included', () => {
    // 8 columns of 60,000 distinct 12-byte strings each, every one twice in a row (so that each stays a dictionary):
    // ~480,000 strings under a 32-bit hash make a few pairs with the same hash, which only the comparison of
    // the bytes beyond the first eight tells apart.
    const random = seededRandom(3);
    const width = 8;
    const distinct = 60_000;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    const columns = Array.from({ length: width }, () => {
      const seen = new Set<string>();
      while (seen.size < distinct) seen.add(`prefix__${Array.from({ length: 4 }, () => alphabet[Math.floor(random() * 64)]).join('')}`);
      return [...seen];
    });
    const lines = [Array.from({ length: width }, (_, c) => `c${c}`).join(',')];
    for (let i = 0; i < 2 * distinct; i++) lines.push(columns.map((values) => values[i >> 1]).join(','));
    const { chunks } = chunksOf(Buffer.from(lines.join('\n')), random);
    for (let c = 0; c < width; c++) {
      const column = chunks.at(-1)!.columns[c]!;
      if (!isDictionaryChunk(column)) throw new Error('each column stays a dictionary');
      expect(column.values).toEqual(columns[c]);
      const codes = chunks.flatMap((chunk) => [...(chunk.columns[c] as { codes: Int32Array }).codes]);
      expect(codes).toEqual(Array.from({ length: 2 * distinct }, (_, i) => i >> 1));
    }
  });

  it('reads each chunk’s rows the same however the bytes are cut, a field at the very end of a piece included', () => {
    const random = seededRandom(11);
    const lines = ['n,text'];
    for (let i = 0; i < 3 * CHUNK_ROWS; i++) lines.push(`${i % 97},${i % 5 === 0 ? `"q ""${i % 13}"" ,x"` : `t${i % 1013}`}`);
    const csv = Buffer.from(lines.join('\n'));
    const whole = new ColumnChunker();
    whole.write(csv);
    whole.end();
    const expected = whole.take().flatMap((c) => Array.from({ length: c.rows }, (_, r) => c.columns.map((col) => valueAt(col, r))));
    const { chunks } = chunksOf(csv, random);
    const read = chunks.flatMap((c) => Array.from({ length: c.rows }, (_, r) => c.columns.map((col) => valueAt(col, r))));
    expect(read).toEqual(expected);
    expect(read[5]).toEqual(['5', 'q "5" ,x']);
    expect(read.length).toBe(3 * CHUNK_ROWS);
  });

  it('gives back the memory a record of 80 MB took, once no file is being read', () => {
    const before = scannerMemoryBytes();
    const long = 'y'.repeat(80 * 1048576);
    const first = new ColumnChunker();
    const second = new ColumnChunker();
    second.write(Buffer.from('a\n1\n'));
    first.write(Buffer.from(`a,b\n1,"${long}"\n2,x\n`));
    expect(first.end().rowCount).toBe(2);
    expect(textOf(first.take(), 1, 0)).toHaveLength(long.length);
    // The other file still has its state in the scanner: the memory stays until it ends too.
    expect(scannerMemoryBytes()).toBeGreaterThan(80 * 1048576);
    expect(second.end().rowCount).toBe(1);
    expect(scannerMemoryBytes()).toBeLessThanOrEqual(Math.max(before, 64 * 1048576));
    const third = new ColumnChunker();
    third.write(Buffer.from('a,b\n"q ""x""",2\n'));
    third.end();
    expect(textOf(third.take(), 0, 0)).toBe('q "x"');
  });

  it('is the module its AssemblyScript source compiles to (npm run build:wasm)', () => {
    const out = join(dir, 'scanner.wasm');
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['build:wasm'] as string;
    const args = script.split(' ').slice(1).map((a) => (a === 'src/datasets/csv/scanner.wasm' ? out : a));
    execFileSync(join(ROOT, 'node_modules', '.bin', 'asc'), args, { cwd: ROOT });
    expect(readFileSync(out).equals(readFileSync(join(ROOT, 'src/datasets/csv/scanner.wasm')))).toBe(true);
  });
});
