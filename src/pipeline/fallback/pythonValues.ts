/**
 * The values pandas.read_csv gives a column (read from raw CSV fields by objectColumn.ts), in the forms
 * the heuristic needs: a key for equality (as `duplicated` compares), Python's `str()` of the
 * value (as the categorical template compares text), and the JSON the templates print.
 */
export type PyValue = { kind: 'na' } | { kind: 'float'; value: number } | { kind: 'int'; value: bigint } | { kind: 'bool'; value: boolean } | { kind: 'str'; value: string };

/** A string equal for two values exactly when pandas' hashing treats them as equal (NaN equals NaN). */
export function equalityKey(v: PyValue): string {
  switch (v.kind) {
    case 'na':
      return 'n';
    case 'float':
      if (Number.isNaN(v.value)) return 'n';
      // An integral float equals the int of its exact value (2**60 == 1152921504606846976), which
      // toString() does not print beyond 2**53.
      return Number.isInteger(v.value) && Math.abs(v.value) >= 2 ** 53 ? `f${BigInt(v.value)}` : `f${v.value === 0 ? 0 : v.value}`;
    case 'int':
      return `f${v.value}`;
    case 'bool':
      return v.value ? 'f1' : 'f0'; // True == 1 == 1.0 in an object column
    case 'str':
      return `s${v.value}`;
  }
}

/** Python's str() of the value; null for a missing one. */
export function pyStr(v: PyValue): string | null {
  switch (v.kind) {
    case 'na':
      return null;
    case 'float':
      return pyFloatRepr(v.value);
    case 'int':
      return v.value.toString();
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'str':
      return v.value;
  }
}

/** The JSON a template prints for the value (to_jsonable: NaN and infinities become null). */
export function toJson(v: PyValue): string | number | boolean | null {
  switch (v.kind) {
    case 'na':
      return null;
    case 'float':
      return Number.isFinite(v.value) ? v.value : null;
    case 'int':
      return Number(v.value);
    case 'bool':
      return v.value;
    case 'str':
      return v.value;
  }
}

/** repr() of a Python float: the shortest round-trip digits, fixed between 1e-4 and 1e16, else e-notation. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.length > e + 1 ? digits.slice(0, e + 1) : digits.padEnd(e + 1, '0');
  const fraction = digits.slice(e + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

/** `json.dumps(value, ensure_ascii=False)` as Python writes it (", " and ": " separators), for messages. */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pyFloatRepr(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
}

/** The templates' `shown(value)`: an option as the client wrote it, cut to 120 characters. */
export function shownOption(value: unknown): string {
  const text = pyJsonDumps(value);
  const chars = [...text];
  return chars.length <= 120 ? text : `${chars.slice(0, 117).join('')}...`;
}
