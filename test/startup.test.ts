import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { HttpServer } from '../src/http/server';
import { removeDataDir, ROOT, sandboxScratch, SERVER_LAUNCHER, spawnServer, tempDataDir } from './helpers/server';
import { trickledUpload } from './helpers/uploads';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir() {
  const dir = tempDataDir();
  cleanups.push(() => removeDataDir(dir));
  return dir;
}

/** A port something else listens on. */
async function busyPort(): Promise<number> {
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => holder.close(resolve)));
  return (holder.address() as { port: number }).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `npm start` as a child process: its output, and its exit once it has ended. */
function startMain(env: Record<string, string>) {
  const dir = env.DATA_DIR ?? dataDir();
  const child = spawn(SERVER_LAUNCHER, [], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE: process.execPath,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: dir,
      SANDBOX_SCRATCH_DIR: sandboxScratch(dir),
      SANDBOX_UID: String(100_000 + Math.floor(Math.random() * 9000) * 100),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, exited };
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('start-up failures', () => {
  it('a busy port: one line saying which port is in use and how to choose another, exit code 1', async () => {
    const port = await busyPort();
    const { code, stdout, stderr } = await startMain({ PORT: String(port) }).exited;
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([expect.stringMatching(new RegExp(`port ${port} is already in use.*PORT`))]);
    expect(stdout + stderr).not.toMatch(/^\s+at /m);
  });

  it('any other failure: one line naming what failed, exit code 1', async () => {
    const missing = join(dataDir(), 'no-such-file.csv');
    const { code, stdout, stderr } = await startMain({ PORT: '0', SEED_DATASET: missing }).exited;
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([expect.stringMatching(new RegExp(`SEED_DATASET ${missing}.*no such file`))]);
    expect(stdout + stderr).not.toMatch(/^\s+at /m);
  });
});

describe('/health and /ready', () => {
  it('/health answers as soon as the process listens, before the app is ready; /ready says 503 until it is, then 200', async () => {
    const port = await freePort();
    const { child, exited } = startMain({ PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    let first: { status: number; body: { status: string; ready: boolean } } | undefined;
    while (!first && child.exitCode === null) {
      const res = await fetch(`${base}/health`).catch(() => null);
      if (res) first = { status: res.status, body: await res.json() };
      else await new Promise((r) => setTimeout(r, 10));
    }
    expect(first).toEqual({ status: 200, body: { status: 'ok', ready: false } });
    expect((await fetch(`${base}/ready`)).status).toBe(503);

    await expect.poll(async () => (await fetch(`${base}/ready`)).status, { timeout: 60_000, interval: 50 }).toBe(200);
    const health = await (await fetch(`${base}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', ready: true, sandbox: { available: expect.any(Boolean) } });
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('before the app is built, the server answers /health (not ready), /ready 503 and other requests 503', async () => {
    const dir = dataDir();
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir, SANDBOX_SCRATCH_DIR: sandboxScratch(dir) });
    const http = new HttpServer(config.browser, config.http);
    const { url } = await http.listen(0, '127.0.0.1');
    cleanups.push(() => http.close(100));

    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok', ready: false });
    expect((await fetch(`${url}/ready`)).status).toBe(503);
    const early = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');

    const app = await buildApp(config, { http });
    cleanups.push(() => app.stop());
    const served = await app.start(0, '127.0.0.1');
    expect(served.url).toBe(`${url}/graphql`);
    const answer = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    await expect.poll(async () => (await fetch(`${url}/ready`)).status, { timeout: 60_000, interval: 50 }).toBe(200);
    expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ status: 'ok', ready: true, sandbox: { backend: expect.any(String) } });
  });
});

describe('the warm-up of a fresh server (compose/warmUp.ts)', () => {
  interface WarmUpHealth {
    ready: boolean;
    workerThreads: { threads: number; warmUp: { step: string; threadsWarmed: number } };
  }
  const healthOf = async (url: string) => (await (await fetch(new URL('/health', url))).json()) as WarmUpHealth;

  it('is ready once its upload path is warm, and warms its threads one by one only while no upload is being read', async () => {
    const dir = dataDir();
    const server = await spawnServer(dir);
    cleanups.push(async () => {
      server.process.kill('SIGTERM');
      await server.exited;
    });
    // An upload sent as soon as the server serves, whose body takes ~5 s to come, so that it is being read
    // when the server becomes ready and for seconds after (sent only once /ready answers, a loaded machine
    // could deliver it after the 0.5 s of quiet the threads wait for): no thread warms up (none even starts)
    // meanwhile, and readiness still waits for the upload path's own warm-up.
    const csv = `id,amount\n${Array.from({ length: 20_000 }, (_, i) => `${i},${i % 13}`).join('\n')}\n`;
    let uploading = true;
    const upload = trickledUpload(server.url, csv, 100, 50).finally(() => (uploading = false));
    const during: WarmUpHealth[] = [];
    while (uploading) {
      const health = await healthOf(server.url);
      if (uploading) during.push(health);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await upload).data?.uploadDataset.rowCount).toBe(20_000);
    const whileReady = during.filter((health) => health.ready);
    expect(whileReady.length).toBeGreaterThan(5);
    for (const health of during) {
      expect(health.workerThreads).toMatchObject({ threads: 0, warmUp: { threadsWarmed: 0 } });
      // Ready only once the upload path has warmed up (and the sandbox probe is done).
      if (health.ready) expect(health.workerThreads.warmUp.step).toBe('threads');
      else expect(['upload path', 'threads']).toContain(health.workerThreads.warmUp.step);
    }

    // Then every thread warms up, each once.
    await expect.poll(async () => (await healthOf(server.url)).workerThreads.warmUp.step, { timeout: 60_000, interval: 100 }).toBe('done');
    const { workerThreads } = await healthOf(server.url);
    expect(workerThreads.threads).toBeGreaterThan(0);
    expect(workerThreads.warmUp.threadsWarmed).toBe(workerThreads.threads);
  });
});

describe('the launcher `npm start` runs (bin/iterate-server)', () => {
  const hugePagesKb = (pid: number) => Number(/AnonHugePages:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))![1]);
  const tunablesOf = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((v) => v.startsWith('GLIBC_TUNABLES='));
  /** The kernel's transparent huge pages mode: `always`, `madvise` or `never`. */
  const thpMode = () => /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];

  async function readyServer(env: Record<string, string>) {
    const server = await spawnServer(dataDir(), env);
    cleanups.push(async () => {
      server.process.kill('SIGTERM');
      await server.exited;
    });
    // Ready once its upload path has warmed up: a generated file ingested, buffers and typed arrays allocated.
    await expect.poll(async () => (await fetch(new URL('/ready', server.url))).status, { timeout: 30_000, interval: 50 }).toBe(200);
    return server.process.pid!;
  }

  it("runs node itself (the server's pid is node's) with glibc's malloc on huge pages, unless GLIBC_TUNABLES is set", async () => {
    const tuned = await readyServer({});
    expect(readFileSync(`/proc/${tuned}/cmdline`, 'utf8').split('\0')[0]).toBe(process.execPath);
    expect(tunablesOf(tuned)).toMatch(/^GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1/);
    const untouched = await readyServer({ GLIBC_TUNABLES: '' });
    expect(tunablesOf(untouched)).toBe('GLIBC_TUNABLES=');
    if (thpMode() === 'never') return; // the kernel gives no huge pages to anyone: nothing more to see
    expect(hugePagesKb(tuned)).toBeGreaterThan(0);
    // With THP on madvise (these machines), only what asks gets huge pages: nothing in node does but malloc so tuned.
    if (thpMode() === 'madvise') expect(hugePagesKb(untouched)).toBe(0);
  });
});
