import { asciiTrim, detached, isMissing, toNumber, valueKind, type ValueKind } from '../../datasets/pandasSemantics';
import type { ColumnProfile } from '../../datasets/profile';
import type { DatasetRef } from '../types';
import { pyFloatRepr, type PyValue } from './pythonValues';
import { encodedDataset, type EncodedDataset } from './encodedDataset';
import type { Scan } from './scan';

/**
 * The values the DEFAULT pandas.read_csv gives a column, which are not always the text of the file: the C
 * parser (low_memory) infers a dtype per chunk of rows and numpy concatenates the chunks. A chunk whose
 * values are all numbers or all true/false holds ints, floats or booleans even when the column as a whole is
 * `object` (pandas' DtypeWarning "Columns have mixed types"), and chunks of different numeric dtypes are
 * promoted: a chunk of true/false next to a chunk of ints gives an int64 column of 1/0, next to a chunk of
 * floats or of missing values a float64 column of 1.0/0.0. Checked against pandas 1.5 (Debian):
 *
 *   chunk's non-missing values           chunk dtype         in an object column
 *   none (all missing)                   float64 (NaN)       NaN
 *   any text                             object              str
 *   only true/false (any case)           bool                bool (True/False)
 *   only true/false, some missing        object              bool, NaN
 *   true/false mixed with numbers        object              str
 *   only int64 ints                      int64 (float64 if some missing)   int (float)
 *   ints and floats                      float64             float
 *   ints beyond int64 (≤ 2**64-1)        uint64; object (str) with a negative int; float64 with a float
 *   ints beyond both                     object (str)
 *
 * The profile's dtype (profile.ts) is the dtype of the column as one chunk; ChunkKinds tracks the chunks and
 * gives the real layout, and `withLayouts` runs a heuristic with it.
 *
 * Throws (the investigation then fails) where pandas' typing depends on the ORDER of a chunk's values, which
 * decides whether its int64 parse fails first on an overflow or on something else: a chunk (without text or
 * booleans) holding integers beyond int64 next to missing values, integers beyond uint64 next to floats or
 * missing values, or a float whose integer part is beyond int64 (pandas may then even keep missing cells as
 * ''). And, for a column the profile types float64, a float whose integer part is beyond int64, or in a file of
 * several chunks an integer of 17 or more digits (`checkFloatText`).
 */

/** pandas' rows per chunk (parsers.pyx: the largest power of 2 below 2**20 // table width, halved). */
export function chunkRows(columnCount: number): number {
  const heuristic = Math.floor(2 ** 20 / Math.max(1, columnCount));
  let lines = 1;
  while (lines * 2 < heuristic) lines *= 2;
  return lines;
}

/** The dtype the C parser gives one chunk of a column (`boolNA`: booleans with missing values, an object array). */
export type ChunkType = 'empty' | 'str' | 'bool' | 'boolNA' | 'int' | 'uint' | 'float';
export type ColumnDtype = 'object' | 'bool' | 'int64' | 'uint64' | 'float64';

/** How a column's chunks are typed, and the dtype of the concatenated column. */
export interface ColumnLayout {
  name: string;
  dtype: ColumnDtype;
  /** The type of each chunk; a single entry applies to every chunk. */
  chunks: ChunkType[];
  perChunk: number;
}

const BIT: Record<ValueKind, number> = { int: 1, 'int-overflow': 2, uint: 4, float: 8, bool: 16, text: 32 };
const BIG = BIT.uint | BIT['int-overflow'];
const CHUNK_DTYPE: Record<ChunkType, ColumnDtype> = {
  empty: 'float64',
  str: 'object',
  bool: 'bool',
  boolNA: 'object',
  int: 'int64',
  uint: 'uint64',
  float: 'float64',
};

/** Where the chunk's type depends on the order of its values (which value fails pandas' int64 parse first). */
function orderDependent(name: string, chunk: number): Error {
  return new Error(
    `Column ${JSON.stringify(name)} has, in its chunk of rows ${chunk + 1}, integers beyond int64 (or floats whose integer part is) ` +
      'next to missing values or floats: how pandas types that chunk depends on the order of its values, and is not reproduced without Python',
  );
}

