import { z } from 'zod';
import type { ColumnProfile } from '../datasets/profile';
import type { IssueTypeModule } from './definition';

/**
 * options.by (missing_values, outliers): the affected rows counted per value of a text column, a segment
 * such as a region or a supplier, or a date column read as text (RESULTS.md, "Breakdowns").
 */
export const BY_OPTION: IssueTypeModule['options'][number] = {
  name: 'by',
  type: 'string',
  default: null,
  description:
    'A text column (a segment: region, supplier, a date as text) to count the affected rows per value of: the 20 values with most of them, as <kind>_by_group with group_column. A follow-up asks it of a first finding.',
  schema: z.string({ error: 'be the name of a text column, such as "region"' }).refine((s) => s !== '', { error: 'be the name of a text column, such as "region"' }),
};

/** The most values a column may have to be offered as a segment (a region, a supplier), not an id. */
const MAX_SEGMENT_VALUES = 50;

/** A text column to break findings down by: the first with 2 to MAX_SEGMENT_VALUES values, not excluded. */
export function segmentColumn(columns: ColumnProfile[], exclude: readonly unknown[]): string | null {
  const found = columns.find(
    (c) => c.dtype === 'object' && !exclude.includes(c.name) && !c.distinctCapped && c.distinctCount >= 2 && c.distinctCount <= MAX_SEGMENT_VALUES,
  );
  return found?.name ?? null;
}
