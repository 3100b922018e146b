/**
 * How `pandas.read_csv` (pandas 1.5, default options) reads a raw CSV field, for the parts the service
 * computes without Python: which strings are missing values, which parse as numbers or booleans.
 */

/** pandas' default `na_values` (pandas._libs.parsers.STR_NA_VALUES), matched against the raw field. */
export const PANDAS_NA_VALUES: ReadonlySet<string> = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN',
  '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'n/a', 'nan', 'null',
]);

const LONGEST_NA = Math.max(...[...PANDAS_NA_VALUES].map((na) => na.length));

export function isMissing(raw: string): boolean {
  return raw.length <= LONGEST_NA && PANDAS_NA_VALUES.has(raw);
}

// pandas' C parser skips only ASCII whitespace around a number (isspace_ascii: space, \t, \n, \v, \f, \r);
// a number padded with a non-breaking or other Unicode space is text, for read_csv and pd.to_numeric alike.
const INTEGER = /^[ \t\n\v\f\r]*[+-]?\d+[ \t\n\v\f\r]*$/;
// An infinity literal counts only unpadded: read_csv and pd.to_numeric both keep " inf" as text.
const FLOAT = /^(?:[ \t\n\v\f\r]*[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)[ \t\n\v\f\r]*|[+-]?inf(?:inity)?)$/i;
const ASCII_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

/** The text without the ASCII whitespace pandas' number parsing skips (String.trim() would strip more). */
export function asciiTrim(raw: string): string {
  return raw.replace(ASCII_SPACE, '');
}
const BOOLEAN = /^(?:true|false)$/i;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

export type ValueKind = 'int' | 'int-overflow' | 'uint' | 'float' | 'bool' | 'text';

/** The kind of a non-missing raw field, as pandas' C parser decides a column's dtype. */
export function valueKind(raw: string): ValueKind {
  if (INTEGER.test(raw)) {
    const t = asciiTrim(raw);
    if (t.replace(/^[+-]/, '').length < 18) return 'int';
    const v = BigInt(t);
    if (v >= INT64_MIN && v <= INT64_MAX) return 'int';
    return v > 0n && v <= UINT64_MAX ? 'uint' : 'int-overflow';
  }
  // A float that overflows is an error to pandas' parser: the text stays text.
  if (FLOAT.test(raw)) return Number.isNaN(toNumber(raw)) ? 'text' : 'float';
  if (BOOLEAN.test(raw)) return 'bool';
  return 'text';
}

const POW10 = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/;

/**
 * pandas' precise_xstrtod (tokenizer.c), the float parse of the C parser and of pd.to_numeric: at most 17
 * digits (leading zeros included) accumulated in a double, then one multiplication or division by a power
 * of ten. It is not correctly rounded: "0.30000000000000004" is 0.3 and "0.0000000000000000001" is 0.0.
 * An overflow (±Infinity here) is an error there: pandas keeps such a text as text, to_numeric gives NaN.
 * `t` is trimmed, lower-cased, a FLOAT match and no infinity literal.
 */
function preciseXstrtod(t: string): number {
  const m = DECIMAL.exec(t);
  if (!m) return Number.NaN;
  const whole = m[2]!;
  const fraction = m[3] ?? '';
  let exponent = m[4] === undefined ? 0 : Number(m[4]);
  // At most 15 digits and a power of ten up to 1e22: both operands exact, one rounding, as JavaScript's.
  if (whole.length + fraction.length <= 15 && Math.abs(exponent - fraction.length) <= 22) return Number(t);
  let number = 0;
  let digits = 0;
  for (let i = 0; i < whole.length; i++) {
    if (digits < 17) {
      number = number * 10 + (whole.charCodeAt(i) - 48);
      digits += 1;
    } else exponent += 1;
  }
  let decimals = 0;
  for (let i = 0; i < fraction.length && digits < 17; i++) {
    number = number * 10 + (fraction.charCodeAt(i) - 48);
    digits += 1;
    decimals += 1;
  }
  exponent -= decimals;
  if (exponent > 308) number = Infinity;
  else if (exponent > 0) number *= POW10[exponent]!;
  else if (exponent < -308) number = exponent < -616 ? 0 : number / POW10[-308 - exponent]! / POW10[308]!;
  else number /= POW10[-exponent]!;
  return m[1] === '-' ? -number : number;
}

/**
 * Whether `raw` is a sign, then at most 15 digits with at most one decimal point among or after them, and
 * nothing else: what most numeric fields are. toNumber reads such a text as JavaScript does (precise_xstrtod
 * is exact up to 15 digits), without the regular expressions and strings of the general case.
 */
function isPlainDecimal(raw: string): boolean {
  const length = raw.length;
  if (length === 0 || length > 17) return false;
  let i = raw.charCodeAt(0) === 45 || raw.charCodeAt(0) === 43 ? 1 : 0; // - or +
  let digits = 0;
  let points = 0;
  for (; i < length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && points === 0) points++;
    else return false;
  }
  return digits > 0 && digits <= 15;
}

/** Whether pandas reads the field as a negative integer (which makes an int/uint column object). */
export const isNegativeInt = (raw: string, kind: ValueKind) => kind === 'int' && raw.trim().startsWith('-');

/** `pd.to_numeric(errors="coerce")` on one raw field: a number, or NaN when missing or not numeric. */
export function toNumber(raw: string): number {
  if (isPlainDecimal(raw)) return Number(raw);
  if (isMissing(raw) || !FLOAT.test(raw)) return Number.NaN;
  const t = asciiTrim(raw).toLowerCase();
  if (t.endsWith('inf') || t.endsWith('infinity')) return t.startsWith('-') ? -Infinity : Infinity;
  const x = preciseXstrtod(t);
  return Number.isFinite(x) ? x : Number.NaN;
}

/**
 * A copy of a string that does not keep its parent alive. The texts of a columns file's chunk are slices of
 * one decoded string; keeping a few of them would otherwise keep the whole chunk in memory.
 * (V8 only slices strings of 13 characters or more; shorter ones are already copies.)
 */
export function detached(value: string): string {
  return value.length < 13 ? value : structuredClone(value);
}
