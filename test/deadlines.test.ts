import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesCsv } from './helpers/data';
import { startServer, type TestServer } from './helpers/server';
import { as, tokenFor } from './helpers/tenants';

// Every wait has a deadline: a queue for a tenant's slots or for a sandbox (QUEUE_TIMEOUT_S), and a client
// that stops taking its answer (HTTP_STALL_TIMEOUT_S).

const CREATE = 'mutation($name: String!, $csv: String!) { createDataset(name: $name, csv: $csv) { id } }';
const INVESTIGATE = `mutation($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) { id status investigations { id status method errorCode error attemptHistory { error } } events { message } }
}`;
const RERUN = 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status } }';
const ISSUE = { type: 'missing_values', description: 'revenue has missing values', affectedColumns: ['revenue'] };

describe('deadlines', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      SANDBOX_MAX_CONCURRENT: '1',
      TENANT_MAX_CONCURRENT_INVESTIGATIONS: '1',
      QUEUE_TIMEOUT_S: '1',
      HTTP_STALL_TIMEOUT_S: '2',
      SANDBOX_TIMEOUT_MS: '30000',
    });
  });
  afterAll(() => server.stop());

  async function admission(): Promise<{ running: number; waiting: number }> {
    return ((await (await fetch(new URL('/health', server.url))).json()) as { admission: { running: number; waiting: number } }).admission;
  }

  it('an investigation that waits longer than QUEUE_TIMEOUT_S for its tenant’s slot or for a sandbox does not wait on', async () => {
    const busy = await tokenFor(server, 'busy');
    const ds = (await as(server, busy, CREATE, { name: 'sales', csv: salesCsv() })).data.createDataset.id;
    const base = (await as(server, busy, INVESTIGATE, { input: { datasetId: ds, issues: [ISSUE], codegen: 'TEMPLATE', wait: true } })).data.investigateIssues;
    expect(base.status).toBe('SUCCEEDED');
    // One script holds the only sandbox, and the tenant's only slot, for 10 s.
    const holding = as(server, busy, RERUN, { id: base.investigations[0].id, code: '__import__("time").sleep(10)\n' });
    await expect.poll(async () => (await admission()).running, { timeout: 20_000, interval: 50 }).toBe(1);

    const started = Date.now();
    const queued = (await as(server, busy, INVESTIGATE, { input: { datasetId: ds, issues: [ISSUE], codegen: 'TEMPLATE', wait: true } })).data.investigateIssues;
    expect(Date.now() - started).toBeLessThan(8000);
    expect(queued.status).toBe('FAILED');
    expect(queued.investigations).toMatchObject([{ status: 'FAILED', errorCode: 'TIMEOUT' }]);
    expect(queued.investigations[0].error).toMatch(/Waited 1 s \(QUEUE_TIMEOUT_S\) for one of this tenant's 1 investigation slots \(TENANT_MAX_CONCURRENT_INVESTIGATIONS\)/);

    // Another tenant has a free slot, but the sandbox is still taken: its script gives up waiting, and the
    // heuristic answers (a core type), saying why.
    const other = await tokenFor(server, 'other');
    const otherDs = (await as(server, other, CREATE, { name: 'sales', csv: salesCsv() })).data.createDataset.id;
    const fallback = (await as(server, other, INVESTIGATE, { input: { datasetId: otherDs, issues: [ISSUE], codegen: 'TEMPLATE', wait: true } })).data.investigateIssues;
    expect(Date.now() - started).toBeLessThan(9500);
    expect((await admission()).running).toBe(1); // the long script was still running all along
    expect(fallback.investigations).toMatchObject([{ status: 'SUCCEEDED', method: 'HEURISTIC' }]);
    expect(JSON.stringify(fallback.investigations[0].attemptHistory)).toMatch(/waited 1 s \(QUEUE_TIMEOUT_S\) for a sandbox without getting one: 1 scripts run at once/);
    await holding;
  });

  it('closes a connection whose client stops taking its answer, and keeps answering others', async () => {
    // A client with a tiny receive buffer asks for the GraphiQL page (~9 MB uncompressed) and reads nothing.
    const reading = slowClient(`
time.sleep(6)
received = 0
s.settimeout(5)
try:
    while True:
        chunk = s.recv(1 << 20)
        if not chunk:
            break
        received += len(chunk)
except (ConnectionResetError, socket.timeout) as error:
    print("error", type(error).__name__)
print("received", received)
`);
    const healthMs: number[] = [];
    const sampling = (async () => {
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        expect((await fetch(new URL('/health', server.url))).status).toBe(200);
        healthMs.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const { out } = await reading;
    await sampling;
    // The server dropped it: the client got at most part of the page, then a reset (not a time-out).
    const received = Number(/received (\d+)/.exec(out)![1]);
    expect(received).toBeLessThan(8_000_000);
    expect(out).toMatch(/ConnectionResetError/);
    expect(Math.max(...healthMs)).toBeLessThan(1000);
  });

  it('keeps the connection of a client that reads its answer slowly but steadily', async () => {
    // 16 KB every 50 ms for 6 s (3 × HTTP_STALL_TIMEOUT_S): one large answer written once, taken bit by bit.
    const { out, err } = await slowClient(`
received, started = 0, time.time()
try:
    while time.time() - started < 6:
        chunk = s.recv(16384)
        if not chunk:
            print("closed")
            break
        received += len(chunk)
        time.sleep(0.05)
    else:
        print("open")
except ConnectionResetError:
    print("reset")
print("received", received)
`);
    expect(out, err).toMatch(/^open$/m);
    expect(Number(/received (\d+)/.exec(out)![1])).toBeGreaterThan(500_000);
  });

  /**
   * A Python client with a 4 KB receive buffer that asks for the GraphiQL page (~9 MB uncompressed), then
   * runs `reading` (its socket is `s`); resolves with what it printed once it exits.
   */
  function slowClient(reading: string): Promise<{ out: string; err: string }> {
    const { port, hostname } = new URL(server.url);
    const client = spawn('/usr/bin/python3', ['-c', `
import socket, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect((${JSON.stringify(hostname)}, ${port}))
s.sendall(b"GET /graphql HTTP/1.1\\r\\nHost: ${hostname}:${port}\\r\\nAccept: text/html\\r\\n\\r\\n")
${reading}`]);
    let out = '';
    let err = '';
    client.stdout.on('data', (c: Buffer) => (out += c.toString()));
    client.stderr.on('data', (c: Buffer) => (err += c.toString()));
    return new Promise((resolve) => client.on('exit', () => resolve({ out, err })));
  }
});
