import { isMissing } from '../../datasets/pandasSemantics';
import { byCodePoint } from '../../util/text';
import type { DatasetRef } from '../types';
import { countsByDay, isDateColumn } from './days';
import type { EncodedDataset } from './encodedDataset';
import { columnLayouts, strOf } from './objectColumn';

/** The most groups a `by` breakdown lists (RESULTS.md). */
export const MAX_GROUPS = 20;

/**
 * The `by` breakdown (RESULTS.md): the affected rows counted per value of a text column, as str() of what
 * pandas holds, or per day of a date-like column (days.ts, as missing_by_date counts them); rows where it is
 * missing (or no date) left out; the MAX_GROUPS values with most rows, ties by value.
 */
export function countsByGroup(dataset: DatasetRef, encoded: EncodedDataset, by: string, affected: (row: number) => boolean): Record<string, number> {
  // The templates' words (prelude.py counts_by_group), so that both fail alike.
  const position = dataset.columns.findIndex((c) => c.name === by);
  if (position < 0) throw new Error(`options.by names the column ${JSON.stringify(by)}, which is not in the dataset`);
  const layout = columnLayouts(dataset, encoded, [position])[position]!;
  if (layout.dtype !== 'object') throw new Error(`options.by must name a text column; ${JSON.stringify(by)} holds ${layout.dtype}`);
  if (isDateColumn(dataset, encoded, position, layout, 'the by breakdown')) return largest(countsByDay(dataset, encoded, position, layout, affected, 'the by breakdown'));
  const { values, codes } = encoded.columns[position]!;
  const counts = new Map<string, number>();
  for (let row = 0; row < codes.length; row++) {
    if (!affected(row)) continue;
    const raw = values[codes[row]!]!;
    if (isMissing(raw)) continue;
    const chunk = layout.chunks.length === 1 ? layout.chunks[0]! : (layout.chunks[(row / layout.perChunk) | 0] ?? 'empty');
    const key = strOf(raw, chunk, layout);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return largest(counts);
}

/** The MAX_GROUPS keys with most rows, ties by code point. */
export function largest(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).slice(0, MAX_GROUPS));
}
