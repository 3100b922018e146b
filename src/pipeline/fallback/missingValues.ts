import { isMissing } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { countsByDay, findDateColumn } from './days';
import { encodedDataset } from './encodedDataset';
import { countsByGroup, largest } from './groups';
import { affectedRows, columnPositions, envelope, type Scan } from './scan';

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
  const date = findDateColumn(dataset, encoded, positions, 'missing_by_date');
  if (date) {
    result.date_column = dataset.columns[date.position]!.name;
    result.missing_by_date = largest(countsByDay(dataset, encoded, date.position, date.layout, (row) => affected[row] === 1, 'missing_by_date'));
  }
  const by = issue.options?.by as string | null | undefined;
  if (by != null) {
    result.group_column = by;
    result.missing_by_group = countsByGroup(dataset, encoded, by, (row) => affected[row] === 1);
  }
  return result;
}
