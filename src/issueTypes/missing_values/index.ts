import { z } from 'zod';
import { missingValues } from '../../pipeline/fallback/missingValues';
import { isMissing } from '../../datasets/pandasSemantics';
import type { IssueTypeModule } from '../definition';
import { sameColumns, sameCount } from '../consistency';
import { count } from '../resultSchema';

export const missingValuesType: IssueTypeModule = {
  type: 'missing_values',
  description:
    'Rows where any of the columns is missing (pandas NA rules), with counts per column and, when the dataset has a date-like column, the 20 dates with most missing rows.',
  columns: { min: 1, max: Infinity, description: 'one or more columns' },
  options: [],
  result: z.object({
    missing_count: count,
    missing_by_column: z.record(z.string(), count),
    date_column: z.string().nullish(),
    missing_by_date: z.record(z.string(), count).nullish(),
  }),
  core: true,
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
  *showingRows({ pool, rows, positions, listed }) {
    yield* listed(pool.nullRows);
    for (const [i, fields] of rows) if (positions.some((p) => isMissing(fields[p]!))) yield i;
  },
  heuristic: missingValues,
};