function chunkType(name: string, chunk: number, mask: number, missing: boolean, negative: boolean, bigFloat: boolean): ChunkType {
  if (mask === 0) return 'empty';
  if (mask & BIT.text) return 'str';
  if (mask & BIT.bool) return mask === BIT.bool ? (missing ? 'boolNA' : 'bool') : 'str';
  if (bigFloat) throw orderDependent(name, chunk);
  if (mask & BIG) {
    if (mask & BIT['int-overflow']) {
      if (mask & BIT.float || missing) throw orderDependent(name, chunk);
      return 'str';
    }
    if (missing) throw orderDependent(name, chunk);
    if (mask & BIT.float) return 'float';
    return negative ? 'str' : 'uint';
  }
  if (mask === BIT.int) return missing ? 'float' : 'int';
  return 'float';
}

const INT64_DIGITS = 19;

/** A float text whose integer part pandas' int64 parse overflows on (it then types the chunk by the order of its values). */
export function floatOverflowsInt64(raw: string): boolean {
  const m = /^[ \t\n\v\f\r]*([+-]?\d*)/.exec(raw)!;
  const digits = m[1]!.replace(/^[+-]/, '');
  if (digits.length < INT64_DIGITS) return false;
  const v = BigInt(m[1]!);
  return v > 2n ** 63n - 1n || v < -(2n ** 63n);
}

/**
 * For a column the profile types float64 (not tracked chunk by chunk): throws on a value whose reading
 * could depend on its chunk — a float whose integer part overflows int64 (see above), or, in a file of
 * several chunks, an integer of 17 or more digits, which pandas casts exactly in a chunk of only integers
 * but parses with rounding (precise_xstrtod) among floats or missing values. (With one chunk, a float64
 * profile means the chunk has a float or a missing value.)
 */
export function checkFloatText(raw: string, name: string, chunked: boolean) {
  if (raw.length < 17) return;
  const kind = valueKind(raw);
  if ((kind === 'float' && floatOverflowsInt64(raw)) || (chunked && kind === 'int' && asciiTrim(raw).replace(/^[+-]/, '').length >= 17)) {
    throw new Error(
      `Column ${JSON.stringify(name)} holds ${JSON.stringify(raw)}, whose value pandas gives by the chunk of rows it is in ` +
        '(an integer of 17 or more digits, or a float beyond int64): not reproduced without Python',
    );
  }
}

/** numpy's promotion of the chunks' dtypes (np.concatenate in pandas' _concatenate_chunks). */
function concatenated(types: Iterable<ChunkType>): ColumnDtype {
  const dtypes = new Set([...types].map((t) => CHUNK_DTYPE[t]));
  if (dtypes.has('object')) return 'object';
  if (dtypes.has('float64') || (dtypes.has('int64') && dtypes.has('uint64'))) return 'float64';
  if (dtypes.has('uint64')) return 'uint64';
  if (dtypes.has('int64')) return 'int64';
  return 'bool';
}

function layoutOf(name: string, chunks: ChunkType[], perChunk: number): ColumnLayout {
  const uniform = chunks.every((t) => t === chunks[0]);
  return { name, dtype: concatenated(chunks), chunks: uniform && chunks.length ? [chunks[0]!] : chunks, perChunk };
}

/** The layout the profile implies: every chunk typed as the whole column is (exact for a single chunk without booleans). */
export function profileLayout(profile: ColumnProfile, dataset: DatasetRef): ColumnLayout {
  const perChunk = chunkRows(dataset.columns.length);
  const type: ChunkType = { int64: 'int', uint64: 'uint', float64: 'float', bool: 'bool' }[profile.dtype] as ChunkType ?? 'str';
  return layoutOf(profile.name, [type], perChunk);
}

/** Tracks the kinds of raw values per chunk of one column; `layout()` gives how pandas types it. */
export class ChunkKinds {
  private readonly masks: number[] = [];
  private readonly missing: boolean[] = [];
  private readonly negative: boolean[] = [];
  private readonly bigFloat: boolean[] = [];
  private readonly kindOf = new Map<string, number>();

  constructor(
    private readonly name: string,
    readonly perChunk: number,
    private readonly chunkCount: number,
  ) {}

