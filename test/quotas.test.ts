import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesCsv } from './helpers/data';
import { sleepingScript } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';
import { as, tokenFor, type Answer } from './helpers/tenants';

// Idempotency keys, dataset lookup by content, and the limits one tenant cannot exceed.

async function upload(server: TestServer, token: string, csv: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($f: File!, $key: String) { uploadDataset(file: $f, idempotencyKey: $key) { id sizeBytes } }', variables: { f: null, ...variables } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([csv]), 'data.csv');
  const res = await fetch(server.url, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}`, 'graphql-require-preflight': '1' } });
  return { status: res.status, headers: res.headers, ...((await res.json()) as object) };
}

const CREATE = 'mutation($name: String!, $csv: String!, $key: String) { createDataset(name: $name, csv: $csv, idempotencyKey: $key) { id } }';
const INVESTIGATE = 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { id status } }';
const COUNTS = '{ datasets(first: 1) { totalCount } runs(first: 1) { totalCount } }';
const ISSUE = { type: 'missing_values', description: 'revenue has missing values', affectedColumns: ['revenue'] };

describe('idempotency keys and lookup by content', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startServer();
    token = await tokenFor(server, 'idem');
  });
  afterAll(() => server.stop());

  it('a retried createDataset or upload returns the first dataset; another request under the key is refused', async () => {
    const first = await as(server, token, CREATE, { name: 'a', csv: 'x\n1\n', key: 'k1' });
    const retry = await as(server, token, CREATE, { name: 'a', csv: 'x\n1\n', key: 'k1' });
    expect(retry.data.createDataset.id).toBe(first.data.createDataset.id);
    const other = await as(server, token, CREATE, { name: 'a', csv: 'x\n2\n', key: 'k1' });
    expect(other.errors?.[0]?.message).toMatch(/idempotencyKey "k1" was already used for a different createDataset request/);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    const csv = salesCsv();
    const up1 = await upload(server, token, csv, { key: 'u1' });
    const up2 = await upload(server, token, csv, { key: 'u1' });
    expect(up2.data.uploadDataset.id).toBe(up1.data.uploadDataset.id);
    expect((await upload(server, token, `${csv}\n`, { key: 'u1' })).errors?.[0]?.message).toMatch(/already used for a different uploadDataset request/);
    expect((await as(server, token, COUNTS)).data.datasets.totalCount).toBe(2);
  });

  it('a failed request leaves its key free for the retry', async () => {
    const bad = await as(server, token, CREATE, { name: 'b', csv: '', key: 'k-bad' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const good = await as(server, token, CREATE, { name: 'b', csv: '', key: 'k-bad' });
    expect(good.errors?.[0]?.message).toBe(bad.errors?.[0]?.message);
  });

  it('concurrent requests with one key create one dataset: the others get it or are told to retry', async () => {
    const csv = salesCsv();
    const answers = await Promise.all(Array.from({ length: 6 }, () => upload(server, token, csv, { key: 'race' })));
    const ids = new Set(answers.flatMap((a) => (a.data?.uploadDataset ? [a.data.uploadDataset.id] : [])));
    expect(ids.size).toBe(1);
    for (const a of answers) if (a.errors) expect(a.errors[0]!.extensions?.code).toBe('CONFLICT');
    const after = await upload(server, token, csv, { key: 'race' });
    expect(after.data.uploadDataset.id).toBe([...ids][0]);
  });

  it('a retried investigateIssues returns the first run, whatever wait says; keys are per tenant', async () => {
    const ds = (await as(server, token, CREATE, { name: 'sales', csv: salesCsv() })).data.createDataset.id;
    const input = { datasetId: ds, issues: [ISSUE], codegen: 'TEMPLATE', idempotencyKey: 'run-1' };
    const first = await as(server, token, INVESTIGATE, { input });
    const retry = await as(server, token, INVESTIGATE, { input: { ...input, wait: true } });
    expect(retry.data.investigateIssues).toEqual({ id: first.data.investigateIssues.id, status: 'SUCCEEDED' });
    const changed = await as(server, token, INVESTIGATE, { input: { ...input, issues: [{ ...ISSUE, affectedColumns: ['price'] }] } });
    expect(changed.errors?.[0]?.message).toMatch(/already used for a different investigateIssues request/);
    expect((await as(server, token, COUNTS)).data.runs.totalCount).toBe(1);

    const other = await tokenFor(server, 'idem-2');
    const theirs = await as(server, other, CREATE, { name: 'a', csv: 'x\n1\n', key: 'k1' });
    expect(theirs.errors).toBeUndefined();
    expect((await as(server, other, COUNTS)).data.datasets.totalCount).toBe(1);
  });

  it('finds a dataset by the SHA-256 of its content, only among the tenant’s own', async () => {
    const csv = 'p,q\n1,2\n3,4\n';
    const id = (await as(server, token, CREATE, { name: 'hashed', csv })).data.createDataset.id;
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const q = 'query($s: String!) { datasets(first: 5, sha256: $s) { totalCount edges { node { id sha256 } } } }';
    expect((await as(server, token, q, { s: sha256.toUpperCase() })).data.datasets).toEqual({ totalCount: 1, edges: [{ node: { id, sha256 } }] });
    expect((await as(server, await tokenFor(server, 'idem-3'), q, { s: sha256 })).data.datasets.totalCount).toBe(0);
  });
});

describe('tenant quotas', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ TENANT_MAX_DATASETS: '3', TENANT_MAX_STORAGE_MB: '1', TENANT_MAX_CONCURRENT_INVESTIGATIONS: '1', TENANT_REQUESTS_PER_MINUTE: '400' });
  });
  afterAll(() => server.stop());

  it('refuses a dataset beyond TENANT_MAX_DATASETS, keeping the others', async () => {
    const token = await tokenFor(server, 'counted');
    for (let i = 0; i < 3; i++) expect((await as(server, token, CREATE, { name: `d${i}`, csv: `x\n${i}\n` })).errors).toBeUndefined();
    const over = await as(server, token, CREATE, { name: 'd3', csv: 'x\n3\n' });
    expect(over.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Tenant "counted" has 3 datasets, the most it may keep \(TENANT_MAX_DATASETS\)/), extensions: { code: 'QUOTA_EXCEEDED' } });
    expect((await as(server, token, COUNTS)).data.datasets.totalCount).toBe(3);
    expect((await as(server, await tokenFor(server, 'other'), CREATE, { name: 'free', csv: 'x\n1\n' })).errors).toBeUndefined();
  });

  it('refuses an upload beyond TENANT_MAX_STORAGE_MB, leaving nothing behind, also when uploads race', async () => {
    const token = await tokenFor(server, 'stored');
    const row = 'id,name,amount\n';
    const big = row + Array.from({ length: 30_000 }, (_, i) => `${i},name ${i},${i * 3}`).join('\n'); // ~0.6 MB
    expect(big.length).toBeGreaterThan(600_000);
    const answers = await Promise.all([upload(server, token, big), upload(server, token, big), upload(server, token, big)]);
    const stored = answers.filter((a) => a.data?.uploadDataset);
    expect(stored.length).toBe(1);
    for (const a of answers.filter((x) => x.errors)) {
      expect(a.errors![0]!.message).toMatch(/does not fit in tenant "stored"'s storage quota of 1 MB \(TENANT_MAX_STORAGE_MB\)/);
      expect(a.errors![0]!.extensions?.code).toBe('QUOTA_EXCEEDED');
    }
    expect((await as(server, token, COUNTS)).data.datasets.totalCount).toBe(1);
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    expect(readdirSync(join(server.dataDir, 'datasets')).filter((f) => f.endsWith('.csv')).length).toBeLessThanOrEqual(7);
    const partial = readdirSync(join(server.dataDir, 'partial'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(partial).toEqual([]);
  });

  it('keeps a second run QUEUED while the tenant runs TENANT_MAX_CONCURRENT_INVESTIGATIONS, telling its subscribers, and cancels it cleanly', async () => {
    const token = await tokenFor(server, 'busy');
    const ds = (await as(server, token, CREATE, { name: 'sales', csv: salesCsv() })).data.createDataset.id;
    const first = await as(server, token, 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { id investigations { id } } }', {
      input: { datasetId: ds, issues: [ISSUE, ISSUE, ISSUE], codegen: 'TEMPLATE', concurrency: 3 },
    });
    const second = await as(server, token, INVESTIGATE, { input: { datasetId: ds, issues: [ISSUE], codegen: 'TEMPLATE' } });
    expect(second.data.investigateIssues.status).toBe('QUEUED');
    const otherTenant = await tokenFor(server, 'idle');
    const otherDs = (await as(server, otherTenant, CREATE, { name: 'sales', csv: salesCsv() })).data.createDataset.id;
    const unaffected = await as(server, otherTenant, INVESTIGATE, { input: { datasetId: otherDs, issues: [ISSUE], codegen: 'TEMPLATE', wait: false } });
    expect(unaffected.data.investigateIssues.status).toBe('RUNNING');

    const events = async (id: string) =>
      (await as(server, token, 'query($id: ID!) { run(id: $id) { status events { type message data } } }', { id })).data.run;
    await expect.poll(async () => (await events(second.data.investigateIssues.id)).status, { timeout: 60_000, interval: 100 }).toBe('SUCCEEDED');
    const queued = await events(second.data.investigateIssues.id);
    expect(queued.events.map((e: { type: string }) => e.type).slice(0, 2)).toEqual(['LOG', 'RUN_STARTED']);
    expect(queued.events[0].message).toMatch(/Queued: this tenant already runs 1 investigations, the most it may at once \(TENANT_MAX_CONCURRENT_INVESTIGATIONS\)/);
    expect(queued.events[0].data).toMatchObject({ queued: true });
    // The first run's investigations ran one at a time: each started after the previous finished.
    const firstEvents = (await events(first.data.investigateIssues.id)).events.map((e: { type: string }) => e.type);
    const order = firstEvents.filter((t: string) => t === 'INVESTIGATION_STARTED' || t === 'INVESTIGATION_SUCCEEDED');
    expect(order).toEqual(['INVESTIGATION_STARTED', 'INVESTIGATION_SUCCEEDED', 'INVESTIGATION_STARTED', 'INVESTIGATION_SUCCEEDED', 'INVESTIGATION_STARTED', 'INVESTIGATION_SUCCEEDED']);

    // A queued run that is cancelled never starts. The blocker is a script that sleeps 2 s (its answer is
    // awaited at the end), so the tenant is busy while the next run is queued and cancelled.
    const blocker = as(server, token, 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status } }', {
      id: first.data.investigateIssues.investigations[0].id,
      code: sleepingScript(2),
    });
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await as(server, token, INVESTIGATE, { input: { datasetId: ds, issues: [ISSUE], codegen: 'TEMPLATE' } });
    expect(waiting.data.investigateIssues.status).toBe('QUEUED');
    const cancelled = await as(server, token, 'mutation($id: ID!) { cancelRun(id: $id) { status investigations { status errorCode } events { type } } }', { id: waiting.data.investigateIssues.id });
    expect(cancelled.data.cancelRun.status).toBe('CANCELLED');
    expect(cancelled.data.cancelRun.investigations).toEqual([{ status: 'CANCELLED', errorCode: 'CANCELLED' }]);
    expect(cancelled.data.cancelRun.events.map((e: { type: string }) => e.type)).not.toContain('RUN_STARTED');
    expect((await blocker).data.rerunInvestigation.status).toBe('SUCCEEDED');
  });
});

describe('request rate', () => {
  it('answers 429 with Retry-After past TENANT_REQUESTS_PER_MINUTE, for that tenant only', async () => {
    const server = await startServer({ TENANT_REQUESTS_PER_MINUTE: '8' });
    try {
      const a = await tokenFor(server, 'chatty');
      const b = await tokenFor(server, 'quiet');
      const statuses: number[] = [];
      let limited: Answer | undefined;
      for (let i = 0; i < 10; i++) {
        const r = await as(server, a, '{ viewer { tenant } }');
        statuses.push(r.status);
        if (r.status === 429) limited ??= r;
      }
      expect(statuses).toEqual([...Array(8).fill(200), 429, 429]);
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(limited!.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 8 a minute \(TENANT_REQUESTS_PER_MINUTE\)/), extensions: { code: 'RATE_LIMITED' } });
      expect((await as(server, b, '{ viewer { tenant } }')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
