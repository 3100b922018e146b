import { z } from 'zod';

/**
 * The pieces result schemas are built from. A type's `result` schema (its module) is the one source for
 * validating its results and for its typed GraphQL result (src/schema/results.ts derives the object type:
 * integers become Int, records become key/value lists, `.meta({ title })` names a shared object type).
 */
/** A count: a non-negative integer that fits GraphQL's Int. */
export const count = z.number().int().nonnegative().max(2 ** 31 - 1);
export const finiteOrNull = z.number().nullable();
export const percentage = z.number().min(0).max(100);

/** The keys every result carries (RESULTS.md); redactions, ignored_options and chart_errors when they apply. */
export const envelope = z.object({
  issue_type: z.string(),
  columns: z.array(z.string()),
  rows_analyzed: count,
  affected_count: count,
  affected_percentage: percentage,
  affected_rows: z.array(count).max(10),
  ignored_options: z.array(z.string()).nullish(),
  redactions: count.nullish(),
  /** Charts the script could not draw (RESULTS.md, "Charts"); the result stands without them. */
  chart_errors: z.array(z.string()).nullish(),
});

/** Spellings of one value: categorical_variation's groups, whitespace_case's case groups. */
export const variationGroup = z
  .object({
    variants: z.array(z.string()).min(2),
    count,
    canonical: z.string(),
    /** Rows holding each variant, in the variants' order (absent from results of code that does not give them). */
    variant_counts: z.array(count).optional(),
  })
  .meta({ title: 'VariationGroup' });

/** A row a result shows as an example; its other keys depend on the type. */
export const exampleRow = z.looseObject({ row: count }).meta({ title: 'ExampleRow' });
