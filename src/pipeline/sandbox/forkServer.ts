import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../../logger';
import type { DatasetRef, DroppedFile, ExecutionRequest, ExecutionResult, OutputFile, Sandbox, SandboxAvailability } from '../types';
import { ALLOWED_IMPORTS } from './allowlist';
import { APP_FILES, bwrapSpawnSpec, type DatasetStager } from './bwrap';
import { maxFileBytes, type ColdSandbox, type SandboxSettings } from './cold';
import { matplotlibFontCache } from './matplotlibCache';
import { collectOutputFiles, filesFromWorker, OUTPUT_DIR, type OutputLimits } from './outputFiles';
import { STDERR_LIMIT_BYTES, writeInputs } from './process';
import type { MemoryCgroups, RunCgroup } from './cgroups';
import { emptyExecution } from './executionResult';
import { childFilter, outerFilter, seccompSupported } from './seccomp';
import type { Slot, SandboxSlots } from './slots';

export interface PoolSettings {
  /** The most memory the warm servers may hold together (their measured RSS, plus room for children). */
  memoryBudgetBytes: number;
  /** A fork server unused this long is stopped. */
  idleMs: number;
  /** A fork server is replaced after this many runs. */
  recycleAfterRuns: number;
  /** The longest a fork server may take to load its dataset; past it, that dataset's scripts run cold. */
  startTimeoutMs: number;
}

const CHILD_ALLOWANCE_BYTES = 64 * 1024 * 1024;
const WATCHDOG_GRACE_MS = 3000;

/**
 * The warm local sandbox: per dataset, a fork server (python/zygote.py) in its own bubblewrap sandbox
 * that has pandas imported and the dataset parsed, and forks a child per script; scripts still call
 * `pd.read_csv("data.csv")` and get the loaded frame. Servers are started on demand, bounded by memory
 * (least recently used idle ones are stopped to make room), stopped when idle, replaced after a number
 * of runs or when broken. Whenever no server can take a script, it runs cold.
 */
export class ForkServerSandbox implements Sandbox {
  readonly name = 'bubblewrap (warm)';
  private readonly servers = new Map<string, ForkServer>();
  private readonly launching = new Map<string, Promise<ForkServer | null>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly childSeccomp = seccompSupported() ? childFilter() : null;
  /** Datasets whose fork server did not start within the scripts' time limit: they run cold. */
  private readonly tooSlow = new Set<string>();
  private readonly outerSeccomp = seccompSupported() ? outerFilter().bytes : null;

  constructor(
    private readonly settings: SandboxSettings,
    private readonly pool: PoolSettings,
    private readonly cold: ColdSandbox,
    private readonly slots: SandboxSlots,
    private readonly stager: DatasetStager,
    private readonly logger: Logger,
    /** Each fork server's memory, its children's included, accounted by the kernel where it can. */
    private readonly cgroups: MemoryCgroups | null = null,
    private readonly maxConcurrent = 1,
  ) {
    this.sweeper = setInterval(() => this.stopIdle(), Math.min(30_000, pool.idleMs)).unref();
  }

  availability(): Promise<SandboxAvailability> {
    return this.cold.availability();
  }

  /** What the pool holds now, for /health. */
  state() {
    return [...this.servers.values()].map((s) => ({
      datasetId: s.datasetId,
      state: s.state,
      rssMb: Math.round(s.rssBytes / 1048576),
      runs: s.runs,
      running: s.running,
    }));
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const server = await this.serverFor(request.dataset).catch((err) => {
      this.logger.warn({ err: String(err), datasetId: request.dataset.id }, 'fork server unavailable: running cold');
      return null;
    });
    if (!server) return this.cold.execute(request);
    try {
      return await server.execute(request.code, request.signal, request.trusted ?? false);
    } catch (err) {
      if (!(err instanceof ForkServerBroken)) throw err;
      this.discard(server);
      if (!err.scriptSent) {
        this.logger.warn({ err: err.message, datasetId: request.dataset.id }, 'fork server broke before the script was sent: rebuilding, running it cold');
        return this.cold.execute(request);
      }
      // The script may have broken it: it is not run a second time, and its investigation says what happened.
      this.logger.warn({ err: err.message, datasetId: request.dataset.id }, 'fork server broke while a script ran: rebuilding');
      return brokenWhileRunning(err.message);
    }
  }

  async dispose() {
    clearInterval(this.sweeper);
    await Promise.all([...this.servers.values()].map((s) => this.discard(s)));
  }

