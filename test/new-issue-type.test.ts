import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerIssueType } from '../src/issueTypes/registry';
import { belowThresholdType } from './fixtures/issueTypes/below_threshold';
import type { TestServer } from './helpers/server';

// A ninth type added with no edit outside its folder (test/fixtures/issueTypes/below_threshold/) and the
// registry: registered before the server (and its schema) is loaded, it is listed, validated, run, typed.
registerIssueType(belowThresholdType);
const { startServer } = await import('./helpers/server');
const { SALES_CSV } = await import('./helpers/data');
const { post } = await import('./helpers/graphql');
const { seedDataset } = await import('./helpers/seed');

let server: TestServer;
let salesId: string;

beforeAll(async () => {
  server = await startServer();
  salesId = await seedDataset(server.url, SALES_CSV);
});
afterAll(() => server?.stop());

/** Rows of sales.csv whose column holds a number below the threshold, counted here with papaparse. */
function below(column: string, threshold: number): number[] {
  const rows = Papa.parse<Record<string, string>>(readFileSync(SALES_CSV, 'utf8'), { header: true, skipEmptyLines: true }).data;
  return rows.flatMap((row, i) => (row[column]!.trim() !== '' && Number(row[column]) < threshold ? [i] : []));
}

describe('an issue type added as one folder', () => {
  it('is listed by issueTypes with its options and result keys', async () => {
    const r = await post(server.url, '{ issueTypes { type resultKeys options { name type default description } } }');
    const listed = r.data.issueTypes.find((t: any) => t.type === 'below_threshold');
    expect(listed.options).toEqual([{ name: 'threshold', type: 'number', default: 1, description: 'Values below it are affected.' }]);
    expect(listed.resultKeys).toEqual(expect.arrayContaining(['affected_count', 'below_count', 'below_by_column']));
  });

  it('has its options checked by the mutation', async () => {
    const r = await post(server.url, `mutation { investigateIssues(input: { datasetId: "${salesId}", issues: [{ type: "below_threshold", description: "x", affectedColumns: ["price"], options: { threshold: "ten" } }] }) { id } }`);
    expect(r.errors?.[0]?.message).toBe('issues[0].options.threshold must be a non-negative number; got "ten"');
  });

  it('runs its template, validates with its schema, and answers with its typed result', async () => {
    const r = await post(
      server.url,
      `mutation { investigateIssues(input: { datasetId: "${salesId}", codegen: TEMPLATE, wait: true, issues: [
        { type: "below_threshold", description: "some prices are below 10", affectedColumns: ["price", "quantity"], options: { threshold: 10, unit: "USD" } }
        { type: "below_threshold", description: "x", affectedColumns: ["supplier"] }
      ] }) { investigations { status error errorCode validation { valid } output
        result { __typename affectedCount affectedRows ... on BelowThresholdResult { belowCount belowByColumn { key value } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const [inv, text] = r.data.investigateIssues.investigations;
    const [price, quantity] = [below('price', 10), below('quantity', 10)];
    const either = [...new Set([...price, ...quantity])].sort((a, b) => a - b);
    expect(inv).toMatchObject({ status: 'SUCCEEDED', validation: { valid: true } });
    expect(inv.result).toEqual({
      __typename: 'BelowThresholdResult',
      affectedCount: either.length,
      affectedRows: either.slice(0, 10),
      belowCount: either.length,
      belowByColumn: [
        { key: 'price', value: price.length },
        { key: 'quantity', value: quantity.length },
      ],
    });
    expect(inv.output.ignored_options).toEqual(['unit']);
    expect(text).toMatchObject({ status: 'FAILED', errorCode: 'COLUMN_TYPE_UNSUPPORTED' });
    expect(text.error).toMatch(/column "supplier": it holds no number/);
  });
});
