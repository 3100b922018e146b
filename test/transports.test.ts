import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_CSV, writeGeneratedSales } from './helpers/data';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { authFetch, authHeaders } from './helpers/graphql';
import { startServer, type TestServer } from './helpers/server';

// Operations are plain strings here (not graphql()), so codegen leaves this file alone.
const PROGRESS = `subscription Progress($runId: ID!, $afterSeq: Int) {
  investigationProgress(runId: $runId, afterSeq: $afterSeq) { runId seq type }
}`;
const START = `mutation Start($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { id } }`;
const EVENTS = `query Events($id: ID!) { run(id: $id) { events { runId seq type } } }`;

interface Event {
  runId: string;
  seq: number;
  type: string;
}

let server: TestServer;
let origin: string;
let slowDatasetId: string;

beforeAll(async () => {
  server = await startServer({ SEED_DATASET: SALES_CSV });
  origin = new URL(server.url).origin;
  const path = join(server.dataDir, 'slow.csv');
  writeGeneratedSales(path, 6_000, { seed: 12, slowColumn: true });
  slowDatasetId = await seedDataset(server.url, path);
});
afterAll(() => server.stop());

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await authFetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A run of the core issues, one at a time over a slow dataset: long enough to follow live. */
async function startSlowRun(): Promise<string> {
  const issues = CORE_ISSUES.map((issue, i) => ({ ...issue, id: `t${i}` }));
  const { investigateIssues } = await gql(START, { input: { datasetId: slowDatasetId, issues, concurrency: 1 } });
  return investigateIssues.id;
}

async function storedEvents(runId: string): Promise<Event[]> {
  return (await gql(EVENTS, { id: runId })).run.events;
}

