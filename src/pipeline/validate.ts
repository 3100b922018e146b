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
  invalid_format: z.object({
    invalid_value_count: count,
    invalid_by_column: z.array(
      z.object({ column: z.string(), expected: z.string(), count, examples: z.array(z.unknown()).max(5) }),
    ),
    column_formats: z.record(z.string(), z.object({ expected: z.string().nullable(), present: count })),
  }),
  out_of_range: z.object({
    out_of_range_value_count: count,
    ranges: z.array(
      z.object({
        column: z.string(),
        kind: z.enum(['number', 'date']).nullable(),
        min_source: z.enum(['options', 'description', 'inferred']).nullable(),
        max_source: z.enum(['options', 'description', 'inferred']).nullable(),
        below_count: count,
        above_count: count,
        examples: z.array(z.object({ row: count })).max(5),
      }),
    ),
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  whitespace_case: z.object({
    checked_columns: z.array(z.string()),
    whitespace_count: count,
    case_variant_count: count,
    by_column: z.array(
      z.object({
        column: z.string(),
        whitespace_count: count,
        case_variant_count: count,
        case_groups: z.array(z.object({ variants: z.array(z.string()).min(2), count, canonical: z.string() })),
      }),
    ),
  }),
  cross_column: z.object({
    relation: z.string().min(1),
    relation_columns: z.array(z.string()).min(1),
    violation_count: count,
    checked_rows: count,
    skipped_rows: count,
    max_deviation: finiteOrNull,
    examples: z.array(z.object({ row: count })).max(5),
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
  if (CORE_RULES[issue.type]) errors.push(...CORE_RULES[issue.type]!(e, output, issue));
  if (issue.type === 'cross_column') {
    sameCount('violation_count');
    const { checked_rows: checked, skipped_rows: skipped } = output as { checked_rows?: unknown; skipped_rows?: unknown };
    if (typeof checked === 'number' && typeof skipped === 'number') {
      check(checked + skipped === e.rows_analyzed, `checked_rows + skipped_rows (${checked} + ${skipped}) is not rows_analyzed`);
      check(e.affected_count <= checked, `affected_count ${e.affected_count} exceeds checked_rows ${checked}`);
    }
  }
  // Types that count values as well as rows: each affected row holds one such value at least, one per column at most.
  const valueCounts = (key: string, perColumn: Map<string, number>) => {
    const total = output[key];
    if (typeof total !== 'number') return;
    check(e.affected_count <= total, `affected_count ${e.affected_count} exceeds ${key} ${total}`);
    check(total <= e.affected_count * perColumn.size, `${key} ${total} exceeds affected_count × columns`);
    for (const [column, n] of perColumn) {
      check(n <= e.affected_count, `${column}: ${n} values exceed affected_count ${e.affected_count}`);
    }
  };
  if (issue.type === 'out_of_range' && Array.isArray(output.ranges)) {
    const ranges = output.ranges as { column?: string; below_count?: number; above_count?: number }[];
    const perColumn = new Map(ranges.map((r) => [String(r.column), (r.below_count ?? 0) + (r.above_count ?? 0)]));
    valueCounts('out_of_range_value_count', perColumn);
    const sum = [...perColumn.values()].reduce((n, v) => n + v, 0);
    check(sum === output.out_of_range_value_count, `out_of_range_value_count is not the sum of below_count + above_count (${sum})`);
  }
  if (issue.type === 'invalid_format' && Array.isArray(output.invalid_by_column)) {
    // A value may fail two checks (its kind and options.pattern): per column, the largest check count.
    const perColumn = new Map<string, number>();
    for (const c of output.invalid_by_column as { column?: string; count?: number }[]) {
      perColumn.set(String(c.column), Math.max(perColumn.get(String(c.column)) ?? 0, c.count ?? 0));
    }
    valueCounts('invalid_value_count', perColumn);
  }
  if (issue.type === 'whitespace_case' && Array.isArray(output.by_column)) {
    for (const c of output.by_column as { column?: string; whitespace_count?: number; case_variant_count?: number }[]) {
      check((c.whitespace_count ?? 0) <= e.affected_count && (c.case_variant_count ?? 0) <= e.affected_count,
        `${String(c.column)}: more rows with whitespace or case problems than affected_count ${e.affected_count}`);
    }
    const sum = (key: 'whitespace_count' | 'case_variant_count') =>
      (output.by_column as Record<string, number>[]).reduce((n, c) => n + (c[key] ?? 0), 0);
    check(sum('whitespace_count') === output.whitespace_count, 'whitespace_count is not the sum over by_column');
    check(sum('case_variant_count') === output.case_variant_count, 'case_variant_count is not the sum over by_column');
    const problems = sum('whitespace_count') + sum('case_variant_count');
    check(e.affected_count <= problems, `affected_count ${e.affected_count} exceeds the whitespace and case problems counted (${problems})`);
  }
  return errors;
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'result'}: ${i.message}`);
}

type Envelope = z.infer<typeof envelope>;
type Rule = (e: Envelope, output: Record<string, any>, issue: IssueSpec) => string[];

/** What must hold between a core type's own figures and its envelope (RESULTS.md), beyond their shapes. */
const CORE_RULES: Record<string, Rule> = {
  missing_values: (e, o, issue) => {
    const errors = sameColumns(e, issue);
    const byColumn = o.missing_by_column as Record<string, number> | undefined;
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
  duplicates: (e, o, issue) => {
    const errors = sameColumns(e, issue);
    const { unique_duplicate_ids: ids, exact_duplicate_rows: exact, are_exact_duplicates: allExact } = o;
    if (typeof ids === 'number' && (2 * ids > e.affected_count || (e.affected_count > 0 && ids === 0))) {
      errors.push(`unique_duplicate_ids ${ids} does not fit duplicate_count ${e.affected_count} (each repeated key holds 2 rows or more)`);
    }
    if (typeof exact === 'number' && exact > e.affected_count) errors.push(`exact_duplicate_rows ${exact} exceeds duplicate_count ${e.affected_count}`);
    if (typeof exact === 'number' && typeof allExact === 'boolean' && allExact !== (e.affected_count > 0 && exact === e.affected_count)) {
      errors.push(`are_exact_duplicates is ${allExact}, but ${exact} of ${e.affected_count} affected rows are exact duplicates`);
    }
    return errors;
  },
  outliers: (e, o, issue) => {
    const errors = sameColumns(e, issue);
    if (typeof o.outlier_percentage === 'number' && Math.abs(o.outlier_percentage - e.affected_percentage) > 1e-9 * Math.max(1, e.affected_percentage)) {
      errors.push(`outlier_percentage ${o.outlier_percentage} differs from affected_percentage ${e.affected_percentage}`);
    }
    if (typeof o.std === 'number' && o.std < 0) errors.push(`std ${o.std} is negative`);
    const { min, mean, max } = o;
    if ([min, mean, max].every((v) => typeof v === 'number')) {
      const slack = 1e-9 * Math.max(1, Math.abs(min), Math.abs(max));
      if (min > mean + slack || mean > max + slack) errors.push(`mean ${mean} is not between min ${min} and max ${max}`);
    }
    if (typeof o.iqr_outlier_count === 'number' && o.iqr_outlier_count > e.rows_analyzed) {
      errors.push(`iqr_outlier_count ${o.iqr_outlier_count} exceeds rows_analyzed ${e.rows_analyzed}`);
    }
    return errors;
  },
  categorical_variation: (e, o, issue) => {
    const errors = sameColumns(e, issue);
    const groups = o.variation_groups as Array<{ variants: string[]; count: number; canonical: string }> | undefined;
    if (!Array.isArray(groups)) return errors;
    if (o.total_variation_groups !== groups.length) {
      errors.push(`total_variation_groups ${String(o.total_variation_groups)} but variation_groups lists ${groups.length}`);
    }
    const variants = groups.reduce((n, g) => n + (g.variants?.length ?? 0), 0);
    if (typeof o.total_unique === 'number' && variants > o.total_unique) errors.push(`the groups hold ${variants} variants, more than total_unique ${o.total_unique}`);
    const rows = groups.reduce((n, g) => n + (g.count ?? 0), 0);
    if (rows > e.rows_analyzed) errors.push(`the groups' counts add up to ${rows}, more than rows_analyzed ${e.rows_analyzed}`);
    if (e.affected_count > rows) errors.push(`affected_count ${e.affected_count} exceeds the rows holding a variant (${rows})`);
    groups.forEach((g, i) => {
      if (Array.isArray(g.variants) && !g.variants.includes(g.canonical)) errors.push(`variation_groups.${i}: canonical "${g.canonical}" is not one of its variants`);
    });
    return errors;
  },
};

/** The envelope names the issue's columns, in any order; whole-row duplicates may list every column or none. */
function sameColumns(e: Envelope, issue: IssueSpec): string[] {
  if (issue.type === 'duplicates' && issue.affectedColumns.length === 0) return [];
  const sorted = (columns: readonly string[]) => JSON.stringify([...columns].sort());
  return sorted(e.columns) === sorted(issue.affectedColumns)
    ? []
    : [`columns is ${JSON.stringify(e.columns)}; the issue names ${JSON.stringify(issue.affectedColumns)}`];
}
