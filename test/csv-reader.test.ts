import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { warmUpCsv, warmUpDataset } from '../src/datasets/ingest';
import { InputError } from '../src/errors';
import { isDictionaryChunk, PARSE_THREAD_MIN_BYTES, readCsv, valueAt, type CsvReadOptions } from '../src/datasets/csvReader';
import { IDS_MIN_DISTINCT } from '../src/datasets/csv/columnChunker';
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

type Parser = CsvReadOptions['parser'];

/** The reader's rows, with the file fed in pieces of `pieceBytes` (each piece's buffer overwritten once handed over). */
async function ours(bytes: Buffer, pieceBytes: number, parser: Parser) {
  async function* pieces() {
    const piece = Buffer.alloc(pieceBytes);
    for (let i = 0; i < bytes.length; i += pieceBytes) {
      const length = bytes.copy(piece, 0, i, i + pieceBytes);
      yield piece.subarray(0, length);
      piece.fill(0x78); // a source may reuse its buffer: the reader must have taken what it needs
    }
  }
  let header: string[] = [];
  const rows: string[][] = [];
  const textColumns = new Set<number>();
  /** Per column kept as texts, the first row of its first chunk of texts. */
  const textFrom = new Map<number, number>();
  const read = await readCsv(pieces(), {
    parser,
    maxBytes: Number.POSITIVE_INFINITY,
    onHeader: (names) => (header = names),
    onChunk: (chunk) => {
      chunk.columns.forEach((column, c) => {
        if (isDictionaryChunk(column)) return;
        textColumns.add(c);
        if (!textFrom.has(c)) textFrom.set(c, chunk.firstRow);
      });
      expect(chunk.firstRow).toBe(rows.length);
      for (let r = 0; r < chunk.rows; r++) rows.push(chunk.columns.map((column) => valueAt(column, r)));
    },
  });
  expect(read.rowCount).toBe(rows.length);
  expect(read.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  return { header, rows, textColumns, textFrom };
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

/** A large file of ids (mostly distinct: kept as texts from the chunk where they outnumber the dictionary's limit), groups and quoted notes. */
function largeCsv(rows: number, seed: number): string {
  const lines = ['id,group,note'];
  for (let i = 0; i < rows; i++) lines.push(`u${(i * 7919 + seed) % rows},g${(i + seed) % 13},${i % 9 === 0 ? `"n ""${(i + seed) % 50}"""` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The message and details the read fails with. */
async function failure(text: string, parser: Parser) {
  const error = await ours(Buffer.from(text), 65536, parser).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(InputError);
  return { message: (error as InputError).message, details: (error as InputError).details };
}

/** pandas' reading of `text`, read once however many tests ask. */
const oracle = (() => {
  const read = new Map<string, { header: string[]; rows: string[][] }>();
  return (text: string) => {
    if (!read.has(text)) {
      const path = join(dir, `oracle-${read.size}.csv`);
      writeFileSync(path, text);
      read.set(text, pandasRead(path));
    }
    return read.get(text)!;
  };
})();

describe.each<Parser>(['inline', 'thread', 'auto'])('the CSV reader, parsing %s', (parser) => {
  it.each([1, 2, 3, 7, 64, 65536])('reads quotes, line ends, blank lines, a BOM and multi-byte text as pandas does, fed %i bytes at a time', async (piece) => {
    const read = await ours(Buffer.from(tricky), piece, parser);
    expect({ header: read.header, rows: read.rows }).toEqual(oracle(tricky));
  });

  it('reads a large file with a column turning from dictionary to texts as pandas does', async () => {
    const text = largeCsv(400_000, 0);
    expect(text.length).toBeGreaterThan(PARSE_THREAD_MIN_BYTES); // so that `auto` parses it on the parsing thread
    const expected = oracle(text);
    const read = await ours(Buffer.from(text), 65536, parser);
    expect(read.header).toEqual(expected.header);
    expect(read.rows).toEqual(expected.rows);
    expect([...read.textColumns]).toEqual([0]);
  });

  it('fails with the message and line of what is wrong, wherever the bytes are parsed', async () => {
    const rows = largeCsv(400_000, 1).split('\n');
    const badLine = 350_001; // past PARSE_THREAD_MIN_BYTES: on the parsing thread when `auto`
    const wrongCount = [...rows.slice(0, badLine - 1), 'u1,g2,n3,extra', ...rows.slice(badLine)].join('\n');
    expect(await failure(wrongCount, parser)).toEqual({
      message: `Line ${badLine} has 4 fields, but the header has 3 columns`,
      details: { line: badLine, expected: 3, found: 4 },
    });
    const textAfterQuote = [...rows.slice(0, badLine - 1), 'u1,"g2,n3', ...rows.slice(badLine)].join('\n');
    expect(await failure(textAfterQuote, parser)).toEqual({
      message: `Line ${badLine} has a quoted field followed by more text before the next comma; quote the whole field`,
      details: { line: badLine },
    });
    const lastLine = rows.length; // the file ends with a line end: its last "row" is empty
    expect(await failure(`${rows.join('\n')}u1,"g2\n`, parser)).toEqual({
      message: `A quoted field starting on line ${lastLine} is never closed`,
      details: { line: lastLine },
    });
    expect(await failure('', parser)).toEqual({ message: 'The file is empty: it has no header and no rows', details: {} });
  });
});

