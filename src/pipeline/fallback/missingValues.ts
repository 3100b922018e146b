import { isMissing } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { beyondIsoDay, DateColumnProbe, isoDay } from './dates';
import { chunkCount, chunkRows, ChunkKinds, kindTracker, layoutReader } from './objectColumn';
import { columnPositions, envelope, type Scan } from './scan';

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
export async function missingValues(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const positions = columnPositions(dataset, issue);
  // options.placeholders: texts (never numbers or booleans, so pandas holds them as written) that stand for missing.
  const placeholders = new Set(((issue.options?.placeholders as string[] | null | undefined) ?? []).map(String));
  const absent = (raw: string) => isMissing(raw) || (placeholders.size > 0 && placeholders.has(placeholderText(raw)));
  const perColumn = positions.map(() => 0);
  const affected = new Uint8Array(dataset.rowCount);
  const first: number[] = [];
  let count = 0;
  const probes = new Map<number, DateColumnProbe>();
  const kinds = new Map<number, ChunkKinds>();
  dataset.columns.forEach((c, i) => {
    if (c.dtype === 'object' && !positions.includes(i)) {
      probes.set(i, new DateColumnProbe());
      kinds.set(i, new ChunkKinds(c.name, chunkRows(dataset.columns.length), chunkCount(dataset)));
    }
  });
  const track = kindTracker([...kinds], chunkRows(dataset.columns.length));
  await scan((fields, row) => {
    track(fields, row);
    let any = false;
    positions.forEach((p, k) => {
      if (absent(fields[p]!)) {
        perColumn[k]! += 1;
        any = true;
      }
    });
    if (any) {
      affected[row] = 1;
      count += 1;
      if (first.length < 10) first.push(row);
    }
    for (const [p, probe] of probes) if (!probe.full && !isMissing(fields[p]!)) probe.add(fields[p]!);
  });

  const result: Record<string, unknown> = envelope('missing_values', issue.affectedColumns, dataset.rowCount, count, first);
  result.missing_count = count;
  result.missing_by_column = Object.fromEntries(issue.affectedColumns.map((c, k) => [c, perColumn[k]]));
  // A column pandas types as a whole otherwise than object (chunks of numbers or booleans only) is no candidate.
  // Layouts are asked only of date-like columns: one whose chunks pandas types by the order of their values
  // throws (objectColumn.ts) only when its values would be needed.
  const dateColumn = [...probes].find(([p, probe]) => {
    if (kinds.get(p)!.layout().dtype !== 'object') return false;
    const unreadable = probe.unreadable();
    if (unreadable !== undefined) throw new Error(cannotReadDate(unreadable, dataset.columns[p]!.name));
    return probe.isDateLike();
  })?.[0];
  if (dateColumn !== undefined) {
    const perDay = new Map<string, number>();
    const read = layoutReader(kinds.get(dateColumn)!.layout());
    const name = dataset.columns[dateColumn]!.name;
    await scan((fields, row) => {
      if (!affected[row]) return;
      const raw = fields[dateColumn]!;
      const value = read(raw, row);
      let day: string | null = null;
      if (value.kind === 'str') {
        if (beyondIsoDay(raw)) throw new Error(cannotReadDate(raw, name));
        day = isoDay(raw);
      }
      else if (value.kind === 'int' || value.kind === 'float') day = epochDay(value.value, name);
      if (day) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    });
    const top = [...perDay].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, 20);
    result.date_column = dataset.columns[dateColumn]!.name;
    result.missing_by_date = Object.fromEntries(top);
  }
  return result;
}

function cannotReadDate(value: string, column: string): string {
  return `The heuristic cannot tell which day pd.to_datetime reads from ${JSON.stringify(value.slice(0, 60))} in the date-like column "${column}" (for missing_by_date); it needs Python`;
}
