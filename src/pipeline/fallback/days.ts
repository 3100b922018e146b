import { isMissing } from '../../datasets/pandasSemantics';
import type { DatasetRef } from '../types';
import { beyondIsoDay, DateColumnProbe, isoDay } from './dates';
import type { EncodedDataset } from './encodedDataset';
import { chunkKinds, layoutReader, type ColumnLayout } from './objectColumn';

const NS_PER_DAY = 86_400_000_000_000n;

/**
 * Whether a text column is date-like as the templates decide it (prelude.py looks_like_dates): its first 200
 * present values. Throws where pd.to_datetime may read one of them otherwise than isoDay does.
 */
export function isDateColumn(dataset: DatasetRef, encoded: EncodedDataset, p: number, layout: ColumnLayout, purpose: string): boolean {
  if (layout.dtype !== 'object') return false;
  const probe = firstPresent(encoded, p);
  const unreadable = probe.unreadable();
  if (unreadable !== undefined) throw new Error(cannotReadDate(unreadable, dataset.columns[p]!.name, purpose));
  return probe.isDateLike();
}

/**
 * The dataset's date column as the templates find it (prelude.py find_date_column): the first text column,
 * not excluded, that is date-like. A column pandas types as a whole otherwise than object (chunks of numbers
 * or booleans only) is no candidate.
 */
export function findDateColumn(dataset: DatasetRef, encoded: EncodedDataset, exclude: number[], purpose: string): { position: number; layout: ColumnLayout } | undefined {
  for (const [position, column] of dataset.columns.entries()) {
    if (column.dtype !== 'object' || exclude.includes(position)) continue;
    const layout = chunkKinds(dataset, encoded, position).layout();
    if (isDateColumn(dataset, encoded, position, layout, purpose)) return { position, layout };
  }
  return undefined;
}

/**
 * The affected rows counted per day of a date-like column, as `pd.to_datetime(errors="coerce")` of what
 * pandas holds there reads them (days it gives NaT, and missing values, left out): a text through isoDay,
 * an int or float of a chunk of numbers (objectColumn.ts) as nanoseconds since the epoch. Throws where
 * that cannot be reproduced exactly without Python.
 */
export function countsByDay(dataset: DatasetRef, encoded: EncodedDataset, p: number, layout: ColumnLayout, affected: (row: number) => boolean, purpose: string): Map<string, number> {
  const perDay = new Map<string, number>();
  const read = layoutReader(layout);
  const name = dataset.columns[p]!.name;
  const { values, codes } = encoded.columns[p]!;
  for (let row = 0; row < codes.length; row++) {
    if (!affected(row)) continue;
    const raw = values[codes[row]!]!;
    const value = read(raw, row);
    let day: string | null = null;
    if (value.kind === 'str') {
      if (beyondIsoDay(raw)) throw new Error(cannotReadDate(raw, name, purpose));
      day = isoDay(raw);
    } else if (value.kind === 'int' || value.kind === 'float') day = epochDay(value.value, name, purpose);
    if (day) perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}

/**
 * The day pd.to_datetime gives an int or float that pandas holds in a text column (a chunk of numbers,
 * objectColumn.ts): nanoseconds since the epoch, a float's fraction rounded half to even.
 */
function epochDay(value: bigint | number, column: string, purpose: string): string {
  let ns: bigint;
  if (typeof value === 'bigint') ns = value;
  else {
    if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63) {
      throw new Error(`${purpose}: pd.to_datetime of the float ${value} in the date column ${JSON.stringify(column)} cannot be reproduced exactly without Python`);
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

function cannotReadDate(value: string, column: string, purpose: string): string {
  return `The heuristic cannot tell which day pd.to_datetime reads from ${JSON.stringify(value.slice(0, 60))} in the date-like column "${column}" (for ${purpose}); it needs Python`;
}
