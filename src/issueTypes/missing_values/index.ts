import { z } from 'zod';
import { missingValues } from '../../pipeline/fallback/missingValues';
import { isMissing } from '../../datasets/pandasSemantics';
import type { IssueTypeModule } from '../definition';
import { count as figure } from '../../analysis/format';
import { sameColumns, sameCount } from '../consistency';
import { count } from '../resultSchema';
import { BY_OPTION, segmentColumn } from '../byOption';

/** Placeholders may not be texts pandas reads as numbers or booleans (their text would change). */
const NUMBER_OR_BOOLEAN = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|infinity|nan)|true|false)$/i;

export const missingValuesType: IssueTypeModule = {
  type: 'missing_values',
  description:
    'Rows where any of the columns is missing (pandas NA rules, and the texts options.placeholders names), with counts per column and, when the dataset has a date-like column, the 20 dates with most missing rows.',
  columns: { min: 1, max: Infinity, description: 'one or more columns' },
  options: [
    {
      name: 'placeholders',
      type: 'array',
      default: null,
      description:
        'Texts that stand for a missing value in these columns, such as "." or "unknown", counted as missing beside pandas NA; compared with the cell text after trimming spaces and tabs. Not numbers (a numeric sentinel is out_of_range\'s) nor booleans.',
      schema: z
        .array(
          z
            .string({ error: 'be an array of non-empty texts such as ["."]' })
            .refine((v) => v.trim() !== '' && !NUMBER_OR_BOOLEAN.test(v.trim()), { error: 'hold texts that are neither empty, numbers nor booleans, such as "." or "unknown"' }),
          { error: 'be an array of texts such as ["."]' },
        )
        .max(50, { error: 'hold at most 50 texts' }),
    },
    BY_OPTION,
  ],
  result: z.object({
    missing_count: count,
    missing_by_column: z.record(z.string(), count),
    date_column: z.string().nullish(),
    missing_by_date: z.record(z.string(), count).nullish(),
    group_column: z.string().nullish(),
    missing_by_group: z.record(z.string(), count).nullish(),
  }),
  core: true,
  verdict: { problemWords: /\b(?:missing|empty|blank|null|nulls|nan|absent|lacks?|lacking|unrecorded)\b/i },
  template: new URL('./template.py', import.meta.url),
  consistency(e, issue) {
    const errors = [...sameColumns(e, issue), ...sameCount(e, 'missing_count')];
    const byColumn = e.missing_by_column as Record<string, number> | undefined;
    if (!byColumn || typeof byColumn !== 'object') return errors;
    const keys = Object.keys(byColumn).sort();
    if (JSON.stringify(keys) !== JSON.stringify([...issue.affectedColumns].sort())) {
      errors.push(`missing_by_column has columns ${keys.join(', ')}; expected ${issue.affectedColumns.join(', ')}`);
    }
    const counts = Object.values(byColumn).filter((n) => typeof n === 'number');
    const [most, sum] = [Math.max(0, ...counts), counts.reduce((a, b) => a + b, 0)];
    if (most > e.affected_count || e.affected_count > sum) {
      errors.push(`affected_count ${e.affected_count} must lie between the largest per-column count (${most}) and their sum (${sum})`);
    }
    return errors;
  },
  followUps(r, issue, profiles) {
    const segment = r.affected_count && issue.options?.by == null ? segmentColumn(profiles, [...issue.affectedColumns, r.date_column]) : null;
    const bySegment = segment
      ? [
          {
            question: `Are the ${figure(r.affected_count)} rows missing ${issue.affectedColumns.join(', ')} spread evenly over ${segment}, or does one ${segment} account for most of them?`,
            issue: { type: 'missing_values', description: `missing values by ${segment}`, affectedColumns: issue.affectedColumns, options: { by: segment } },
          },
        ]
      : [];
    const byDate = r.missing_by_date as Record<string, number> | undefined;
    const days = byDate ? Object.entries(byDate) : [];
    if (!days.length || !r.affected_count) return bySegment;
    const [day, n] = days[0]!;
    const others = profiles.map((c) => c.name).filter((c) => !issue.affectedColumns.includes(c) && c !== r.date_column);
    // Crowded: the worst day holds at least twice its share were the missing rows spread over the days listed.
    if (!others.length || n < 2 * (r.affected_count / days.length) || n < 3) return bySegment;
    return [
      ...bySegment,
      {
        question: `${figure(n)} of the ${figure(r.affected_count)} rows missing ${issue.affectedColumns.join(', ')} fall on ${day}: did data collection fail that day? Are other columns missing too?`,
        issue: { type: 'missing_values', description: 'values are missing in the other columns', affectedColumns: others },
      },
    ];
  },
  *showingRows({ pool, rows, positions, listed }) {
    yield* listed(pool.nullRows);
    for (const [i, fields] of rows) if (positions.some((p) => isMissing(fields[p]!))) yield i;
  },
  heuristic: missingValues,
};
