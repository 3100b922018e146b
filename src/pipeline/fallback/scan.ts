import type { DatasetRef, IssueSpec } from '../types';
import { encodedDataset } from './encodedDataset';

/**
 * One pass over the dataset's rows, in order: fields are raw CSV texts, as the upload read them (csvReader.ts).
 * Only the fields at `positions` are filled in (the others may hold anything): a pass reads the columns it
 * names, not the whole row. The fields array is reused from row to row: read it during the call, copy it to keep it.
 */
export type Scan = (positions: readonly number[], onRow: (fields: string[], index: number) => void) => Promise<string[]>;

/** Passes over the dataset as read once and cached (encodedDataset.ts): no pass parses the CSV again. */
export function scanner(dataset: DatasetRef, signal: AbortSignal): Scan {
  return async (positions, onRow) => {
    const { header, rowCount, columns } = await encodedDataset(dataset);
    signal.throwIfAborted();
    const read = [...new Set(positions)].map((p) => {
      if (!columns[p]) throw new Error(`Column ${p} is not in the dataset`);
      return { p, ...columns[p]! };
    });
    const fields = new Array<string>(columns.length).fill('');
    for (let row = 0; row < rowCount; row++) {
      if ((row & 4095) === 0) signal.throwIfAborted();
      for (const { p, values, codes } of read) fields[p] = values[codes[row]!]!;
      onRow(fields, row);
    }
    return header;
  };
}

/** The keys every result carries (RESULTS.md), from the ascending positions of the affected rows. */
export function envelope(issueType: string, columns: string[], rows: number, affectedCount: number, firstAffected: number[]) {
  return {
    issue_type: issueType,
    columns: [...columns],
    rows_analyzed: rows,
    affected_count: affectedCount,
    affected_percentage: rows ? (affectedCount / rows) * 100 : 0,
    affected_rows: firstAffected.slice(0, 10),
  };
}

/** How many rows are marked in `affected`, and the first ten of them. */
export function affectedRows(affected: Uint8Array): { count: number; first: number[] } {
  const first: number[] = [];
  let count = 0;
  for (let row = 0; row < affected.length; row++) {
    if (!affected[row]) continue;
    count += 1;
    if (first.length < 10) first.push(row);
  }
  return { count, first };
}

export function columnPositions(dataset: DatasetRef, issue: IssueSpec): number[] {
  const names = dataset.columns.map((c) => c.name);
  return issue.affectedColumns.map((c) => {
    const i = names.indexOf(c);
    if (i < 0) throw new Error(`Column ${JSON.stringify(c)} is not in the dataset`);
    return i;
  });
}
