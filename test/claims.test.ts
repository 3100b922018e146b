import { describe, expect, it } from 'vitest';
import { judgeHypothesis } from '../src/pipeline/verdict';
import { expectedResult, SALES_CSV } from './helpers/data';
import { post } from './helpers/graphql';
import { salesServer } from './helpers/seed';

// A claim the client states exactly (IssueInput.claim) is what the verdict judges, before the description.
// Expected figures come from test/helpers/expected.py, an independent computation over sales.csv.
const sales = salesServer();

type Claim = { measure: string; comparator: string; value: number };
const issue = (type: string, columns: string[], claim: Claim, description = 'stated exactly') => ({ type, description, affectedColumns: columns, claim });

async function verdicts(issues: unknown[]) {
  const r = await post(
    sales.server.url,
    `mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) {
      investigations { status issue { claim { measure comparator value } } verdict { status claimed measured explanation } } } }`,
    { input: { datasetId: sales.datasetId, codegen: 'TEMPLATE', wait: true, issues } },
  );
  expect(r.errors).toBeUndefined();
  return r.data.investigateIssues.investigations;
}

describe('a stated claim', () => {
  it('is judged on its own measure, whatever the description says', async () => {
    const dup = expectedResult(SALES_CSV, 'duplicates', ['transaction_id']);
    const missing = expectedResult(SALES_CSV, 'missing_values', ['revenue']);
    const spellings = Math.max(...expectedResult(SALES_CSV, 'categorical_variation', ['supplier']).groups.map((g: any) => g.variants.length));
    const price = expectedResult(SALES_CSV, 'outliers', ['price']);
    const investigations = await verdicts([
      issue('duplicates', ['transaction_id'], { measure: 'DUPLICATE_KEYS', comparator: 'EQ', value: dup.unique_duplicate_ids }, 'no id repeats at all'),
      issue('duplicates', ['transaction_id'], { measure: 'DUPLICATE_KEYS', comparator: 'EQ', value: dup.unique_duplicate_ids + 10 }),
      issue('missing_values', ['revenue'], { measure: 'AFFECTED_PERCENTAGE', comparator: 'GT', value: 50 }, 'revenue is 21% missing'),
      issue('missing_values', ['revenue'], { measure: 'AFFECTED_ROWS', comparator: 'ABOUT', value: Math.round(missing.affected_count * 1.08) }),
      issue('categorical_variation', ['supplier'], { measure: 'SPELLINGS', comparator: 'EQ', value: spellings }),
      issue('outliers', ['price'], { measure: 'MAX_VALUE', comparator: 'GTE', value: price.max }),
      issue('outliers', ['price'], { measure: 'MIN_VALUE', comparator: 'LT', value: price.min }),
    ]);
    expect(investigations.map((i: any) => i.verdict.status)).toEqual(['CONFIRMED', 'REFUTED', 'REFUTED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'REFUTED']);
    expect(investigations.map((i: any) => i.verdict.measured)).toEqual([
      dup.unique_duplicate_ids,
      dup.unique_duplicate_ids,
      missing.affected_percentage,
      missing.affected_count,
      spellings,
      price.max,
      price.min,
    ]);
    expect(investigations[0].issue.claim).toEqual({ measure: 'DUPLICATE_KEYS', comparator: 'EQ', value: dup.unique_duplicate_ids });
    expect(investigations[0].verdict.explanation).toMatch(/^Stated claim: duplicate keys = \d+; measured \d+ \(distinct repeated keys\)/);
  });

  it.each([
    [issue('missing_values', ['revenue'], { measure: 'DUPLICATE_KEYS', comparator: 'EQ', value: 3 }), /issues\[0\]\.claim\.measure DUPLICATE_KEYS is not a figure of a "missing_values" result; it may be AFFECTED_ROWS, AFFECTED_PERCENTAGE/],
    [issue('missing_values', ['revenue'], { measure: 'AFFECTED_PERCENTAGE', comparator: 'EQ', value: 150 }), /issues\[0\]\.claim\.value must be between 0 and 100; got 150/],
    [issue('duplicates', ['transaction_id'], { measure: 'AFFECTED_ROWS', comparator: 'GT', value: -1 }), /issues\[0\]\.claim\.value must be a non-negative number; got -1/],
    [issue('seasonality', ['date'], { measure: 'SPELLINGS', comparator: 'EQ', value: 2 }), /claim\.measure SPELLINGS is not a figure of this type/],
  ])('is checked against its type when the mutation is called (%#)', async (given, message) => {
    const r = await post(sales.server.url, 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { id } }', {
      input: { datasetId: sales.datasetId, issues: [given] },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it('uses the tolerances of the description’s claims', () => {
    const output = { issue_type: 'duplicates', rows_analyzed: 1000, affected_count: 100, affected_percentage: 10, unique_duplicate_ids: 40 };
    const judge = (measure: string, comparator: string, value: number) =>
      judgeHypothesis({ type: 'duplicates', description: 'x', claim: { measure, comparator, value } as any }, { status: 'SUCCEEDED', output }).status;
    expect(judge('DUPLICATE_KEYS', 'EQ', 42)).toBe('CONFIRMED'); // within 5% of 42 (2.1)
    expect(judge('DUPLICATE_KEYS', 'EQ', 43)).toBe('REFUTED');
    expect(judge('DUPLICATE_KEYS', 'ABOUT', 43)).toBe('CONFIRMED'); // 10% of 43 is 4.3
    expect(judge('AFFECTED_PERCENTAGE', 'EQ', 12)).toBe('CONFIRMED'); // within 2 points
    expect(judge('AFFECTED_PERCENTAGE', 'EQ', 12.5)).toBe('REFUTED');
    expect(judge('AFFECTED_ROWS', 'LTE', 100)).toBe('CONFIRMED');
    expect(judge('AFFECTED_ROWS', 'LT', 100)).toBe('REFUTED');
    expect(judgeHypothesis({ type: 'duplicates', description: 'x', claim: { measure: 'AFFECTED_ROWS', comparator: 'EQ', value: 5 } }, { status: 'FAILED', output: null }).status).toBe('INCONCLUSIVE');
  });
});
