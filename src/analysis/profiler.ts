import { createReadStream } from 'node:fs';
import { readCsv } from '../datasets/csvReader';
import { detached, isMissing, toNumber, valueKind } from '../datasets/pandasSemantics';
import { ColumnProfiler, type NumericSummary } from '../datasets/profile';
import { DATE_LIKE, DateColumnProbe, isoDay } from '../pipeline/fallback/dates';
import { pyCollapse } from '../pipeline/fallback/pyUnicode';
import type { DatasetRef } from '../pipeline/types';

/**
 * The analysis agent's profile of a dataset: one streaming pass over the whole CSV (papaparse, pandas' NA
 * rules and dtypes through ColumnProfiler), bounded in memory: value counts are kept per column up to
 * VALUE_COUNT_CAP distinct values (beyond that a KMV sketch estimates the distinct count), and whole-row
 * duplicates are found through 53-bit row hashes for the first ROW_HASH_CAP distinct rows.
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

/** FNV-1a over a string, from a seed: two of them make a 53-bit row key. */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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

class ColumnCollector {
  private readonly base: ColumnProfiler;
  private counts: Map<string, number> | null = new Map();
  private readonly sketch = new KmvSketch();
  private readonly probe = new DateColumnProbe();
  present = 0;
  numericCount = 0;
  nonNumericCount = 0;
  negativeCount = 0;
  whitespaceCount = 0;
  dateCount = 0;
  minDate: string | null = null;
  maxDate: string | null = null;
  tokenCount = 0;
  private lengthSum = 0;
  maxLength = 0;
  readonly examples: string[] = [];
  readonly nonNumericExamples: string[] = [];
  readonly nonDateExamples: string[] = [];
  readonly negativeExamples: string[] = [];
  readonly whitespaceExamples: string[] = [];

  constructor(readonly name: string) {
    // The base profiler's own distinct set is not needed: the value counts below replace it.
    this.base = new ColumnProfiler(name, 0);
  }

  add(raw: string) {
    this.base.add(raw);
    if (isMissing(raw)) return;
    this.present += 1;
    this.lengthSum += raw.length;
    if (raw.length > this.maxLength) this.maxLength = raw.length;
    if (!/\s/.test(raw)) this.tokenCount += 1;
    this.probe.add(raw);
    const counts = this.counts;
    let isNew = true;
    if (counts) {
      const seen = counts.get(raw);
      isNew = seen === undefined;
      if (isNew) {
        counts.set(detached(raw), 1);
        if (counts.size > VALUE_COUNT_CAP) {
          for (const value of counts.keys()) this.sketch.add(value);
          this.counts = null;
        }
      } else counts.set(raw, seen! + 1);
    } else this.sketch.add(raw);
    if (isNew && this.examples.length < EXAMPLES && !this.examples.includes(raw)) this.examples.push(detached(raw));

    const x = toNumber(raw);
    if (Number.isFinite(x)) {
      this.numericCount += 1;
      if (x < 0) {
        this.negativeCount += 1;
        remember(this.negativeExamples, raw);
      }
    } else if (valueKind(raw) !== 'float') {
      // (infinities are numbers to pandas, but not finite ones: neither kind is counted)
      this.nonNumericCount += 1;
      remember(this.nonNumericExamples, raw);
      if (valueKind(raw) === 'text' && strayWhitespace(raw)) {
        this.whitespaceCount += 1;
        remember(this.whitespaceExamples, raw);
      }
    }
    const day = DATE_LIKE.test(raw) ? isoDay(raw) : null;
    if (day !== null) {
      this.dateCount += 1;
      if (this.minDate === null || day < this.minDate) this.minDate = day;
      if (this.maxDate === null || day > this.maxDate) this.maxDate = day;
    } else remember(this.nonDateExamples, raw);
  }

  finish(): ColumnStats {
    const base = this.base.finish();
    const counts = this.counts;
    return {
      name: this.name,
      dtype: base.dtype,
      nullCount: base.nullCount,
      present: this.present,
      distinctCount: counts ? counts.size : this.sketch.estimate(),
      distinctEstimated: counts === null,
      numericCount: this.numericCount,
      numeric: base.numeric,
      nonNumericCount: this.nonNumericCount,
      negativeCount: this.negativeCount,
      whitespaceCount: this.whitespaceCount,
      dateLike: this.probe.isDateLike(),
      dateCount: this.dateCount,
      minDate: this.minDate,
      maxDate: this.maxDate,
      meanLength: this.present ? this.lengthSum / this.present : 0,
      maxLength: this.maxLength,
      tokenCount: this.tokenCount,
      topValues: counts ? topValues(counts, 10) : null,
      valueCounts: counts,
      examples: this.examples,
      nonNumericExamples: this.nonNumericExamples,
      nonDateExamples: this.nonDateExamples,
      negativeExamples: this.negativeExamples,
      whitespaceExamples: this.whitespaceExamples,
    };
  }
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
function rowPart(raw: string): string {
  if (isMissing(raw)) return '\u0000';
  const x = toNumber(raw);
  return Number.isNaN(x) ? raw : String(x);
}

/** Profiles the dataset's CSV in one pass. */
export async function profileDataset(dataset: DatasetRef, signal?: AbortSignal): Promise<DatasetProfile> {
  const collectors: ColumnCollector[] = [];
  const rowHashes = new Map<number, number>();
  await readCsv(createReadStream(dataset.path), {
    maxBytes: Number.POSITIVE_INFINITY,
    onHeader: (columns) => columns.forEach((c) => collectors.push(new ColumnCollector(c))),
    onRow: (fields, index) => {
      if (index % 4096 === 0) signal?.throwIfAborted();
      let key = '';
      for (let i = 0; i < fields.length; i++) {
        collectors[i]!.add(fields[i]!);
        key += `${rowPart(fields[i]!)}\u0001`;
      }
      const h = fnv1a(key, 0x811c9dc5) * 2097152 + (fnv1a(key, 0x01000193) & 0x1fffff);
      const seen = rowHashes.get(h);
      if (seen !== undefined) rowHashes.set(h, seen + 1);
      else if (rowHashes.size < ROW_HASH_CAP) rowHashes.set(h, 1);
    },
  });
  let duplicateRowCandidates = 0;
  for (const n of rowHashes.values()) if (n > 1) duplicateRowCandidates += n;
  return { rows: dataset.rowCount, columns: collectors.map((c) => c.finish()), duplicateRowCandidates };
}
