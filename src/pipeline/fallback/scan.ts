import { createReadStream } from 'node:fs';
import { readCsv } from '../../datasets/csvReader';
import type { DatasetRef, IssueSpec } from '../types';

/** One streaming pass over the dataset's rows (papaparse, as at upload): fields are raw CSV strings. */
export type Scan = (onRow: (fields: string[], index: number) => void) => Promise<string[]>;

export function scanner(dataset: DatasetRef, signal: AbortSignal): Scan {
  return async (onRow) => {
    let header: string[] = [];
    await readCsv(createReadStream(dataset.path), {
      maxBytes: Number.POSITIVE_INFINITY,
      onHeader: (columns) => (header = columns),
      onRow: (fields, index) => {
        if (index % 4096 === 0) signal.throwIfAborted();
        onRow(fields, index);
      },
    });
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

export function columnPositions(dataset: DatasetRef, issue: IssueSpec): number[] {
  const names = dataset.columns.map((c) => c.name);
  return issue.affectedColumns.map((c) => {
    const i = names.indexOf(c);
    if (i < 0) throw new Error(`Column ${JSON.stringify(c)} is not in the dataset`);
    return i;
  });
}
