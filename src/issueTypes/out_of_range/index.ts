import { z } from 'zod';
import { PY_DIGIT, PY_SPACE } from '../../pipeline/fallback/pyUnicode';
import type { IssueTypeModule } from '../definition';
import { valueCounts } from '../consistency';
import { count, exampleRow } from '../resultSchema';
import { readClaim, type ClaimReading } from '../../claims/reader';

/** A side of the valid range: `inclusive` when the bound's value is itself valid ("at least 16"), not when it is out ("positive", "zero"). */
export interface DescribedSide {
  value: number;
  inclusive: boolean;
}

/**
 * The valid range a reading's bound gives: a problem's bound ("above 500", "below 20", "of zero") and a
 * forbidden one ("never exceeds 400") mark the values beyond it; a rule's ("at least 16", "positive",
 * "between 50 and 100") the values within it.
 */
export function describedBounds(reading: ClaimReading): { min?: DescribedSide; max?: DescribedSide } {
  const b = reading.bound;
  if (!b || b.reaches !== undefined) return {};
  if (b.low !== undefined && b.high !== undefined) return { min: { value: b.low, inclusive: b.inclusive }, max: { value: b.high, inclusive: b.inclusive } };
  const within = reading.polarity === 'RULE' && !reading.negated;
  // Beyond a problem's bound is out; its value is valid when the problem's side leaves it out ("above 500": 500 is valid).
  const inclusive = within ? b.inclusive : !b.inclusive;
  if (b.low !== undefined) return within ? { min: { value: b.low, inclusive } } : { max: { value: b.low, inclusive } };
  return within ? { max: { value: b.high!, inclusive } } : { min: { value: b.high!, inclusive } };
}

const BOUND_FORM = 'a number, or a date string such as "2024-01-31" (years 1677 to 2262)';
/** The template's NUMBER_TEXT with Python's Unicode \s and \d (float() reads "١٠٠" as 100). */
const NUMBER_TEXT = new RegExp(
  `^[${PY_SPACE}]*[-+]?(?:[${PY_DIGIT}]+(?:\\.[${PY_DIGIT}]*)?|\\.[${PY_DIGIT}]+)(?:[eE][-+]?[${PY_DIGIT}]+)?[${PY_SPACE}]*$`,
  'u',
);
const DATE = /^\s*(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*$/;
/** pandas' datetime64[ns] range. */
const [FIRST_DAY, LAST_DAY] = ['1677-09-22', '2262-04-11'];

function realDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const iso = date.toISOString().slice(0, 10);
  return iso >= FIRST_DAY && iso <= LAST_DAY ? iso : null;
}

/**
 * What the template's option_bound() accepts: a finite number, a number written as text, or a date pandas
 * reads within its range (year-first, or day/month-first either way round, with an optional time).
 */
function isBound(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string') return false;
  if (NUMBER_TEXT.test(value)) return true;
  const m = DATE.exec(value);
  if (!m) return false;
  const [hour, minute, second] = [m[7], m[8], m[9]].map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[1]) return realDay(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
  const [a, b, year] = [Number(m[4]), Number(m[5]), Number(m[6])];
  return realDay(year, b, a) !== null || realDay(year, a, b) !== null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const bound = z.custom<number | string>(isBound, { error: `be ${BOUND_FORM}` });
const columnBounds = z
  .custom<Record<string, unknown>>((v) => isPlainObject(v) && Object.keys(v).every((k) => k === 'min' || k === 'max'), {
    error: 'be an object with "min" and/or "max"',
  })
  .pipe(z.object({ min: bound.nullish(), max: bound.nullish() }));

export const outOfRangeType: IssueTypeModule = {
  type: 'out_of_range',
  description:
    'Numbers or dates outside their bounds: options.min / options.max (or options.bounds per column), else bounds read from the description ("above 500", "between 1 and 100"; "positive" and "a depth of zero" put 0 itself out of range), else inferred (no negatives in a column that is at least 95% non-negative; dates from 1900-01-01 to today, UTC).',
  columns: { min: 1, max: Infinity, description: 'one or more numeric or date columns' },
  options: [
    { name: 'min', type: 'number|string', default: null, description: `The lowest valid value of every column it fits: ${BOUND_FORM}.`, schema: bound },
    { name: 'max', type: 'number|string', default: null, description: `The highest valid value of every column it fits: ${BOUND_FORM}.`, schema: bound },
    {
      name: 'bounds',
      type: 'object',
      default: null,
      description: 'Bounds per investigated column, such as {"price": {"max": 500}}; they take precedence over min and max.',
      schema: (issue) =>
        z.record(
          z.string().refine((column) => issue.affectedColumns.includes(column), {
            error: `name investigated columns (${issue.affectedColumns.join(', ')})`,
          }),
          columnBounds.nullable(),
          { error: 'be an object mapping columns to {"min": …, "max": …}, such as {"price": {"max": 500}}' },
        ),
    },
  ],
  result: z.object({
    out_of_range_value_count: count,
    ranges: z.array(
      z.object({
        column: z.string(),
        kind: z.enum(['number', 'date']).nullable(),
        min_source: z.enum(['options', 'description', 'inferred']).nullable(),
        max_source: z.enum(['options', 'description', 'inferred']).nullable(),
        // Absent from results stored before a bound's own value could be out of range.
        min_inclusive: z.boolean().nullish(),
        max_inclusive: z.boolean().nullish(),
        below_count: count,
        above_count: count,
        examples: z.array(exampleRow).max(5),
      }),
    ),
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  template: new URL('./template.py', import.meta.url),
  consistency(e) {
    if (!Array.isArray(e.ranges)) return [];
    const ranges = e.ranges as { column?: string; below_count?: number; above_count?: number }[];
    const perColumn = new Map(ranges.map((r) => [String(r.column), (r.below_count ?? 0) + (r.above_count ?? 0)]));
    const errors = valueCounts(e, 'out_of_range_value_count', perColumn);
    const sum = [...perColumn.values()].reduce((n, v) => n + v, 0);
    if (sum !== e.out_of_range_value_count) errors.push(`out_of_range_value_count is not the sum of below_count + above_count (${sum})`);
    return errors;
  },
  verdict: { boundHoldsWhenAffected: true },
  // The description's numeric bounds as the verdict reads them (src/claims/reader.ts), so that the figure
  // the template counts is the one the claim is judged by; dates are read by the template itself.
  templateParams: (issue) => ({
    described_bounds: describedBounds(issue.reading ?? readClaim(issue.description, { type: issue.type, columns: issue.affectedColumns, boundsValues: true })),
  }),
};
