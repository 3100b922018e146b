import { isAscii } from 'node:buffer';
import { closeSync, createWriteStream, openSync, readSync, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { isDictionaryChunk, type CsvChunk } from './csv/columnChunker';
import { codeRowsExactly, hashBytes } from './exactCodes';
import type { EventLoopSlices } from '../util/eventLoop';
import { drained, WRITE_BUFFER } from '../util/files';

/** A column as distinct texts, in order of first appearance, and each row's code into them. */
export interface EncodedColumn {
  values: string[];
  codes: Int32Array;
}

/** A dataset's fields by column, as read at upload (csvReader.ts). */
export interface EncodedDataset {
  header: string[];
  rowCount: number;
  /** Each column, read from the columns file the first time it is used (encodedDataset.ts). */
  columns: readonly EncodedColumn[];
}

/**
 * The columns file: a dataset's fields as the upload read them, by column and chunk of rows, written beside
 * its CSV so that nothing after the upload parses the CSV again. After an 8-byte magic, frames of a 20-byte
 * head (kind, column, rows, bytes of part A, bytes of part B: little-endian u32), then part A padded to 4
 * bytes, then part B, Int32 in this machine's order (little-endian on the platforms Node runs on here).
 * Kinds: the header (A: JSON names), a dictionary chunk (A: JSON of its new values; B: the rows' codes), a
 * text chunk (A: the rows' texts as UTF-8; B: their offsets, rows + 1 of them), the end (rows: the row count).
 */
const MAGIC = Buffer.from('IICOLS1\n');
const HEAD_BYTES = 20;
const enum Frame {
  Header = 1,
  Dictionary = 2,
  Texts = 3,
  End = 4,
}

export class ColumnFileWriter {
  private constructor(private readonly out: WriteStream) {}

  static async create(path: string): Promise<ColumnFileWriter> {
    const out = createWriteStream(path, { flags: 'wx', mode: 0o644, highWaterMark: WRITE_BUFFER });
    // A failed write (a full disk) is read from `out.errored` at the next write and at the end; without a
    // listener, the stream's 'error' event would be an uncaught exception.
    out.on('error', () => {});
    await once(out, 'open');
    const writer = new ColumnFileWriter(out);
    await writer.write(MAGIC);
    return writer;
  }

  header(names: string[]): Promise<void> {
    return this.frame(Frame.Header, 0, 0, json(names), null);
  }

  async chunk(chunk: CsvChunk, slices?: EventLoopSlices): Promise<void> {
    for (const [c, column] of chunk.columns.entries()) {
      if (isDictionaryChunk(column)) await this.frame(Frame.Dictionary, c, chunk.rows, json(column.newValues), column.codes);
      else await this.frame(Frame.Texts, c, chunk.rows, column.bytes, column.offsets);
      await slices?.giveWay();
    }
  }

  async finish(rowCount: number): Promise<void> {
    await this.frame(Frame.End, 0, rowCount, Buffer.alloc(0), null);
    this.out.end();
    await once(this.out, 'close');
    if (this.out.errored) throw this.out.errored;
  }

  /** Stops writing; the caller removes the file. */
  async abort(): Promise<void> {
    if (this.out.closed) return;
    const closed = once(this.out, 'close').catch(() => undefined);
    this.out.destroy();
    await closed;
  }

  private async frame(kind: Frame, column: number, rows: number, text: Buffer, codes: Int32Array | null) {
    const padded = (text.length + 3) & ~3;
    const head = Buffer.alloc(HEAD_BYTES + (padded - text.length), 0x20);
    head.writeUInt32LE(kind, 0);
    head.writeUInt32LE(column, 4);
    head.writeUInt32LE(rows, 8);
    head.writeUInt32LE(padded, 12);
    head.writeUInt32LE(codes ? codes.byteLength : 0, 16);
    await this.write(head.subarray(0, HEAD_BYTES));
    await this.write(text);
    if (padded > text.length) await this.write(head.subarray(HEAD_BYTES));
    if (codes) await this.write(Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength));
  }

  private async write(bytes: Buffer) {
    if (!this.out.write(bytes)) await drained(this.out);
    if (this.out.errored) throw this.out.errored;
  }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const INDEX_BLOCK = 65536;

/** Where one frame of a column lies in the file. */
interface FrameRef {
  kind: Frame.Dictionary | Frame.Texts;
  /** The chunk's rows. */
  rows: number;
  /** Part A's position and size (unpadded for texts: the offsets say where the texts end), then part B's. */
  a: number;
  aBytes: number;
  b: number;
  bBytes: number;
}

/** Where each column's frames lie in a columns file, checked against the rows recorded at upload: read first, then columns as they are needed. */
export interface ColumnFileIndex {
  path: string;
  header: string[];
  rowCount: number;
  frames: FrameRef[][];
  /** The file while columns are being read (kept open a moment: a wide dataset's columns are read one after another). */
  open: { fd: number; timer: NodeJS.Timeout } | null;
}

const KEEP_OPEN_MS = 1000;

/**
 * Reads the frames' heads (and the header's names) of the columns file of a dataset of `rowCount` rows, as
 * recorded at upload; a file that ends early, names a column its header lacks or holds more rows is refused.
 */
export async function indexColumnFile(path: string, rowCount: number): Promise<ColumnFileIndex> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    // Heads are read through a block of the file: a wide dataset's frames are small, and lie many to a block.
    let block = Buffer.alloc(0);
    let blockStart = 0;
    const read = async (position: number, length: number) => {
      if (position < blockStart || position + length > blockStart + block.length) {
        block = Buffer.alloc(Math.max(length, INDEX_BLOCK));
        const { bytesRead } = await file.read(block, 0, block.length, position);
        [block, blockStart] = [block.subarray(0, bytesRead), position];
        if (bytesRead < length) throw new Error(`The columns file ${path} ends early, at byte ${position + bytesRead}`);
      }
      return block.subarray(position - blockStart, position - blockStart + length);
    };
    if (!(await read(0, MAGIC.length).catch(() => Buffer.alloc(0))).equals(MAGIC)) throw new Error(`${path} is not a columns file`);
    let position = MAGIC.length;
    let header: string[] | null = null;
    let frames: FrameRef[][] = [];
    let rowsOf: number[] = [];
    for (;;) {
      const head = await read(position, HEAD_BYTES);
      const kind = head.readUInt32LE(0);
      const c = head.readUInt32LE(4);
      const rows = head.readUInt32LE(8);
      const aBytes = head.readUInt32LE(12);
      const bBytes = kind === Frame.Dictionary || kind === Frame.Texts ? head.readUInt32LE(16) : 0;
      const a = position + HEAD_BYTES;
      const b = a + aBytes;
      position = b + bBytes;
      if (position > size) throw new Error(`The columns file ${path} ends early, at byte ${size}`);
      if (kind === Frame.Header) {
        header = JSON.parse((await read(a, aBytes)).toString('utf8')) as string[];
        frames = header.map(() => []);
        rowsOf = header.map(() => 0);
        continue;
      }
      if (kind === Frame.End) {
        if (rows !== rowCount) throw new Error(`The columns file ${path} holds ${rows} rows, not the ${rowCount} recorded at upload`);
        break;
      }
      if (!header || c >= header.length) throw new Error(`The columns file ${path} names column ${c}, which its header does not have`);
      if (rowsOf[c]! + rows > rowCount) throw new Error(`The dataset's columns file has more rows than the ${rowCount} recorded at upload`);
      if (kind === Frame.Dictionary && bBytes !== rows * 4) throw new Error(`The columns file ${path} has a chunk of ${rows} rows without as many codes`);
      if (kind === Frame.Texts && bBytes !== (rows + 1) * 4) throw new Error(`The columns file ${path} has a chunk of ${rows} rows without as many texts`);
      if (kind !== Frame.Dictionary && kind !== Frame.Texts) throw new Error(`The columns file ${path} has a frame of unknown kind ${kind}`);
      frames[c]!.push({ kind, rows, a, aBytes, b, bBytes });
      rowsOf[c]! += rows;
    }
    if (!header) throw new Error(`The columns file ${path} has no header`);
    const short = rowsOf.findIndex((rows) => rows !== rowCount);
    if (short >= 0) throw new Error(`The columns file ${path} holds ${rowsOf[short]} rows of column ${short}, not the ${rowCount} recorded at upload`);
    return { path, header, rowCount, frames, open: null };
  } finally {
    await file.close();
  }
}

