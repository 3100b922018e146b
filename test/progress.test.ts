import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { writeGeneratedSales } from './helpers/data';
import { ok, request, subscribeSse, subscribeWs } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

const Start = graphql(`
  mutation StartRun($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
    }
  }
`);

const StoredEvents = graphql(`
  query StoredEvents($id: ID!, $afterSeq: Int) {
    run(id: $id) {
      status
      events(afterSeq: $afterSeq) {
        runId
        investigationId
        seq
        type
        message
        timestamp
        data
      }
    }
  }
`);

const Progress = graphql(`
  subscription Progress($runId: ID!, $afterSeq: Int) {
    investigationProgress(runId: $runId, afterSeq: $afterSeq) {
      runId
      investigationId
      seq
      type
      message
      timestamp
      data
    }
  }
`);

let server: TestServer;
let datasetId: string;

beforeAll(async () => {
  server = await startServer();
  const path = join(server.dataDir, 'progress.csv');
  writeGeneratedSales(path, 6_000, { seed: 11, slowColumn: true });
  datasetId = await seedDataset(server.url, path);
});
afterAll(() => server.stop());

const NOTES_VARY = { type: 'categorical_variation', description: 'notes are spelled many ways', affectedColumns: ['note'] };

/** A run of eight investigations, one at a time, two of them slow: long enough to join in the middle. */
async function startSlowRun() {
  const issues = [...CORE_ISSUES, NOTES_VARY, ...CORE_ISSUES.slice(0, 2), NOTES_VARY].map((issue, i) => ({ ...issue, id: `p${i}` }));
  const { investigateIssues } = await ok(server.url, Start, { input: { datasetId, issues, concurrency: 1 } });
  return investigateIssues.id;
}

async function storedEvents(runId: string, afterSeq = 0) {
  return (await ok(server.url, StoredEvents, { id: runId, afterSeq })).run!.events;
}

async function waitForEvents(runId: string, count: number) {
  for (;;) {
    const events = await storedEvents(runId);
    if (events.length >= count) return events;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const seqs = (events: Array<{ seq: number }>) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('investigationProgress', () => {
  it('streams every event of a run over graphql-ws, in seq order without gaps, and completes after RUN_FINISHED', async () => {
    const runId = await startSlowRun();
    const received = (await subscribeWs(server.wsUrl, Progress, { runId })).map((r) => r.investigationProgress);
    const stored = await storedEvents(runId);
    expect(received).toEqual(stored);
    expect(seqs(received)).toEqual(range(1, stored.length));
    expect(received[0]!.type).toBe('RUN_STARTED');
    expect(received.at(-1)!.type).toBe('RUN_FINISHED');
    expect(received.filter((e) => e.type === 'INVESTIGATION_SUCCEEDED')).toHaveLength(8);
    expect(received.filter((e) => e.type === 'INVESTIGATION_STARTED')).toHaveLength(8);
  });

  it('replays from the middle and continues live, with no gap or repeat, over graphql-ws and SSE alike', async () => {
    const runId = await startSlowRun();
    const early = await waitForEvents(runId, 6);
    expect(early.map((e) => e.type)).not.toContain('RUN_FINISHED');
    const from = early[3]!.seq;
    const [ws, sse, wsAll, sseAll] = await Promise.all([
      subscribeWs(server.wsUrl, Progress, { runId, afterSeq: from }),
      subscribeSse(server.url, Progress, { runId, afterSeq: from }),
      subscribeWs(server.wsUrl, Progress, { runId }),
      subscribeSse(server.url, Progress, { runId }),
    ]);
    const stored = await storedEvents(runId);
    expect(stored.at(-1)!.type).toBe('RUN_FINISHED');
    expect(seqs(stored)).toEqual(range(1, stored.length));
    for (const received of [ws, sse]) {
      expect(received.map((r) => r.investigationProgress)).toEqual(stored.filter((e) => e.seq > from));
    }
    for (const received of [wsAll, sseAll]) expect(received.map((r) => r.investigationProgress)).toEqual(stored);
    // The subscribers joined while the run was going: part of what they got was live.
    expect(stored.length).toBeGreaterThan(early.length + 10);
  });

  it('replays a finished run and completes; after its last seq it completes at once', async () => {
    const runId = await startSlowRun();
    const all = (await subscribeWs(server.wsUrl, Progress, { runId })).map((r) => r.investigationProgress);
    const last = all.at(-1)!.seq;
    const again = (await subscribeSse(server.url, Progress, { runId, afterSeq: 0 })).map((r) => r.investigationProgress);
    expect(again).toEqual(all);
    const tail = (await subscribeWs(server.wsUrl, Progress, { runId, afterSeq: last - 1 })).map((r) => r.investigationProgress);
    expect(tail.map((e) => e.type)).toEqual(['RUN_FINISHED']);
    expect(await subscribeWs(server.wsUrl, Progress, { runId, afterSeq: last })).toEqual([]);
  });

  it('completes when the run finishes even for a subscriber whose afterSeq is beyond the run', async () => {
    const runId = await startSlowRun();
    await waitForEvents(runId, 2);
    const received = await subscribeSse(server.url, Progress, { runId, afterSeq: 10_000 });
    expect(received).toEqual([]);
    const stored = await storedEvents(runId);
    expect(stored.at(-1)!.type).toBe('RUN_FINISHED');
  });

  it('refuses a run that does not exist', async () => {
    await expect(subscribeWs(server.wsUrl, Progress, { runId: 'run_nope' })).rejects.toThrow(/run_nope.{0,4} does not exist/);
    const viaHttp = await request(server.url, StoredEvents, { id: 'run_nope' });
    expect(viaHttp.data?.run).toBeNull();
  });
});
