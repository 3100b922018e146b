import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { ok, subscribeWs } from './helpers/graphql';
import { graphql } from './gql';
import { startPostgres, type Postgres } from './helpers/postgres';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

// The whole service on PostgreSQL (DATABASE_URL): the same answers, events and replays as on SQLite.

const Investigate = graphql(`
  mutation InvestigateOnBackend($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      investigations {
        status
        method
        output
        verdict {
          status
        }
      }
      events {
        seq
        type
      }
    }
  }
`);

const Replay = graphql(`
  subscription ReplayOnBackend($runId: ID!) {
    investigationProgress(runId: $runId) {
      seq
    }
  }
`);

let postgres: Postgres;
let onPostgres: TestServer;
let onSqlite: TestServer;

beforeAll(async () => {
  postgres = await startPostgres();
  [onPostgres, onSqlite] = await Promise.all([startServer({ DATABASE_URL: postgres.url }), startServer()]);
});
afterAll(async () => {
  await Promise.all([onPostgres?.stop(), onSqlite?.stop()]);
  await postgres?.stop();
});

describe('the service on PostgreSQL', () => {
  it('answers a run of the core issues as on SQLite, with its events numbered 1..n, and replays them', async () => {
    const run = async (server: TestServer) => {
      const datasetId = await seedDataset(server.url, SALES_CSV);
      const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: CORE_ISSUES, codegen: 'TEMPLATE', wait: true } });
      return investigateIssues;
    };
    const [pg, sqlite] = await Promise.all([run(onPostgres), run(onSqlite)]);
    expect(pg.status).toBe('SUCCEEDED');
    expect(pg.investigations).toEqual(sqlite.investigations);
    expect(pg.events.map((e) => e.seq)).toEqual(pg.events.map((_, i) => i + 1));
    // The same events (investigations run two at a time, so theirs interleave differently), first and last in place.
    const types = (run: typeof pg) => run.events.map((e) => e.type);
    expect([...types(pg)].sort()).toEqual([...types(sqlite)].sort());
    expect([types(pg)[0], types(pg).at(-1)]).toEqual(['RUN_STARTED', 'RUN_FINISHED']);
    const replayed = await subscribeWs(onPostgres.wsUrl, Replay, { runId: pg.id });
    expect(replayed.map((r) => r.investigationProgress.seq)).toEqual(pg.events.map((e) => e.seq));
  });
});
