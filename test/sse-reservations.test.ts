import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from './helpers/graphql';
import { startServer, type TestServer } from './helpers/server';

// graphql-sse's single-connection mode: a reservation (PUT) must open its stream (GET) before it takes
// operations, and only so many may wait, so that nobody makes the server buffer events for nobody.
let server: TestServer;
let stream: string;

beforeAll(async () => {
  server = await startServer();
  stream = server.url.replace(/\/graphql$/, '/graphql/stream');
});
afterAll(() => server?.stop());

const reserve = () => fetch(stream, { method: 'PUT', headers: authHeaders(server.url) });
const operation = (token: string) =>
  fetch(stream, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-graphql-event-stream-token': token, ...authHeaders(server.url) },
    body: JSON.stringify({ query: '{ __typename }', extensions: { operationId: 'op1' } }),
  });

describe('single-connection reservations', () => {
  it('are made for authenticated clients only', async () => {
    const anonymous = await fetch(stream, { method: 'PUT' });
    expect(anonymous.status).toBe(401);
    const forged = await fetch(stream, { method: 'PUT', headers: { authorization: 'Bearer iit_nonsense' } });
    expect(forged.status).toBe(401);
    const reserved = await reserve();
    expect(reserved.status).toBe(201);
    // Opened, so that it does not count among the waiting ones below.
    const controller = new AbortController();
    await fetch(`${stream}?token=${await reserved.text()}`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    controller.abort();
  });

  it('take no operation before their stream is open, then work', async () => {
    const token = await (await reserve()).text();
    const early = await operation(token);
    expect(early.status).toBe(409);
    expect(await early.text()).toMatch(/Open the event stream \(GET\)/);

    const controller = new AbortController();
    const events = await fetch(`${stream}?token=${token}`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();
    expect((await operation(token)).status).toBe(202);
    let text = '';
    while (!text.includes('"__typename":"Query"')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
  });

  it('are refused with 429 beyond 100 waiting at once', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await reserve()).status);
    // One reservation of the test before was opened; the others wait.
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.at(-1)).toBe(429);
  });
});
