import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { InputError } from '../errors';

/**
 * Streams a CSV file once: the bytes go to `destination` while they are hashed, checked (size, NUL bytes,
 * UTF-8) and parsed by papaparse row by row, so no upload sits whole in memory. Rows follow
 * `pandas.read_csv` defaults: comma separator, double quotes, a UTF-8 BOM ignored, blank lines skipped,
 * and \n, \r\n and \r all ending a line, even mixed in one file.
 * Any problem stops the read with an InputError that names it (with the line where it applies).
 */
export interface CsvReadOptions {
  /** Where the bytes are written as they are read; nothing is written without one. */
  destination?: string;
  maxBytes: number;
  /** The error for a file over maxBytes, when the limit is not the upload limit (a storage quota). */
  tooLarge?: () => Error;
  onHeader(columns: string[]): void;
  onRow(fields: string[], rowIndex: number): void;
}

export interface CsvReadResult {
  columns: string[];
  rowCount: number;
  sizeBytes: number;
  sha256: string;
}

export async function readCsv(source: AsyncIterable<Uint8Array>, options: CsvReadOptions): Promise<CsvReadResult> {
  const file = options.destination ? createWriteStream(options.destination, { flags: 'wx', mode: 0o644 }) : null;
  let writeFailure: Error | undefined;
  file?.on('error', (err) => (writeFailure ??= err));
  const hash = createHash('sha256');
  let sizeBytes = 0;

  async function* checkedText(): AsyncGenerator<string> {
    const utf8 = new Utf8Validator();
    const decoder = new TextDecoder('utf-8');
    const newlines = new NewlineNormalizer();
    let first = true;
    for await (const raw of source) {
      const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      if (sizeBytes + chunk.length > options.maxBytes) {
        if (options.tooLarge) throw options.tooLarge();
        throw new InputError(`The file is larger than the ${Math.round(options.maxBytes / 1048576)} MB upload limit`);
      }
      const nul = chunk.indexOf(0);
      if (nul >= 0) {
        throw new InputError(`The file is binary, not CSV text: it has a NUL byte at byte ${sizeBytes + nul}`);
      }
      const invalid = utf8.check(chunk);
      if (invalid >= 0) {
        throw new InputError(`The file is not UTF-8 text: invalid byte sequence at byte ${sizeBytes + invalid}`);
      }
      hash.update(chunk);
      sizeBytes += chunk.length;
      if (file && !file.write(chunk)) await drained(file);
      if (writeFailure) throw writeFailure;
      let text = decoder.decode(chunk, { stream: true });
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      text = newlines.normalize(text);
      if (text) {
        rows.window.append(text);
        yield text;
      }
    }
    if (utf8.incomplete) throw new InputError(`The file is not UTF-8 text: it ends inside a multi-byte character`);
  }

  const rows = new RowTracker(options);
  const text = Readable.from(checkedText());
  try {
    await new Promise<void>((resolve, reject) => {
      let failure: unknown;
      Papa.parse<string[]>(text as unknown as File, {
        delimiter: ',',
        newline: '\n',
        header: false,
        skipEmptyLines: false,
        step(result, parser) {
          if (failure) return;
          try {
            if (result.errors.some((e) => e.code === 'InvalidQuotes')) {
              throw new InputError(
                `Line ${rows.line} has a quoted field followed by more text before the next comma; quote the whole field`,
                { line: rows.line },
              );
            }
            if (result.errors.some((e) => e.code === 'MissingQuotes')) {
              throw new InputError(`A quoted field starting on line ${rows.line} is never closed`, { line: rows.line });
            }
            rows.accept(result.data, result.meta.cursor);
          } catch (err) {
            failure = err;
            parser.abort();
          }
        },
        complete() {
          if (failure) reject(failure);
          else resolve();
        },
        error(err: Error) {
          reject(failure ?? err);
        },
      });
    });
    const columns = rows.finish();
    if (file) {
      file.end();
      await once(file, 'close');
    }
    if (writeFailure) throw writeFailure;
    return { columns, rowCount: rows.rowCount, sizeBytes, sha256: hash.digest('hex') };
  } catch (err) {
    text.destroy();
    if (file && !file.closed) {
      // The file is opened asynchronously: until it is closed, an open still under way would create it after the caller removed it.
      const closed = once(file, 'close').catch(() => undefined);
      file.destroy();
      await closed;
    }
    throw err;
  }
}

/** Until `file` takes more writes (or is closed), leaving no listener behind: one per wait added up. */
async function drained(file: WriteStream) {
  const done = new AbortController();
  try {
    await Promise.race([once(file, 'drain', { signal: done.signal }), once(file, 'close', { signal: done.signal })]);
  } finally {
    done.abort();
  }
}