  /** Records one raw field of chunk `chunk`; true once the chunk holds text (its type settled: nothing more to record). */
  addTo(raw: string, chunk: number): boolean {
    const mask = this.masks[chunk] ?? 0;
    if (mask & BIT.text) return true;
    if (isMissing(raw)) {
      this.missing[chunk] = true;
      return false;
    }
    let bit = this.kindOf.get(raw);
    if (bit === undefined) {
      bit = BIT[valueKind(raw)];
      if (this.kindOf.size < 65536) this.kindOf.set(detached(raw), bit);
    }
    this.masks[chunk] = mask | bit;
    if (bit & (BIT.int | BIT.uint) && asciiTrim(raw).startsWith('-')) this.negative[chunk] = true;
    else if (bit === BIT.float && raw.length >= INT64_DIGITS && floatOverflowsInt64(raw)) this.bigFloat[chunk] = true;
    return bit === BIT.text;
  }

  layout(): ColumnLayout {
    const chunks: ChunkType[] = [];
    for (let c = 0; c < Math.max(1, this.chunkCount); c++) {
      chunks.push(chunkType(this.name, c, this.masks[c] ?? 0, !!this.missing[c], !!this.negative[c], !!this.bigFloat[c]));
    }
    return layoutOf(this.name, chunks, this.perChunk);
  }
}

export function chunkCount(dataset: DatasetRef): number {
  return Math.ceil(dataset.rowCount / chunkRows(dataset.columns.length));
}

const NA: PyValue = { kind: 'na' };
const TRUE: PyValue = { kind: 'bool', value: true };
const FALSE: PyValue = { kind: 'bool', value: false };
const isTrue = (raw: string) => raw.length === 4 && raw.toLowerCase() === 'true';

/**
 * The Python value of a non-missing raw field in a chunk of type `chunk` of a column of dtype `dtype`.
 * Floats are parsed as pandas parses them (toNumber: precise_xstrtod, not correctly rounded beyond 15
 * digits); ints of an int64 chunk are cast to float64 exactly rounded where the column is float64.
 */
export function valueOf(raw: string, chunk: ChunkType, dtype: ColumnDtype): PyValue {
  switch (chunk) {
    case 'empty':
      return NA;
    case 'str':
      return { kind: 'str', value: raw };
    case 'bool':
    case 'boolNA':
      if (dtype === 'object' || dtype === 'bool') return isTrue(raw) ? TRUE : FALSE;
      if (dtype === 'float64') return { kind: 'float', value: isTrue(raw) ? 1 : 0 };
      return { kind: 'int', value: isTrue(raw) ? 1n : 0n };
    case 'int':
    case 'uint':
      return dtype === 'float64' ? { kind: 'float', value: Number(BigInt(asciiTrim(raw))) } : { kind: 'int', value: BigInt(asciiTrim(raw)) };
    case 'float':
      return { kind: 'float', value: toNumber(raw) };
  }
}

/** A reader of raw fields by row: the chunk's type decides each value. */
export type RowReader = (raw: string, row: number) => PyValue;

export function layoutReader(layout: ColumnLayout): RowReader {
  const { dtype, chunks, perChunk } = layout;
  if (chunks.length === 1) {
    const only = chunks[0]!;
    return (raw) => (isMissing(raw) ? NA : valueOf(raw, only, dtype));
  }
  return (raw, row) => (isMissing(raw) ? NA : valueOf(raw, chunks[(row / perChunk) | 0] ?? 'empty', dtype));
}

/** Python's str() of a non-missing value read from a chunk, for comparisons of text. */
export function strOf(raw: string, chunk: ChunkType, layout: ColumnLayout): string {
  const value = valueOf(raw, chunk, layout.dtype);
  switch (value.kind) {
    case 'str':
      return value.value;
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'int':
      return value.value.toString();
    case 'float':
      return pyFloatRepr(value.value);
    case 'na':
      throw new Error('unreachable: a missing value has no str()');
  }
}

/**
 * str() of the values pandas holds in a column typed as `layout` says, from its rows' codes into its distinct
 * raw texts (-1 for missing): each code becomes the id of its str() text, in place, each raw text looked at
 * once per chunk type; the texts, in order of first appearance.
 */
