import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { buildApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { useToken } from './graphql';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/**
 * What `npm start` runs: node, with glibc's malloc tunables, on the server built in dist/ by scripts/build.mjs
 * (test/helpers/buildServer.ts builds it before the tests).
 */
export const SERVER_LAUNCHER = resolve(ROOT, 'bin', 'iterate-server');

export interface TestServer {
  url: string;
  /** The uid the server's sandbox slots count from (see scriptProcesses). */
  uidBase: number;
  wsUrl: string;
  dataDir: string;
  app: App;
  /** Every SQL statement the server ran, in order. */
  sql: string[];
  /** The admin token the server created at its first start (null with AUTH=off); the helpers send it. */
  adminToken: string | null;
  stop(): Promise<void>;
}

/** A fresh DATA_DIR under the system temp directory (traversable, so the sandbox uid reaches its scratch). */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iterate-test-'));
  chmodSync(dir, 0o711);
  return dir;
}

/** Each test server's sandboxes work under its own DATA_DIR and uid range, so a test can find its own leftovers. */
export function sandboxScratch(dataDir: string): string {
  return join(dataDir, 'sandbox');
}

export function sandboxUidBase(): number {
  return 100_000 + Math.floor(Math.random() * 9000) * 100;
}

/**
 * Script processes still alive for the server whose sandboxes run with uids from `uidBase`: cold runs
 * (python on /app/guard.py) and children of a fork server (a python forked from the zygote). The fork
 * servers themselves are meant to stay.
 */
export function scriptProcesses(uidBase: number): string[] {
  const ps = execFileSync('ps', ['-eo', 'uid=,pid=,ppid=,comm=,args='], { encoding: 'utf8' });
  const rows = ps.trim().split('\n').map((line) => {
    const [uid, pid, ppid, comm, ...args] = line.trim().split(/\s+/);
    return { uid: Number(uid), pid: Number(pid), ppid: Number(ppid), comm, args: args.join(' ') };
  });
  const pythons = rows.filter((r) => r.uid > uidBase && r.uid < uidBase + 100 && /^\S*python3?\b/.test(r.args));
  const zygotes = new Set(pythons.filter((r) => r.args.includes('/app/zygote.py')).map((r) => r.pid));
  return pythons
    // A fork server's children run scripts, except its one spare waiting for a script ("spare") and its
    // worker for the service's own templates ("trusted"), which never runs a user's or the LLM's code.
    .filter((r) => r.args.includes('/app/guard.py') || (zygotes.has(r.pid) && zygotes.has(r.ppid) && r.comm !== 'spare' && r.comm !== 'trusted'))
    .map((r) => `${r.pid} ${r.args}`);
}

/** The real server, in this process, on a free port with its own DATA_DIR. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? tempDataDir();
  const uidBase = Number(env.SANDBOX_UID ?? sandboxUidBase());
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SANDBOX_SCRATCH_DIR: sandboxScratch(dataDir),
    ...env,
    SANDBOX_UID: String(uidBase),
    DATA_DIR: dataDir,
    PORT: '0',
  });
  const sql: string[] = [];
  const app = await buildApp(config, { onSql: (s) => sql.push(s) });
  const { url } = await app.start(0, '127.0.0.1');
  const adminToken = readAdminToken(dataDir, config.auth.enabled);
  useToken(url, adminToken);
  return {
    url,
    uidBase,
    wsUrl: url.replace(/^http/, 'ws'),
    dataDir,
    app,
    sql,
    adminToken,
    async stop() {
      await app.stop();
      if (!env.DATA_DIR) removeDataDir(dataDir);
    },
  };
}

export interface ChildServer {
  url: string;
  uidBase: number;
  wsUrl: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logs: string[];
  adminToken: string | null;
}

/** The real server as a separate process started like `npm start`, for restarts and kills. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const uidBase = Number(env.SANDBOX_UID ?? sandboxUidBase());
  // SERVER_NODE_ARGS: node flags for the spawned server when profiling it (e.g. --cpu-prof --cpu-prof-dir=/tmp/p).
  const child = spawn(SERVER_LAUNCHER, (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE: process.execPath,
      LOG_LEVEL: 'info',
      SANDBOX_SCRATCH_DIR: sandboxScratch(dataDir),
      ...env,
      SANDBOX_UID: String(uidBase),
      DATA_DIR: dataDir,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  child.stderr!.on('data', (c: Buffer) => logs.push(c.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${logs.join('')}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'serving' && entry.url) {
          clearTimeout(timer);
          resolveUrl(entry.url);
        }
      } catch {
        /* not a log line */
      }
    });
    void exited.then(() => reject(new Error(`server exited: ${logs.join('\n')}`)));
  });
  const adminToken = readAdminToken(dataDir, env.AUTH !== 'off');
  useToken(url, adminToken);
  return { url, uidBase, wsUrl: url.replace(/^http/, 'ws'), process: child, exited, logs, adminToken };
}

/** The token a server wrote to DATA_DIR/admin-token at its first start. */
export function readAdminToken(dataDir: string, authEnabled = true): string | null {
  return authEnabled ? readFileSync(join(dataDir, 'admin-token'), 'utf8').trim() : null;
}

/** Removes a test's DATA_DIR, first unmounting the scratch tmpfs a killed server left behind. */
export function removeDataDir(dir: string) {
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${dir}/`));
  for (const point of mounts) spawnSync('umount', ['-l', point]);
  rmSync(dir, { recursive: true, force: true });
}
