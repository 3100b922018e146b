import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { salesCsv } from './helpers/data';
import { ok } from './helpers/graphql';
import { CORE_ISSUES } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

const Create = graphql(`
  mutation CreateForQueries($name: String!, $csv: String!) {
    createDataset(name: $name, csv: $csv) {
      id
    }
  }
`);

const Run = graphql(`
  mutation RunForQueries($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      investigations {
        id
      }
    }
  }
`);

const DatasetsPage = graphql(`
  query DatasetsPage($first: Int, $after: String, $last: Int, $before: String) {
    datasets(first: $first, after: $after, last: $last, before: $before) {
      edges {
        cursor
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

const RunsPage = graphql(`
  query RunsPage($first: Int, $after: String, $datasetId: ID, $status: RunStatus) {
    runs(first: $first, after: $after, datasetId: $datasetId, status: $status) {
      edges {
        node {
          id
          status
          dataset {
            id
            name
          }
          investigations {
            id
            status
          }
          summary {
            total
            succeeded
          }
          events {
            seq
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const InvestigationsPage = graphql(`
  query InvestigationsPage($first: Int, $after: String, $filter: InvestigationFilter) {
    investigations(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          status
          method
          issue {
            type
          }
          run {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Dataset {
        name
        runs(first: 10) {
          edges {
            node {
              id
            }
          }
        }
      }
      ... on InvestigationRun {
        runStatus: status
      }
      ... on Investigation {
        investigationStatus: status
      }
    }
  }
`);

const Lookups = graphql(`
  query Lookups($id: ID!) {
    dataset(id: $id) {
      id
    }
    run(id: $id) {
      id
    }
    investigation(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
  }
`);

let server: TestServer;
const datasetIds: string[] = [];
const runIds: string[] = [];

beforeAll(async () => {
  server = await startServer();
  const csv = salesCsv();
  for (let i = 0; i < 5; i++) datasetIds.push((await ok(server.url, Create, { name: `d${i}`, csv })).createDataset.id);
  for (let i = 0; i < 6; i++) {
    const issues = i % 2 === 0 ? CORE_ISSUES : [{ type: 'outliers', description: 'x', affectedColumns: ['nope'] }];
    const { investigateIssues } = await ok(server.url, Run, {
      input: { datasetId: datasetIds[i % 2]!, issues, codegen: 'TEMPLATE', wait: true },
    });
    runIds.push(investigateIssues.id);
  }
});
afterAll(() => server.stop());

async function allPages<T>(fetchPage: (after?: string) => Promise<{ items: T[]; next?: string | null; hasNext: boolean }>) {
  const items: T[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetchPage(after);
    items.push(...page.items);
    if (!page.hasNext) return items;
    after = page.next ?? undefined;
  }
  throw new Error('pagination did not end');
}

describe('queries', () => {
  it('pages through datasets newest first with Relay cursors, forwards and backwards', async () => {
    const first = (await ok(server.url, DatasetsPage, { first: 2 })).datasets;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.pageInfo.startCursor).toBe(first.edges[0]!.cursor);
    const ids = await allPages(async (after) => {
      const { datasets } = await ok(server.url, DatasetsPage, { first: 2, after });
      return { items: datasets.edges.map((e) => e.node.id), next: datasets.pageInfo.endCursor, hasNext: datasets.pageInfo.hasNextPage };
    });
    expect(ids).toEqual([...datasetIds].reverse());
    const back = (await ok(server.url, DatasetsPage, { last: 2, before: ids[3] })).datasets;
    expect(back.edges.map((e) => e.node.id)).toEqual([ids[1], ids[2]]);
    expect(back.pageInfo.hasPreviousPage).toBe(true);
  });

  it('filters and pages runs by dataset and status', async () => {
    const all = await allPages(async (after) => {
      const { runs } = await ok(server.url, RunsPage, { first: 4, after });
      return { items: runs.edges.map((e) => e.node), next: runs.pageInfo.endCursor, hasNext: runs.pageInfo.hasNextPage };
    });
    expect(all.map((r) => r.id)).toEqual([...runIds].reverse());
    const failed = (await ok(server.url, RunsPage, { first: 50, status: 'FAILED' })).runs.edges.map((e) => e.node);
    expect(failed.map((r) => r.id).sort()).toEqual([runIds[1], runIds[3], runIds[5]].sort());
    expect(failed.every((r) => r.dataset.id === datasetIds[1])).toBe(true);
    const onFirst = (await ok(server.url, RunsPage, { first: 50, datasetId: datasetIds[0] })).runs.edges;
    expect(onFirst.map((e) => e.node.id).sort()).toEqual([runIds[0], runIds[2], runIds[4]].sort());
    expect(onFirst.every((e) => e.node.status === 'SUCCEEDED' && e.node.summary.succeeded === 4)).toBe(true);
  });

  it('filters and pages investigations by run, dataset, status, type and method', async () => {
    const inRun = await allPages(async (after) => {
      const { investigations } = await ok(server.url, InvestigationsPage, { first: 3, after, filter: { runId: runIds[0] } });
      return {
        items: investigations.edges.map((e) => e.node),
        next: investigations.pageInfo.endCursor,
        hasNext: investigations.pageInfo.hasNextPage,
      };
    });
    expect(inRun.map((i) => i.issue.type)).toEqual(CORE_ISSUES.map((i) => i.type));
    const page = (filter: object) => ok(server.url, InvestigationsPage, { first: 100, filter }).then((d) => d.investigations.edges.map((e) => e.node));
    expect(await page({ datasetId: datasetIds[0] })).toHaveLength(12);
    expect((await page({ status: 'FAILED' })).every((i) => i.issue.type === 'outliers')).toBe(true);
    expect(await page({ status: 'FAILED' })).toHaveLength(3);
    expect(await page({ issueType: 'duplicates', method: 'TEMPLATE' })).toHaveLength(3);
    expect(await page({ issueType: 'duplicates', method: 'LLM' })).toHaveLength(0);
  });

  it('finds every kind of node by id, and answers null for ids that do not exist', async () => {
    const { node: dataset } = await ok(server.url, NodeById, { id: datasetIds[0]! });
    expect(dataset).toMatchObject({ __typename: 'Dataset', id: datasetIds[0], name: 'd0' });
    expect(dataset!.__typename === 'Dataset' && dataset!.runs.edges.map((e) => e.node.id)).toEqual([runIds[4], runIds[2], runIds[0]]);
    expect((await ok(server.url, NodeById, { id: runIds[0]! })).node).toMatchObject({ __typename: 'InvestigationRun', runStatus: 'SUCCEEDED' });
    const { investigations } = await ok(server.url, InvestigationsPage, { first: 1 });
    const invId = investigations.edges[0]!.node.id;
    expect((await ok(server.url, NodeById, { id: invId })).node).toMatchObject({ __typename: 'Investigation', id: invId });
    for (const id of ['ds_missing', 'run_missing', 'inv_missing', 'garbage', '']) {
      expect(await ok(server.url, Lookups, { id })).toEqual({ dataset: null, run: null, investigation: null, node: null });
    }
  });

  it('loads runs with their datasets, investigations, summaries and events in a fixed number of SQL queries', async () => {
    const statementsFor = async (first: number) => {
      const before = server.sql.length;
      const { runs } = await ok(server.url, RunsPage, { first });
      expect(runs.edges).toHaveLength(first);
      return server.sql.length - before;
    };
    const forTwo = await statementsFor(2);
    const forSix = await statementsFor(6);
    expect(forSix).toBe(forTwo);
    expect(forSix).toBeLessThanOrEqual(5);
  });
});
