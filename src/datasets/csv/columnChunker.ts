import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors';

/**
 * A column's fields in one chunk of rows, dictionary-encoded: `values` is the column's dictionary so far
 * (distinct texts in order of first appearance, growing from chunk to chunk), `newValues` the entries this
 * chunk added, `codes` each row's index into it.
 */
export interface DictionaryChunk {
  codes: Int32Array;
  values: readonly string[];
  newValues: string[];
}

/**
 * A column whose values are mostly distinct (ids) keeps each row's text instead, from the chunk it turned so
 * on, as UTF-8: row r's text is bytes [offsets[r], offsets[r + 1]). Strings are made only of what is used.
 */
export interface TextChunk {
  bytes: Buffer;
  offsets: Int32Array;
}

export type ColumnChunk = DictionaryChunk | TextChunk;

export interface CsvChunk {
  firstRow: number;
  rows: number;
  columns: ColumnChunk[];
}

export const isDictionaryChunk = (column: ColumnChunk): column is DictionaryChunk => 'codes' in column;

/** Row `row`'s text in a chunk kept as texts. */
export const textAt = (column: TextChunk, row: number): string => column.bytes.toString('utf8', column.offsets[row]!, column.offsets[row + 1]!);

/** Row `row`'s text in either kind of chunk. */
export const valueAt = (column: ColumnChunk, row: number): string => (isDictionaryChunk(column) ? column.values[column.codes[row]!]! : textAt(column, row));

const scannerModule = new WebAssembly.Module(readFileSync(new URL('./scanner.wasm', import.meta.url)));
const instantiate = () =>
  new WebAssembly.Instance(scannerModule, {
    env: {
      abort: () => {
        throw new Error('the CSV scanner failed an internal check');
      },
    },
  }).exports as unknown as ScannerExports;

/**
 * The scanner (assembly/scanner.ts, compiled to scanner.wasm): one instance per thread, shared by the files
 * parsed on it, each with its own state in the instance's memory; `openFiles` of them have state there now.
 */
let scanner = instantiate();
let openFiles = 0;
/**
 * Past this much memory, a scanner whose files have all ended is replaced by a fresh one: WebAssembly memory
 * never shrinks, and one file with a record of hundreds of MB would otherwise keep it for the thread's life.
 */
const KEEP_MEMORY_BYTES = 64 * 1048576;

/** The memory of this thread's scanner, in bytes. */
export const scannerMemoryBytes = () => scanner.memory.buffer.byteLength;

interface ScannerExports {
  memory: WebAssembly.Memory;
  CHUNK_ROWS: WebAssembly.Global;
  DICTIONARY_MAX_DISTINCT: WebAssembly.Global;
  IDS_MIN_DISTINCT: WebAssembly.Global;
  NEED_INPUT: WebAssembly.Global;
  HEADER: WebAssembly.Global;
  CHUNK_FULL: WebAssembly.Global;
  BAD_FIELD_COUNT: WebAssembly.Global;
  TEXT_AFTER_QUOTE: WebAssembly.Global;
  UNCLOSED_QUOTE: WebAssembly.Global;
  create(): number;
  destroy(scan: number): void;
  inputSpace(scan: number, bytes: number): number;
  written(scan: number, bytes: number): void;
  endOfInput(scan: number): void;
  scan(scan: number): number;
  end(scan: number): number;
  headerFields(scan: number): number;
  headerField(scan: number, field: number): number;
  scratch(scan: number): number;
  begin(scan: number, width: number): void;
  flushed(scan: number): void;
  rows(scan: number): number;
  rowCount(scan: number): number;
  errorLine(scan: number): number;
  errorFound(scan: number): number;
  isText(scan: number, column: number): number;
  codes(scan: number, column: number): number;
  newFrom(scan: number, column: number): number;
  entries(scan: number, column: number): number;
  entryStart(scan: number, column: number, entry: number): number;
  entryLengths(scan: number, column: number): number;
  texts(scan: number, column: number): number;
  textEnds(scan: number, column: number): number;
}