  private async serverFor(dataset: DatasetRef): Promise<ForkServer | null> {
    let server = this.servers.get(dataset.id);
    if (server && (server.state === 'broken' || (server.runs >= this.pool.recycleAfterRuns && server.running === 0))) {
      void this.discard(server);
      server = undefined;
    }
    if (!server && this.tooSlow.has(dataset.id)) return null;
    if (!server) {
      // One launch per dataset at a time: concurrent first requests wait for the same server.
      let launching = this.launching.get(dataset.id);
      if (!launching) {
        launching = this.launch(dataset).finally(() => this.launching.delete(dataset.id));
        this.launching.set(dataset.id, launching);
      }
      const launched = await launching;
      if (!launched) return null;
      server = launched;
    }
    try {
      await server.ready;
    } catch (err) {
      if (err instanceof ForkServerBroken && err.tooSlow) this.tooSlow.add(dataset.id);
      void this.discard(server);
      throw err;
    }
    return server;
  }

  private async launch(dataset: DatasetRef): Promise<ForkServer | null> {
    const estimate = await estimateBytes(dataset);
    if (!(await this.makeRoom(estimate))) {
      this.logger.info({ datasetId: dataset.id, estimateMb: Math.round(estimate / 1048576) }, 'no memory for a fork server');
      return null;
    }
    const slot = await this.slots.acquire();
    await slot.holdRunDirsOnly();
    // A directory for each trusted worker, which it empties after each template (what a chart left).
    const workerDirs = Array.from({ length: this.maxConcurrent }, (_, i) => `worker-${i}`);
    // Its dataset (estimated twice over), and each script it may run at once, its spare and each trusted
    // worker at SANDBOX_MEMORY_MB, with the scratch tmpfs of each (their pages count where they are written).
    const perScript = this.settings.memoryMb * 1048576 + (this.settings.scratchBytes ?? 0);
    const limit = 2 * estimate + (2 * this.maxConcurrent + 1) * perScript;
    const group = await this.cgroups?.create('forkserver', limit, slot).catch((err: unknown) => {
      this.logger.warn({ err: String(err) }, "could not create the fork server's memory cgroup: starting it without");
      return undefined;
    });
    const server = new ForkServer(dataset.id, slot, estimate, this.logger, group, this.maxConcurrent);
    this.servers.set(dataset.id, server);
    try {
      for (const dir of workerDirs) await slot.addRunDir(dir);
      const spec = bwrapSpawnSpec(this.settings, {
        slot,
        datasetPath: await this.stager.stage(dataset),
        appFiles: [APP_FILES.guard, APP_FILES.zygote, APP_FILES.trusted],
        fontCache: await matplotlibFontCache(this.settings.pythonBin),
        limits: { cpuSeconds: 24 * 3600, fileBytes: maxFileBytes(this.settings), openFiles: 1024, processes: 256 },
        seccomp: this.outerSeccomp,
        command: [this.settings.pythonBin, '-I', '-B', '/app/zygote.py'],
      });
      server.start(group ? { ...spec, ...group.wrap(spec.command, spec.args) } : spec, {
        child_seccomp: this.childSeccomp?.bytes.toString('base64') ?? null,
        pid_slots: this.childSeccomp?.pidSlots ?? [],
        allowed_imports: ALLOWED_IMPORTS,
        limits: this.childLimits(),
        output_limit: this.settings.outputLimitBytes,
        output_files: { max_files: this.settings.outputFiles.maxFiles, max_file_bytes: this.settings.outputFiles.maxFileBytes },
        worker_dirs: workerDirs,
      }, this.pool.startTimeoutMs);
    } catch (err) {
      await this.discard(server);
      throw err;
    }
    return server;
  }

  private childLimits() {
    return {
      timeout_ms: this.settings.timeoutMs,
      cpu_s: Math.ceil(this.settings.timeoutMs / 1000) + 1,
      as_bytes: this.settings.memoryMb * 1024 * 1024,
      fsize: maxFileBytes(this.settings),
      nofile: 64,
    };
  }

  /** Stops idle servers, least recently used first, until `bytes` more fit in the budget. */
  private async makeRoom(bytes: number): Promise<boolean> {
    // Each server also keeps one spare child ready, whose prefaulted pages count like a running one's, and
    // its trusted workers the pages they copied.
    const used = () => [...this.servers.values()].reduce((sum, s) => sum + s.rssBytes + CHILD_ALLOWANCE_BYTES * (s.running + 1 + s.workersStarted), 0);
    const idle = [...this.servers.values()].filter((s) => s.running === 0).sort((a, b) => a.lastUsed - b.lastUsed);
    while (used() + bytes > this.pool.memoryBudgetBytes && idle.length) await this.discard(idle.shift()!);
    return used() + bytes <= this.pool.memoryBudgetBytes;
  }

