import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors';
import { threadEntry } from '../../workers/workerEntry';
import { ColumnChunker, isDictionaryChunk, type ColumnChunk, type CsvChunk } from './columnChunker';

/** What a parser has made of the bytes written to it since it was last asked. */
export interface Parsed {
  header: string[] | null;
  chunks: CsvChunk[];
}

/**
 * CSV bytes in, chunks of rows by column and the bytes' SHA-256 out (columnChunker.ts): on this thread, or on
 * the parsing thread, so that a large file is parsed and hashed while this thread receives, profiles and
 * stores it. Both read the same rows and fail with the same InputError.
 */
export interface ChunkParser {
  /** The next bytes of the file; the caller may reuse the buffer once this returns. */
  write(bytes: Buffer): void;
  /** What has been parsed so far, once no more than `maxUnparsedBytes` of what was written is still unparsed. */
  parsed(maxUnparsedBytes: number): Promise<Parsed>;
  /**
   * The end of the file: the last chunks, each handed to `onParsed` as soon as it is parsed (the caller's
   * work on one overlaps the parsing of the next), then the whole file's checks and its SHA-256 (hex).
   */
  end(onParsed: (parsed: Parsed) => Promise<void>): Promise<ParsedFile>;
  /** Stops parsing (after a failure elsewhere); nothing may be asked of the parser afterwards. */
  close(): void;
}

/** What a parser tells of the whole file at its end. */
export interface ParsedFile {
  header: string[];
  rowCount: number;
  sha256: string;
}

export class InlineChunkParser implements ChunkParser {
  private readonly chunker = new ColumnChunker();
  private readonly hash = createHash('sha256');

  write(bytes: Buffer) {
    this.hash.update(bytes);
    this.chunker.write(bytes);
  }

  parsed(): Promise<Parsed> {
    return Promise.resolve({ header: this.chunker.header, chunks: this.chunker.take() });
  }

  async end(onParsed: (parsed: Parsed) => Promise<void>) {
    const { header, rowCount } = this.chunker.end();
    await onParsed({ header, chunks: this.chunker.take() });
    return { header, rowCount, sha256: this.hash.digest('hex') };
  }

  close() {
    this.chunker.close();
  }
}

/**
 * Messages to the parsing thread, each about one file (`file`: a number this thread gives it): the shared
 * memory its bytes come through (first), its next bytes (a span of that memory, or bytes of their own when
 * they did not fit), its end, or that it is dropped.
 */
export type ToParser = { file: number } & (
  | { shared: SharedArrayBuffer }
  | { span: { at: number; length: number } }
  | { bytes: Uint8Array }
  | { end: true }
  | { close: true }
);

/**
 * Messages from it: after each write (`consumed`: its bytes; `released`: as many, when they were a span of the
 * shared memory, which may then be written again), after the end, or a failure as data (classes do not cross threads).
 */
export type FromParser = { file: number } & (
  | { consumed: number; released: number; header: string[] | null; chunks: CsvChunk[] }
  | { consumed: number; released: number; header: string[]; rowCount: number; sha256: string; chunks: CsvChunk[]; done: true }
  | { error: { message: string; details?: Record<string, unknown>; input: boolean } }
);

/**
 * A chunk as it crosses to the other thread: its arrays are moved, not copied, and a dictionary column
 * sends only its new values (the receiver keeps the whole dictionary: {@link ChunkAssembler}).
 */
export function movable(chunk: CsvChunk): { chunk: CsvChunk; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const columns = chunk.columns.map((column): ColumnChunk => {
    if (isDictionaryChunk(column)) {
      transfer.push(column.codes.buffer as ArrayBuffer);
      return { codes: column.codes, values: [], newValues: column.newValues };
    }
    transfer.push(column.bytes.buffer as ArrayBuffer, column.offsets.buffer as ArrayBuffer);
    return column;
  });
  return { chunk: { ...chunk, columns }, transfer };
}

/** Rebuilds chunks that crossed threads: each dictionary column's values are the whole dictionary so far again. */
class ChunkAssembler {
  private values: string[][] = [];

