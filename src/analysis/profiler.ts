import { detached } from '../datasets/pandasSemantics';
import { MISSING, VALUE_KINDS, ValueClasses } from '../datasets/valueClasses';
import { ColumnProfiler, type NumericSummary } from '../datasets/profile';
import { PairIds } from '../pipeline/fallback/pairIds';
import { encodedDataset, type EncodedColumn } from '../pipeline/fallback/encodedDataset';
import { fnv1a } from '../util/fnv';
import { DATE_LIKE, DateColumnProbe, isoDay } from '../pipeline/fallback/dates';
import { pyCollapse } from '../pipeline/fallback/pyUnicode';
import type { DatasetRef } from '../pipeline/types';

/**
 * The analysis agent's profile of a dataset: the whole dataset as the heuristics read it (encodedDataset.ts;
 * pandas' NA rules and dtypes through ColumnProfiler). Value counts are kept per column up to
 * VALUE_COUNT_CAP distinct values (beyond that a KMV sketch estimates the distinct count), and whole-row
 * duplicates are found through 64-bit row hashes for the first ROW_HASH_CAP distinct rows.
 */
export const VALUE_COUNT_CAP = 20_000;
export const ROW_HASH_CAP = 2_000_000;
const KMV_SIZE = 1024;
const EXAMPLES = 5;
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
  /** Distinct non-missing raw values: exact unless distinctEstimated (then a KMV estimate). */
  distinctCount: number;
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

/** k-minimum-values sketch of a set's size: the k smallest normalized hashes. */
class KmvSketch {
  private readonly values: number[] = [];
  private readonly members = new Set<number>();

  add(text: string) {
    const h = fnv1a(text, 0x811c9dc5) / 4294967296;
    if (this.members.has(h)) return;
    if (this.values.length < KMV_SIZE) {
      this.insert(h);
    } else if (h < this.values[this.values.length - 1]!) {
      this.members.delete(this.values.pop()!);
      this.insert(h);
    }
  }

  private insert(h: number) {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    this.values.splice(lo, 0, h);
    this.members.add(h);
  }

  estimate(): number {
    if (this.values.length < KMV_SIZE) return this.values.length;
    return Math.round((KMV_SIZE - 1) / this.values[KMV_SIZE - 1]!);
  }
}

/** Each row's 64-bit key (two 32-bit hashes) over the columns added so far, to count whole-row duplicates. */
class RowKeys {
  private readonly first: Int32Array;
  private readonly second: Int32Array;

  constructor(rows: number) {
    this.first = new Int32Array(rows).fill(0x811c9dc5 | 0);
    this.second = new Int32Array(rows).fill(0x01000193);
  }

  /** Adds a column whose rows' parts hash to first[codes[row]] and second[codes[row]]. */
  add(codes: Int32Array, first: Int32Array, second: Int32Array) {
    for (let row = 0; row < codes.length; row++) {
      this.first[row] = Math.imul(this.first[row]! ^ first[codes[row]!]!, 0x01000193);
      this.second[row] = Math.imul(this.second[row]! ^ second[codes[row]!]!, 0x5bd1e995);
    }
  }

  /** Rows whose key occurs more than once, among the first ROW_HASH_CAP distinct keys. */
  duplicates(): number {
    const ids = new PairIds(this.first.length);
    const counts = new Int32Array(Math.min(this.first.length, ROW_HASH_CAP));
    for (let row = 0; row < this.first.length; row++) {
      const id = ids.id(this.first[row]!, this.second[row]!);
      if (id < ROW_HASH_CAP) counts[id]! += 1;
    }
    let rows = 0;
    for (const n of counts) if (n > 1) rows += n;
    return rows;
  }
}

/**
 * One column's statistics. Each distinct text is classified once (a column kept row by row has a text per
 * row); what depends on the order of rows (the moments, the date probe's first values) is taken in order,
 * and what lists values (counts, examples) in order of first appearance, which is the order of the codes.
 */
