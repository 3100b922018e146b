import { isUtf8 } from 'node:buffer';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { InputError } from '../errors';
import { EventLoopSlices } from '../util/eventLoop';
import { drained, WRITE_BUFFER } from '../util/files';
import { InlineChunkParser, ThreadChunkParser, type ChunkParser, type Parsed } from './csv/chunkParser';
import type { CsvChunk } from './csv/columnChunker';

export type { ColumnChunk, CsvChunk, DictionaryChunk, TextChunk } from './csv/columnChunker';
export { isDictionaryChunk, textAt, valueAt } from './csv/columnChunker';

/**
 * Streams a CSV file once: the bytes go to `destination` while they are hashed (by the parser), checked (size, NUL bytes,
 * UTF-8) and read as `pandas.read_csv` reads them by default (csv/assembly/scanner.ts), so no upload sits whole in
 * memory. Rows come in chunks, by column and dictionary-encoded (csv/columnChunker.ts): a field is looked up
 * by its bytes, and only a value not seen before in its column becomes a string.
 * Any problem stops the read with an InputError that names it (with the line where it applies).
 */
export interface CsvReadOptions {
  /** Where the bytes are written as they are read; nothing is written without one. */
  destination?: string;
  maxBytes: number;
  /** The error for a file over maxBytes, when the limit is not the upload limit (a storage quota). */
  tooLarge?: () => Error;
  onHeader(columns: string[]): void;
  /** Each chunk of rows, in order; the read waits for a returned promise. */
  onChunk(chunk: CsvChunk): void | Promise<void>;
  /**
   * Where the bytes are parsed: `auto` on the parsing thread once the file has more than
   * PARSE_THREAD_MIN_BYTES, else on this thread; `thread` and `inline` force either.
   */
  parser?: 'auto' | 'thread' | 'inline';
  /**
   * The file's size or more, when known before it is read (an upload's Content-Length): `auto` then chooses
   * the parser at once, instead of holding the first PARSE_THREAD_MIN_BYTES until the size is known.
   */
  sizeHint?: number;
}

/** A file larger than this is parsed and hashed on the parsing thread while this one receives, checks and profiles it. */
export const PARSE_THREAD_MIN_BYTES = 4 * 1048576;
/** How far the reading may run ahead of the parsing thread. */
const MAX_UNPARSED_BYTES = 4 * 1048576;

export interface CsvReadResult {
  columns: string[];
  rowCount: number;
  sizeBytes: number;
  sha256: string;
}

export async function readCsv(source: AsyncIterable<Uint8Array>, options: CsvReadOptions): Promise<CsvReadResult> {
  const file = options.destination ? createWriteStream(options.destination, { flags: 'wx', mode: 0o644, highWaterMark: WRITE_BUFFER }) : null;
  let writeFailure: Error | undefined;
  file?.on('error', (err) => (writeFailure ??= err));
  const utf8 = new Utf8Validator();
  let sizeBytes = 0;
  let headerSent = false;
  const parserKind = chosenParser(options);
  // What is read before the parser is chosen: the first PARSE_THREAD_MIN_BYTES (copied: a source may reuse its buffers).
  let held: Buffer[] | null = parserKind === 'auto' ? [] : null;
  let parser: ChunkParser | null = held ? null : parserKind === 'thread' ? new ThreadChunkParser() : new InlineChunkParser();
  // The held bytes parsed here give way to other work between pieces (a wide file's fields take a while).
  const slices = new EventLoopSlices();
  const choose = async (thread: boolean): Promise<ChunkParser> => {
    const chosen = thread ? new ThreadChunkParser() : new InlineChunkParser();
    for (const bytes of held!) {
      chosen.write(bytes);
      await slices.giveWay();
    }
    held = null;
    return chosen;
  };
  const handOver = async ({ header, chunks }: Parsed) => {
    if (!headerSent && header) {
      headerSent = true;
      options.onHeader(header);
    }
    for (const chunk of chunks) await options.onChunk(chunk);
  };

  try {
    for await (const raw of source) {
      const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      if (sizeBytes + chunk.length > options.maxBytes) {
        if (options.tooLarge) throw options.tooLarge();
        throw new InputError(`The file is larger than the ${Math.round(options.maxBytes / 1048576)} MB upload limit`, { http: { status: 413 } });
      }
      const nul = chunk.indexOf(0);
      if (nul >= 0) throw new InputError(`The file is binary, not CSV text: it has a NUL byte at byte ${sizeBytes + nul}`);
      const invalid = utf8.check(chunk);
      if (invalid >= 0) throw new InputError(`The file is not UTF-8 text: invalid byte sequence at byte ${sizeBytes + invalid}`);
      sizeBytes += chunk.length;
      if (file && !file.write(chunk)) await drained(file);
      if (writeFailure) throw writeFailure;
      if (held) {
        held.push(Buffer.from(chunk));
        if (sizeBytes > PARSE_THREAD_MIN_BYTES) parser = await choose(true);
        continue;
      }
      parser!.write(chunk);
      await handOver(await parser!.parsed(MAX_UNPARSED_BYTES));
    }
    if (utf8.incomplete) throw new InputError(`The file is not UTF-8 text: it ends inside a multi-byte character`);
    if (held) parser = await choose(false);
    const { header, rowCount, sha256 } = await parser!.end(handOver);
    if (file) {
      file.end();
      await once(file, 'close');
    }
    if (writeFailure) throw writeFailure;
    return { columns: header, rowCount, sizeBytes, sha256 };
  } catch (err) {
    parser?.close();
    if (file && !file.closed) {
      // The file is opened asynchronously: until it is closed, an open still under way would create it after the caller removed it.
      const closed = once(file, 'close').catch(() => undefined);
      file.destroy();
      await closed;
    }
    throw err;
  }
}

function chosenParser({ parser = 'auto', sizeHint }: CsvReadOptions): 'auto' | 'thread' | 'inline' {
  if (parser !== 'auto' || sizeHint === undefined) return parser;
  return sizeHint > PARSE_THREAD_MIN_BYTES ? 'thread' : 'inline';
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
