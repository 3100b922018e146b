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
  verdict: {
    countsOwn: (nouns) => nouns.some((w) => CASE_GROUP_NOUN.test(w)),
    countMeasures(nouns, output) {
      // "5 case-only variant pairs": the groups of spellings that differ only in case (a group of two is a pair),
      // or the spellings beyond each group's most frequent; "written 3 ways": the most spellings of one value;
      // anything else counts rows. A result without its groups has no figure for them.
      if (!nouns.some((w) => CASE_GROUP_NOUN.test(w))) return [{ value: Number(output.affected_count ?? 0), what: 'affected rows' }];
      if (!Array.isArray(output.by_column)) return [];
      const groups = (output.by_column as Array<{ case_groups?: Array<{ variants?: unknown[] }> }>).flatMap((c) => c.case_groups ?? []);
      const sizes = groups.map((g) => g.variants?.length ?? 1);
      if (nouns.some((w) => WAYS_NOUN.test(w))) return [{ value: Math.max(1, ...sizes), what: 'spellings of the value spelled most ways' }];
      return [
        { value: groups.length, what: 'groups of spellings that differ only in case' },
        { value: sizes.reduce((n, k) => n + k - 1, 0), what: "case-only spellings beyond each group's most frequent" },
      ];
    },
  },
};

const CASE_GROUP_NOUN = /^(?:pairs?|groups?|variants?|variations?|spellings?|ways?|versions?|forms?)$/i;
const WAYS_NOUN = /^(?:spellings?|ways?|versions?|forms?)$/i;