/**
 * Column `c` of an indexed columns file, read now (synchronously: a worker thread reads the columns a
 * computation asks for as it asks, encodedDataset.ts). The file is opened by its path when no column was read
 * in the last moment: its reader holds the dataset's lease, and the file never changes (it is named by the
 * dataset's sha256).
 */
export function readColumn(index: ColumnFileIndex, c: number): EncodedColumn {
  if (index.open) clearTimeout(index.open.timer);
  const fd = index.open?.fd ?? openSync(index.path, 'r');
  const close = () => {
    index.open = null;
    closeSync(fd);
  };
  index.open = { fd, timer: setTimeout(close, KEEP_OPEN_MS).unref() };
  try {
    const read = (bytes: Uint8Array, position: number) => {
      const got = readSync(fd, bytes, 0, bytes.length, position);
      if (got !== bytes.length) throw new Error(`The columns file ${index.path} ends early, at byte ${position + got}`);
    };
    // Shared: a thread that read the column can lend it to others (encodedDataset.ts, lendableColumn).
    const part: ColumnParts = { values: [], codes: new Int32Array(new SharedArrayBuffer(4 * index.rowCount)), rows: 0, texts: [] };
    for (const frame of index.frames[c]!) {
      const partA = Buffer.allocUnsafe(frame.aBytes);
      read(partA, frame.a);
      if (frame.kind === Frame.Dictionary) {
        for (const value of JSON.parse(partA.toString('utf8')) as string[]) part.values.push(value);
        read(new Uint8Array(part.codes.buffer, part.rows * 4, frame.rows * 4), frame.b);
      } else {
        const offsets = new Int32Array(frame.rows + 1);
        read(new Uint8Array(offsets.buffer), frame.b);
        const end = offsets[frame.rows]!;
        part.texts.push({ firstRow: part.rows, bytes: partA, offsets, ascii: isAscii(partA.subarray(0, end)) ? partA.toString('latin1', 0, end) : null });
      }
      part.rows += frame.rows;
    }
    return assemble(part);
  } catch (err) {
    clearTimeout(index.open.timer);
    close();
    throw err;
  }
}

