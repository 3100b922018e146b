import { isDictionaryChunk, type ColumnChunk } from './csv/columnChunker';
import type { ValueKind } from './pandasSemantics';
import { MISSING, VALUE_KINDS, type ValueClasses } from './valueClasses';

/** What the service knows about a column without running Python, computed in one pass at upload. */
export interface ColumnProfile {
  name: string;
  /** The dtype pandas.read_csv gives the column: int64, uint64, float64, bool or object. */
  dtype: string;
  nullCount: number;
  /** Distinct non-missing raw values, exact up to DISTINCT_CAP (then distinctCapped is true). */
  distinctCount: number;
  distinctCapped: boolean;
  /** Moments over the values `pd.to_numeric(errors="coerce")` turns into finite numbers. */
  numeric: NumericSummary | null;
}

export interface NumericSummary {
  count: number;
  mean: number;
  std: number | null;
  min: number;
  max: number;
}

const DISTINCT_CAP = 10_000;

export class ColumnProfiler {
  private nulls = 0;
  private kinds = new Set<ValueKind>();
  private negative = false;
  private distinctCount = 0;
  private distinctCapped = false;
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(
    readonly name: string,
    private readonly distinctCap = DISTINCT_CAP,
  ) {}

  /**
   * A chunk of the column as read at upload, its values classified in `classes`. Kinds and distinct values
   * are taken once per new value; nulls and the moments (in row order) per row.
   */
  addChunk(column: ColumnChunk, classes: ValueClasses, rows: number) {
    const { kinds, negativeInts, numbers } = classes;
    for (let i = classes.size - classes.added; i < classes.size; i++) {
      if (kinds[i] === MISSING) continue;
      this.kinds.add(VALUE_KINDS[kinds[i]!]!);
      if (negativeInts[i]) this.negative = true;
      if (!this.distinctCapped) {
        this.distinctCount += 1;
        // A chunk kept as texts comes only after more than IDS_MIN_DISTINCT (columnChunker.ts) distinct values, over the cap.
        if (this.distinctCount > this.distinctCap || !isDictionaryChunk(column)) this.distinctCapped = true;
      }
    }
    const codes = classes.rowCodes;
    for (let row = 0; row < rows; row++) {
      const i = codes ? codes[row]! : row;
      if (kinds[i] === MISSING) {
        this.nulls += 1;
        continue;
      }
      const x = numbers[i]!;
      if (Number.isFinite(x)) this.addNumber(x);
    }
  }

  /** A field already classified: its kind (null when missing), whether it is a negative int, its number (toNumber). Distinct values are not counted. */
  addClassified(kind: ValueKind | null, negativeInt: boolean, x: number) {
    if (kind === null) {
      this.nulls += 1;
      return;
    }
    this.kinds.add(kind);
    if (negativeInt) this.negative = true;
    if (Number.isFinite(x)) this.addNumber(x);
  }

  private addNumber(x: number) {
    this.n += 1;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  finish(): ColumnProfile {
    return {
      name: this.name,
      dtype: this.dtype(),
      nullCount: this.nulls,
      distinctCount: this.distinctCount,
      distinctCapped: this.distinctCapped,
      numeric:
        this.n === 0
          ? null
          : {
              count: this.n,
              mean: this.mean,
              std: this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : null,
              min: this.min,
              max: this.max,
            },
    };
  }

  /** pandas' C parser rules, checked against pandas 1.5 on edge cases (see test/profile.test.ts). */
  private dtype(): string {
    const k = this.kinds;
    if (k.size === 0) return 'float64';
    const only = (...allowed: ValueKind[]) => [...k].every((x) => allowed.includes(x));
    if (only('bool')) return this.nulls === 0 ? 'bool' : 'object';
    if (only('int')) return this.nulls === 0 ? 'int64' : 'float64';
    if (only('int', 'uint')) return this.nulls === 0 && !this.negative ? 'uint64' : 'object';
    if (only('int', 'float')) return 'float64';
    return 'object';
  }
}
