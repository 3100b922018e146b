import { detached } from '../datasets/pandasSemantics';
import { MISSING, VALUE_KINDS, ValueClasses } from '../datasets/valueClasses';
import { ColumnProfiler, type NumericSummary } from '../datasets/profile';
import { occurrences } from '../pipeline/fallback/columnValues';
import { PairIds } from '../pipeline/fallback/pairIds';
import { encodedDataset, type EncodedDataset } from '../pipeline/fallback/encodedDataset';
import { DATE_LIKE, DateColumnProbe, isoDay } from '../pipeline/fallback/dates';
import { pyCollapse } from '../pipeline/fallback/pyUnicode';
import type { DatasetRef } from '../pipeline/types';

/**
 * The analysis agent's profile of a dataset: the whole dataset as the heuristics read it (encodedDataset.ts;
 * pandas' NA rules and dtypes through ColumnProfiler). Value counts are kept per column up to
 * VALUE_COUNT_CAP distinct values (distinct counts are exact at any size), and whole-row duplicates are
 * found through 64-bit row hashes for the first ROW_HASH_CAP distinct rows.
 */
export const VALUE_COUNT_CAP = 20_000;
export const ROW_HASH_CAP = 2_000_000;
const EXAMPLES = 5;
const FLOAT = VALUE_KINDS.indexOf('float');
const TEXT = VALUE_KINDS.indexOf('text');
/** Whitespace the whitespace_case template cleans (Python's whitespace): leading, trailing, or inner runs other than one space. */
const strayWhitespace = (raw: string) => pyCollapse(raw) !== raw;

export interface ValueCount {
  value: string;
  count: number;
}

export interface ColumnStats {
  name: string;
  /** The dtype pandas.read_csv gives the column. */
  dtype: string;
  nullCount: number;
  /** Non-missing values. */
  present: number;
  /** Distinct non-missing raw values. */
  distinctCount: number;
  /** Whether distinctCount is an estimate (kept for readers of stored profiles: it is now always exact). */
  distinctEstimated: boolean;
  /** Present values pd.to_numeric reads as finite numbers, and their moments. */
  numericCount: number;
  numeric: NumericSummary | null;
  /** Present values that are not numbers (text, booleans). */
  nonNumericCount: number;
  /** Present numeric values below zero. */
  negativeCount: number;
  /**
   * Present text values (neither numbers nor booleans, so text in pandas whatever the chunk) with stray
   * whitespace as Python sees it: leading, trailing, or inner runs other than one space.
   */
  whitespaceCount: number;
  /** The first 200 present values look like dates (the templates' DATE_LIKE rule). */
  dateLike: boolean;
  /** Present values that are dates pd.to_datetime reads. */
  dateCount: number;
  /** The earliest and latest of those dates (YYYY-MM-DD). */
  minDate: string | null;
  maxDate: string | null;
  /** Text lengths of present values. */
  meanLength: number;
  maxLength: number;
  /** Present values without whitespace inside (codes, ids, e-mails). */
  tokenCount: number;
  /** Most frequent values (ties by first appearance); null when the column has too many distinct values. */
  topValues: ValueCount[] | null;
  /** Every distinct value with its count, in first-appearance order; null beyond VALUE_COUNT_CAP. */
  valueCounts: Map<string, number> | null;
  /**
   * The first distinct present values, and the first that are not numbers / not dates / padded: raw, as
   * in the file (personal data included), for the rules to redact when they show them.
   */
  examples: string[];
  nonNumericExamples: string[];
  nonDateExamples: string[];
  negativeExamples: string[];
  whitespaceExamples: string[];
}

export interface DatasetProfile {
  rows: number;
  columns: ColumnStats[];
  /** Rows whose whole content (values as pandas compares them, approximately) occurs more than once. */
  duplicateRowCandidates: number;
}

/**
 * What a column adds to each row's 64-bit key (two 32-bit lanes). A row's key is the sum of its columns'
 * parts, each salted by its column's position, so that columns add in any order and in any thread.
 */
export interface RowKeyParts {
  first: Int32Array;
  second: Int32Array;
}

/** A column's statistics, and its part of the rows' keys for counting whole-row duplicates. */
export interface ProfiledColumn {
  stats: ColumnStats;
  keys: RowKeyParts;
}

/** Each row's 64-bit key over the columns added so far, to count whole-row duplicates. */
export class RowKeys {
  readonly first: Int32Array;
  readonly second: Int32Array;

  constructor(rows: number) {
    // Shared: the duplicates are counted by several threads at once, each reading the keys in place.
    this.first = new Int32Array(new SharedArrayBuffer(4 * rows));
    this.second = new Int32Array(new SharedArrayBuffer(4 * rows));
  }