describe('the CSV reader, told the size beforehand', () => {
  /** How many bytes had been read when the first chunk of rows came, with `sizeHint` given; the bytes arrive 2 ms apart, as an upload's. */
  async function readBeforeFirstChunk(bytes: Buffer, sizeHint?: number) {
    let read = 0;
    let atFirstChunk = -1;
    async function* pieces() {
      for (let i = 0; i < bytes.length; i += 65536) {
        read += Math.min(65536, bytes.length - i);
        yield bytes.subarray(i, i + 65536);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    const result = await readCsv(pieces(), {
      maxBytes: Number.POSITIVE_INFINITY,
      sizeHint,
      onHeader() {},
      onChunk: () => {
        if (atFirstChunk < 0) atFirstChunk = read;
      },
    });
    return { atFirstChunk, rowCount: result.rowCount };
  }

  it('parses from the first bytes instead of holding the first PARSE_THREAD_MIN_BYTES until it knows the size', async () => {
    const rows = 400_000;
    const bytes = Buffer.from(largeCsv(rows, 2));
    expect(bytes.length).toBeGreaterThan(PARSE_THREAD_MIN_BYTES + 65536);
    await ours(Buffer.from('a\n1\n'), 4, 'thread'); // the parsing thread started
    const unknown = await readBeforeFirstChunk(bytes);
    expect(unknown.atFirstChunk).toBeGreaterThan(PARSE_THREAD_MIN_BYTES);
    // On the parsing thread (told more than PARSE_THREAD_MIN_BYTES), or here (told less, wrongly).
    for (const sizeHint of [bytes.length, bytes.length + 300, 1000]) {
      const told = await readBeforeFirstChunk(bytes, sizeHint);
      // A chunk of 16,384 rows is ~210 KB here: it comes long before the 4 MB a reader not told would hold
      // (the bound leaves the parsing thread ~130 ms of pieces to lag by on a loaded machine).
      expect(told.atFirstChunk).toBeLessThan(PARSE_THREAD_MIN_BYTES);
      expect(told.rowCount).toBe(rows);
    }
  });
});

describe('columns kept as texts', () => {
  it('are those with more than IDS_MIN_DISTINCT distinct values making nine in ten of their rows, from the chunk where they pass it', async () => {
    const rows = 3 * IDS_MIN_DISTINCT;
    const lines = ['id,most,repeats,later'];
    // id: all distinct; most: 85 in 100 distinct; repeats: 1,000 values; later: distinct for its first IDS_MIN_DISTINCT + 10 rows, then repeats them.
    for (let i = 0; i < rows; i++) lines.push(`r${i},m${Math.floor(i * 0.85)},v${i % 1000},l${i % (IDS_MIN_DISTINCT + 10)}`);
    const text = `${lines.join('\n')}\n`;
    for (const parser of ['inline', 'thread'] as const) {
      const read = await ours(Buffer.from(text), 65536, parser);
      expect(read.rows).toEqual(oracle(text).rows);
      // The 16,385th distinct value is on row IDS_MIN_DISTINCT (0-based): the first of the second chunk of 16,384 rows.
      expect(Object.fromEntries(read.textFrom)).toEqual({ 0: IDS_MIN_DISTINCT, 3: IDS_MIN_DISTINCT });
    }
  });
});

describe('the parsing thread', () => {
  it('parses files read at the same time, each as pandas reads it', async () => {
    const texts = [largeCsv(200_000, 3), largeCsv(150_000, 5), tricky];
    const expected = texts.map(oracle);
    const reads = await Promise.all(texts.map((text, i) => ours(Buffer.from(text), [65536, 4099, 5][i]!, 'thread')));
    reads.forEach((read, i) => expect({ header: read.header, rows: read.rows }).toEqual(expected[i]));
  });

  it('is warmed up, with the rest of the upload path, on a generated file it parses as pandas does, whose files go when removed', async () => {
    const pieces: Buffer[] = [];
    for await (const piece of warmUpCsv()) pieces.push(piece);
    const bytes = Buffer.concat(pieces);
    const read = await ours(bytes, 65536, 'thread');
    expect({ header: read.header, rows: read.rows }).toEqual(oracle(bytes.toString('utf8')));
    const { dataset, remove } = await warmUpDataset(dir, 'warm-up');
    expect(dataset.rowCount).toBe(read.rows.length);
    const files = [dataset.path, dataset.columnsPath, dataset.poolPath];
    expect(files.map((f) => existsSync(f))).toEqual([true, true, true]);
    await remove();
    expect(files.map((f) => existsSync(f))).toEqual([false, false, false]);
  });

  it('keeps a script alive while it parses the script’s file, and lets it end afterwards', () => {
    const csv = join(dir, 'script-input.csv');
    writeFileSync(csv, largeCsv(50_000, 7));
    const script = join(dir, 'read.mts');
    const reader = resolve(import.meta.dirname, '../src/datasets/csvReader.ts');
    writeFileSync(
      script,
      `import { createReadStream } from 'node:fs';
import { readCsv } from ${JSON.stringify(reader)};
const read = await readCsv(createReadStream(process.argv[2]), { maxBytes: Infinity, parser: 'thread', onHeader() {}, onChunk() {} });
console.log('rows', read.rowCount);
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, csv], { cwd: resolve(import.meta.dirname, '..'), encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect({ status: run.status, signal: run.signal, stdout: run.stdout }).toEqual({ status: 0, signal: null, stdout: 'rows 50000\n' });
  });

  it('carries a file larger than the memory it shares with this thread, in pieces that wrap round it or do not fit in it', async () => {
    const text = largeCsv(800_000, 11);
    expect(text.length).toBeGreaterThan(10 * 1048576); // the shared memory is 8 MB
    const expected = oracle(text);
    for (const piece of [3_000_017, 9 * 1048576 + 5]) {
      const read = await ours(Buffer.from(text), piece, 'thread');
      expect(read.rows.length).toBe(expected.rows.length);
      expect(read.rows).toEqual(expected.rows);
    }
  });

  it('goes on parsing other files after one has failed', async () => {
    const failed = failure('a,b\n1,2,3\n', 'thread');
    const good = ours(Buffer.from('a,b\n1,2\n'), 3, 'thread');
    expect((await failed).message).toBe('Line 2 has 3 fields, but the header has 2 columns');
    expect((await good).rows).toEqual([['1', '2']]);
    expect((await ours(Buffer.from('x\n"y"\n'), 1, 'thread')).rows).toEqual([['y']]);
  });
});
