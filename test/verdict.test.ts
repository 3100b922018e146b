import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOf, judgeHypothesis } from '../src/pipeline/verdict';
import { graphql } from './gql';
import { expectedResult, SALES_CSV } from './helpers/data';
import { ok } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

const Judge = graphql(`
  mutation JudgeHypotheses($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      investigations {
        id
        status
        verdict {
          status
          claimed
          measured
          explanation
        }
      }
      events {
        type
        investigationId
        data
      }
    }
  }
`);

const StoredVerdict = graphql(`
  query StoredVerdict($id: ID!) {
    investigation(id: $id) {
      verdict {
        status
        claimed
        measured
      }
    }
  }
`);

describe('reading the claim of a hypothesis', () => {
  it.each([
    ['revenue has 23% missing values', { kind: 'percent', value: 23, direction: 'eq' }],
    ['revenue is missing in 1,093 of 5,012 rows (21.8%)', { kind: 'percent', value: 21.8 }],
    ['over 40 percent of rows lack a supplier', { kind: 'percent', value: 40, direction: 'gt' }],
    ['12 duplicate ids', { kind: 'count', value: 12, nouns: ['duplicate', 'ids'] }],
    ['supplier names are spelled five ways', { kind: 'count', value: 5, nouns: ['ways'] }],
    ['about 1,200 rows repeat', { kind: 'count', value: 1200, hedged: true }],
    ['at least 3 variation groups', { kind: 'count', value: 3, direction: 'gt', inclusive: true }],
    ['no missing values in revenue', { kind: 'count', value: 0 }],
    ['prices above $500', { kind: 'bound', value: 500, direction: 'gt' }],
    ['quantity below -1.5', { kind: 'bound', value: -1.5, direction: 'lt' }],
  ])('%s', (description, expected) => {
    expect(claimOf(description)).toMatchObject(expected);
  });

  it.each([
    ['no more than 5% missing', { kind: 'percent', value: 5, direction: 'lt', inclusive: true }],
    ['not more than 10 duplicates', { kind: 'count', value: 10, direction: 'lt', inclusive: true }],
    ['missing in 50 of 1000 rows', { kind: 'count', value: 50 }],
    ['more than 1 000 rows repeat', { kind: 'count', value: 1000, direction: 'gt' }],
    ['orders in 2024 have 12 duplicate ids', { kind: 'count', value: 12 }],
    ['over $5k', { kind: 'bound', value: 5000 }],
    ['the supplier "50% off Ltd" is spelled 3 ways', { kind: 'count', value: 3, nouns: ['ways'] }],
    ['there are no duplicates', { kind: 'count', value: 0 }],
  ])('%s', (description, expected) => {
    expect(claimOf(description)).toMatchObject(expected);
  });

  it.each([
    'transaction ids repeat',
    'prices spike',
    'dates after 2024-01-31 are wrong',
    'ids T001 to T200 repeat',
    'supplier names vary',
    'orders in 2024 have duplicate ids',
    'sales in Q4 2023 are missing',
    'top 10 customers have duplicate records',
    'Some prices lie more than 3 standard deviations from the mean',
    'prices over 1.5x the median',
    'orders with no customer ids',
    'rows without values in revenue',
    'ids > 1e6',
  ])('finds no figure in "%s"', (description) => expect(claimOf(description)).toBeNull());

  it("ignores digits in the investigated columns' names", () => {
    expect(claimOf('address_line 2 is missing', ['address_line 2'])).toBeNull();
    expect(claimOf('address_line 2 is missing in 40 rows', ['address_line 2'])).toMatchObject({ kind: 'count', value: 40 });
  });
});