/**
 * Rows per chunk: the parsing thread parses a chunk while the upload's thread profiles and writes the one
 * before, so smaller chunks overlap more of the two (a 10.6 MB upload: 377–410 ms with 65,536 rows a chunk,
 * 264–313 ms with 16,384, 290–400 ms with 8,192; 53 MB: 793–828 → 683–801 ms).
 */
export const CHUNK_ROWS: number = scanner.CHUNK_ROWS.value;
/** A column turns to texts once it has more distinct values than this and than half its rows, or than 128 MB of dictionaries over all columns... */
export const DICTIONARY_MAX_DISTINCT: number = scanner.DICTIONARY_MAX_DISTINCT.value;
/**
 * ...or, sooner, more distinct values than this that are nine in ten of its rows: an id column, whose
 * dictionary would hold every row again, each made a string (a 10.6 MB file's ingest, in process: 5% less time).
 */
export const IDS_MIN_DISTINCT: number = scanner.IDS_MIN_DISTINCT.value;

const status = {
  needInput: scanner.NEED_INPUT.value as number,
  header: scanner.HEADER.value as number,
  chunkFull: scanner.CHUNK_FULL.value as number,
  badFieldCount: scanner.BAD_FIELD_COUNT.value as number,
  textAfterQuote: scanner.TEXT_AFTER_QUOTE.value as number,
  unclosedQuote: scanner.UNCLOSED_QUOTE.value as number,
};

/** A scanner's memory as a Buffer, made again whenever the memory has grown (which replaces its ArrayBuffer). */
let view = Buffer.from(scanner.memory.buffer);
const memoryOf = (wasm: ScannerExports) => (view.buffer === wasm.memory.buffer ? view : (view = Buffer.from(wasm.memory.buffer)));

/**
 * CSV bytes in, a header and chunks of rows by column out, every row's field count checked: the scanner
 * reads the bytes as pandas.read_csv does and looks each field up by its bytes; this makes strings only of
 * a column's new values (and of the header). Each file's state lives in the scanner until the file has ended
 * or failed, or close() is called.
 */
export class ColumnChunker {
  header: string[] | null = null;
  private readonly wasm = scanner;
  private scan: number = (openFiles++, this.wasm.create());
  private values: string[][] = [];
  private readonly done: CsvChunk[] = [];

  /** The next bytes of the file; the caller may reuse them once this returns. */
  write(bytes: Uint8Array) {
    this.guarded(() => {
      for (let from = 0; from < bytes.length; ) {
        // Pieces of at most a megabyte: a record in progress and one piece are all the scanner holds.
        const piece = bytes.subarray(from, from + PIECE_BYTES);
        const at = this.wasm.inputSpace(this.scan, piece.length);
        memoryOf(this.wasm).set(piece, at);
        this.wasm.written(this.scan, piece.length);
        this.scanAll();
        from += piece.length;
      }
    });
  }

  /** The end of the file: the last chunk (see take()), and the checks that need the whole file. */
  end(): { header: string[]; rowCount: number } {
    return this.guarded(() => {
      this.wasm.endOfInput(this.scan);
      this.scanAll();
      this.act(this.wasm.end(this.scan));
      if (!this.header) throw new InputError('The file is empty: it has no header and no rows');
      const rowCount = this.wasm.rowCount(this.scan);
      if (rowCount === 0) throw new InputError('The file has a header but no data rows');
      if (this.wasm.rows(this.scan) > 0) this.flush();
      this.close();
      return { header: this.header, rowCount };
    });
  }

  /** Chunks completed since the last call. */
  take(): CsvChunk[] {
    return this.done.splice(0);
  }

  /** Frees the file's state in the scanner (done by end() and by any failure; again is harmless). */
  close() {
    if (this.scan === 0) return;
    this.wasm.destroy(this.scan);
    this.scan = 0;
    if (--openFiles === 0 && scannerMemoryBytes() > KEEP_MEMORY_BYTES) scanner = instantiate();
  }

  private guarded<T>(work: () => T): T {
    if (this.scan === 0) throw new Error('the file has already ended or failed');
    try {
      return work();
    } catch (err) {
      this.close();
      throw err;
    }
  }

  private scanAll() {
    for (;;) {
      const result = this.wasm.scan(this.scan);
      if (result === status.needInput) return;
      this.act(result);
    }
  }