function strIds(raws: readonly string[], codes: Int32Array, layout: ColumnLayout): string[] {
  const { chunks, perChunk } = layout;
  const finalIds = new Map<ChunkType, Int32Array>();
  const textIds = new Map<string, number>();
  const texts: string[] = [];
  let chunkIndex = -1;
  let type: ChunkType = chunks[0]!;
  let cache: Int32Array = new Int32Array(0);
  for (let row = 0; row < codes.length; row++) {
    if (row % perChunk === 0) {
      type = chunks.length === 1 ? chunks[0]! : (chunks[++chunkIndex] ?? 'empty');
      if (!finalIds.has(type)) finalIds.set(type, new Int32Array(raws.length).fill(-1));
      cache = finalIds.get(type)!;
    }
    const raw = codes[row]!;
    if (raw < 0) continue;
    let id = cache[raw]!;
    if (id < 0) {
      const text = strOf(raws[raw]!, type, layout);
      id = textIds.get(text) ?? -1;
      if (id < 0) {
        id = texts.length;
        textIds.set(text, id);
        texts.push(text);
      }
      cache[raw] = id;
    }
    codes[row] = id;
  }
  return texts;
}

/**
 * Column `p`'s rows as ids of the distinct str() texts of the values pandas holds (-1 for missing), the texts
 * in order of first appearance, read from the dataset's codes: each distinct raw text is typed once per chunk
 * (columnLayouts, which throws where pandas' typing cannot be reproduced) and turned to str() once per chunk
 * type, not once per row.
 */
export function strCodes(dataset: DatasetRef, encoded: EncodedDataset, p: number): StrCodes {
  const layout = columnLayouts(dataset, encoded, [p])[p]!;
  const { values, codes: rawCodes } = encoded.columns[p]!;
  const missing = Uint8Array.from(values, (raw) => (isMissing(raw) ? 1 : 0));
  const codes = new Int32Array(rawCodes.length);
  for (let row = 0; row < codes.length; row++) {
    const raw = rawCodes[row]!;
    codes[row] = missing[raw] ? -1 : raw;
  }
  return { codes, texts: strIds(values, codes, layout), layout };
}

/** A column's rows as ids of str() texts (-1 for missing), the texts, and how pandas types the column. */
export interface StrCodes {
  codes: Int32Array;
  texts: string[];
  layout: ColumnLayout;
}

/**
 * Every column's layout, as pandas types it: the profile's where it leaves no doubt (int64, float64 and bool
 * columns are typed alike in every chunk), else read from the dataset's chunks (object, uint64). A chunk's
 * type depends only on which texts it holds, so each distinct text of a chunk is looked at once.
 * Throws (checkFloatText) on a float64 column's value whose reading depends on its chunk.
 */
export function columnLayouts(dataset: DatasetRef, encoded: EncodedDataset, positions: Iterable<number>): ColumnLayout[] {
  const layouts = dataset.columns.map((c) => profileLayout(c, dataset));
  const chunks = chunkCount(dataset);
  for (const p of new Set(positions)) {
    const { name, dtype } = dataset.columns[p]!;
    const { values } = encoded.columns[p]!;
    if (dtype === 'float64') {
      for (const raw of values) if (raw.length >= 17) checkFloatText(raw, name, chunks > 1);
    } else if (dtype !== 'int64' && dtype !== 'bool') layouts[p] = chunkKinds(dataset, encoded, p).layout();
  }
  return layouts;
}

/** The kinds of column `p`'s texts chunk by chunk, each distinct text of a chunk looked at once. */
export function chunkKinds(dataset: DatasetRef, encoded: EncodedDataset, p: number): ChunkKinds {
  const perChunk = chunkRows(dataset.columns.length);
  const { values, codes } = encoded.columns[p]!;
  const kinds = new ChunkKinds(dataset.columns[p]!.name, perChunk, chunkCount(dataset));
  const seenIn = new Int32Array(values.length).fill(-1);
  for (let chunk = 0; chunk * perChunk < encoded.rowCount; chunk++) {
    const end = Math.min(encoded.rowCount, (chunk + 1) * perChunk);
    for (let row = chunk * perChunk; row < end; row++) {
      const code = codes[row]!;
      if (seenIn[code] === chunk) continue;
      seenIn[code] = chunk;
      if (kinds.addTo(values[code]!, chunk)) break;
    }
  }
  return kinds;
}

/** Runs a computation with the layouts of the columns at `positions` (columnLayouts). */
export async function withLayouts<T>(
  dataset: DatasetRef,
  scan: Scan,
  positions: Iterable<number>,
  compute: (layouts: ColumnLayout[], scan: Scan) => Promise<T>,
): Promise<T> {
  return compute(columnLayouts(dataset, await encodedDataset(dataset), positions), scan);
}