  assemble(chunk: CsvChunk): CsvChunk {
    chunk.columns = chunk.columns.map((column, c) => {
      if (!isDictionaryChunk(column)) {
        this.values[c] = [];
        // Structured cloning makes a Uint8Array of a Buffer.
        return { bytes: Buffer.from(column.bytes.buffer, column.bytes.byteOffset, column.bytes.byteLength), offsets: column.offsets };
      }
      const values = (this.values[c] ??= []);
      for (const value of column.newValues) values.push(value);
      return { codes: column.codes, values, newValues: column.newValues };
    });
    return chunk;
  }
}

/**
 * Memory shared with the parsing thread that a file's bytes are copied into on their way there, reused file
 * after file: a write makes no allocation, and the pages stay mapped (on these VMs touching fresh memory costs
 * ~11 µs a page: 3 ms per MB). A ring: bytes are written after the last ones, wrapping round, and released
 * in the order written once parsed.
 */
class SharedBytes {
  static readonly SIZE = 8 * 1048576;
  readonly memory = new SharedArrayBuffer(SharedBytes.SIZE);
  private readonly view = new Uint8Array(this.memory);
  private head = 0;
  private used = 0;

  /** Copies `bytes` in, as one span or two (wrapping round); null when there is no room for them. */
  put(bytes: Uint8Array): Array<{ at: number; length: number }> | null {
    if (bytes.length > SharedBytes.SIZE - this.used) return null;
    const first = Math.min(bytes.length, SharedBytes.SIZE - this.head);
    const spans = [{ at: this.head, length: first }];
    this.view.set(bytes.subarray(0, first), this.head);
    if (first < bytes.length) {
      this.view.set(bytes.subarray(first), 0);
      spans.push({ at: 0, length: bytes.length - first });
    }
    this.head = (this.head + bytes.length) % SharedBytes.SIZE;
    this.used += bytes.length;
    return spans;
  }

  release(length: number) {
    this.used -= length;
  }

  /** Ready for another file: nothing written is waiting to be parsed. */
  reset() {
    this.head = this.used = 0;
  }
}

/** The thread is told of bytes written for it once this many have gathered (or the reading waits for it, or ends). */
const NOTIFY_BYTES = 1048576;

/** Shared memory kept for later files, at most (each 8 MB, mapped once used). */
const MAX_SPARE_SHARED = 2;

/**
 * The thread that parses large files (parseThread.ts), one for the process, started with the first such
 * file and kept: a thread's code is compiled as it runs, and a new thread for each file would parse its
 * first tens of MB several times slower. Files being parsed at once take turns on it, message by message.
 * It keeps the process alive only while it has files; when it fails, the files it was parsing fail and the
 * next starts another.
 */
class ParsingThread {
  private static current: ParsingThread | null = null;
  private readonly worker: Worker;
  private readonly files = new Map<number, (message: FromParser | Error) => void>();
  /** Shared memory no file is using (as many as files were parsed at once, up to MAX_SPARE_SHARED). */
  private readonly spareShared: SharedBytes[] = [];
  private nextFile = 0;
  private broken = false;

  static get(): ParsingThread {
    if (!ParsingThread.current || ParsingThread.current.broken) ParsingThread.current = new ParsingThread();
    return ParsingThread.current;
  }