  private stopIdle() {
    const now = Date.now();
    for (const s of this.servers.values()) if (s.running === 0 && now - s.lastUsed > this.pool.idleMs) void this.discard(s);
  }

  private async discard(server: ForkServer) {
    if (this.servers.get(server.datasetId) === server) this.servers.delete(server.datasetId);
    await server.stop();
  }
}

class ForkServerBroken extends Error {
  /** It did not start within its deadline: its dataset runs cold from now on. */
  tooSlow?: boolean;
  /** It broke after the script was handed to it (so the script may have run, or broken it). */
  scriptSent?: boolean;
}

function brokenWhileRunning(reason: string): ExecutionResult {
  return emptyExecution({
    failure: {
      message: `The sandbox's fork server stopped while this script ran (${reason}); the script was not run again, and the fork server is rebuilt for later scripts`,
      codeMayFix: true,
    },
  });
}

interface Pending {
  resolve(result: ZygoteResult): void;
  reject(err: Error): void;
}

interface ZygoteResult {
  id: string;
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  ms: number;
  /** The trusted worker's scripts answer with their output (a forked child's is in its run directory). */
  stdout?: string;
  stderr?: string;
  stdout_truncated?: boolean;
  stderr_truncated?: boolean;
  files?: Parameters<typeof filesFromWorker>[0];
}

interface ScriptOutput {
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  files: OutputFile[];
  droppedFiles: DroppedFile[];
}

/** One fork server process and the runs it has in flight. */
class ForkServer {
  state: 'starting' | 'ready' | 'broken' | 'stopped' = 'starting';
  ready: Promise<void>;
  rssBytes: number;
  runs = 0;
  running = 0;
  lastUsed = Date.now();
  private process: ChildProcess | null = null;
  private readonly pending = new Map<string, Pending>();
  private settleReady: { resolve(): void; reject(err: Error): void } = { resolve: () => {}, reject: () => {} };
  private limits: { timeout_ms: number } = { timeout_ms: 60_000 };
  private outputLimit = 1 << 20;
  private outputFiles: OutputLimits = { maxFiles: 0, maxFileBytes: 0 };
  /** Without Landlock, children are not isolated from one another: run them one at a time. */
  private serial: Promise<unknown> | null = null;
  /** Templates the zygote's trusted workers run now: past `trustedWorkers`, a template is forked like any script. */
  private trustedRunning = 0;
  /** The most trusted workers it has had at once: each holds the pages it copied, and its parses. */
  workersStarted = 0;
  /** The run directory of the zygote's waiting spare child, if it has one ready. */
  private spareId: string | null = null;
  /** A run directory made for the next spare, until the zygote says the spare is ready in it. */
  private spareRequested: string | null = null;

  constructor(
    readonly datasetId: string,
    private readonly slot: Slot,
    estimateBytes: number,
    private readonly logger: Logger,
    private readonly memoryGroup?: RunCgroup,
    /** Trusted workers it may have (SANDBOX_MAX_CONCURRENT): one per script that may run at once. */
    private readonly trustedWorkers = 1,
  ) {
    this.rssBytes = estimateBytes;
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.ready.catch(() => {});
  }

