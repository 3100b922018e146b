import { count, number, plural, share } from '../format';
import type { ColumnStats, DatasetProfile } from '../profiler';
import { type Candidate, type DetectedIssue, isIdLike, isIdName, issue, pick, type Result, THRESHOLDS } from './context';

/** duplicates: repeated keys, and whole rows repeated beyond chance. */

/** Id-like columns that may repeat: exact repeats are known unless the column has too many values to count (then a named id is measured). */
export function duplicateCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => isIdLike(c) && (c.distinctEstimated ? isIdName(c.name) : c.present - c.distinctCount > 0));
}

export function duplicates(profile: DatasetProfile, measured: Candidate[]): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  for (const { column: c, result: r } of measured) {
    if (!r.affected_count) continue;
    const exact = r.exact_duplicate_rows as number;
    const copies = exact ? `; ${exact === r.affected_count ? 'all' : count(exact)} of those rows are exact copies of another row` : '; the repeated rows differ in other columns';
    out.push(
      issue(
        'duplicates',
        [c.name],
        `${c.name} identifies rows but repeats ${plural(r.unique_duplicate_ids, 'value')} across ${share(r.affected_count, profile.rows)}${copies}`,
        pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'unique_duplicate_ids', 'exact_duplicate_rows', 'are_exact_duplicates']),
      ),
    );
  }
  return out;
}

/** Whole-row copies are measured when no key explains them and chance alone would hardly repeat a row. */
export function wholeRowCandidate(profile: DatasetProfile): boolean {
  return profile.duplicateRowCandidates > 0 && chanceCollisions(profile) < THRESHOLDS.chanceCollisions;
}

export function wholeRowDuplicates(profile: DatasetProfile, r: Result | null): DetectedIssue[] {
  if (!r?.affected_count || r.affected_count > THRESHOLDS.maxCopyShare * profile.rows) return [];
  return [
    issue(
      'duplicates',
      [],
      `${share(r.affected_count, profile.rows)} are exact copies of another row (${plural(r.unique_duplicate_ids, 'distinct row')} repeated)`,
      pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'unique_duplicate_ids', 'exact_duplicate_rows']),
    ),
  ];
}

/**
 * Expected pairs of equal rows if each column's values were drawn at random with their own frequencies
 * (the birthday bound): n(n-1)/2 · ∏ P(two rows agree on the column), a missing value counting as a value.
 * A column of many distinct values agrees rarely — unless most of it is missing, or one value dominates.
 */
function chanceCollisions(profile: DatasetProfile): number {
  const n = profile.rows;
  if (n < 2) return 0;
  const logAgree = profile.columns.reduce((s, c) => s + Math.log(Math.max(agreement(c, n), Number.MIN_VALUE)), 0);
  return Math.exp(Math.log(n) + Math.log(n - 1) - Math.log(2) + logAgree);
}

/** The chance that two random rows hold the same value in the column: Σ p², from its value counts where known. */
function agreement(c: ColumnStats, rows: number): number {
  const missing = (c.nullCount / rows) ** 2;
  if (!c.valueCounts) return missing + (c.present / rows) ** 2 / Math.max(1, c.distinctCount);
  let squares = 0;
  for (const k of c.valueCounts.values()) squares += k * k;
  return missing + squares / (rows * rows);
}
