import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { authHeaders, post } from './helpers/graphql';
import { startServer, type TestServer } from './helpers/server';

// What a web page in the user's browser, or a page on a rebound host name, must not be able to do.
let server: TestServer;
let withCors: TestServer;
const APP = 'http://app.example';
const EVIL = 'http://evil.example';

beforeAll(async () => {
  server = await startServer({ MAX_JSON_BODY_MB: '1', GRAPHQL_MAX_RESPONSE_MB: '1' });
  withCors = await startServer({ CORS_ORIGINS: `${APP}, https://other.example` });
});
afterAll(async () => {
  await server?.stop();
  await withCors?.stop();
});

/** A raw HTTP request, so that Host can be anything (fetch will not set it). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const datasetCount = async (s: TestServer) => (await post(s.url, '{ datasets { totalCount } }')).data.datasets.totalCount as number;
const createMutation = 'mutation { createDataset(name: "csrf", csv: "a\\n1\\n") { id } }';

describe('requests a foreign page can send without a preflight', () => {
  it.each([
    ['an HTML form (urlencoded)', 'application/x-www-form-urlencoded', `query=${encodeURIComponent(createMutation)}`],
    ['text/plain', 'text/plain', JSON.stringify({ query: createMutation })],
    ['a multipart form', 'multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: createMutation })}\r\n--x\r\nContent-Disposition: form-data; name="map"\r\n\r\n{}\r\n--x--\r\n`],
  ])('cannot run a mutation through %s', async (_label, type, body) => {
    const before = await datasetCount(server);
    const res = await raw(server.url, { headers: { 'content-type': type, origin: EVIL }, body });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/CSRF/);
    expect(await datasetCount(server)).toBe(before);
  });
});

describe('CORS', () => {
  const preflight = (s: TestServer, origin: string) =>
    raw(s.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('grants no origin by default, not even with credentials', async () => {
    const res = await preflight(server, EVIL);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const answer = await raw(server.url, { headers: { 'content-type': 'application/json', origin: EVIL }, body: JSON.stringify({ query: '{ datasets { totalCount } }' }) });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('grants exactly the origins of CORS_ORIGINS, with credentials', async () => {
    const granted = await preflight(withCors, APP);
    expect(granted.headers['access-control-allow-origin']).toBe(APP);
    expect(granted.headers['access-control-allow-credentials']).toBe('true');
    expect((await preflight(withCors, 'https://other.example')).headers['access-control-allow-origin']).toBe('https://other.example');
    expect((await preflight(withCors, EVIL)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(withCors, `${APP}.evil.example`)).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('WebSocket upgrades', () => {
  const open = (url: string, options: WebSocket.ClientOptions) =>
    new Promise<'open' | number>((resolve) => {
      const ws = new WebSocket(url, 'graphql-transport-ws', options);
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
      ws.on('error', () => undefined);
    });

  it('refuse a foreign page’s origin and a foreign host name, and accept clients without a page', async () => {
    expect(await open(server.wsUrl, {})).toBe('open');
    expect(await open(server.wsUrl, { origin: new URL(server.url).origin })).toBe('open');
    expect(await open(server.wsUrl, { origin: EVIL })).toBe(401);
    expect(await open(server.wsUrl, { headers: { host: `rebound.example:${new URL(server.url).port}` } })).toBe(401);
    expect(await open(withCors.wsUrl, { origin: APP })).toBe('open');
  });
});

describe('host names (DNS rebinding)', () => {
  it('answers only to its own names', async () => {
    const port = new URL(server.url).port;
    const ask = (host: string) => raw(server.url, { headers: { host, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect((await ask(`localhost:${port}`)).status).toBe(200);
    expect((await ask(`127.0.0.1:${port}`)).status).toBe(200);
    const rebound = await ask(`attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.body).toMatch(/ALLOWED_HOSTS/);
  });
});

describe('limits on what one request may ask', () => {
  it('refuses 300 aliases, deep nesting and huge documents before running them', async () => {
    const aliases = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: datasets { totalCount }`).join(' ')} }`;
    const r = await post(server.url, aliases);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.message).toMatch(/aliases/i);
    const deep = `{ runs { edges { node { dataset { runs { edges { node { dataset { runs { edges { node { dataset { runs { edges { node { id } } } } } } } } } } } } } } } }`;
    expect((await post(server.url, deep)).errors?.[0]?.message).toMatch(/depth/i);
    const tokens = `{ datasets { ${'totalCount '.repeat(20_000)} } }`;
    expect((await post(server.url, tokens)).errors?.[0]?.message).toMatch(/token/i);
  });

  it('replaces an answer over GRAPHQL_MAX_RESPONSE_MB with an error saying what to ask instead', async () => {
    const columns = Array.from({ length: 12_000 }, (_, i) => `a_rather_long_column_name_for_the_response_limit_${i}`);
    const csv = `${columns.join(',')}\n${columns.map(() => '1').join(',')}\n`;
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id } }', variables: { f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([csv]), 'wide.csv');
    const uploaded = await (await fetch(server.url, { method: 'POST', body: form, headers: { 'graphql-require-preflight': '1', ...authHeaders(server.url) } })).json();
    const id = uploaded.data.uploadDataset.id;
    const small = await post(server.url, 'query($id: ID!) { dataset(id: $id) { name rowCount } }', { id });
    expect(small.data.dataset.rowCount).toBe(1);
    const big = await post(server.url, 'query($id: ID!) { dataset(id: $id) { columns { name dtype nullCount } } }', { id });
    expect(big.data).toBeUndefined();
    expect(big.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(big.errors?.[0]?.message).toMatch(/^The response would be 1\.\d MB, more than GRAPHQL_MAX_RESPONSE_MB allows \(1\.0 MB\): ask for fewer fields/);
  });

  it('refuses a JSON body over MAX_JSON_BODY_MB without parsing it, and still takes larger uploads', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } });
    const res = await raw(server.url, { headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/larger than the 1 MiB JSON body limit/);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { rowCount } }', variables: { f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([`a,b\n${'1234567,89\n'.repeat(300_000)}`]), 'big.csv');
    const upload = await fetch(server.url, { method: 'POST', body: form, headers: { 'graphql-require-preflight': '1', ...authHeaders(server.url) } });
    expect(await upload.json()).toEqual({ data: { uploadDataset: { rowCount: 300_000 } } });
  });
});

describe('GraphiQL', () => {
  it('may not be framed by another site and loads nothing from other origins', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});
