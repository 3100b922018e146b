import { z } from 'zod';
import type { ValidationReport } from '../db/schema';
import type { IssueSpec } from './types';

/**
 * Checks a parsed result against RESULTS.md: the envelope every type carries, its internal consistency
 * with the dataset, and the keys each core type guarantees. Unknown types are held to the envelope.
 */
const count = z.number().int().nonnegative();
const finiteOrNull = z.number().nullable();

const envelope = z.object({
  issue_type: z.string(),
  columns: z.array(z.string()),
  rows_analyzed: count,
  affected_count: count,
  affected_percentage: z.number().min(0).max(100),
  affected_rows: z.array(count).max(10),
});

const typeShapes: Record<string, z.ZodType> = {
  missing_values: z.object({ missing_count: count, missing_by_column: z.record(z.string(), count) }),
  duplicates: z.object({
    duplicate_count: count,
    unique_duplicate_ids: count,
    exact_duplicate_rows: count,
    are_exact_duplicates: z.boolean(),
    example_duplicates: z.array(z.unknown()).max(5),
  }),
  outliers: z.object({
    mean: finiteOrNull,
    std: finiteOrNull,
    min: finiteOrNull,
    max: finiteOrNull,
    outlier_count: count,
    outlier_percentage: z.number().min(0).max(100),
    iqr_outlier_count: count,
    example_outliers: z.array(z.object({ row: count, values: z.record(z.string(), z.unknown()) })).max(5),
  }),
  categorical_variation: z.object({
    total_unique: count,
    total_variation_groups: count,
    variation_groups: z.array(
      z.object({ variants: z.array(z.string()).min(2), count, canonical: z.string() }),
    ),
  }),
};

export function validateResult(issue: IssueSpec, output: Record<string, unknown>, datasetRows: number): ValidationReport {
  const errors: string[] = [];
  const shape = envelope.safeParse(output);
  if (!shape.success) errors.push(...describe(shape.error));
  const typeShape = typeShapes[issue.type];
  if (typeShape) {
    const extra = typeShape.safeParse(output);
    if (!extra.success) errors.push(...describe(extra.error));
  }
  if (shape.success) errors.push(...consistency(issue, shape.data, output, datasetRows));
  return { valid: errors.length === 0, errors };
}

function consistency(
  issue: IssueSpec,
  e: z.infer<typeof envelope>,
  output: Record<string, unknown>,
  datasetRows: number,
): string[] {
  const errors: string[] = [];
  const check = (ok: boolean, message: string) => ok || errors.push(message);
  check(e.issue_type === issue.type, `issue_type is "${e.issue_type}", expected "${issue.type}"`);
  check(e.rows_analyzed === datasetRows, `rows_analyzed is ${e.rows_analyzed}, but the dataset has ${datasetRows} rows`);
  check(e.affected_count <= e.rows_analyzed, `affected_count ${e.affected_count} exceeds rows_analyzed ${e.rows_analyzed}`);
  const expectedPct = e.rows_analyzed ? (e.affected_count / e.rows_analyzed) * 100 : 0;
  check(
    Math.abs(e.affected_percentage - expectedPct) <= 1e-9 * Math.max(1, expectedPct),
    `affected_percentage ${e.affected_percentage} is not affected_count / rows_analyzed × 100 (${expectedPct})`,
  );
  check(
    e.affected_rows.length === Math.min(10, e.affected_count),
    `affected_rows lists ${e.affected_rows.length} rows; expected the first ${Math.min(10, e.affected_count)}`,
  );
  check(
    e.affected_rows.every((r, i) => r < e.rows_analyzed && (i === 0 || r > e.affected_rows[i - 1]!)),
    'affected_rows must be ascending row positions below rows_analyzed',
  );
  const sameCount = (key: string) =>
    key in output && check(output[key] === e.affected_count, `${key} (${String(output[key])}) differs from affected_count`);
  if (issue.type === 'missing_values') sameCount('missing_count');
  if (issue.type === 'duplicates') sameCount('duplicate_count');
  if (issue.type === 'outliers') sameCount('outlier_count');
  return errors;
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'result'}: ${i.message}`);
}
