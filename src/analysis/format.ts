/** How figures appear in hypothesis descriptions: "1,093 of 5,012 rows (21.8%)". */

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A percentage with one decimal; a share too small to show as 0.1% is "<0.1%". */
export function percent(part: number, whole: number): string {
  if (!whole) return '0.0%';
  const p = (part / whole) * 100;
  if (p > 0 && p < 0.05) return '<0.1%';
  return `${p.toFixed(1)}%`;
}

/** "1,093 of 5,012 rows (21.8%)" */
export function share(part: number, whole: number, noun = 'rows'): string {
  return `${count(part)} of ${count(whole)} ${noun} (${percent(part, whole)})`;
}

/** A measured number: thousands separators, at most two decimals (more for small magnitudes). */
export function number(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return String(x);
  const digits = Math.abs(x) >= 1 || x === 0 ? 2 : 4;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Values quoted for a sentence: "a", "b" and "c". */
export function quoted(values: readonly string[], max = 3): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  if (values.length > max) shown.push(`${values.length - max} more`);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
