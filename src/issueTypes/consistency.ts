import type { IssueSpec } from '../pipeline/types';
import type { CheckedResult } from './definition';

/** Checks types' consistency rules share (each returns the errors it finds), and reading a result's figures. */

/** A figure of a result: a finite number, or null. */
export const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The envelope names the issue's columns, in any order. */
export function sameColumns(e: CheckedResult, issue: IssueSpec): string[] {
  const sorted = (columns: readonly string[]) => JSON.stringify([...columns].sort());
  return sorted(e.columns) === sorted(issue.affectedColumns)
    ? []
    : [`columns is ${JSON.stringify(e.columns)}; the issue names ${JSON.stringify(issue.affectedColumns)}`];
}

/** A type's own count of affected rows equals affected_count. */
export function sameCount(e: CheckedResult, key: string): string[] {
  return key in e && e[key] !== e.affected_count ? [`${key} (${String(e[key])}) differs from affected_count`] : [];
}

/**
 * For types that count values as well as rows: each affected row holds one such value at least, one per
 * column at most, and no column has more values than there are affected rows.
 */
export function valueCounts(e: CheckedResult, key: string, perColumn: Map<string, number>): string[] {
  const total = e[key];
  if (typeof total !== 'number') return [];
  const errors: string[] = [];
  if (e.affected_count > total) errors.push(`affected_count ${e.affected_count} exceeds ${key} ${total}`);
  if (total > e.affected_count * perColumn.size) errors.push(`${key} ${total} exceeds affected_count × columns`);
  for (const [column, n] of perColumn) {
    if (n > e.affected_count) errors.push(`${column}: ${n} values exceed affected_count ${e.affected_count}`);
  }
  return errors;
}
