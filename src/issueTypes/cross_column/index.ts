import { z } from 'zod';
import type { IssueTypeModule } from '../definition';
import { sameCount } from '../consistency';
import { count, exampleRow, finiteOrNull } from '../resultSchema';
import { nonEmptyString, nonNegativeNumber } from '../options';

export const crossColumnType: IssueTypeModule = {
  type: 'cross_column',
  description:
    'Rows that break a relation between columns, such as "revenue = price * quantity" or "end_date >= start_date" (options.relation, else read from the description: as the rule rows should satisfy, or, when the description says what some rows do, as in "in 3 rows the weight is larger than the height", as what the affected rows do), equality within a tolerance; rows with a missing operand are skipped.',
  columns: { min: 2, max: Infinity, description: 'two or more columns (those of the relation)' },
  options: [
    {
      name: 'relation',
      type: 'string',
      default: null,
      description: 'The relation every row must satisfy: column names, numbers, + - * / and parentheses, and one comparison. Absent: read from the description.',
      schema: nonEmptyString('"revenue = price * quantity"'),
    },
    {
      name: 'tolerance',
      type: 'number',
      default: 0.01,
      description: 'Absolute tolerance of an equality: 0.01 for numbers, 0 days for dates.',
      schema: nonNegativeNumber,
    },
    {
      name: 'relative_tolerance',
      type: 'number',
      default: 1e-6,
      description: 'Relative tolerance of a numeric equality, times the right side’s magnitude.',
      schema: nonNegativeNumber,
    },
  ],
  result: z.object({
    relation: z.string().min(1),
    relation_source: z.string().nullish(),
    relation_read_as: z.enum(['rule', 'affected rows']).nullish(),
    relation_columns: z.array(z.string()).min(1),
    compared_as: z.string().nullish(),
    violation_count: count,
    checked_rows: count,
    skipped_rows: count,
    max_deviation: finiteOrNull,
    max_deviation_row: count.nullish(),
    examples: z.array(exampleRow).max(5),
  }),
  template: new URL('./template.py', import.meta.url),
  consistency(e) {
    const errors = sameCount(e, 'violation_count');
    const { checked_rows: checked, skipped_rows: skipped } = e;
    if (typeof checked === 'number' && typeof skipped === 'number') {
      if (checked + skipped !== e.rows_analyzed) errors.push(`checked_rows + skipped_rows (${checked} + ${skipped}) is not rows_analyzed`);
      if (e.affected_count > checked) errors.push(`affected_count ${e.affected_count} exceeds checked_rows ${checked}`);
    }
    return errors;
  },
};
