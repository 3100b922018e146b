import { z } from 'zod';
import { outliers } from '../../pipeline/fallback/outliers';
import { toNumber } from '../../datasets/pandasSemantics';
import type { IssueTypeModule } from '../definition';
import { count as figure, number } from '../../analysis/format';
import { finite, sameColumns, sameCount } from '../consistency';
import { SHARED_RULES } from '../sharedRules';
import { count, finiteOrNull, percentage } from '../resultSchema';
import { BY_OPTION, segmentColumn } from '../byOption';

export const outliersType: IssueTypeModule = {
  type: 'outliers',
  description:
    'Rows whose value is more than 3 sample standard deviations from the mean of a numeric column, with the IQR rule count for comparison.',
  columns: {
    min: 1,
    max: 1,
    description: 'exactly one numeric column',
    // pd.to_numeric(errors="coerce") turns every value of a text column into NaN: nothing would be tested.
    unsupported: (column) =>
      column.dtype === 'object' && column.numeric === null
        ? 'it holds text, not numbers: none of its values is a number, so there is nothing to measure (outliers needs a numeric column)'
        : null,
  },
  options: [BY_OPTION],
  result: z.object({
    mean: finiteOrNull,
    std: finiteOrNull,
    min: finiteOrNull,
    max: finiteOrNull,
    outlier_count: count,
    outlier_percentage: percentage,
    iqr_bounds: z.array(finiteOrNull).nullish(),
    iqr_outlier_count: count,
    date_column: z.string().nullish(),
    example_outliers: z.array(z.object({ row: count, z_score: finiteOrNull.optional(), values: z.record(z.string(), z.unknown()) })).max(5),
    group_column: z.string().nullish(),
    outliers_by_group: z.record(z.string(), count).nullish(),
  }),
  core: true,
  template: new URL('./template.py', import.meta.url),
  consistency(e, issue) {
    const errors = [...sameColumns(e, issue), ...sameCount(e, 'outlier_count')];
    if (typeof e.outlier_percentage === 'number' && Math.abs(e.outlier_percentage - e.affected_percentage) > 1e-9 * Math.max(1, e.affected_percentage)) {
      errors.push(`outlier_percentage ${e.outlier_percentage} differs from affected_percentage ${e.affected_percentage}`);
    }
    if (typeof e.std === 'number' && e.std < 0) errors.push(`std ${e.std} is negative`);
    const { min, mean, max } = e;
    if ([min, mean, max].every((v) => typeof v === 'number')) {
      const slack = 1e-9 * Math.max(1, Math.abs(min), Math.abs(max));
      if (min > mean + slack || mean > max + slack) errors.push(`mean ${mean} is not between min ${min} and max ${max}`);
    }
    if (typeof e.iqr_outlier_count === 'number' && e.iqr_outlier_count > e.rows_analyzed) {
      errors.push(`iqr_outlier_count ${e.iqr_outlier_count} exceeds rows_analyzed ${e.rows_analyzed}`);
    }
    return errors;
  },
  verdict: {
    problemWords: /\b(?:outliers?|outlying|extreme values?|anomal(?:y|ies|ous))\b/i,
    claimMeasures: {
      MAX_VALUE: { what: 'largest value', of: (o) => finite(o.max) },
      MIN_VALUE: { what: 'smallest value', of: (o) => finite(o.min) },
    },
  },
  followUps(r, issue, profiles) {
    const column = issue.affectedColumns[0]!;
    const [low, high] = Array.isArray(r.iqr_bounds) ? r.iqr_bounds : [];
    const fences =
      typeof low === 'number' && typeof high === 'number' && r.iqr_outlier_count
        ? [
            {
              question: `Are the ${figure(r.iqr_outlier_count)} values of ${column} beyond the IQR fences [${number(low)}, ${number(high)}] entry errors (an extra digit, a wrong unit)? Which rows are they?`,
              issue: { type: 'out_of_range', description: `${column} outside the IQR fences [${number(low)}, ${number(high)}]`, affectedColumns: [column], options: { min: low, max: high } },
            },
          ]
        : [];
    const segment = r.outlier_count && issue.options?.by == null ? segmentColumn(profiles, [column]) : null;
    const bySegment = segment
      ? [
          {
            question: `Do the ${figure(r.outlier_count)} outliers of ${column} come from one ${segment}?`,
            issue: { type: 'outliers', description: `outliers of ${column} by ${segment}`, affectedColumns: [column], options: { by: segment } },
          },
        ]
      : [];
    const dateColumn = r.outlier_count && issue.options?.by == null && typeof r.date_column === 'string' ? r.date_column : null;
    const byDate = dateColumn
      ? [
          {
            question: `Do the ${figure(r.outlier_count)} outliers of ${column} cluster on some days of ${dateColumn} (a bad load, a change of unit)?`,
            issue: { type: 'outliers', description: `outliers of ${column} by day of ${dateColumn}`, affectedColumns: [column], options: { by: dateColumn } },
          },
        ]
      : [];
    return [...fences, ...bySegment, ...byDate];
  },
  *showingRows({ pool, rows, dataset, columns, positions, listed }) {
    yield* listed(pool.extremes);
    const stats = dataset.columns.find((c) => c.name === columns[0])?.numeric;
    if (!stats?.std || positions[0] === undefined) return;
    for (const [i, fields] of rows) {
      if (Math.abs(toNumber(fields[positions[0]]!) - stats.mean) / stats.std > SHARED_RULES.outlier_z) yield i;
    }
  },
  heuristic: outliers,
};