/** An estimate of the memory a column read holds. */
export function columnBytes(column: EncodedColumn): number {
  return 4 * column.codes.length + column.values.reduce((s, text) => s + 2 * text.length + 32, 0);
}

interface ColumnParts {
  values: string[];
  codes: Int32Array;
  /** Rows read so far. */
  rows: number;
  /** Chunks kept as texts (from some row on, every chunk is): where they start, their UTF-8 bytes and offsets. */
  texts: TextRows[];
}

interface TextRows {
  firstRow: number;
  bytes: Buffer;
  offsets: Int32Array;
  /** The bytes decoded, when ASCII (byte offsets are then character offsets). */
  ascii: string | null;
}

/**
 * The column as one exact dictionary: rows kept as texts are coded by their bytes together with the
 * dictionary read before them (codeRowsExactly), so that the column's users never hash strings to compare them.
 */
function assemble(part: ColumnParts): EncodedColumn {
  if (!part.texts.length) return { values: part.values, codes: part.codes };
  const { values, codes, texts } = part;
  const firstText = texts[0]!.firstRow;
  const valueHashes = values.map((value) => {
    const bytes = Buffer.from(value, 'utf8');
    return hashBytes(bytes, 0, bytes.length);
  });
  const hashes = new Int32Array(codes.length);
  for (let row = 0; row < firstText; row++) hashes[row] = valueHashes[codes[row]!]!;
  for (const { firstRow, bytes, offsets } of texts) {
    for (let r = 0; r + 1 < offsets.length; r++) hashes[firstRow + r] = hashBytes(bytes, offsets[r]!, offsets[r + 1]!);
  }
  const textOf = (row: number) => {
    if (row < firstText) return values[codes[row]!]!;
    let lo = 0;
    let hi = texts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (texts[mid]!.firstRow <= row) lo = mid;
      else hi = mid - 1;
    }
    const { firstRow, bytes, offsets, ascii } = texts[lo]!;
    const r = row - firstRow;
    return ascii === null ? bytes.toString('utf8', offsets[r]!, offsets[r + 1]!) : ascii.slice(offsets[r]!, offsets[r + 1]!);
  };
  return codeRowsExactly(hashes, textOf);
}
