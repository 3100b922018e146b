import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColumnFileWriter } from '../src/datasets/columnFile';
import { salesCsv, writeGeneratedSales } from './helpers/data';
import { seedDataset } from './helpers/seed';
import { authHeaders } from './helpers/graphql';
import { removeDataDir, startServer, tempDataDir, type TestServer } from './helpers/server';

// Faults of the machine under the service: a full disk, a database that refuses writes. Each ends in a
// clear answer, leaves nothing behind and loses nothing already stored.

async function gql(server: TestServer, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(server.url) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) };
}

async function upload(server: TestServer, csv: string) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id rowCount } }', variables: { f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([csv]), 'big.csv');
  const res = await fetch(server.url, {
    method: 'POST',
    body: form,
    headers: { 'graphql-require-preflight': '1', ...authHeaders(server.url) },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) };
}

const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
const bigCsv = (mb: number) => `id,text\n${Array.from({ length: Math.ceil((mb * 1048576) / 60) }, (_, i) => `${i},${'x'.repeat(50)}`).join('\n')}\n`;

describe('a full disk', () => {
  let root: string;
  let dataDir: string;
  let server: TestServer;
  beforeAll(async () => {
    root = tempDataDir();
    dataDir = join(root, 'small-disk');
    mkdirSync(dataDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m,mode=0711', 'tmpfs', dataDir]);
    server = await startServer({ DATA_DIR: dataDir, SANDBOX_SCRATCH_DIR: join(root, 'sandbox') });
  });
  afterAll(async () => {
    await server?.stop();
    spawnSync('umount', ['-l', dataDir]);
    removeDataDir(root);
  });

  it('answers an upload larger than the free space at once, with a clear error, keeping nothing of it', async () => {
    const started = Date.now();
    const r = await upload(server, bigCsv(16));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.status).toBe(507);
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(/disk is full.*nothing of it was kept/), extensions: { code: 'STORAGE_FAILED' } });
    expect(files(join(dataDir, 'uploads'))).toEqual([]);
    expect(files(join(dataDir, 'partial'))).toEqual([]);
  });

  it('answers an upload that fits as a request but not as a dataset beside it the same way', async () => {
    // 10.5 MB fits the 12 MB disk as the upload's file; its columns file (ids as text, about 2.5 MB) then does not.
    const r = await upload(server, bigCsv(10.5));
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(/disk is full/), extensions: { code: 'STORAGE_FAILED' } });
    expect(files(join(dataDir, 'uploads'))).toEqual([]);
    expect(files(join(dataDir, 'partial'))).toEqual([]);
    expect(files(join(dataDir, 'datasets'))).toEqual([]);
  });

  it('keeps working afterwards: a small upload is stored and investigated', async () => {
    const r = await upload(server, salesCsv());
    expect(r.errors).toBeUndefined();
    const run = await gql(server, 'mutation($d: ID!) { investigateIssues(input: { datasetId: $d, codegen: TEMPLATE, wait: true, issues: [{ type: "duplicates", description: "ids repeat", affectedColumns: ["transaction_id"] }] }) { status } }', {
      d: r.data.uploadDataset.id,
    });
    expect(run.data.investigateIssues.status).toBe('SUCCEEDED');
  });
});

describe('a columns file written onto a full disk', () => {
  it('fails its write with the disk’s error, never with an uncaught exception between writes', async () => {
    const root = tempDataDir();
    const disk = join(root, 'tiny-disk');
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]);
    const uncaught: unknown[] = [];
    const record = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', record);
    try {
      const writer = await ColumnFileWriter.create(join(disk, 'dataset.columns'));
      const written = (async () => {
        await writer.header(['text']);
        for (let chunk = 0; chunk < 40; chunk++) {
          await writer.chunk({ firstRow: chunk * 1000, rows: 1000, columns: [{ bytes: Buffer.alloc(100_000, 0x78), offsets: new Int32Array(1001) }] });
          // The upload profiles and samples between chunks: the disk's answer comes while no write waits for it.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await writer.finish(40_000);
      })();
      await expect(written).rejects.toMatchObject({ code: 'ENOSPC' });
      await writer.abort();
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      spawnSync('umount', ['-l', disk]);
      removeDataDir(root);
    }
  });
});

describe('a database that stops taking writes mid-run', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ INVESTIGATION_CONCURRENCY: '1' });
  });
  afterAll(() => server.stop());

  it('ends the subscriptions at once with a clear error, then fails the run once writes work again', async () => {
    // 100k rows: each investigation takes tens of milliseconds, so the second is still running when the
    // client, told it started, makes the database refuse writes.
    const path = join(server.dataDir, 'sales-100k.csv');
    writeGeneratedSales(path, 100_000, { seed: 5 });
    const datasetId = await seedDataset(server.url, path);
    const issue = { type: 'duplicates', description: 'ids repeat', affectedColumns: ['transaction_id'] };
    const started = await gql(server, 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { id } }', {
      input: { datasetId, codegen: 'TEMPLATE', concurrency: 1, issues: Array.from({ length: 6 }, () => issue) },
    });
    const runId = started.data.investigateIssues.id as string;
    const sqlite = (server.app.sqlite! as unknown as { $client: { pragma(p: string): unknown } }).$client;

    const client = createWsClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: authHeaders(server.url) });
    const seen: string[] = [];
    let ended: string | null = null;
    try {
      for await (const r of client.iterate({ query: 'subscription($r: ID!) { investigationProgress(runId: $r) { seq type } }', variables: { r: runId } })) {
        if (r.errors) {
          ended = r.errors[0]!.message;
          break;
        }
        const event = (r.data as { investigationProgress: { type: string } }).investigationProgress;
        seen.push(event.type);
        // The database refuses every write from here on (as a full or read-only disk would).
        if (event.type === 'INVESTIGATION_STARTED' && seen.filter((t) => t === 'INVESTIGATION_STARTED').length === 2) sqlite.pragma('query_only = 1');
      }
    } catch (err) {
      ended = String((err as Error[])[0]?.message ?? err);
    } finally {
      await client.dispose();
    }
    expect(ended).toMatch(/could not be recorded .*ends FAILED once the server can write again/);
    expect(seen).not.toContain('RUN_FINISHED');

    const before = await gql(server, 'query($r: ID!) { run(id: $r) { status investigations { status } } }', { r: runId });
    expect(before.data.run.status).toBe('RUNNING');
    expect(before.data.run.investigations.filter((i: { status: string }) => i.status === 'SUCCEEDED').length).toBe(1);

    sqlite.pragma('query_only = 0');
    await expect.poll(async () => (await gql(server, 'query($r: ID!) { run(id: $r) { status } }', { r: runId })).data.run.status, { timeout: 15_000, interval: 200 }).toBe('FAILED');
    const after = await gql(server, 'query($r: ID!) { run(id: $r) { investigations { status errorCode } events { seq type } } }', { r: runId });
    const statuses = after.data.run.investigations.map((i: { status: string }) => i.status);
    expect(statuses[0]).toBe('SUCCEEDED');
    expect(statuses.slice(1).every((s: string) => s === 'FAILED')).toBe(true);
    const seqs = after.data.run.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(after.data.run.events.at(-1).type).toBe('RUN_FINISHED');
  });
});

