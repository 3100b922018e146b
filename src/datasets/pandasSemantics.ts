/**
 * How `pandas.read_csv` (pandas 1.5, default options) reads a raw CSV field, for the parts the service
 * computes without Python: which strings are missing values, which parse as numbers or booleans.
 */

/** pandas' default `na_values` (pandas._libs.parsers.STR_NA_VALUES), matched against the raw field. */
export const PANDAS_NA_VALUES: ReadonlySet<string> = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN',
  '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'n/a', 'nan', 'null',
]);

export function isMissing(raw: string): boolean {
  return PANDAS_NA_VALUES.has(raw);
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const FLOAT = /^\s*[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|inf(?:inity)?)\s*$/i;
const BOOLEAN = /^(?:true|false)$/i;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

export type ValueKind = 'int' | 'int-overflow' | 'uint' | 'float' | 'bool' | 'text';

/** The kind of a non-missing raw field, as pandas' C parser decides a column's dtype. */
export function valueKind(raw: string): ValueKind {
  if (INTEGER.test(raw)) {
    if (raw.trim().replace(/^[+-]/, '').length < 18) return 'int';
    const v = BigInt(raw.trim());
    if (v >= INT64_MIN && v <= INT64_MAX) return 'int';
    return v > 0n && v <= UINT64_MAX ? 'uint' : 'int-overflow';
  }
  if (FLOAT.test(raw)) return 'float';
  if (BOOLEAN.test(raw)) return 'bool';
  return 'text';
}

/** `pd.to_numeric(errors="coerce")` on one raw field: a number, or NaN when missing or not numeric. */
export function toNumber(raw: string): number {
  if (isMissing(raw) || !FLOAT.test(raw)) return Number.NaN;
  const t = raw.trim().toLowerCase();
  if (t.endsWith('inf') || t.endsWith('infinity')) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

/**
 * A copy of a string that does not keep its parent alive. papaparse's fields are slices of the chunk
 * they were parsed from; keeping a few of them would otherwise keep whole chunks of the upload in memory.
 * (V8 only slices strings of 13 characters or more; shorter ones are already copies.)
 */
export function detached(value: string): string {
  return value.length < 13 ? value : structuredClone(value);
}
