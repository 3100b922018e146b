import { isMissing } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { beyondIsoDay, DateColumnProbe, isoDay } from './dates';
import { encodedDataset, type EncodedDataset } from './encodedDataset';
import { chunkKinds, layoutReader, type ColumnLayout } from './objectColumn';
import { countsByGroup } from './groups';
import { affectedRows, columnPositions, envelope, type Scan } from './scan';

const NS_PER_DAY = 86_400_000_000_000n;

/**
 * The day pd.to_datetime gives an int or float that pandas holds in a text column (a chunk of numbers,
 * objectColumn.ts): nanoseconds since the epoch, a float's fraction rounded half to even.
 */
function epochDay(value: bigint | number, column: string): string {
  let ns: bigint;
  if (typeof value === 'bigint') ns = value;
  else {
    if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63) {
      throw new Error(`missing_values: pd.to_datetime of the float ${value} in the date column ${JSON.stringify(column)} cannot be reproduced exactly without Python`);
    }
    const base = Math.trunc(value);
    const frac = value - base;
    const rounded = Math.abs(frac) === 0.5 ? 0 : Math.round(Math.abs(frac)) * Math.sign(frac);
    ns = BigInt(base) + BigInt(rounded);
  }
  let days = ns / NS_PER_DAY;
  if (ns < 0n && days * NS_PER_DAY !== ns) days -= 1n;
  return new Date(Number(days) * 86_400_000).toISOString().slice(0, 10);
}

/** A cell's text as options.placeholders are compared with it: trimmed of spaces and tabs (the template's str.strip(" \t")). */
export const placeholderText = (raw: string) => raw.replace(/^[ \t]+|[ \t]+$/g, '');

/**
 * missing_values: rows where any of the columns is missing (RESULTS.md), with missing_by_date. Missing is
 * a property of the raw text alone; the date column is read as pandas holds it (objectColumn.ts): a chunk
 * of numbers in it gives ints or floats, which pd.to_datetime reads as nanoseconds since the epoch, and a
 * chunk of booleans gives NaT. Throws where that cannot be reproduced exactly: an infinite float, or one
 * beyond ±2**63 nanoseconds, in such a chunk of the date column among the affected rows.
 */
export async function missingValues(issue: IssueSpec, dataset: DatasetRef, _scan: Scan) {
  const positions = columnPositions(dataset, issue);
  const encoded = await encodedDataset(dataset);
  // options.placeholders: texts (never numbers or booleans, so pandas holds them as written) that stand for missing.
  const placeholders = new Set(((issue.options?.placeholders as string[] | null | undefined) ?? []).map(String));
  const absent = (raw: string) => isMissing(raw) || (placeholders.size > 0 && placeholders.has(placeholderText(raw)));
  const perColumn = positions.map(() => 0);
  const affected = new Uint8Array(dataset.rowCount);
  for (const [k, p] of positions.entries()) {
    const { values, codes } = encoded.columns[p]!;
    const missing = Uint8Array.from(values, (raw) => (absent(raw) ? 1 : 0));
    for (let row = 0; row < codes.length; row++) {
      if (!missing[codes[row]!]) continue;
      perColumn[k]! += 1;
      affected[row] = 1;
    }
  }
  const { count, first } = affectedRows(affected);

  const result: Record<string, unknown> = envelope('missing_values', issue.affectedColumns, dataset.rowCount, count, first);
  result.missing_count = count;
  result.missing_by_column = Object.fromEntries(issue.affectedColumns.map((c, k) => [c, perColumn[k]]));
  // The date column: the first text column (not among the affected) whose first 200 present values look like
  // dates. A column pandas types as a whole otherwise than object (chunks of numbers or booleans only) is no
  // candidate. Layouts are asked only of date-like columns: one whose chunks pandas types by the order of
  // their values throws (objectColumn.ts) only when its values would be needed.
  const candidates = dataset.columns.flatMap((c, p) => (c.dtype === 'object' && !positions.includes(p) ? [p] : []));
  let dateLayout: ColumnLayout | undefined;
  const dateColumn = candidates.find((p) => {
    const layout = chunkKinds(dataset, encoded, p).layout();
    if (layout.dtype !== 'object') return false;
    const probe = firstPresent(encoded, p);
    const unreadable = probe.unreadable();
    if (unreadable !== undefined) throw new Error(cannotReadDate(unreadable, dataset.columns[p]!.name));
    dateLayout = layout;
    return probe.isDateLike();
  });
  if (dateColumn !== undefined) {
    const perDay = new Map<string, number>();
    const read = layoutReader(dateLayout!);
    const name = dataset.columns[dateColumn]!.name;
    const { values, codes } = encoded.columns[dateColumn]!;
    for (let row = 0; row < affected.length; row++) {
      if (!affected[row]) continue;
      const raw = values[codes[row]!]!;
      const value = read(raw, row);
      let day: string | null = null;
      if (value.kind === 'str') {
        if (beyondIsoDay(raw)) throw new Error(cannotReadDate(raw, name));
        day = isoDay(raw);
      }
      else if (value.kind === 'int' || value.kind === 'float') day = epochDay(value.value, name);
      if (day) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const top = [...perDay].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, 20);
    result.date_column = dataset.columns[dateColumn]!.name;
    result.missing_by_date = Object.fromEntries(top);
  }
  const by = issue.options?.by as string | null | undefined;
  if (by != null) {
    result.group_column = by;
    result.missing_by_group = countsByGroup(dataset, encoded, by, (row) => affected[row] === 1);
  }
  return result;
}

/** The column's first 200 present values, in row order (the templates' date-likeness test). */
function firstPresent(encoded: EncodedDataset, p: number): DateColumnProbe {
  const probe = new DateColumnProbe();
  const { values, codes } = encoded.columns[p]!;
  for (let row = 0; row < codes.length && !probe.full; row++) {
    const raw = values[codes[row]!]!;
    if (!isMissing(raw)) probe.add(raw);
  }
  return probe;
}

function cannotReadDate(value: string, column: string): string {
  return `The heuristic cannot tell which day pd.to_datetime reads from ${JSON.stringify(value.slice(0, 60))} in the date-like column "${column}" (for missing_by_date); it needs Python`;
}
