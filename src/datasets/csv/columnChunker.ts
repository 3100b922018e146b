import { InputError } from '../../errors';
import { ByteDictionary, viewOf } from './byteDictionary';
import { ESCAPED, QUOTED, unquote, type FieldSpans, type RecordSink } from './tokenizer';

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

/**
 * Rows per chunk: the parsing thread parses a chunk while the upload's thread profiles and writes the one
 * before, so smaller chunks overlap more of the two (a 10.6 MB upload: 377–410 ms with 65,536 rows a chunk,
 * 264–313 ms with 16,384, 290–400 ms with 8,192; 53 MB: 793–828 → 683–801 ms).
 */
export const CHUNK_ROWS = 16384;
/** A column turns to texts once it has more distinct values than this and than half its rows... */
export const DICTIONARY_MAX_DISTINCT = 65536;
/** ...or than this many bytes of dictionaries over all columns: what an upload holds stays bounded, whatever the file's size... */
const DICTIONARIES_BUDGET = 128 * 1048576;
/**
 * ...or, sooner, more distinct values than this that are nine in ten of its rows: an id column, whose
 * dictionary would hold every row again, each made a string (a 10.6 MB file's ingest, in process: 5% less time).
 */
export const IDS_MIN_DISTINCT = 16384;

interface ColumnState {
  dictionary: ByteDictionary | null;
  values: string[];
  /** Where this chunk's new values start in `values`. */
  newFrom: number;
  codes: Int32Array;
  texts: TextBuilder | null;
}

/** Turns the tokenizer's records into a header and chunks of rows by column; checks every row's field count. */
export class ColumnChunker implements RecordSink {
  header: string[] | null = null;
  rowCount = 0;
  private columns: ColumnState[] = [];
  private rows = 0;
  private dictionaryBytes = 0;
  /** The buffer fields were last looked up in (the tokenizer's, replaced only when it grows), and a view of it. */
  private viewed: Buffer | null = null;
  private view = viewOf(new Uint8Array(0));
  private readonly done: CsvChunk[] = [];

  record(bytes: Buffer, fields: FieldSpans, count: number, line: number) {
    if (!this.header) {
      const names: string[] = [];
      for (let c = 0; c < count; c++) names.push(fieldText(bytes, fields, c));
      this.header = headerNames(names);
      this.columns = this.header.map(() => ({ dictionary: new ByteDictionary(), values: [], newFrom: 0, codes: new Int32Array(16), texts: null }));
      return;
    }
    const width = this.columns.length;
    if (count !== width) {
      throw new InputError(`Line ${line} has ${count} field${count === 1 ? '' : 's'}, but the header has ${width} columns`, { line, expected: width, found: count });
    }
    const row = this.rows;
    const { starts, ends, kinds } = fields;
    const columns = this.columns;
    for (let c = 0; c < width; c++) {
      const column = columns[c]!;
      let source = bytes;
      let start = starts[c]!;
      let end = ends[c]!;
      const kind = kinds[c];
      if (kind === QUOTED) {
        start++;
        end--;
      } else if (kind === ESCAPED) {
        source = unquote(bytes, start, end);
        start = 0;
        end = source.length;
      }
      const dictionary = column.dictionary;
      if (!dictionary) {
        column.texts!.add(source, start, end);
        continue;
      }
      if (source !== this.viewed) {
        this.viewed = source;
        this.view = viewOf(source);
      }
      const code = dictionary.code(source, start, end, this.view);
      if (row === column.codes.length) column.codes = grown(column.codes);
      column.codes[row] = code;
      if (dictionary.added) {
        const text = source.toString('utf8', start, end);
        column.values.push(text);
        this.dictionaryBytes += 3 * (end - start) + 48;
        if (this.turnsToTexts(code)) this.toTexts(column, row);
      }
    }
    this.rows++;
    this.rowCount++;
    if (this.rows === CHUNK_ROWS) this.flush();
  }

  /** Chunks completed since the last call. */
  take(): CsvChunk[] {
    return this.done.splice(0);
  }