/** Turns papaparse's rows into header + data rows, checking field counts and tracking physical line numbers. */
class RowTracker {
  /** The physical line (1-based) on which the next row starts. */
  line = 1;
  rowCount = 0;
  /** The text not yet consumed by rows, to tell a blank line from a row holding one quoted empty field. */
  readonly window = new TextWindow();
  private columns: string[] | null = null;

  constructor(private readonly sink: Pick<CsvReadOptions, 'onHeader' | 'onRow'>) {}

  accept(fields: string[], cursor: number) {
    const startLine = this.line;
    this.line += 1 + embeddedLineBreaks(fields);
    const raw = this.window.consume(cursor);
    // A blank line (spaces, tabs and line ends only: pandas' tokenizer keeps a line of NBSP, \f or \v): skipped.
    if (fields.length === 1 && /^[ \t\r\n]*$/.test(fields[0]!) && !raw.includes('"')) return;
    if (!this.columns) {
      this.columns = headerNames(fields);
      this.sink.onHeader(this.columns);
      return;
    }
    if (fields.length !== this.columns.length) {
      throw new InputError(
        `Line ${startLine} has ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${this.columns.length} columns`,
        { line: startLine, expected: this.columns.length, found: fields.length },
      );
    }
    this.sink.onRow(fields, this.rowCount);
    this.rowCount += 1;
  }

  finish(): string[] {
    if (!this.columns) throw new InputError('The file is empty: it has no header and no rows');
    if (this.rowCount === 0) throw new InputError('The file has a header but no data rows');
    return this.columns;
  }
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

/** Text handed to the parser and not yet consumed by a row; offsets are absolute, as papaparse's cursor. */
class TextWindow {
  private text = '';
  private start = 0;

  append(text: string) {
    this.text += text;
  }

  /** The raw text up to `cursor`, dropped from the window. */
  consume(cursor: number): string {
    const raw = this.text.slice(0, cursor - this.start);
    this.text = this.text.slice(cursor - this.start);
    this.start = cursor;
    return raw;
  }
}

/**
 * Rewrites line endings outside quoted fields to \n (pandas ends a line at \n, \r\n or \r, even mixed;
 * papaparse takes one newline style per file). Inside quotes, text is left as it is, as pandas keeps it.
 */
class NewlineNormalizer {
  private state: 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' = 'fieldStart';
  private pendingCr = false;

  normalize(text: string): string {
    let out = '';
    let from = 0;
    let i = 0;
    if (this.pendingCr && text.charCodeAt(0) === 10) {
      from = i = 1; // the \n of a \r\n split across chunks: already written as \n
    }
    this.pendingCr = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.state === 'quoted') {
        if (c === 34) this.state = 'quoteInQuoted';
        continue;
      }
      if (c === 34) {
        this.state = this.state === 'fieldStart' ? 'quoted' : this.state === 'quoteInQuoted' ? 'quoted' : 'unquoted';
      } else if (c === 44) {
        this.state = 'fieldStart';
      } else if (c === 10) {
        this.state = 'fieldStart';
      } else if (c === 13) {
        this.state = 'fieldStart';
        out += `${text.slice(from, i)}\n`;
        if (text.charCodeAt(i + 1) === 10) i++;
        else if (i + 1 === text.length) this.pendingCr = true;
        from = i + 1;
      } else if (this.state !== 'unquoted') {
        this.state = 'unquoted';
      }
    }
    return out + text.slice(from);
  }
}

function embeddedLineBreaks(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.length === 0 || (f.indexOf('\n') < 0 && f.indexOf('\r') < 0)) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 10 || (c === 13 && f.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

/** Incremental UTF-8 validation across chunk boundaries (RFC 3629: no overlongs, no surrogates). */
class Utf8Validator {
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  /** Where the current multi-byte character started, relative to the current chunk (negative: an earlier one). */
  private start = 0;

  get incomplete() {
    return this.need > 0;
  }

  /** Returns the offset (relative to this chunk) where the first invalid character starts, or -1. */
  check(buf: Buffer): number {
    if (this.need === 0 && isUtf8(buf)) return -1;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (this.need === 0) {
        this.start = i;
        if (b < 0x80) continue;
        if (b >= 0xc2 && b <= 0xdf) this.need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          this.need = 2;
          this.lower = b === 0xe0 ? 0xa0 : 0x80;
          this.upper = b === 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          this.need = 3;
          this.lower = b === 0xf0 ? 0x90 : 0x80;
          this.upper = b === 0xf4 ? 0x8f : 0xbf;
        } else return i;
      } else {
        if (b < this.lower || b > this.upper) return this.start;
        this.lower = 0x80;
        this.upper = 0xbf;
        this.need -= 1;
      }
    }
    if (this.need > 0) this.start -= buf.length;
    return -1;
  }
}
