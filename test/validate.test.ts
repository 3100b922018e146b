import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestLocalCsv } from '../src/datasets/ingest';
import { HeuristicFallback } from '../src/pipeline/fallback/heuristic';
import type { IssueSpec } from '../src/pipeline/types';
import { validateResult } from '../src/pipeline/validate';
import { SALES_CSV } from './helpers/data';
import { CORE_ISSUES } from './helpers/seed';

const dir = mkdtempSync(join(tmpdir(), 'validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const issues: IssueSpec[] = CORE_ISSUES.map((i) => ({ ...i }));
const results = new Map<string, Record<string, any>>();
let rows = 0;

beforeAll(async () => {
  const dataset = await ingestLocalCsv(SALES_CSV, dir, 'ds_validate');
  rows = dataset.rowCount;
  const heuristic = new HeuristicFallback();
  for (const issue of issues) results.set(issue.type, await heuristic.compute(issue, dataset, new AbortController().signal));
});

/** A copy of the valid result of `type` with `change` applied, validated. */
function broken(type: string, change: (r: Record<string, any>) => void) {
  const result = structuredClone(results.get(type)!);
  change(result);
  return validateResult(issues.find((i) => i.type === type)!, result, rows).errors;
}

describe('result validation', () => {
  it('accepts the results of every core type as computed', () => {
    for (const issue of issues) expect(validateResult(issue, results.get(issue.type)!, rows)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    ['missing_values', (r: any) => (r.affected_percentage = 50), /affected_percentage .* is not affected_count/],
    ['missing_values', (r: any) => (r.affected_rows = [...r.affected_rows].reverse()), /ascending/],
    ['missing_values', (r: any) => (r.affected_rows = [rows + 5]), /affected_rows/],
    ['missing_values', (r: any) => (r.rows_analyzed = 1000), /rows_analyzed is 1000/],
    ['missing_values', (r: any) => (r.missing_by_column = { price: r.missing_count }), /missing_by_column has columns price/],
    ['missing_values', (r: any) => (r.missing_by_column.revenue = r.missing_count - 1), /between the largest per-column count/],
    ['missing_values', (r: any) => (r.affected_count = -1), /affected_count/],
    ['duplicates', (r: any) => (r.unique_duplicate_ids = r.duplicate_count), /unique_duplicate_ids .* does not fit/],
    ['duplicates', (r: any) => (r.exact_duplicate_rows = r.duplicate_count + 1), /exact_duplicate_rows .* exceeds/],
    ['duplicates', (r: any) => (r.are_exact_duplicates = !r.are_exact_duplicates), /are_exact_duplicates/],
    ['duplicates', (r: any) => (r.columns = ['customer_id']), /columns is \["customer_id"\]/],
    ['outliers', (r: any) => (r.mean = r.max + 1), /mean .* is not between/],
    ['outliers', (r: any) => (r.std = -1), /std/],
    ['outliers', (r: any) => (r.outlier_percentage = r.affected_percentage + 1), /outlier_percentage/],
    ['outliers', (r: any) => (r.outlier_count = r.affected_count + 1), /outlier_count .* differs from affected_count/],
    ['categorical_variation', (r: any) => (r.total_variation_groups += 1), /total_variation_groups/],
    ['categorical_variation', (r: any) => (r.variation_groups[0].canonical = 'Nobody Inc'), /canonical "Nobody Inc" is not one of its variants/],
    ['categorical_variation', (r: any) => (r.variation_groups[0].count = rows * 2), /add up to/],
    ['categorical_variation', (r: any) => delete r.total_unique, /total_unique/],
  ])('rejects a broken %s result (%#)', (type, change, message) => {
    const errors = broken(type, change);
    expect(errors.join('\n')).toMatch(message);
  });

  it('accepts the columns in any order, and whole-row duplicates listing every column', () => {
    const issue: IssueSpec = { id: 'm', type: 'missing_values', description: 'x', affectedColumns: ['revenue', 'price'] };
    const base = structuredClone(results.get('missing_values')!);
    const output = { ...base, columns: ['price', 'revenue'], missing_by_column: { revenue: base.missing_count, price: 0 } };
    expect(validateResult(issue, output, rows).errors).toEqual([]);
    const whole: IssueSpec = { id: 'd', type: 'duplicates', description: 'x', affectedColumns: [] };
    const duplicates = { ...structuredClone(results.get('duplicates')!), columns: ['transaction_id', 'date', 'customer_id'] };
    expect(validateResult(whole, duplicates, rows).errors.filter((e) => e.startsWith('columns'))).toEqual([]);
  });

  it('rejects a whitespace_case result whose affected rows no problem accounts for', () => {
    const issue: IssueSpec = { id: 'w', type: 'whitespace_case', description: 'x', affectedColumns: ['supplier'] };
    const output = {
      issue_type: 'whitespace_case', columns: ['supplier'], rows_analyzed: rows, affected_count: 4, affected_percentage: (4 / rows) * 100, affected_rows: [1, 2, 3, 4],
      checked_columns: ['supplier'], whitespace_count: 0, case_variant_count: 0,
      by_column: [{ column: 'supplier', whitespace_count: 0, case_variant_count: 0, case_groups: [] }],
    };
    expect(validateResult(issue, output, rows).errors.join('\n')).toMatch(/affected_count 4 exceeds the whitespace and case problems counted \(0\)/);
  });

  it('holds an unknown type to the envelope only', () => {
    const issue: IssueSpec = { id: 'x', type: 'price_typos', description: 'x', affectedColumns: ['price'] };
    const envelope = { issue_type: 'price_typos', columns: ['price'], rows_analyzed: rows, affected_count: 0, affected_percentage: 0, affected_rows: [] };
    expect(validateResult(issue, { ...envelope, anything: { else: 1 } }, rows).valid).toBe(true);
    const { affected_rows: _, ...incomplete } = envelope;
    expect(validateResult(issue, incomplete, rows).errors).toEqual(['affected_rows: Invalid input: expected array, received undefined']);
  });
});