describe('judging a result', () => {
  const result = (extra: Record<string, unknown> = {}) => ({
    status: 'SUCCEEDED',
    output: { issue_type: 'x', columns: [], rows_analyzed: 1000, affected_count: 230, affected_percentage: 23, affected_rows: [], ...extra },
  });
  const judge = (type: string, description: string, extra?: Record<string, unknown>) => judgeHypothesis({ type, description }, result(extra));

  it('holds a percentage to max(2 points, 10% of the claim)', () => {
    expect(judge('missing_values', '21% missing').status).toBe('CONFIRMED');
    expect(judge('missing_values', '25% missing').status).toBe('CONFIRMED');
    expect(judge('missing_values', '25.1% missing').status).toBe('CONFIRMED'); // 10% of 25.1 is 2.51
    expect(judge('missing_values', '20.5% missing').status).toBe('REFUTED');
    expect(judge('missing_values', '60% missing')).toMatchObject({ status: 'REFUTED', claimed: 60, measured: 23 });
    expect(judge('missing_values', 'more than 20% missing').status).toBe('CONFIRMED');
    expect(judge('missing_values', 'less than 20% missing').status).toBe('REFUTED');
  });

  it('holds a count to max(1, 5%), 10% when hedged, and reads which figure a noun means', () => {
    expect(judge('duplicates', '231 duplicate rows').status).toBe('CONFIRMED');
    expect(judge('duplicates', '245 duplicate rows').status).toBe('REFUTED'); // 5% of 245 is 12.25 < 15
    expect(judge('duplicates', 'about 250 duplicate rows').status).toBe('CONFIRMED');
    const ids = judge('duplicates', '12 duplicate ids', { unique_duplicate_ids: 12 });
    expect(ids).toMatchObject({ status: 'CONFIRMED', claimed: 12, measured: 12 });
    expect(ids.explanation).toMatch(/distinct repeated keys/);
    const groups = [{ variants: ['Acme', 'ACME', 'Acme Inc', 'acme', 'Acme.'] }, { variants: ['Globex', 'Globex.'] }];
    expect(judge('categorical_variation', 'supplier names are spelled five ways', { variation_groups: groups })).toMatchObject({ status: 'CONFIRMED', measured: 5 });
    expect(judge('categorical_variation', 'spelled seven ways', { variation_groups: groups })).toMatchObject({ status: 'CONFIRMED', measured: 7 }); // 5 + 2 spellings
    expect(judge('categorical_variation', 'spelled three ways', { variation_groups: groups }).status).toBe('REFUTED');
    expect(judge('categorical_variation', '2 variation groups', { variation_groups: groups, total_variation_groups: 2 })).toMatchObject({ status: 'CONFIRMED', measured: 2 });
    expect(judge('missing_values', 'no missing values').status).toBe('REFUTED');
    expect(judge('whitespace_case', 'supplier is written 3 ways').status).toBe('INCONCLUSIVE'); // no figure for "ways"
    expect(judge('duplicates', '10 customers').status).toBe('INCONCLUSIVE');
    expect(judge('missing_values', 'no more than 5% missing').status).toBe('REFUTED');
    expect(judge('missing_values', 'no more than 23% missing').status).toBe('CONFIRMED');
  });

  it('holds a bound when some value lies beyond it', () => {
    expect(judge('outliers', 'prices above $500', { max: 9999.99 })).toMatchObject({ status: 'CONFIRMED', claimed: 500, measured: 9999.99 });
    expect(judge('outliers', 'prices above $50,000', { max: 9999.99 }).status).toBe('REFUTED');
    expect(judge('outliers', 'prices below 0', { min: 0.5 }).status).toBe('REFUTED');
    expect(judge('out_of_range', 'quantity above 100').status).toBe('CONFIRMED'); // no extremes: rows beyond it
    expect(judge('missing_values', 'revenue above 100').status).toBe('INCONCLUSIVE');
  });

  it('without a figure, confirms when anything is affected; without a result, is inconclusive', () => {
    expect(judge('duplicates', 'ids repeat').status).toBe('CONFIRMED');
    expect(judge('duplicates', 'ids repeat', { affected_count: 0, affected_percentage: 0 })).toMatchObject({ status: 'REFUTED', measured: 0 });
    expect(judgeHypothesis({ type: 'duplicates', description: '12 ids' }, { status: 'FAILED', output: null })).toMatchObject({ status: 'INCONCLUSIVE', claimed: 12, measured: null });
  });
});

