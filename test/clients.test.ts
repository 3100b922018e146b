/**
 * The contract fields through real client libraries with normalized caches: Apollo Client 4
 * (InMemoryCache, HttpLink, GraphQLWsLink) and urql (Graphcache, fetchExchange, subscriptionExchange over
 * graphql-ws). Expected figures come from test/helpers/expected.py or from the CSV itself, never from the
 * server.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type PossibleTypesMap } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Client as UrqlClient, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import { getIntrospectionQuery, Kind, OperationTypeNode, parse, type DocumentNode, type IntrospectionQuery } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import Papa from 'papaparse';
import { onEnd, pipe, subscribe } from 'wonka';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedResult, SALES_CSV, salesCsv } from './helpers/data';
import { CORE_ISSUES } from './helpers/seed';
import { authFetch, authHeaders } from './helpers/graphql';
import { startServer, type TestServer } from './helpers/server';

type Vars = Record<string, unknown>;
type Policy = 'cache-first' | 'network-only';

/** What each test needs from a client; both adapters throw on any GraphQL or network error. */
interface TestClient {
  query(doc: DocumentNode, variables?: Vars, policy?: Policy): Promise<any>;
  mutate(doc: DocumentNode, variables?: Vars): Promise<any>;
  /** Every value of a subscription, until the server completes it. */
  subscribe(doc: DocumentNode, variables?: Vars): Promise<any[]>;
  /** HTTP requests the client has sent so far (a read answered by the cache sends none). */
  httpRequests(): number;
  close(): Promise<void>;
}

/** A fetch that counts its calls. */
function countingFetch() {
  let count = 0;
  const fetchFn: typeof fetch = (input, init) => {
    count++;
    return authFetch(input, init);
  };
  return { fetch: fetchFn, count: () => count };
}

function wsClient(server: TestServer) {
  return createWsClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: authHeaders(server.url) });
}

const isSubscription = (doc: DocumentNode) =>
  doc.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION);

/** What the server's introspection tells a client cache. */
interface SchemaInfo {
  introspection: IntrospectionQuery;
  /** Apollo's possibleTypes: each interface with the object types that implement it. */
  possibleTypes: PossibleTypesMap;
  /** Object types without an id field (embedded in their parent: Graphcache needs to be told). */
  typesWithoutId: string[];
}

async function introspect(url: string): Promise<SchemaInfo> {
  const res = await authFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const { data } = (await res.json()) as { data: IntrospectionQuery };
  const types = data.__schema.types.filter((t) => !t.name.startsWith('__'));
  const possibleTypes: PossibleTypesMap = {};
  for (const t of types) {
    if (t.kind === 'INTERFACE' || t.kind === 'UNION') possibleTypes[t.name] = t.possibleTypes.map((p) => p.name);
  }
  const roots = ['Query', 'Mutation', 'Subscription'];
  const typesWithoutId = types
    .filter((t) => t.kind === 'OBJECT' && !roots.includes(t.name) && !t.fields.some((f) => f.name === 'id'))
    .map((t) => t.name);
  return { introspection: data, possibleTypes, typesWithoutId };
}

/** Apollo Client 4: InMemoryCache (possibleTypes from introspection), HTTP for operations, graphql-ws for subscriptions. */
function makeApollo(server: TestServer, schema: SchemaInfo): TestClient {
  const counter = countingFetch();
  const ws = wsClient(server);
  const link = ApolloLink.split(
    ({ query }) => isSubscription(query),
    new GraphQLWsLink(ws),
    new HttpLink({ uri: server.url, fetch: counter.fetch }),
  );
  const cache = new InMemoryCache({
    possibleTypes: schema.possibleTypes,
    typePolicies: {
      // A cache redirect, so that run(id:) is answered from a run the cache already holds.
      Query: {
        fields: {
          run: { read: (existing, { args, toReference }) => existing ?? toReference({ __typename: 'InvestigationRun', id: args!.id }) },
        },
      },
    },
  });
  const client = new ApolloClient({ link, cache });
  return {
    async query(query, variables, fetchPolicy = 'cache-first') {
      return (await client.query({ query, variables, fetchPolicy })).data;
    },
    async mutate(mutation, variables) {
      return (await client.mutate({ mutation, variables })).data;
    },
    subscribe(query, variables) {
      return new Promise((resolve, reject) => {
        const values: unknown[] = [];
        client.subscribe({ query, variables }).subscribe({
          next: (result) => (result.error ? reject(result.error) : values.push(result.data)),
          error: reject,
          complete: () => resolve(values),
        });
      });
    },
    httpRequests: counter.count,
    async close() {
      client.stop();
      await ws.dispose();
    },
  };
}

