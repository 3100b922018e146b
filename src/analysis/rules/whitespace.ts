import type { PiiRedactor } from '../../pipeline/redact';
import { count, number, plural, quoted, share } from '../format';
import type { ColumnStats, DatasetProfile } from '../profiler';
import { type DetectedIssue, issue, pick, type Result } from './context';

/** whitespace_case: text values with stray whitespace or case variants. */

/** Text columns with stray whitespace: the candidates for whitespace_case. */
export function whitespaceCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => c.whitespaceCount > 0 && c.numericCount / c.present < 0.5);
}

/**
 * whitespace_case: the measured rows to clean (stray whitespace, and case variants: rows whose cleaned
 * spelling is not the canonical one of its casefold group — RESULTS.md), the figure the template reports.
 * Where the measurement could not reproduce pandas' values, the profile's padded text values (text in
 * pandas whatever the chunk, so affected in any case) are claimed as a lower bound: "at least N rows".
 */
export function whitespaceCaseHypothesis(c: ColumnStats, r: Result | null, rows: number, redactor: PiiRedactor): DetectedIssue | null {
  const shown = (values: readonly string[]) => quoted(values.map((v) => redactor.text(v)));
  const padding = 'leading, trailing or repeated whitespace';
  if (!r) {
    return issue(
      'whitespace_case',
      [c.name],
      `${c.name} has at least ${count(c.whitespaceCount)} of ${count(rows)} rows with ${padding} (e.g. ${shown(c.whitespaceExamples)}), besides any letter-case variants`,
      { rows_analyzed: rows, affected_count_at_least: c.whitespaceCount, examples: c.whitespaceExamples.map((v) => redactor.text(v)) },
    );
  }
  if (!r.affected_count) return null;
  const col = (r.by_column as Array<Record<string, any>>)[0]!;
  const whitespace = col.whitespace_count as number;
  const cases = col.case_variant_count as number;
  const whitespaceExamples = col.whitespace_examples as string[];
  const caseExamples = col.case_examples as string[];
  const padded = `with ${padding} (e.g. ${shown(whitespaceExamples)})`;
  const variant = `holding a letter-case variant of a more common spelling (e.g. ${shown(caseExamples)})`;
  const description = !cases
    ? `${c.name} has ${share(r.affected_count, rows)} ${padded}`
    : whitespace
      ? `${c.name} has ${share(r.affected_count, rows)} to clean: ${plural(whitespace, 'row')} ${padded} and ${plural(cases, 'row')} ${variant}`
      : `${c.name} has ${share(r.affected_count, rows)} ${variant}`;
  return issue('whitespace_case', [c.name], description, {
    ...pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'whitespace_count', 'case_variant_count']),
    examples: whitespaceExamples.map((v) => redactor.text(v)),
    ...(cases ? { case_examples: caseExamples.map((v) => redactor.text(v)) } : {}),
  });
}
