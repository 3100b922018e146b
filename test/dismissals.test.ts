import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { post } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';
import { as, tokenFor } from './helpers/tenants';

// "Not an issue": a dismissal per dataset, stored and respected by later detection, through the real server.
let server: TestServer;
let datasetId: string;
beforeAll(async () => {
  server = await startServer();
  datasetId = await seedDataset(server.url, SALES_CSV);
});
afterAll(() => server?.stop());

const DETECT = 'mutation($id: ID!, $all: Boolean) { detectIssues(datasetId: $id, includeDismissed: $all) { type affectedColumns } }';
const DISMISS = `mutation($id: ID!, $type: String!, $columns: [String!]!, $reason: String) {
  dismissIssue(datasetId: $id, type: $type, affectedColumns: $columns, reason: $reason) { id type affectedColumns reason createdAt dataset { id } } }`;
const RESTORE = 'mutation($id: ID!) { restoreIssue(id: $id) { id type } }';
const keyOf = (i: { type: string; affectedColumns: string[] }) => `${i.type}[${i.affectedColumns.join(',')}]`;

async function detected(all = false): Promise<string[]> {
  const r = await post(server.url, DETECT, { id: datasetId, all });
  expect(r.errors).toBeUndefined();
  return r.data.detectIssues.map(keyOf);
}

describe('dismissing a hypothesis', () => {
  it('leaves it out of later detection on that dataset, keeps it listed, and restores it on request', async () => {
    const before = await detected();
    expect(before).toContain('outliers[price]');

    const d = await post(server.url, DISMISS, { id: datasetId, type: 'outliers', columns: ['price'], reason: 'the 9,999.99 price is a real luxury item' });
    expect(d.errors).toBeUndefined();
    expect(d.data.dismissIssue).toMatchObject({ type: 'outliers', affectedColumns: ['price'], reason: 'the 9,999.99 price is a real luxury item', dataset: { id: datasetId } });
    const dismissal = d.data.dismissIssue.id as string;
    expect(dismissal).toMatch(/^dis_/);

    expect(await detected()).toEqual(before.filter((k) => k !== 'outliers[price]'));
    expect(await detected(true)).toEqual(before);
    const listed = await post(server.url, 'query($id: ID!) { dataset(id: $id) { dismissals { id type affectedColumns } } }', { id: datasetId });
    expect(listed.data.dataset.dismissals).toEqual([{ id: dismissal, type: 'outliers', affectedColumns: ['price'] }]);

    // Dismissing it again keeps the first; columns match in any order.
    expect((await post(server.url, DISMISS, { id: datasetId, type: 'outliers', columns: ['price'] })).data.dismissIssue.id).toBe(dismissal);
    const pair = await post(server.url, DISMISS, { id: datasetId, type: 'cross_column', columns: ['revenue', 'price'] });
    expect((await post(server.url, DISMISS, { id: datasetId, type: 'cross_column', columns: ['price', 'revenue'] })).data.dismissIssue.id).toBe(pair.data.dismissIssue.id);

    const restored = await post(server.url, RESTORE, { id: dismissal });
    expect(restored.data.restoreIssue).toEqual({ id: dismissal, type: 'outliers' });
    expect(await detected()).toEqual(before);
    const again = await post(server.url, RESTORE, { id: dismissal });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it.each([
    [{ type: 'outliers', columns: ['nope'] }, 'BAD_USER_INPUT', /affectedColumns names "nope", not a column of dataset/],
    [{ type: '  ', columns: ['price'] }, 'BAD_USER_INPUT', /type must be 1 to 100 characters/],
  ])('refuses bad input with a clear error (%#)', async (input, code, message) => {
    const r = await post(server.url, DISMISS, { id: datasetId, ...input });
    expect(r.errors?.[0]?.extensions?.code).toBe(code);
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it('answers an unknown dataset with NOT_FOUND, and keeps one tenant’s dismissals from another', async () => {
    const unknown = await post(server.url, DISMISS, { id: 'ds_01ARZ3NDEKTSV4RRFFQ69G5FAV', type: 'outliers', columns: [] });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const mine = await post(server.url, DISMISS, { id: datasetId, type: 'duplicates', columns: ['transaction_id'] });
    const other = await tokenFor(server, 'other-tenant');
    const theirs = await as(server, other, DISMISS, { id: datasetId, type: 'duplicates', columns: ['transaction_id'] });
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const restore = await as(server, other, RESTORE, { id: mine.data.dismissIssue.id });
    expect(restore.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await detected()).not.toContain('duplicates[transaction_id]');
  });
});