/** urql: Graphcache (schema from introspection), fetchExchange, subscriptionExchange over graphql-ws. */
function makeUrql(server: TestServer, schema: SchemaInfo): TestClient {
  const counter = countingFetch();
  const ws = wsClient(server);
  const keys: KeyingConfig = Object.fromEntries(schema.typesWithoutId.map((name) => [name, () => null]));
  const client = new UrqlClient({
    url: server.url,
    fetch: counter.fetch,
    exchanges: [
      cacheExchange({
        schema: schema.introspection,
        keys,
        // A cache redirect, so that run(id:) is answered from a run the cache already holds.
        resolvers: { Query: { run: (_parent, args) => ({ __typename: 'InvestigationRun', id: args.id as string }) } },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  const unwrap = (result: { data?: any; error?: Error }) => {
    if (result.error) throw result.error;
    return result.data;
  };
  return {
    async query(query, variables = {}, requestPolicy = 'cache-first') {
      return unwrap(await client.query(query, variables, { requestPolicy }).toPromise());
    },
    async mutate(mutation, variables = {}) {
      return unwrap(await client.mutation(mutation, variables).toPromise());
    },
    subscribe(query, variables = {}) {
      return new Promise((resolve, reject) => {
        const values: unknown[] = [];
        pipe(
          client.subscription(query, variables),
          onEnd(() => resolve(values)),
          subscribe((result) => (result.error ? reject(result.error) : values.push(result.data))),
        );
      });
    },
    httpRequests: counter.count,
    async close() {
      await ws.dispose();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Operations (plain documents: both clients add __typename themselves).

const Investigate = parse(`
  mutation Investigate($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      label
      createdAt
      investigations {
        id
        status
        issue { id clientId type description }
      }
    }
  }
`);

const RunIssues = parse(`
  query RunIssues($id: ID!) {
    run(id: $id) {
      id
      investigations {
        id
        issue { id clientId type description }
      }
    }
  }
`);

const RunResults = parse(`
  query RunResults($id: ID!) {
    run(id: $id) {
      id
      status
      investigations {
        id
        status
        error
        issue { id clientId type }
        result {
          __typename
          ...Envelope
          ... on MissingValuesResult { missingCount missingByColumn { key value } }
          ... on DuplicatesResult { duplicateCount uniqueDuplicateIds exactDuplicateRows areExactDuplicates }
          ... on OutliersResult { outlierCount mean std min max iqrOutlierCount }
          ... on CategoricalVariationResult { totalUnique totalVariationGroups variationGroups { variants count canonical } }
        }
      }
    }
  }

  # The envelope as a fragment on the interface, the way a UI writes it once for every result type:
  # Apollo's InMemoryCache matches it only through possibleTypes.
  fragment Envelope on InvestigationResult {
    rowsAnalyzed
    affectedCount
    affectedPercentage
    affectedRows
  }
`);

const RunTimes = parse(`
  query RunTimes($id: ID!) {
    run(id: $id) {
      id
      createdAt
      investigations { id status error errorCode startedAt finishedAt }
    }
  }
`);

const RunSummaryQuery = parse(`
  query RunSummary($id: ID!) {
    run(id: $id) {
      id
      label
      status
      summary { total succeeded failed pending running confirmed refuted inconclusive cancelled }
      investigations { id status verdict { status } }
    }
  }
`);

const StartRun = parse(`
  mutation StartRun($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      summary { total succeeded failed pending running confirmed refuted inconclusive cancelled }
      investigations { id status }
    }
  }
`);

const RunStatuses = parse(`
  query RunStatuses($id: ID!) {
    run(id: $id) {
      id
      investigations { id status }
    }
  }
`);

const Counts = parse(`
  query Counts($datasetId: ID!, $runId: ID!) {
    datasets(first: 1) { totalCount edges { node { id } } }
    runs(datasetId: $datasetId, first: 1) { totalCount edges { node { id label } } }
    all: investigations(filter: { datasetId: $datasetId }, first: 1) { totalCount edges { node { id } } }
    failed: investigations(filter: { runId: $runId, status: FAILED }, first: 1) { totalCount edges { node { id } } }
  }
`);

const Progress = parse(`
  subscription Progress($runId: ID!) {
    investigationProgress(runId: $runId, afterSeq: 0) {
      seq
      type
      investigation { id status }
    }
  }
`);

const SeedDataset = parse(`
  mutation Seed($name: String!, $csv: String!) {
    createDataset(name: $name, csv: $csv) { id }
  }
`);

const CROSS_COLUMN = { type: 'cross_column', description: 'revenue = price * quantity', affectedColumns: ['revenue', 'price', 'quantity'] };

/** investigateIssues with the cross_column issue's options written as a literal in the document. */
function inlineOptionsDocument(optionsLiteral: string) {
  return parse(`
    mutation InlineOptions($datasetId: ID!) {
      investigateIssues(input: {
        datasetId: $datasetId
        codegen: TEMPLATE
        wait: true
        issues: [
          { type: "cross_column", description: "revenue = price * quantity", affectedColumns: ["revenue", "price", "quantity"],
            options: ${optionsLiteral} }
        ]
      }) {
        id
        status
        investigations { id status error issue { id options } result { affectedCount ... on CrossColumnResult { violationCount checkedRows skippedRows } } }
      }
    }
  `);
}

const CrossColumnVariables = parse(`
  mutation CrossColumnVariables($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      investigations { id status error issue { id options } result { affectedCount ... on CrossColumnResult { violationCount checkedRows skippedRows } } }
    }
  }
`);

// ---------------------------------------------------------------------------------------------------------
// Expected figures, from the data rather than the server.

/** revenue = price * quantity over sales.csv, as docs/RESULTS.md defines it (equal within tolerance + 1e-6·|right|). */
function expectedCrossColumn(tolerance: number) {
  const { data } = Papa.parse<Record<string, string>>(salesCsv(), { header: true, skipEmptyLines: true });
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? NaN : Number(s));
  let checked = 0;
  let violations = 0;
  for (const row of data) {
    const [revenue, price, quantity] = [num(row.revenue), num(row.price), num(row.quantity)];
    if ([revenue, price, quantity].some((x) => !Number.isFinite(x))) continue;
    checked++;
    const right = price * quantity;
    if (Math.abs(revenue - right) > tolerance + 1e-6 * Math.abs(right)) violations++;
  }
  return { rows: data.length, checked, violations };
}

function checkTypedResult(result: any, type: string, columns: string[]) {
  const expected = expectedResult(SALES_CSV, type, columns);
  expect(result.rowsAnalyzed).toBe(expected.rows_analyzed);
  expect(result.affectedCount).toBe(expected.affected_count);
  expect(result.affectedPercentage).toBeCloseTo(expected.affected_percentage, 10);
  expect(result.affectedRows).toEqual(expected.affected_rows);
  switch (type) {
    case 'missing_values':
      expect(result.__typename).toBe('MissingValuesResult');
      expect(result.missingCount).toBe(expected.affected_count);
      expect(result.missingByColumn.map(({ key, value }: any) => [key, value])).toEqual(Object.entries(expected.missing_by_column));
      break;
    case 'duplicates':
      expect(result.__typename).toBe('DuplicatesResult');
      expect(result.duplicateCount).toBe(expected.affected_count);
      expect(result.uniqueDuplicateIds).toBe(expected.unique_duplicate_ids);
      expect(result.exactDuplicateRows).toBe(expected.exact_duplicate_rows);
      expect(result.areExactDuplicates).toBe(expected.affected_count > 0 && expected.exact_duplicate_rows === expected.affected_count);
      break;
    case 'outliers':
      expect(result.__typename).toBe('OutliersResult');
      expect(result.outlierCount).toBe(expected.affected_count);
      for (const key of ['mean', 'std', 'min', 'max']) expect(result[key], key).toBeCloseTo(expected[key], 8);
      expect(result.iqrOutlierCount).toBe(expected.iqr_outlier_count);
      break;
    case 'categorical_variation': {
      expect(result.__typename).toBe('CategoricalVariationResult');
      expect(result.totalUnique).toBe(expected.total_unique);
      expect(result.totalVariationGroups).toBe(expected.groups.length);
      const groups = result.variationGroups.map(({ variants, count, canonical }: any) => ({ variants: [...variants].sort(), count, canonical }));
      groups.sort((a: any, b: any) => String(a.variants).localeCompare(String(b.variants)));
      expect(groups).toEqual(expected.groups.map(({ rows: _rows, ...g }: any) => g));
      break;
    }
    default:
      throw new Error(`no check for ${type}`);
  }
}

// ---------------------------------------------------------------------------------------------------------

let server: TestServer;
let schema: SchemaInfo;
let datasetsCreated = 0;

beforeAll(async () => {
  server = await startServer();
  schema = await introspect(server.url);
});
afterAll(() => server?.stop());

describe('introspection for client caches', () => {
  it('lists every typed result as a possible type of InvestigationResult', () => {
    expect(schema.possibleTypes.InvestigationResult).toEqual(
      expect.arrayContaining(['MissingValuesResult', 'DuplicatesResult', 'OutliersResult', 'CategoricalVariationResult', 'GenericResult']),
    );
    expect(schema.possibleTypes.Node).toEqual(expect.arrayContaining(['Dataset', 'InvestigationRun', 'Investigation']));
  });
});

describe.each([
  ['Apollo Client 4 (InMemoryCache)', makeApollo],
  ['urql (Graphcache)', makeUrql],
] as const)('through %s', (clientName, makeClient) => {
  let client: TestClient;
  let datasetId: string;

  beforeAll(async () => {
    client = makeClient(server, schema);
    datasetId = (await client.mutate(SeedDataset, { name: `sales-${clientName}`, csv: salesCsv() })).createDataset.id;
    datasetsCreated++;
  });
  afterAll(() => client?.close());

  /** Runs the issues with templates and waits for the run to finish. */
  async function investigate(issues: object[], extra: Vars = {}) {
    const { investigateIssues } = await client.mutate(Investigate, { input: { datasetId, issues, codegen: 'TEMPLATE', wait: true, ...extra } });
    return investigateIssues;
  }

  it('keeps each run’s issues apart in the normalized cache although their client ids are the same', async () => {
    const issuesOf = (run: string) => [
      { id: 'a', type: 'missing_values', description: `${run}: revenue is missing`, affectedColumns: ['revenue'] },
      { id: 'b', type: 'duplicates', description: `${run}: transaction ids repeat`, affectedColumns: ['transaction_id'] },
    ];
    const first = await investigate(issuesOf('run 1'));
    const second = await investigate(issuesOf('run 2'));
    // Both runs from the server, then again from the cache alone: the second run must not overwrite the first.
    for (const policy of ['network-only', 'cache-first'] as const) {
      const before = client.httpRequests();
      const [one, two] = [(await client.query(RunIssues, { id: first.id }, policy)).run, (await client.query(RunIssues, { id: second.id }, policy)).run];
      if (policy === 'cache-first') expect(client.httpRequests(), 'answered from the cache').toBe(before);
      for (const [run, label] of [[one, 'run 1'], [two, 'run 2']] as const) {
        expect(run.investigations.map((i: any) => [i.issue.clientId, i.issue.type, i.issue.description])).toEqual([
          ['a', 'missing_values', `${label}: revenue is missing`],
          ['b', 'duplicates', `${label}: transaction ids repeat`],
        ]);
      }
      const ids = [...one.investigations, ...two.investigations].map((i: any) => i.issue.id);
      expect(new Set(ids).size, `Issue ids ${ids}`).toBe(4);
      expect(ids).not.toContain('a');
    }
  });

  it('returns typed results of the four core types, exactly the expected figures, and reads them back from the cache', async () => {
    const run = await investigate(CORE_ISSUES);
    const fromServer = (await client.query(RunResults, { id: run.id }, 'network-only')).run;
    expect(fromServer.status).toBe('SUCCEEDED');
    for (const [i, inv] of fromServer.investigations.entries()) {
      const issue = CORE_ISSUES[i]!;
      expect(inv.status, inv.error ?? '').toBe('SUCCEEDED');
      expect(inv.issue.clientId).toBe(issue.id);
      checkTypedResult(inv.result, issue.type, issue.affectedColumns);
    }
    const before = client.httpRequests();
    const fromCache = (await client.query(RunResults, { id: run.id }, 'cache-first')).run;
    expect(client.httpRequests(), 'answered from the cache').toBe(before);
    expect(fromCache).toEqual(fromServer);
  });

  it('gives a failed investigation its errorCode and every finished one its startedAt', async () => {
    const run = await investigate([
      { id: 'fine', type: 'missing_values', description: 'revenue is missing', affectedColumns: ['revenue'] },
      { id: 'no-column', type: 'missing_values', description: 'no such column', affectedColumns: ['nope'] },
      { id: 'text-column', type: 'outliers', description: 'suppliers spike', affectedColumns: ['supplier'] },
    ]);
    const { run: times } = await client.query(RunTimes, { id: run.id }, 'network-only');
    const [fine, noColumn, textColumn] = times.investigations;
    expect([fine.status, fine.errorCode]).toEqual(['SUCCEEDED', null]);
    expect([noColumn.status, noColumn.errorCode], noColumn.error).toEqual(['FAILED', 'COLUMN_NOT_FOUND']);
    expect([textColumn.status, textColumn.errorCode], textColumn.error).toEqual(['FAILED', 'COLUMN_TYPE_UNSUPPORTED']);
    expect(textColumn.error).toMatch(/supplier/);
    const created = Date.parse(times.createdAt);
    for (const inv of times.investigations) {
      expect(inv.startedAt, `startedAt of ${inv.id} (${inv.status})`).toEqual(expect.any(String));
      expect(inv.finishedAt).toEqual(expect.any(String));
      const started = Date.parse(inv.startedAt);
      expect(started).toBeGreaterThanOrEqual(created);
      expect(started).toBeLessThanOrEqual(Date.parse(inv.finishedAt));
    }
  });

  it('counts a run’s investigations by status and verdict, totals connections, and keeps the run’s label', async () => {
    // A dataset of its own, so that its runs and investigations are exactly those made here.
    const ownDataset = (await client.mutate(SeedDataset, { name: `counted-${clientName}`, csv: salesCsv() })).createDataset.id;
    datasetsCreated++;
    // Each claim is judged against a figure computed independently: ~22% missing holds and 60% does not,
    // and quantity has no value beyond |z| > 3.
    expect(expectedResult(SALES_CSV, 'missing_values', ['revenue']).affected_percentage).toBeCloseTo(21.8, 1);
    expect(expectedResult(SALES_CSV, 'outliers', ['quantity']).affected_count).toBe(0);
    const issues = [
      { id: 'claim-holds', type: 'missing_values', description: 'revenue has ~22% missing values', affectedColumns: ['revenue'] },
      { id: 'claim-wrong', type: 'missing_values', description: 'revenue has 60% missing values', affectedColumns: ['revenue'] },
      { id: 'nothing-found', type: 'outliers', description: 'quantities spike', affectedColumns: ['quantity'] },
      { id: 'no-column', type: 'missing_values', description: 'no such column', affectedColumns: ['nope'] },
    ];
    const label = `nightly check (${clientName})`;
    const run = await investigate(issues, { datasetId: ownDataset, label });
    expect(run.label).toBe(label);
    const { run: read } = await client.query(RunSummaryQuery, { id: run.id }, 'network-only');
    expect(read.label).toBe(label);
    expect(read.status).toBe('PARTIAL');
    expect(read.investigations.map((i: any) => [i.status, i.verdict?.status ?? null])).toEqual([
      ['SUCCEEDED', 'CONFIRMED'],
      ['SUCCEEDED', 'REFUTED'],
      ['SUCCEEDED', 'REFUTED'],
      ['FAILED', 'INCONCLUSIVE'],
    ]);
    expect(read.summary).toMatchObject({
      total: 4,
      succeeded: 3,
      failed: 1,
      pending: 0,
      running: 0,
      cancelled: 0,
      confirmed: 1,
      refuted: 2,
      inconclusive: 1,
    });

    // A second run, so that each connection holds more than its first page.
    const other = await investigate([CORE_ISSUES[0]!], { datasetId: ownDataset });
    const counts = await client.query(Counts, { datasetId: ownDataset, runId: run.id }, 'network-only');
    expect(counts.datasets.totalCount).toBe(datasetsCreated);
    expect(counts.datasets.edges).toHaveLength(1);
    expect(counts.runs.totalCount).toBe(2);
    expect(counts.runs.edges.map((e: any) => [e.node.id, e.node.label])).toEqual([[other.id, null]]);
    expect(counts.all.totalCount).toBe(5);
    expect(counts.all.edges).toHaveLength(1);
    expect(counts.failed.totalCount).toBe(1);
    expect(counts.failed.edges).toHaveLength(1);
  });

  it('counts pending and running investigations while a run is in flight', async () => {
    const issues = [...CORE_ISSUES, ...CORE_ISSUES].map((issue, i) => ({ ...issue, id: `q${i}` }));
    const { investigateIssues: run } = await client.mutate(StartRun, { input: { datasetId, issues, codegen: 'TEMPLATE', concurrency: 1 } });
    const { summary } = run;
    expect(summary.total).toBe(8);
    expect(summary.pending + summary.running + summary.succeeded + summary.failed + summary.cancelled).toBe(8);
    expect(summary.running).toBeLessThanOrEqual(1);
    // One at a time: when the mutation answers, at most one has started (and perhaps one finished).
    expect(summary.pending).toBeGreaterThanOrEqual(6);
    await client.subscribe(Progress, { runId: run.id });
    const { run: done } = await client.query(RunSummaryQuery, { id: run.id }, 'network-only');
    expect(done.summary).toMatchObject({ total: 8, succeeded: 8, pending: 0, running: 0 });
  });

  it('updates the investigations in the cache from the progress subscription', async () => {
    const { investigateIssues: run } = await client.mutate(StartRun, {
      input: { datasetId, issues: CORE_ISSUES, codegen: 'TEMPLATE', concurrency: 1, wait: false },
    });
    const ids = run.investigations.map((i: any) => i.id);
    // What the cache holds now: the investigations as the mutation returned them, none finished.
    const before = client.httpRequests();
    const cached = (await client.query(RunStatuses, { id: run.id }, 'cache-first')).run;
    expect(client.httpRequests()).toBe(before);
    expect(cached.investigations.map((i: any) => i.status)).not.toContain('SUCCEEDED');

    const events = (await client.subscribe(Progress, { runId: run.id })).map((r) => r.investigationProgress);
    expect(events.at(-1).type).toBe('RUN_FINISHED');
    const finals = events.filter((e: any) => e.type === 'INVESTIGATION_SUCCEEDED');
    expect(finals.map((e: any) => e.investigation)).toEqual(ids.map((id: string) => expect.objectContaining({ id, status: 'SUCCEEDED' })));

    // No query since: only the subscription can have brought the final statuses into the cache.
    const after = client.httpRequests();
    const updated = (await client.query(RunStatuses, { id: run.id }, 'cache-first')).run;
    expect(client.httpRequests(), 'answered from the cache').toBe(after);
    expect(updated.investigations.map((i: any) => [i.id, i.status])).toEqual(ids.map((id: string) => [id, 'SUCCEEDED']));
  });

  it('takes options written inline in the document exactly like the same options in variables', async () => {
    const cases = [
      { literal: '{ tolerance: 0.01 }', options: { tolerance: 0.01 } },
      { literal: '{ tolerance: 100, relative_tolerance: 0.000001 }', options: { tolerance: 100, relative_tolerance: 0.000001 } },
    ];
    for (const { literal, options } of cases) {
      const expected = expectedCrossColumn(options.tolerance);
      const inline = (await client.mutate(inlineOptionsDocument(literal), { datasetId })).investigateIssues;
      const viaVariables = (
        await client.mutate(CrossColumnVariables, { input: { datasetId, codegen: 'TEMPLATE', wait: true, issues: [{ ...CROSS_COLUMN, options }] } })
      ).investigateIssues;
      for (const run of [inline, viaVariables]) {
        const inv = run.investigations[0];
        expect(inv.status, inv.error ?? '').toBe('SUCCEEDED');
        expect(inv.issue.options).toEqual(options);
        expect(inv.result).toMatchObject({
          affectedCount: expected.violations,
          violationCount: expected.violations,
          checkedRows: expected.checked,
          skippedRows: expected.rows - expected.checked,
        });
      }
    }
    // The two tolerances give different answers, so the inline value is not ignored.
    expect(expectedCrossColumn(0.01).violations).not.toBe(expectedCrossColumn(100).violations);
  });
});