  private act(result: number) {
    const scan = this.scan;
    if (result === status.needInput) return;
    if (result === status.header) return this.readHeader();
    if (result === status.chunkFull) return this.flush();
    const line = this.wasm.errorLine(scan);
    if (result === status.badFieldCount) {
      const width = this.header!.length;
      const found = this.wasm.errorFound(scan);
      throw new InputError(`Line ${line} has ${found} field${found === 1 ? '' : 's'}, but the header has ${width} columns`, { line, expected: width, found });
    }
    if (result === status.textAfterQuote) {
      throw new InputError(`Line ${line} has a quoted field followed by more text before the next comma; quote the whole field`, { line });
    }
    if (result === status.unclosedQuote) throw new InputError(`A quoted field starting on line ${line} is never closed`, { line });
    throw new Error(`the CSV scanner returned an unknown result ${result}`);
  }

  private readHeader() {
    const scan = this.scan;
    const names: string[] = [];
    for (let k = 0; k < this.wasm.headerFields(scan); k++) {
      const length = this.wasm.headerField(scan, k);
      const at = this.wasm.scratch(scan);
      names.push(memoryOf(this.wasm).toString('utf8', at, at + length));
    }
    this.header = headerNames(names);
    this.values = this.header.map(() => []);
    this.wasm.begin(scan, this.header.length);
  }

  private flush() {
    const scan = this.scan;
    const rows = this.wasm.rows(scan);
    const memory = memoryOf(this.wasm);
    const columns = this.values.map((values, c): ColumnChunk => {
      if (this.wasm.isText(scan, c)) {
        const ends = this.wasm.textEnds(scan, c);
        const offsets = new Int32Array(memory.buffer, ends, rows + 1).slice();
        const at = this.wasm.texts(scan, c);
        // Its own memory, never Node's shared pool of small buffers: a chunk's buffers may be moved to another thread.
        const bytes = Buffer.from(memory.buffer.slice(at, at + offsets[rows]!));
        this.values[c] = [];
        return { bytes, offsets };
      }
      const newValues = newEntries(this.wasm, memory, scan, c);
      for (const value of newValues) values.push(value);
      return { codes: new Int32Array(memory.buffer, this.wasm.codes(scan, c), rows).slice(), values, newValues };
    });
    this.done.push({ firstRow: this.wasm.rowCount(scan) - rows, rows, columns });
    this.wasm.flushed(scan);
  }
}

/**
 * The texts of the entries a column's dictionary added in this chunk, which lie one after another in the
 * scanner's memory: ASCII ones (most) decoded at once, and cut.
 */
function newEntries(wasm: ScannerExports, memory: Buffer, scan: number, c: number): string[] {
  const from = wasm.newFrom(scan, c);
  const count = wasm.entries(scan, c) - from;
  if (count === 0) return [];
  const lengths = new Int32Array(memory.buffer, wasm.entryLengths(scan, c) + 4 * from, count);
  const start = wasm.entryStart(scan, c, from);
  let end = start;
  for (let k = 0; k < count; k++) end += lengths[k]!;
  const texts = new Array<string>(count);
  if (isAscii(memory.subarray(start, end))) {
    const all = memory.toString('latin1', start, end);
    for (let k = 0, at = 0; k < count; k++) texts[k] = all.slice(at, (at += lengths[k]!));
  } else {
    for (let k = 0, at = start; k < count; k++) texts[k] = memory.toString('utf8', at, (at += lengths[k]!));
  }
  return texts;
}

/** The most bytes handed to the scanner at once. */
const PIECE_BYTES = 1 << 20;

/** Column names as pandas makes them; an empty name becomes "Unnamed: <position>". Duplicates are refused. */
function headerNames(fields: string[]): string[] {
  const names = fields.map((f, i) => (f === '' ? `Unnamed: ${i}` : f));
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new InputError(
        `The header names column ${JSON.stringify(name)} twice (columns ${earlier + 1} and ${i + 1}); column names must be unique`,
        { line: 1, column: name },
      );
    }
    seen.set(name, i);
  });
  return names;
}