  add(parts: RowKeyParts) {
    for (let row = 0; row < this.first.length; row++) {
      this.first[row] = (this.first[row]! + parts.first[row]!) | 0;
      this.second[row] = (this.second[row]! + parts.second[row]!) | 0;
    }
  }
}

/** Which rows a count of duplicates covers: part `index` of `of` (a power of two), by the top bits of a hash of the key's first half. */
export interface KeyPart {
  index: number;
  of: number;
}

const partOf = (first: number, bits: number) => (bits ? Math.imul(first, 0x9e3779b1) >>> (32 - bits) : 0);

/**
 * Rows whose key occurs more than once, among the first ROW_HASH_CAP distinct keys, of those in `part`. A
 * row's copies are all in its part: counts of the parts add up to the whole's when there are at most
 * ROW_HASH_CAP rows (more, and which keys are the first ROW_HASH_CAP depends on the parts).
 */
export function duplicateRows({ first, second }: RowKeyParts, part: KeyPart = { index: 0, of: 1 }): number {
  const bits = Math.log2(part.of);
  let rows = first.length;
  if (bits) {
    rows = 0;
    for (let row = 0; row < first.length; row++) if (partOf(first[row]!, bits) === part.index) rows++;
  }
  const ids = new PairIds(rows);
  const counts = new Int32Array(Math.min(rows, ROW_HASH_CAP));
  for (let row = 0; row < first.length; row++) {
    if (partOf(first[row]!, bits) !== part.index) continue;
    const id = ids.id(first[row]!, second[row]!);
    if (id < ROW_HASH_CAP) counts[id]! += 1;
  }
  let repeated = 0;
  for (const n of counts) if (n > 1) repeated += n;
  return repeated;
}

/**
 * Column `c`'s statistics. Each distinct text is classified once (a column's codes are exact: one per
 * distinct text, columnFile.ts); what depends on the order of rows (the moments, the date probe's first values) is taken in order,
 * and what lists values (counts, examples) in order of first appearance, which is the order of the codes.
 * Columns are profiled independently of one another (in any thread: the detection's work is spread over the
 * worker threads, detectionWork.ts); whole-row duplicates are then counted from the sum of the columns' key parts.
 */
export function profileColumn(encoded: EncodedDataset, c: number): ProfiledColumn {
  const name = encoded.header[c]!;
  const { values, codes } = encoded.columns[c]!;
  // Classified as the upload classifies a chunk (valueClasses.ts), the whole column as one chunk.
  const chunk = { codes, values, newValues: values };
  const classes = new ValueClasses();
  classes.update(chunk);
  const kinds = classes.kinds; // indices into VALUE_KINDS, or MISSING
  const numbers = classes.numbers;
  const keys = rowKeyParts(codes, rowParts(classes, values.length, c));

  const base = new ColumnProfiler(name, 0);
  base.addChunk(chunk, classes, codes.length);
  const probe = new DateColumnProbe();
  const counted = occurrences(codes, values.length);
  for (let row = 0; row < codes.length && !probe.full; row++) {
    const code = codes[row]!;
    if (kinds[code] !== MISSING) probe.add(values[code]!);
  }

  let counts: Map<string, number> | null = new Map();
  let distinct = 0;
  const stats = { present: 0, numericCount: 0, nonNumericCount: 0, negativeCount: 0, whitespaceCount: 0, dateCount: 0, tokenCount: 0, lengthSum: 0, maxLength: 0 };
  let minDate: string | null = null;
  let maxDate: string | null = null;
  const examples = { first: [] as string[], nonNumeric: [] as string[], nonDate: [] as string[], negative: [] as string[], whitespace: [] as string[] };
  for (let code = 0; code < values.length; code++) {
    const raw = values[code]!;
    const kind = kinds[code];
    const n = counted[code]!;
    if (kind === MISSING || n === 0) continue;
    stats.present += n;
    distinct += 1;
    stats.lengthSum += raw.length * n;
    if (raw.length > stats.maxLength) stats.maxLength = raw.length;
    if (!/\s/.test(raw)) stats.tokenCount += n;
    if (counts) {
      counts.set(raw, (counts.get(raw) ?? 0) + n);
      if (counts.size > VALUE_COUNT_CAP) counts = null;
    }
    remember(examples.first, raw);
    const x = numbers[code]!;
    if (Number.isFinite(x)) {
      stats.numericCount += n;
      if (x < 0) {
        stats.negativeCount += n;
        remember(examples.negative, raw);
      }
    } else if (kind !== FLOAT) {
      // (infinities are numbers to pandas, but not finite ones: neither kind is counted)
      stats.nonNumericCount += n;
      remember(examples.nonNumeric, raw);
      if (kind === TEXT && strayWhitespace(raw)) {
        stats.whitespaceCount += n;
        remember(examples.whitespace, raw);
      }
    }
    const day = DATE_LIKE.test(raw) ? isoDay(raw) : null;
    if (day !== null) {
      stats.dateCount += n;
      if (minDate === null || day < minDate) minDate = day;
      if (maxDate === null || day > maxDate) maxDate = day;
    } else remember(examples.nonDate, raw);
  }

  const profile = base.finish();
  const columnStats: ColumnStats = {
    name,
    dtype: profile.dtype,
    nullCount: profile.nullCount,
    present: stats.present,
    distinctCount: distinct,
    distinctEstimated: false,
    numericCount: stats.numericCount,
    numeric: profile.numeric,
    nonNumericCount: stats.nonNumericCount,
    negativeCount: stats.negativeCount,
    whitespaceCount: stats.whitespaceCount,
    dateLike: probe.isDateLike(),
    dateCount: stats.dateCount,
    minDate,
    maxDate,
    meanLength: stats.present ? stats.lengthSum / stats.present : 0,
    maxLength: stats.maxLength,
    tokenCount: stats.tokenCount,
    topValues: counts ? topValues(counts, 10) : null,
    valueCounts: counts,
    examples: examples.first,
    nonNumericExamples: examples.nonNumeric,
    nonDateExamples: examples.nonDate,
    negativeExamples: examples.negative,
    whitespaceExamples: examples.whitespace,
  };
  return { stats: columnStats, keys };
}