describe('verdicts through the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('judges every hypothesis against the measured figures, stores the verdict and puts it in the final event', async () => {
    const datasetId = await seedDataset(server.url, SALES_CSV);
    const missing = expectedResult(SALES_CSV, 'missing_values', ['revenue']);
    const duplicates = expectedResult(SALES_CSV, 'duplicates', ['transaction_id']);
    const outliers = expectedResult(SALES_CSV, 'outliers', ['price']);
    const pct = (missing.affected_count / missing.rows_analyzed) * 100;
    const variation = expectedResult(SALES_CSV, 'categorical_variation', ['supplier']);
    const spellings = variation.groups.reduce((n: number, g: { variants: string[] }) => n + g.variants.length, 0);
    const issues = [
      { type: 'missing_values', description: `revenue has ${Math.round(pct)}% missing values`, affectedColumns: ['revenue'] },
      { type: 'missing_values', description: `revenue has ${Math.round(pct) + 20}% missing values`, affectedColumns: ['revenue'] },
      { type: 'duplicates', description: `${duplicates.unique_duplicate_ids} duplicate transaction ids`, affectedColumns: ['transaction_id'] },
      { type: 'outliers', description: `prices above $${Math.floor(outliers.max) + 1}`, affectedColumns: ['price'] },
      { type: 'missing_values', description: 'customers are missing', affectedColumns: ['customer_id'] },
      { type: 'categorical_variation', description: `supplier names are spelled ${spellings} ways`, affectedColumns: ['supplier'] },
      { type: 'outliers', description: '12 spikes', affectedColumns: ['nope'] },
    ];
    const { investigateIssues: run } = await ok(server.url, Judge, { input: { datasetId, issues, codegen: 'TEMPLATE', wait: true } });
    const verdicts = run.investigations.map((i) => i.verdict!);
    expect(verdicts[0]).toMatchObject({ status: 'CONFIRMED', claimed: Math.round(pct) });
    expect(verdicts[0]!.measured).toBeCloseTo(pct, 9);
    expect(verdicts[1]).toMatchObject({ status: 'REFUTED', claimed: Math.round(pct) + 20 });
    expect(verdicts[2]).toMatchObject({ status: 'CONFIRMED', claimed: duplicates.unique_duplicate_ids, measured: duplicates.unique_duplicate_ids });
    expect(verdicts[3]).toMatchObject({ status: 'REFUTED', claimed: Math.floor(outliers.max) + 1, measured: outliers.max });
    const customersMissing = expectedResult(SALES_CSV, 'missing_values', ['customer_id']).affected_count;
    expect(verdicts[4]).toMatchObject({ status: customersMissing > 0 ? 'CONFIRMED' : 'REFUTED', claimed: null, measured: customersMissing });
    expect(verdicts[5]).toMatchObject({ status: 'CONFIRMED', claimed: spellings, measured: spellings });
    expect(run.investigations[6]!.status).toBe('FAILED');
    expect(verdicts[6]).toMatchObject({ status: 'INCONCLUSIVE', claimed: 12, measured: null });

    for (const inv of run.investigations) {
      const final = run.events.find((e) => e.investigationId === inv.id && /^INVESTIGATION_(SUCCEEDED|FAILED)$/.test(e.type))!;
      expect(final.data.verdict).toEqual(inv.verdict);
      const { investigation } = await ok(server.url, StoredVerdict, { id: inv.id });
      expect(investigation!.verdict).toEqual({ status: inv.verdict!.status, claimed: inv.verdict!.claimed, measured: inv.verdict!.measured });
    }
  });
});
