import { z } from 'zod';
import { invalidFormat } from '../../pipeline/fallback/invalidFormat';
import type { IssueTypeModule } from '../definition';
import { valueCounts } from '../consistency';
import { count } from '../resultSchema';
import { oneOf } from '../options';

export const EXPECTABLE_KINDS = ['number', 'date', 'email', 'boolean', 'integer'] as const;

export const invalidFormatType: IssueTypeModule = {
  type: 'invalid_format',
  description:
    "Values that do not parse as their column's dominant kind (number, date, email or boolean: the kind of more than half the present values), or as options.expected (number, integer, date, email, boolean), or that do not fully match options.pattern; missing values are never invalid.",
  columns: { min: 1, max: Infinity, description: 'one or more columns' },
  options: [
    {
      name: 'expected',
      type: 'string',
      default: null,
      description: `The kind every present value must have: ${EXPECTABLE_KINDS.join(', ')}. Absent: each column's dominant kind.`,
      schema: oneOf(EXPECTABLE_KINDS),
    },
    {
      name: 'pattern',
      type: 'string',
      default: null,
      description: 'A Python regular expression every present value must fully match (re.fullmatch), besides the kind.',
      // Whether Python compiles it is checked by the template, which says so before any work.
      schema: z.string({ error: 'be a string holding a Python regular expression' }),
    },
  ],
  result: z.object({
    invalid_value_count: count,
    invalid_by_column: z.array(z.object({ column: z.string(), expected: z.string(), count, examples: z.array(z.unknown()).max(5) })),
    column_formats: z.record(z.string(), z.object({ expected: z.string().nullable(), present: count })),
  }),
  template: new URL('./template.py', import.meta.url),
  consistency(e) {
    if (!Array.isArray(e.invalid_by_column)) return [];
    // A value may fail two checks (its kind and options.pattern): per column, the largest check count.
    const perColumn = new Map<string, number>();
    for (const c of e.invalid_by_column as { column?: string; count?: number }[]) {
      perColumn.set(String(c.column), Math.max(perColumn.get(String(c.column)) ?? 0, c.count ?? 0));
    }
    return valueCounts(e, 'invalid_value_count', perColumn);
  },
  heuristic: invalidFormat,
};