  private constructor() {
    const entry = threadEntry('csvParser');
    this.worker = new Worker(new URL(entry.filename), { workerData: entry.workerData });
    this.worker.on('message', (message: FromParser) => this.files.get(message.file)?.(message));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the CSV parsing thread stopped (exit code ${code})`)));
  }

  open(receive: (message: FromParser | Error) => void): { file: number; shared: SharedBytes } {
    const file = ++this.nextFile;
    this.files.set(file, receive);
    // While a file is being parsed, the thread keeps the process alive (a script may have nothing else to wait on).
    this.worker.ref();
    const shared = this.spareShared.pop() ?? new SharedBytes();
    this.send({ file, shared: shared.memory });
    return { file, shared };
  }

  /** Shared memory a file has finished with: the thread has parsed all that was written to it. */
  giveBack(shared: SharedBytes) {
    shared.reset();
    if (this.spareShared.length < MAX_SPARE_SHARED) this.spareShared.push(shared);
  }

  send(message: ToParser, transfer: ArrayBuffer[] = []) {
    if (!this.broken) this.worker.postMessage(message, transfer);
    if ('close' in message) {
      this.files.delete(message.file);
      if (!this.files.size) this.worker.unref();
    }
  }

  private fail(err: Error) {
    this.broken = true;
    for (const receive of this.files.values()) receive(err);
    this.files.clear();
  }
}

/** One file parsed on the parsing thread. */
export class ThreadChunkParser implements ChunkParser {
  private readonly thread = ParsingThread.get();
  private readonly assembler = new ChunkAssembler();
  private readonly inbox: Array<FromParser | Error> = [];
  private readonly file: number;
  private readonly shared: SharedBytes;
  private wake: (() => void) | null = null;
  private unparsed = 0;
  private header: string[] | null = null;
  /** The thread has parsed the whole file: its shared memory may serve another. */
  private parsedWhole = false;
  /** Bytes in the shared memory the thread has not been told of yet. */
  private pending: { at: number; length: number } | null = null;

  constructor() {
    ({ file: this.file, shared: this.shared } = this.thread.open((message) => {
      this.inbox.push(message);
      this.wake?.();
    }));
  }

  write(bytes: Buffer) {
    this.unparsed += bytes.length;
    const spans = this.shared.put(bytes);
    if (spans) {
      for (const span of spans) this.pend(span);
      if (this.pending && this.pending.length >= NOTIFY_BYTES) this.notify();
      return;
    }
    // No room (a write larger than the reader lets run ahead): copied (ArrayBuffer.slice is a memcpy) and the copy moved.
    this.notify();
    const copy = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    this.thread.send({ file: this.file, bytes: copy }, [copy.buffer as ArrayBuffer]);
  }

  /** Bytes written to the shared memory, told to the thread with the next ones that follow them (a message costs ~0.1 ms). */
  private pend(span: { at: number; length: number }) {
    if (this.pending && this.pending.at + this.pending.length === span.at) this.pending.length += span.length;
    else {
      this.notify();
      this.pending = { ...span };
    }
  }

  private notify() {
    if (!this.pending) return;
    this.thread.send({ file: this.file, span: this.pending });
    this.pending = null;
  }

  async parsed(maxUnparsedBytes: number): Promise<Parsed> {
    const chunks: CsvChunk[] = [];
    for (;;) {
      this.take(chunks);
      if (this.unparsed <= maxUnparsedBytes) return { header: this.header, chunks };
      this.notify();
      await this.next();
    }
  }

  async end(onParsed: (parsed: Parsed) => Promise<void>) {
    this.notify();
    this.thread.send({ file: this.file, end: true });
    for (;;) {
      const chunks: CsvChunk[] = [];
      const done = this.take(chunks);
      if (chunks.length || done) await onParsed({ header: done?.header ?? this.header, chunks });
      if (done) {
        this.close();
        return done;
      }
      await this.next();
    }
  }

  close() {
    this.thread.send({ file: this.file, close: true });
    // Only then: after a failure, bytes written may still be on their way to the thread.
    if (this.parsedWhole) this.thread.giveBack(this.shared);
  }

  private async next() {
    if (!this.inbox.length) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
  }

  /** Moves what has arrived into `chunks`; what the thread tells of the whole file once its end has been parsed. */
  private take(chunks: CsvChunk[]): ParsedFile | null {
    for (const message of this.inbox.splice(0)) {
      if (message instanceof Error) throw message;
      if ('error' in message) {
        const { message: text, details, input } = message.error;
        throw input ? new InputError(text, details) : new Error(text);
      }
      this.unparsed -= message.consumed;
      this.shared.release(message.released);
      this.header ??= message.header;
      for (const chunk of message.chunks) chunks.push(this.assembler.assemble(chunk));
      if ('done' in message) {
        this.parsedWhole = true;
        return { header: message.header, rowCount: message.rowCount, sha256: message.sha256 };
      }
    }
    return null;
  }
}