  /** The end of the file: the last chunk, and the checks that need the whole file. */
  finish(): { header: string[]; rowCount: number } {
    if (!this.header) throw new InputError('The file is empty: it has no header and no rows');
    if (this.rowCount === 0) throw new InputError('The file has a header but no data rows');
    if (this.rows > 0) this.flush();
    return { header: this.header, rowCount: this.rowCount };
  }

  /** Whether a column whose last new value was number `code` is kept as texts from now on. */
  private turnsToTexts(code: number): boolean {
    if (code >= IDS_MIN_DISTINCT && code >= 0.9 * this.rowCount) return true;
    return code > DICTIONARY_MAX_DISTINCT && (code > this.rowCount / 2 || this.dictionaryBytes > DICTIONARIES_BUDGET);
  }

  private toTexts(column: ColumnState, rowsSoFar: number) {
    const texts = new TextBuilder();
    for (let row = 0; row <= rowsSoFar; row++) {
      const bytes = Buffer.from(column.values[column.codes[row]!]!);
      texts.add(bytes, 0, bytes.length);
    }
    column.texts = texts;
    this.dictionaryBytes -= 3 * column.dictionary!.bytes + 48 * column.values.length;
    column.dictionary = null;
    column.values = [];
  }

  private flush() {
    const rows = this.rows;
    this.done.push({
      firstRow: this.rowCount - rows,
      rows,
      columns: this.columns.map((column) => {
        if (!column.dictionary) {
          const texts = column.texts!.finish();
          column.texts = new TextBuilder(texts.bytes.length, rows);
          return texts;
        }
        const chunk = { codes: column.codes.subarray(0, rows), values: column.values, newValues: column.values.slice(column.newFrom) };
        column.newFrom = column.values.length;
        column.codes = new Int32Array(Math.min(CHUNK_ROWS, column.codes.length));
        return chunk;
      }),
    });
    this.rows = 0;
  }
}

/** The texts of a chunk's rows, appended as bytes. */
class TextBuilder {
  private bytes: Buffer;
  private offsets: Int32Array;
  private rows = 0;

  /**
   * Room for `rows` rows of `bytes` bytes in all (a chunk's are much like the one before), growing past them.
   * Never from Node's shared pool of small buffers: a chunk's buffers may be moved to another thread.
   */
  constructor(bytes = 1 << 16, rows = 1024) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(1024, bytes + (bytes >> 4)));
    this.offsets = new Int32Array(rows + 1);
  }

  add(source: Buffer, start: number, end: number) {
    const from = this.offsets[this.rows]!;
    const to = from + (end - start);
    if (to > this.bytes.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, to));
      this.bytes.copy(bigger, 0, 0, from);
      this.bytes = bigger;
    }
    if (end - start > 32) source.copy(this.bytes, from, start, end);
    else for (let i = start, to = from; i < end; i++) this.bytes[to++] = source[i]!; // short ids: cheaper than a call into C++
    if (this.rows + 2 > this.offsets.length) {
      const bigger = new Int32Array(this.offsets.length * 2);
      bigger.set(this.offsets);
      this.offsets = bigger;
    }
    this.offsets[++this.rows] = to;
  }

  finish(): TextChunk {
    return { bytes: this.bytes.subarray(0, this.offsets[this.rows]!), offsets: this.offsets.subarray(0, this.rows + 1) };
  }
}

function fieldText(bytes: Buffer, fields: FieldSpans, c: number): string {
  const start = fields.starts[c]!;
  const end = fields.ends[c]!;
  if (fields.kinds[c] === QUOTED) return bytes.toString('utf8', start + 1, end - 1);
  if (fields.kinds[c] === ESCAPED) return unquote(bytes, start, end).toString('utf8');
  return bytes.toString('utf8', start, end);
}

function grown(codes: Int32Array): Int32Array {
  const bigger = new Int32Array(Math.min(CHUNK_ROWS, codes.length * 2));
  bigger.set(codes);
  return bigger;
}

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
