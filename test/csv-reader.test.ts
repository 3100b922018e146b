import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDictionaryChunk, readCsv, valueAt } from '../src/datasets/csvReader';
import { PYTHON } from './helpers/data';

const dir = mkdtempSync(join(tmpdir(), 'csv-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pandas' reading of the file, every field as its raw text: the oracle. */
function pandasRead(path: string): { header: string[]; rows: string[][] } {
  const script =
    'import pandas as pd, sys, json; df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False); ' +
    'print(json.dumps({"header": list(df.columns), "rows": df.values.tolist()}))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

/** The reader's rows, with the file fed in pieces of `pieceBytes`. */
async function ours(bytes: Buffer, pieceBytes: number) {
  async function* pieces() {
    for (let i = 0; i < bytes.length; i += pieceBytes) yield bytes.subarray(i, i + pieceBytes);
  }
  let header: string[] = [];
  const rows: string[][] = [];
  const textColumns = new Set<number>();
  const read = await readCsv(pieces(), {
    maxBytes: Number.POSITIVE_INFINITY,
    onHeader: (names) => (header = names),
    onChunk: (chunk) => {
      chunk.columns.forEach((column, c) => isDictionaryChunk(column) || textColumns.add(c));
      for (let r = 0; r < chunk.rows; r++) {
        expect(chunk.firstRow + r).toBe(rows.length);
        rows.push(chunk.columns.map((column) => valueAt(column, r)));
      }
    },
  });
  expect(read.rowCount).toBe(rows.length);
  return { header, rows, textColumns };
}

const tricky = [
  '\ufeffid,text,n\r\n',
  '1,"a, quoted\r\nline",5\r\n',
  '2,"say ""hi""",6\n',
  '\n',
  '   \n',
  '3,"blanks after the quote"  ,7\r',
  '4,x"y"z,"8"\t\n',
  '5,ünïcødé ✓ 𝔘,9\n',
  '6,"",\n',
  '7,"line\rbreak",10\r\n',
  '8,  padded  ,11',
].join('');

describe('the CSV reader', () => {
  it.each([1, 2, 3, 7, 64, 65536])('reads quotes, line ends, blank lines, a BOM and multi-byte text as pandas does, fed %i bytes at a time', async (piece) => {
    const path = join(dir, 'tricky.csv');
    writeFileSync(path, tricky);
    const expected = pandasRead(path);
    const read = await ours(Buffer.from(tricky), piece);
    expect({ header: read.header, rows: read.rows }).toEqual(expected);
  });

  it('reads a large file with a column turning from dictionary to texts as pandas does', async () => {
    const lines = ['id,group,note'];
    for (let i = 0; i < 200_000; i++) lines.push(`u${(i * 7919) % 200_000},g${i % 13},${i % 9 === 0 ? `"n ""${i % 50}"""` : ''}`);
    const text = `${lines.join('\n')}\n`;
    const path = join(dir, 'large.csv');
    writeFileSync(path, text);
    const expected = pandasRead(path);
    const read = await ours(Buffer.from(text), 65536);
    expect(read.header).toEqual(expected.header);
    expect(read.rows).toEqual(expected.rows);
    expect([...read.textColumns]).toEqual([0]); // the ids, from the chunk where they outnumbered the dictionary's limit
  });
});
