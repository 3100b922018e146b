import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesCsv } from './helpers/data';
import { startServer, type TestServer } from './helpers/server';

// Two tenants on one server: nothing of one may be seen, changed or even detected by the other, through
// any query, node id, cursor, mutation, subscription or error.

let server: TestServer;
const tokens = { alpha: '', beta: '' };
const alpha = { datasetId: '', runId: '', investigationId: '', cursor: '' };

async function as(token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const ISSUES = [
  { type: 'missing_values', description: 'revenue has missing values', affectedColumns: ['revenue'] },
  { type: 'duplicates', description: 'transaction ids repeat', affectedColumns: ['transaction_id'] },
];

beforeAll(async () => {
  server = await startServer();
  for (const tenant of ['alpha', 'beta'] as const) {
    const r = await as(server.adminToken!, 'mutation($t: String!) { createApiToken(input: { name: "member", tenant: $t }) { secret } }', { t: tenant });
    tokens[tenant] = r.data.createApiToken.secret;
  }
  const created = await as(tokens.alpha, 'mutation($csv: String!) { createDataset(name: "alpha sales", csv: $csv) { id } }', { csv: salesCsv() });
  alpha.datasetId = created.data.createDataset.id;
  const run = await as(
    tokens.alpha,
    'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { id status investigations { id } } }',
    { input: { datasetId: alpha.datasetId, issues: ISSUES, codegen: 'TEMPLATE', wait: true } },
  );
  expect(run.errors).toBeUndefined();
  alpha.runId = run.data.investigateIssues.id;
  alpha.investigationId = run.data.investigateIssues.investigations[0].id;
});
afterAll(() => server.stop());

/** The same error for another tenant's id as for an id that never existed, once the ids are blanked. */
async function sameAsNonexistent(query: string, variable: string, theirs: string) {
  const nonexistent = `${theirs.slice(0, theirs.indexOf('_') + 1)}${'0'.repeat(26)}`;
  const [a, b] = await Promise.all([as(tokens.beta, query, { [variable]: theirs }), as(tokens.beta, query, { [variable]: nonexistent })]);
  const blank = (r: typeof a) => JSON.stringify(r).replaceAll(theirs, 'ID').replaceAll(nonexistent, 'ID');
  expect(a.errors?.length, query).toBeGreaterThan(0);
  expect(blank(a), query).toBe(blank(b));
  return a.errors![0]!;
}

describe('tenants', () => {
  it('the owner sees its own records everywhere', async () => {
    const r = await as(
      tokens.alpha,
      `query($d: ID!, $r: ID!, $i: ID!) {
        datasets(first: 10) { totalCount edges { node { id } } }
        runs(first: 10) { totalCount }
        investigations(first: 10) { totalCount }
        dataset(id: $d) { id runs(first: 5) { totalCount } }
        run(id: $r) { id events { seq } }
        investigation(id: $i) { id run { id } }
        n: node(id: $r) { id }
      }`,
      { d: alpha.datasetId, r: alpha.runId, i: alpha.investigationId },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.datasets.totalCount).toBe(1);
    expect(r.data.runs.totalCount).toBe(1);
    expect(r.data.investigations.totalCount).toBe(2);
    expect(r.data.dataset.runs.totalCount).toBe(1);
    expect(r.data.run.events.length).toBeGreaterThan(4);
    expect(r.data.investigation.run.id).toBe(alpha.runId);
    expect(r.data.n.id).toBe(alpha.runId);
  });

  it("another tenant's lists, counts and lookups show nothing of them, by id or by node", async () => {
    const r = await as(
      tokens.beta,
      `query($d: ID!, $r: ID!, $i: ID!) {
        datasets(first: 10) { totalCount edges { node { id } } }
        runs(first: 10) { totalCount edges { node { id } } }
        byDataset: runs(first: 10, datasetId: $d) { totalCount }
        investigations(first: 10) { totalCount }
        ofRun: investigations(first: 10, filter: { runId: $r }) { totalCount edges { node { id } } }
        ofDataset: investigations(first: 10, filter: { datasetId: $d }) { totalCount }
        dataset(id: $d) { id }
        run(id: $r) { id }
        investigation(id: $i) { id }
        nd: node(id: $d) { id }
        nr: node(id: $r) { id }
        ni: node(id: $i) { id }
      }`,
      { d: alpha.datasetId, r: alpha.runId, i: alpha.investigationId },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      datasets: { totalCount: 0, edges: [] },
      runs: { totalCount: 0, edges: [] },
      byDataset: { totalCount: 0 },
      investigations: { totalCount: 0 },
      ofRun: { totalCount: 0, edges: [] },
      ofDataset: { totalCount: 0 },
      dataset: null,
      run: null,
      investigation: null,
      nd: null,
      nr: null,
      ni: null,
    });
  });

  it("another tenant's ids as cursors page the reader's own list and reveal nothing", async () => {
    const own = await as(tokens.beta, 'mutation { createDataset(name: "beta data", csv: "a\\n1\\n") { id } }');
    const betaId = own.data.createDataset.id;
    for (const cursor of ['after', 'before']) {
      const q = `query($c: String!) { datasets(first: 10, ${cursor}: $c) { totalCount edges { node { id } } } }`;
      const theirs = await as(tokens.beta, q, { c: alpha.datasetId });
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data.datasets.totalCount).toBe(1);
      expect(JSON.stringify(theirs)).not.toContain(alpha.datasetId);
    }
    // Newest first: before (newer than) an older alpha id comes the newer beta dataset, as for any id of that age.
    const after = await as(tokens.beta, 'query($c: String!) { datasets(last: 10, before: $c) { edges { node { id } } } }', { c: alpha.datasetId });
    expect(after.data.datasets.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([betaId]);
  });

  it("refuses every mutation on another tenant's records exactly as on records that never existed", async () => {
    const investigate = await sameAsNonexistent(
      'mutation($d: ID!) { investigateIssues(input: { datasetId: $d, issues: [{ type: "missing_values", description: "x", affectedColumns: ["revenue"] }] }) { id } }',
      'd',
      alpha.datasetId,
    );
    expect(investigate.extensions?.code).toBe('NOT_FOUND');
    expect((await sameAsNonexistent('mutation($d: ID!) { detectIssues(datasetId: $d) { id } }', 'd', alpha.datasetId)).extensions?.code).toBe('NOT_FOUND');
    expect((await sameAsNonexistent('mutation($r: ID!) { cancelRun(id: $r) { id } }', 'r', alpha.runId)).extensions?.code).toBe('NOT_FOUND');
    expect((await sameAsNonexistent('mutation($i: ID!) { rerunInvestigation(id: $i) { id } }', 'i', alpha.investigationId)).extensions?.code).toBe('NOT_FOUND');
    expect((await sameAsNonexistent('mutation($i: ID!) { rerunInvestigation(id: $i, code: "print(1)") { id } }', 'i', alpha.investigationId)).extensions?.code).toBe('NOT_FOUND');
    // And nothing changed for the owner.
    const after = await as(tokens.alpha, 'query($r: ID!) { run(id: $r) { status } runs(first: 5) { totalCount } }', { r: alpha.runId });
    expect(after.data).toEqual({ run: { status: 'SUCCEEDED' }, runs: { totalCount: 1 } });
  });

  it("refuses a subscription to another tenant's run over graphql-ws and SSE as one to a run that never existed", async () => {
    const query = 'subscription($r: ID!) { investigationProgress(runId: $r) { seq type } }';
    const nonexistent = `run_${'0'.repeat(26)}`;
    const viaWs = async (runId: string) => {
      const client = createWsClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { Authorization: `Bearer ${tokens.beta}` } });
      try {
        const seen: unknown[] = [];
        for await (const r of client.iterate({ query, variables: { r: runId } })) seen.push(r);
        return JSON.stringify(seen).replaceAll(runId, 'ID');
      } finally {
        await client.dispose();
      }
    };
    const viaSse = async (runId: string) => {
      const client = createSseClient({ url: server.url, retryAttempts: 0, headers: { authorization: `Bearer ${tokens.beta}` } });
      const seen: unknown[] = [];
      try {
        for await (const r of client.iterate({ query, variables: { r: runId } })) seen.push(r);
      } catch (err) {
        seen.push(String(err));
      } finally {
        client.dispose();
      }
      return JSON.stringify(seen).replaceAll(runId, 'ID');
    };
    const ws = await viaWs(alpha.runId);
    expect(ws).toMatch(/NOT_FOUND/);
    expect(ws).not.toMatch(/"seq"/);
    expect(ws).toBe(await viaWs(nonexistent));
    const sse = await viaSse(alpha.runId);
    expect(sse).toMatch(/does not exist/);
    expect(sse).toBe(await viaSse(nonexistent));
  });

  it('keeps the same file uploaded by two tenants as two datasets, each seeing only its own', async () => {
    const mine = await as(tokens.beta, 'mutation($csv: String!) { createDataset(name: "same bytes", csv: $csv) { id sha256 } }', { csv: salesCsv() });
    expect(mine.data.createDataset.id).not.toBe(alpha.datasetId);
    const alphaList = await as(tokens.alpha, '{ datasets(first: 10) { edges { node { id sha256 } } } }');
    expect(alphaList.data.datasets.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([alpha.datasetId]);
    expect(alphaList.data.datasets.edges[0].node.sha256).toBe(mine.data.createDataset.sha256);
    const run = await as(
      tokens.beta,
      'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { status investigations { output } } }',
      { input: { datasetId: mine.data.createDataset.id, issues: ISSUES, codegen: 'TEMPLATE', wait: true } },
    );
    expect(run.data.investigateIssues.status).toBe('SUCCEEDED');
    const alphaRuns = await as(tokens.alpha, '{ runs(first: 10) { totalCount } investigations(first: 50) { totalCount } }');
    expect(alphaRuns.data).toEqual({ runs: { totalCount: 1 }, investigations: { totalCount: 2 } });
  });
});