/** GET with exactly these headers (fetch would add Accept-Encoding and decompress), the body as bytes. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads an SSE response frame by frame until `done` says so (or the stream ends). */
async function readFrames(res: Response, done: (frames: Frame[]) => boolean): Promise<Frame[]> {
  const frames: Frame[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!done(frames)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += decoder.decode(value, { stream: true });
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const frame: Frame = {};
        for (const line of text.slice(0, end).split('\n')) {
          const m = /^(id|event|data):\s?(.*)$/.exec(line);
          if (m) frame[m[1] as keyof Frame] = m[2];
        }
        text = text.slice(end + 2);
        if (frame.event) frames.push(frame);
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return frames;
}

describe('GraphiQL', () => {
  const page = (headers: Record<string, string> = {}) => rawGet(server.url, { accept: 'text/html', ...headers });

  it('is sent compressed as the browser accepts (brotli, else gzip), from one cached copy', async () => {
    const plain = await page();
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const html = plain.body.toString();
    expect(html).toContain('Iterate Investigator');
    expect(html.length).toBeGreaterThan(5_000_000);

    const br = await page({ 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(html.length / 3);
    expect(brotliDecompressSync(br.body).toString()).toBe(html);

    const gzip = await page({ 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(html.length / 3);
    expect(gunzipSync(gzip.body).toString()).toBe(html);

    for (const res of [plain, br, gzip]) {
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    }
    expect(new Set([plain, br, gzip].map((r) => r.headers.etag)).size).toBe(3);
    const again = await page({ 'accept-encoding': 'br' });
    expect(again.headers.etag).toBe(br.headers.etag);
    expect(again.body.equals(br.body)).toBe(true);
  });

  it('answers a revisit with 304 and no body when the ETag still matches', async () => {
    const first = await page({ 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    const revisit = await page({ 'accept-encoding': 'br', 'if-none-match': etag });
    expect(revisit.status).toBe(304);
    expect(revisit.body.length).toBe(0);
    expect(revisit.headers.etag).toBe(etag);
    expect((await page({ 'accept-encoding': 'br', 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    expect((await page({ 'accept-encoding': 'br', 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('loads no script, style or font from another host (it works offline)', async () => {
    const html = (await page()).body.toString();
    const tags = html.match(/<(script|link|img|iframe)\b[^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
    expect(styles.length).toBeGreaterThan(10_000);
    expect(styles).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
  });

  it('signs in from /graphql#token=…: every tab gets the Authorization header, and the token leaves the address bar', async () => {
    const html = (await page()).body.toString();
    const script = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).find((body) => body.includes('#token='))!;
    expect(html.indexOf(script)).toBeLessThan(html.indexOf('renderYogaGraphiQL('));
    const browser = (hash: string, stored: Record<string, string> = {}) => {
      const storage = new Map(Object.entries(stored));
      const location = { hash, pathname: '/graphql', search: '' };
      const replaced: string[] = [];
      runInNewContext(script, {
        location,
        localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, String(v)), removeItem: (k: string) => storage.delete(k) },
        history: { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
        JSON,
      });
      return { storage, replaced };
    };
    const token = server.adminToken!;
    const first = browser(`#token=${encodeURIComponent(token)}`);
    const state = JSON.parse(first.storage.get('graphiql:tabState')!);
    expect(state.tabs.map((t: { title: string }) => t.title)).toEqual(['Datasets', 'DetectIssues', 'InvestigateIssues', 'InvestigationProgress']);
    for (const tab of state.tabs) {
      expect(JSON.parse(tab.headers)).toEqual({ Authorization: `Bearer ${token}` });
      // What GraphiQL requires of a stored tab, or it discards the whole state.
      for (const key of ['id', 'title']) expect(typeof tab[key]).toBe('string');
      for (const key of ['query', 'variables', 'headers', 'operationName', 'response']) expect(tab[key] === null || typeof tab[key] === 'string').toBe(true);
    }
    expect(first.storage.get('graphiql:shouldPersistHeaders')).toBe('true');
    expect(first.replaced).toEqual(['/graphql']);
    // The header works as GraphiQL sends it.
    const answer = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...JSON.parse(state.tabs[0].headers) }, body: JSON.stringify({ query: '{ viewer { role } }' }) });
    expect(await answer.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });

    const kept = browser('#token=iit_new', { 'graphiql:tabState': JSON.stringify({ activeTabIndex: 1, tabs: [{ id: 'a', title: 'Mine', query: '{ __typename }', variables: null, headers: null, operationName: null, response: null }] }) });
    const keptState = JSON.parse(kept.storage.get('graphiql:tabState')!);
    expect(keptState.activeTabIndex).toBe(1);
    expect(keptState.tabs.map((t: { title: string; headers: string }) => [t.title, JSON.parse(t.headers).Authorization])).toEqual([['Mine', 'Bearer iit_new']]);
    expect(browser('').storage.size).toBe(0);
  });

  it('opens with example operations for this service, each of which works as written', async () => {
    const html = (await page()).body.toString();
    const options = JSON.parse(/renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*\}),\s*\);/.exec(html)![1]!);
    const tabs = options.defaultTabs as Array<{ query: string; variables: string | null }>;
    expect(tabs.map((t) => /^(query|mutation|subscription) (\w+)/m.exec(t.query)?.slice(1, 3).join(' '))).toEqual([
      'query Datasets',
      'mutation DetectIssues',
      'mutation InvestigateIssues',
      'subscription InvestigationProgress',
    ]);
    const vars = (i: number, fill: Record<string, string>) => ({ ...JSON.parse(tabs[i]!.variables ?? '{}'), ...fill });

    const { datasets } = await gql(tabs[0]!.query);
    const sales = datasets.edges.map((e: any) => e.node).find((d: any) => d.name === 'sales.csv');
    expect(sales.columns.map((c: any) => c.name)).toContain('revenue');
    const datasetId = sales.id as string;

    const { detectIssues } = await gql(tabs[1]!.query, vars(1, { datasetId }));
    expect(detectIssues.length).toBeGreaterThan(0);

    const investigate = vars(2, { datasetId });
    expect(investigate.issues.some((i: any) => i.options && Object.keys(i.options).length > 0)).toBe(true);
    const { investigateIssues } = await gql(tabs[2]!.query, investigate);
    expect(investigateIssues.investigations).toHaveLength(investigate.issues.length);

    // Over graphql-ws, as GraphiQL subscribes.
    const ws = createWsClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: authHeaders(server.url) });
    const types: string[] = [];
    try {
      for await (const r of ws.iterate({ query: tabs[3]!.query, variables: vars(3, { runId: investigateIssues.id }) })) {
        types.push((r.data as any).investigationProgress.type);
      }
    } finally {
      await ws.dispose();
    }
    expect(types[0]).toBe('RUN_STARTED');
    expect(types.at(-1)).toBe('RUN_FINISHED');
    expect(types.filter((t) => t === 'INVESTIGATION_SUCCEEDED')).toHaveLength(investigate.issues.length);
  });
});

describe('GraphQL over SSE', () => {
  it("follows two runs at once over one connection in graphql-sse's single-connection mode", async () => {
    const [runA, runB] = await Promise.all([startSlowRun(), startSlowRun()]);
    const requests: string[] = [];
    const client = createSseClient({
      url: `${origin}/graphql/stream`,
      singleConnection: true,
      retryAttempts: 0,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        requests.push(`${init?.method ?? 'GET'} ${new Headers(init?.headers).get('accept') ?? ''}`);
        return authFetch(input, init);
      },
    });
    const follow = async (runId: string) => {
      const out: Event[] = [];
      for await (const r of client.iterate({ query: PROGRESS, variables: { runId } })) {
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        out.push((r.data as { investigationProgress: Event }).investigationProgress);
      }
      return out;
    };
    try {
      const [a, b] = await Promise.all([follow(runA), follow(runB)]);
      expect(a).toEqual(await storedEvents(runA));
      expect(b).toEqual(await storedEvents(runB));
      expect(a.at(-1)!.type).toBe('RUN_FINISHED');
      expect(b.at(-1)!.type).toBe('RUN_FINISHED');
    } finally {
      client.dispose();
    }
    // One reservation (PUT), one event stream (GET) and the operations posted to it.
    expect(requests.filter((r) => r.startsWith('PUT'))).toHaveLength(1);
    expect(requests.filter((r) => r === 'GET text/event-stream')).toHaveLength(1);
    expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(2);
  });

  it('gives each progress event its seq as the SSE id on the single connection', async () => {
    const streamUrl = `${origin}/graphql/stream`;
    const put = await authFetch(streamUrl, { method: 'PUT' });
    expect(put.status).toBe(201);
    const token = await put.text();
    const stream = await authFetch(streamUrl, { headers: { accept: 'text/event-stream', 'x-graphql-event-stream-token': token } });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const runs = await Promise.all([startSlowRun(), startSlowRun()]);
    for (const [i, runId] of runs.entries()) {
      const posted = await authFetch(streamUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-graphql-event-stream-token': token },
        body: JSON.stringify({ query: PROGRESS, variables: { runId }, extensions: { operationId: `op${i}` } }),
      });
      expect(posted.status).toBe(202);
    }
    const frames = await readFrames(stream, (fs) => fs.filter((f) => f.event === 'complete').length === 2);
    // Each message names its operation; the SSE id is the seq of the event it carries.
    const next = frames
      .filter((f) => f.event === 'next')
      .map((f) => ({ sseId: f.id, ...(JSON.parse(f.data!) as { id: string; payload: { data: { investigationProgress: Event } } }) }));
    for (const [i, runId] of runs.entries()) {
      const events = next.filter((m) => m.id === `op${i}`).map((m) => m.payload.data.investigationProgress);
      expect(events).toEqual(await storedEvents(runId));
    }
    for (const m of next) expect(m.sseId).toBe(String(m.payload.data.investigationProgress.seq));
  });

  it('gives the seq as the SSE id on /graphql too (distinct connections), and resumes after Last-Event-ID', async () => {
    const runId = await startSlowRun();
    const sse = (headers: Record<string, string> = {}) => {
      const url = new URL(server.url);
      url.searchParams.set('query', PROGRESS);
      url.searchParams.set('variables', JSON.stringify({ runId }));
      return authFetch(url, { headers: { accept: 'text/event-stream', ...headers } });
    };
    const untilComplete = (fs: Frame[]) => fs.some((f) => f.event === 'complete');
    const all = (await readFrames(await sse(), untilComplete)).filter((f) => f.event === 'next');
    const stored = await storedEvents(runId);
    expect(all.map((f) => JSON.parse(f.data!).data.investigationProgress)).toEqual(stored);
    expect(all.map((f) => f.id)).toEqual(stored.map((e) => String(e.seq)));

    // What an EventSource sends when it reconnects: the id of the last event it got.
    const resumed = (await readFrames(await sse({ 'last-event-id': '5' }), untilComplete)).filter((f) => f.event === 'next');
    expect(resumed.map((f) => f.id)).toEqual(stored.filter((e) => e.seq > 5).map((e) => String(e.seq)));
  });

  it('ends the subscription on the server when an SSE client goes away mid-run, in either mode', async () => {
    // 100 investigations one at a time (~10–20 ms each on the warm workers): the run outlasts both disconnects.
    const issues = Array.from({ length: 25 }, () => CORE_ISSUES).flat().map((issue, i) => ({ ...issue, id: `c${i}` }));
    const { investigateIssues } = await gql(START, { input: { datasetId: slowDatasetId, issues, concurrency: 1 } });
    const runId = investigateIssues.id as string;
    const open = (server.app.services.progress as unknown as { open: Set<unknown> }).open;
    const body = (extensions?: object) => JSON.stringify({ query: PROGRESS, variables: { runId }, extensions });
    const json = { 'content-type': 'application/json' };
    const streamUrl = `${origin}/graphql/stream`;
    const connect = {
      distinct: (signal: AbortSignal) =>
        authFetch(server.url, { method: 'POST', signal, headers: { ...json, accept: 'text/event-stream' }, body: body() }),
      single: async (signal: AbortSignal) => {
        const token = await (await authFetch(streamUrl, { method: 'PUT' })).text();
        const headers = { 'x-graphql-event-stream-token': token };
        const stream = await authFetch(streamUrl, { signal, headers: { ...headers, accept: 'text/event-stream' } });
        await authFetch(streamUrl, { method: 'POST', headers: { ...headers, ...json }, body: body({ operationId: 'op' }) });
        return stream;
      },
    };
    for (const mode of ['distinct', 'single'] as const) {
      const abort = new AbortController();
      const res = await connect[mode](abort.signal);
      const reader = res.body!.getReader();
      for (let text = ''; !text.includes('id: 2\n'); ) text += new TextDecoder().decode((await reader.read()).value);
      expect(open.size).toBe(1);
      abort.abort();
      await expect.poll(() => open.size, { timeout: 3000 }).toBe(0);
    }
    expect((await storedEvents(runId)).map((e) => e.type)).not.toContain('RUN_FINISHED');
    await gql('mutation($id: ID!) { cancelRun(id: $id) { status } }', { id: runId });
  });

  it('keeps answering queries over SSE on both endpoints, without ids where there is no seq', async () => {
    const query = JSON.stringify({ query: '{ datasets(first: 1) { edges { node { id } } } }' });
    const headers = { accept: 'text/event-stream', 'content-type': 'application/json' };
    for (const url of [server.url, `${origin}/graphql/stream`]) {
      const frames = await readFrames(await authFetch(url, { method: 'POST', headers, body: query }), (fs) => fs.some((f) => f.event === 'complete'));
      expect(frames.map((f) => f.event)).toEqual(['next', 'complete']);
      expect(frames[0]!.id).toBeUndefined();
      expect(JSON.parse(frames[0]!.data!).data.datasets.edges).toHaveLength(1);
    }
  });
});