function columnStats(name: string, column: EncodedColumn, rowKeys: RowKeys): ColumnStats {
  const { values, codes } = column;
  // Classified as the upload classifies a chunk (valueClasses.ts), the whole column as one chunk.
  const chunk = { codes, values, newValues: values };
  const classes = new ValueClasses();
  classes.update(chunk);
  const kinds = Array.from(classes.kinds.subarray(0, values.length), (k) => (k === MISSING ? null : VALUE_KINDS[k]!));
  const numbers = classes.numbers;
  const parts = values.map((raw, i) => rowPart(raw, kinds[i] === null, numbers[i]!));
  const hashes = [0x811c9dc5, 0x01000193].map((seed) => Int32Array.from(parts, (part) => fnv1a(part, seed)));
  rowKeys.add(codes, hashes[0]!, hashes[1]!);

  const base = new ColumnProfiler(name, 0);
  base.addChunk(chunk, classes, codes.length);
  const probe = new DateColumnProbe();
  const occurrences = new Int32Array(values.length);
  for (let row = 0; row < codes.length; row++) occurrences[codes[row]!]! += 1;
  for (let row = 0; row < codes.length && !probe.full; row++) {
    const code = codes[row]!;
    if (kinds[code] !== null) probe.add(values[code]!);
  }

  let counts: Map<string, number> | null = new Map();
  const sketch = new KmvSketch();
  const stats = { present: 0, numericCount: 0, nonNumericCount: 0, negativeCount: 0, whitespaceCount: 0, dateCount: 0, tokenCount: 0, lengthSum: 0, maxLength: 0 };
  let minDate: string | null = null;
  let maxDate: string | null = null;
  const examples = { first: [] as string[], nonNumeric: [] as string[], nonDate: [] as string[], negative: [] as string[], whitespace: [] as string[] };
  for (let code = 0; code < values.length; code++) {
    const raw = values[code]!;
    const kind = kinds[code];
    const n = occurrences[code]!;
    if (kind === null || n === 0) continue;
    stats.present += n;
    stats.lengthSum += raw.length * n;
    if (raw.length > stats.maxLength) stats.maxLength = raw.length;
    if (!/\s/.test(raw)) stats.tokenCount += n;
    if (counts) {
      counts.set(raw, (counts.get(raw) ?? 0) + n);
      if (counts.size > VALUE_COUNT_CAP) {
        for (const value of counts.keys()) sketch.add(value);
        counts = null;
      }
    } else sketch.add(raw);
    remember(examples.first, raw);
    const x = numbers[code]!;
    if (Number.isFinite(x)) {
      stats.numericCount += n;
      if (x < 0) {
        stats.negativeCount += n;
        remember(examples.negative, raw);
      }
    } else if (kind !== 'float') {
      // (infinities are numbers to pandas, but not finite ones: neither kind is counted)
      stats.nonNumericCount += n;
      remember(examples.nonNumeric, raw);
      if (kind === 'text' && strayWhitespace(raw)) {
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
  return {
    name,
    dtype: profile.dtype,
    nullCount: profile.nullCount,
    present: stats.present,
    distinctCount: counts ? counts.size : sketch.estimate(),
    distinctEstimated: counts === null,
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

/** The key a field contributes to its row's hash: numbers by value (1 and 1.0 are equal), NA as one value. */
function rowPart(raw: string, missing: boolean, number: number): string {
  if (missing) return '\u0000';
  return Number.isNaN(number) ? raw : String(number);
}

/** Profiles the dataset, column by column, from the dataset as read once (encodedDataset.ts). */
export async function profileDataset(dataset: DatasetRef, signal?: AbortSignal): Promise<DatasetProfile> {
  const encoded = await encodedDataset(dataset);
  const rowKeys = new RowKeys(encoded.rowCount);
  const columns = encoded.header.map((name, c) => {
    signal?.throwIfAborted();
    return columnStats(name, encoded.columns[c]!, rowKeys);
  });
  return { rows: dataset.rowCount, columns, duplicateRowCandidates: rowKeys.duplicates() };
}
