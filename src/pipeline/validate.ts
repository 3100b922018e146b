import { z } from 'zod';
import type { ValidationReport } from '../db/schema';
import { issueTypeModule } from '../issueTypes/registry';
import type { CheckedResult } from '../issueTypes/definition';
import { envelope } from '../issueTypes/resultSchema';
import type { IssueSpec } from './types';

/**
 * Checks a parsed result against RESULTS.md: the envelope every type carries, its internal consistency
 * with the dataset, and the keys each built-in type's result schema (its module) guarantees. Unknown
 * types are held to the envelope.
 */
export function validateResult(issue: IssueSpec, output: Record<string, unknown>, datasetRows: number): ValidationReport {
  const errors: string[] = [];
  const shape = envelope.safeParse(output);
  if (!shape.success) errors.push(...describe(shape.error));
  const typeShape = issueTypeModule(issue.type)?.result;
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
  const module = issueTypeModule(issue.type);
  if (module?.consistency) errors.push(...module.consistency(output as CheckedResult, issue));
  return errors;
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'result'}: ${i.message}`);
}