  start(
    spec: ReturnType<typeof bwrapSpawnSpec>,
    settings: { limits: { timeout_ms: number }; output_limit: number; output_files: { max_files: number; max_file_bytes: number } } & Record<string, unknown>,
    startTimeoutMs: number,
  ) {
    this.limits = settings.limits;
    this.outputLimit = settings.output_limit;
    this.outputFiles = { maxFiles: settings.output_files.max_files, maxFileBytes: settings.output_files.max_file_bytes };
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      uid: spec.uid,
      gid: spec.gid,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', ...spec.inputs.map(() => 'pipe' as const)],
    });
    this.process = child;
    writeInputs(child, spec.inputs);
    child.stdin!.on('error', () => {});
    child.stdin!.write(`${JSON.stringify(settings)}\n`);
    let stderrTail = '';
    child.stderr!.on('data', (c: Buffer) => (stderrTail = (stderrTail + c.toString()).slice(-2000)));
    createInterface({ input: child.stdout! }).on('line', (line) => this.onMessage(line));
    child.on('exit', (code, signal) => {
      const reason = `the fork server exited (${signal ?? `code ${code}`})${stderrTail ? `: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`;
      if (this.state !== 'stopped') this.logger.warn({ datasetId: this.datasetId, reason }, 'fork server ended');
      this.fail(reason);
    });
    child.on('error', (err) => this.fail(`the fork server could not start: ${err.message}`));
    // Loading a dataset may take long (a very wide file): past the scripts' own time limit the server is
    // given up and scripts run cold, each within its limit, instead of waiting on it without end.
    const deadline = setTimeout(() => {
      if (this.state !== 'starting') return;
      this.logger.warn({ datasetId: this.datasetId, ms: startTimeoutMs }, 'fork server did not start in time');
      this.fail(`the fork server did not start within ${startTimeoutMs} ms`, { tooSlow: true });
    }, startTimeoutMs);
    deadline.unref();
    void this.ready.then(() => clearTimeout(deadline), () => clearTimeout(deadline));
  }

  async execute(code: string, signal: AbortSignal, trusted = false): Promise<ExecutionResult> {
    const run = () => (trusted && this.trustedRunning < this.trustedWorkers ? this.executeTrusted(code, signal) : this.executeForked(code, signal));
    if (this.serial) {
      const previous = this.serial;
      const mine = previous.catch(() => {}).then(run);
      this.serial = mine.catch(() => {});
      return mine;
    }
    return run();
  }

  /** A script of its own: a forked child (the waiting spare when there is one) in a run directory. */
  private async executeForked(code: string, signal: AbortSignal): Promise<ExecutionResult> {
    if (this.state !== 'ready') throw new ForkServerBroken(`the fork server is ${this.state}`);
    // The zygote keeps a spare child forked and isolated in a directory of its own: use it when there is one.
    const spare = this.spareId;
    this.spareId = null;
    const id = spare ?? randomBytes(12).toString('hex');
    try {
      return await this.track(id, signal, async () => {
        const dir = spare
          ? join(this.slot.dir, id)
          : await this.slot.addRunDir(id).catch((err: unknown) => {
              throw new ForkServerBroken(`could not make the script's scratch directory: ${String(err)}`);
            });
        await writeFile(join(dir, 'script.py'), code, { mode: 0o644 });
        return {
          message: { id, limits: this.limits },
          afterSend: () => void this.prepareSpare(),
          output: async () => {
            const [stdout, stderr, saved] = await Promise.all([
              readTail(join(dir, 'stdout'), this.outputLimit),
              readTail(join(dir, 'stderr'), Math.min(this.outputLimit, STDERR_LIMIT_BYTES)),
              collectOutputFiles(join(dir, OUTPUT_DIR), this.outputFiles),
            ]);
            return {
              stdout: stdout.text,
              stderr: stderr.text,
              stdoutTruncated: stdout.truncated,
              stderrTruncated: stderr.truncated,
              files: saved.files,
              droppedFiles: saved.dropped,
            };
          },
        };
      });
    } finally {
      // Off the answer's path: unmounting costs a few milliseconds, and nothing reads the directory again.
      void this.slot.removeRunDir(id);
    }
  }

  /** The service's own template: run by the zygote's trusted worker, which keeps the frame; output on the pipe. */
  private async executeTrusted(code: string, signal: AbortSignal): Promise<ExecutionResult> {
    if (this.state !== 'ready') throw new ForkServerBroken(`the fork server is ${this.state}`);
    const id = `trusted-${randomBytes(8).toString('hex')}`;
    this.trustedRunning += 1;
    this.workersStarted = Math.max(this.workersStarted, this.trustedRunning);
    try {
      return await this.track(id, signal, async () => ({
        message: { trusted: id, code, limits: this.limits },
        output: async (outcome) => {
          const saved = filesFromWorker(outcome.files, this.outputFiles);
          return {
            stdout: outcome.stdout ?? '',
            stderr: outcome.stderr ?? '',
            stdoutTruncated: outcome.stdout_truncated ?? false,
            stderrTruncated: outcome.stderr_truncated ?? false,
            files: saved.files,
            droppedFiles: saved.dropped,
          };
        },
      }));
    } finally {
      this.trustedRunning -= 1;
    }
  }

  /** Sends one script to the zygote and waits for its end: counted, cancellable, watched, its memory checked. */
  private async track(
    id: string,
    signal: AbortSignal,
    prepare: () => Promise<{ message: object; afterSend?: () => void; output: (outcome: ZygoteResult) => Promise<ScriptOutput> }>,
  ): Promise<ExecutionResult> {
    const started = performance.now();
    this.running += 1;
    this.runs += 1;
    this.lastUsed = Date.now();
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      this.send({ cancel: id });
    };
    try {
      const { message, afterSend, output } = await prepare();
      const result = new Promise<ZygoteResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
      const watchdog = setTimeout(() => {
        this.pending.get(id)?.reject(new ForkServerBroken('the fork server did not report the run in time'));
        void this.stop();
      }, this.limits.timeout_ms + WATCHDOG_GRACE_MS);
      this.send(message);
      afterSend?.();
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      const oomBefore = (await this.memoryGroup?.oomKills()) ?? 0;
      const outcome = await result
        .catch((err: unknown) => {
          if (err instanceof ForkServerBroken) err.scriptSent = true;
          throw err;
        })
        .finally(() => clearTimeout(watchdog));
      return {
        exitCode: outcome.exit_code,
        signal: outcome.signal,
        ...(await output(outcome)),
        timedOut: outcome.timed_out,
        cancelled,
        durationMs: performance.now() - started,
        // The kernel killed a process of this fork server for its memory while this script ran: this one.
        memoryExceeded: outcome.signal === 'SIGKILL' && !outcome.timed_out && ((await this.memoryGroup?.oomKills()) ?? 0) > oomBefore,
      };
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.pending.delete(id);
      this.running -= 1;
      this.lastUsed = Date.now();
    }
  }

  /** Gives the zygote a run directory of its own (a tmpfs where mounts work) to fork its next spare into. */
  private async prepareSpare() {
    if (this.state !== 'ready' || this.spareId || this.spareRequested) return;
    const id = `spare-${randomBytes(8).toString('hex')}`;
    this.spareRequested = id;
    try {
      await this.slot.addRunDir(id);
      if (this.state !== 'ready') throw new Error(`the fork server is ${this.state}`);
      this.send({ spare: id });
    } catch (err) {
      this.spareRequested = null;
      await this.slot.removeRunDir(id);
      if (this.state === 'ready') this.logger.warn({ datasetId: this.datasetId, err: String(err) }, 'no spare fork-server child');
    }
  }

  async stop() {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.fail('the fork server was stopped');
    const child = this.process;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await exited;
    }
    await this.memoryGroup?.remove();
    await this.slot.release();
  }

  private send(message: object) {
    this.process?.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  private onMessage(line: string) {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (this.state === 'starting') {
      if (message.ready) {
        this.state = 'ready';
        this.rssBytes = Number(message.rss_kb) * 1024;
        if (!message.landlock_abi) this.serial = Promise.resolve();
        this.logger.info(
          { datasetId: this.datasetId, loadMs: Math.round(Number(message.load_ms)), rssMb: Math.round(this.rssBytes / 1048576), landlockAbi: message.landlock_abi },
          'fork server ready',
        );
        this.settleReady.resolve();
        void this.prepareSpare();
      } else this.fail(String(message.error ?? 'the fork server did not start'));
      return;
    }
    if (typeof message.spare === 'string') {
      if (this.spareRequested === message.spare) {
        this.spareRequested = null;
        this.spareId = message.spare;
      }
      return;
    }
    if (typeof message.spare_gone === 'string') {
      // A spare that ended before it was used: the next one is made when a script next runs. Its directory
      // is removed here unless a script was already sent to it (the zygote then forks afresh there).
      const unused = this.spareId === message.spare_gone || this.spareRequested === message.spare_gone;
      if (this.spareId === message.spare_gone) this.spareId = null;
      if (this.spareRequested === message.spare_gone) this.spareRequested = null;
      if (unused) void this.slot.removeRunDir(message.spare_gone);
      this.logger.warn({ datasetId: this.datasetId, status: message.status, err: message.error }, 'a spare fork-server child ended unused');
      return;
    }
    const pending = this.pending.get(String(message.id));
    pending?.resolve(message as unknown as ZygoteResult);
  }

  private fail(reason: string, options: { tooSlow?: boolean } = {}) {
    if (this.state !== 'stopped') this.state = 'broken';
    this.settleReady.reject(Object.assign(new ForkServerBroken(reason), options));
    for (const p of this.pending.values()) p.reject(new ForkServerBroken(reason));
    this.pending.clear();
  }
}

/**
 * Reads at most the last `limit` bytes of a file the sandbox wrote, refusing anything but a regular file
 * (a script may replace its output with a symlink to a host path; O_NOFOLLOW makes that fail).
 */
async function readTail(path: string, limit: number): Promise<{ text: string; truncated: boolean }> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return { text: '', truncated: false };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { text: '', truncated: false };
    const length = Math.min(info.size, limit);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, info.size - length);
    return { text: buffer.toString('utf8'), truncated: info.size > limit };
  } finally {
    await handle.close();
  }
}

/** Before it reports its RSS: pandas itself, and a parsed frame of a few times the file's size. */
async function estimateBytes(dataset: DatasetRef): Promise<number> {
  const { size } = await stat(dataset.path);
  return 200 * 1024 * 1024 + size * 4;
}
