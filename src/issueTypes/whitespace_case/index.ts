import { z } from 'zod';
import { whitespaceCase } from '../../pipeline/fallback/whitespaceCase';
import type { IssueTypeModule } from '../definition';
import { count, variationGroup } from '../resultSchema';

export const whitespaceCaseType: IssueTypeModule = {
  type: 'whitespace_case',
  description:
    'Text values with leading/trailing whitespace or inner whitespace other than single spaces, and spellings that differ only in letter case (the rows not holding the most frequent spelling).',
  columns: { min: 0, max: Infinity, description: 'the text columns (none for every text column)' },
  options: [],
  result: z.object({
    checked_columns: z.array(z.string()),
    whitespace_count: count,
    case_variant_count: count,
    by_column: z.array(z.object({ column: z.string(), whitespace_count: count, case_variant_count: count, case_groups: z.array(variationGroup) })),
  }),
  template: new URL('./template.py', import.meta.url),
  consistency(e) {
    if (!Array.isArray(e.by_column)) return [];
    const columns = e.by_column as Record<string, number>[];
    const errors: string[] = [];
    for (const c of columns) {
      if ((c.whitespace_count ?? 0) > e.affected_count || (c.case_variant_count ?? 0) > e.affected_count) {
        errors.push(`${String(c.column)}: more rows with whitespace or case problems than affected_count ${e.affected_count}`);
      }
    }
    const sum = (key: 'whitespace_count' | 'case_variant_count') => columns.reduce((n, c) => n + (c[key] ?? 0), 0);
    if (sum('whitespace_count') !== e.whitespace_count) errors.push('whitespace_count is not the sum over by_column');
    if (sum('case_variant_count') !== e.case_variant_count) errors.push('case_variant_count is not the sum over by_column');
    const problems = sum('whitespace_count') + sum('case_variant_count');
    if (e.affected_count > problems) errors.push(`affected_count ${e.affected_count} exceeds the whitespace and case problems counted (${problems})`);
    return errors;
  },
  heuristic: whitespaceCase,
};