function remember(list: string[], raw: string) {
  if (list.length < EXAMPLES && !list.includes(raw)) list.push(detached(raw));
}

function topValues(counts: Map<string, number>, n: number): ValueCount[] {
  const out: ValueCount[] = [];
  for (const [value, count] of counts) {
    if (out.length < n || count > out[out.length - 1]!.count) {
      out.push({ value, count });
      out.sort((a, b) => b.count - a.count);
      if (out.length > n) out.pop();
    }
  }
  return out;
}

/**
 * The two 32-bit hashes each distinct value of column `c` contributes to its rows' keys: a number by its value
 * (1 and 1.0 are equal), NA as one value, any other text by its code (a column's codes are exact: equal
 * texts, equal codes), salted by the column's position (so that values trading columns make another key).
 */
function rowParts(classes: ValueClasses, size: number, c: number): RowKeyParts {
  const salt = Math.imul(c + 1, 0x9e3779b1);
  const first = new Int32Array(size);
  const second = new Int32Array(size);
  const bits = new Int32Array(new Float64Array([0]).buffer);
  const asDouble = new Float64Array(bits.buffer);
  for (let code = 0; code < size; code++) {
    let low: number;
    let high: number;
    if (classes.kinds[code] === MISSING) [low, high] = [0x6e61, 0x4e41];
    else if (Number.isNaN(classes.numbers[code]!)) [low, high] = [code, 0x7e7e7e7e];
    else {
      asDouble[0] = classes.numbers[code]! + 0; // -0 as 0
      [low, high] = [bits[0]!, bits[1]!];
    }
    first[code] = mix(low, high, 0x811c9dc5 ^ salt);
    second[code] = mix(high, low, 0x01000193 ^ salt);
  }
  return { first, second };
}

/** Each row's parts, its code's (a loop over every row in a function of its own: columnValues.ts, occurrences). */
function rowKeyParts(codes: Int32Array, parts: RowKeyParts): RowKeyParts {
  const keys = { first: new Int32Array(codes.length), second: new Int32Array(codes.length) };
  for (let row = 0; row < codes.length; row++) {
    keys.first[row] = parts.first[codes[row]!]!;
    keys.second[row] = parts.second[codes[row]!]!;
  }
  return keys;
}

function mix(a: number, b: number, seed: number): number {
  let h = Math.imul(seed ^ a, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Profiles the dataset, column by column, here, from the dataset as read once (encodedDataset.ts). */
export async function profileDataset(dataset: DatasetRef, signal?: AbortSignal): Promise<DatasetProfile> {
  const encoded = await encodedDataset(dataset);
  const keys = new RowKeys(encoded.rowCount);
  const columns = encoded.header.map((_, c) => {
    signal?.throwIfAborted();
    const column = profileColumn(encoded, c);
    keys.add(column.keys);
    return column.stats;
  });
  return { rows: dataset.rowCount, columns, duplicateRowCandidates: duplicateRows(keys) };
}
