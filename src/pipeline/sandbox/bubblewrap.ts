import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, chown, copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import type { DatasetRef, ExecutionRequest, ExecutionResult, Sandbox, SandboxAvailability } from '../types';
import { runCaptured } from './process';

export interface BubblewrapOptions {
  pythonBin: string;
  bwrapBin: string;
  prlimitBin: string;
  timeoutMs: number;
  memoryMb: number;
  outputLimitBytes: number;
  /** The uid (and gid) scripts run as when the server runs as root. */
  uid: number;
  scratchDir?: string;
}

const SCRATCH_TMPFS_BYTES = 64 * 1024 * 1024;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const PROBE_SCRIPT = 'import numpy, pandas\nprint(\'{"pandas": "%s"}\' % pandas.__version__)\n';

/**
 * The local sandbox: each script runs in a fresh bubblewrap container with every namespace unshared (no
 * network), as an unprivileged uid, with an empty environment. It sees only /usr read-only, the few /etc
 * entries Python needs, its own scratch directory as /work (its cwd) and the dataset read-only as
 * /work/data.csv. prlimit bounds CPU time, address space, file size and open files (and processes when a
 * separate uid is used); a wall-clock timer kills the process group.
 *
 * As root, scripts run as SANDBOX_UID, which cannot read DATA_DIR; each dataset is staged once (a hard
 * link, or a copy across filesystems) into a directory only that uid's group can read.
 */
export class BubblewrapSandbox implements Sandbox {
  readonly name = 'bubblewrap';
  private readonly scratchRoot: string;
  private readonly asRoot = process.getuid?.() === 0;
  private probe: { at: number; failed: boolean; result: Promise<SandboxAvailability> } | null = null;
  private readonly staged = new Map<string, Promise<string>>();

  constructor(
    private readonly options: BubblewrapOptions,
    private readonly logger: Logger,
  ) {
    this.scratchRoot = options.scratchDir ?? join(tmpdir(), 'iterate-investigator-sandbox');
  }

  /** Checks once (again after 30 s when it failed) that bwrap runs and Python imports pandas inside. */
  availability(): Promise<SandboxAvailability> {
    if (!this.probe || (this.probe.failed && Date.now() - this.probe.at > 30_000)) {
      const probe = { at: Date.now(), failed: false, result: this.runProbe() };
      probe.result.then((r) => (probe.failed = !r.available));
      this.probe = probe;
    }
    return this.probe.result;
  }

  private async runProbe(): Promise<SandboxAvailability> {
    for (const [bin, pkg] of [
      [this.options.bwrapBin, 'bubblewrap'],
      [this.options.prlimitBin, 'util-linux'],
    ] as const) {
      try {
        execFileSync(bin, ['--version'], { stdio: 'ignore' });
      } catch {
        return {
          available: false,
          reason: `${bin} is not installed or not runnable: install it with "apt-get install ${pkg}" (Debian/Ubuntu)`,
        };
      }
    }
    const result = await this.execute({ code: PROBE_SCRIPT, dataset: null, signal: new AbortController().signal });
    if (result.exitCode === 0 && result.stdout.includes('pandas')) {
      const details = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
      this.logger.info({ ...details, startupMs: Math.round(result.durationMs) }, 'sandbox ready');
      return { available: true, details };
    }
    const stderr = result.stderr.trim().split('\n').slice(-3).join(' | ');
    const hint = /No module named/.test(stderr)
      ? `pandas is not importable by ${this.options.pythonBin}: install it with "apt-get install python3-pandas" or set PYTHON_BIN`
      : `the sandbox could not start Python (${this.options.pythonBin}): ${stderr || `exit code ${result.exitCode}`}`;
    this.logger.error({ stderr }, 'sandbox unavailable');
    return { available: false, reason: hint };
  }

  async execute(request: ExecutionRequest | (Omit<ExecutionRequest, 'dataset'> & { dataset: null })): Promise<ExecutionResult> {
    mkdirSync(this.scratchRoot, { recursive: true, mode: 0o711 });
    const datasetPath = request.dataset ? await this.stage(request.dataset) : null;
    const scratch = mkdtempSync(join(this.scratchRoot, 'run-'));
    try {
      writeFileSync(join(scratch, 'script.py'), request.code, { mode: 0o644 });
      if (this.asRoot) chownSync(scratch, this.options.uid, this.options.uid);
      return await runCaptured({
        command: this.options.prlimitBin,
        args: [...this.limitArgs(), '--', this.options.bwrapBin, ...this.bwrapArgs(scratch, datasetPath)],
        env: { PATH: '/usr/bin:/bin' },
        uid: this.asRoot ? this.options.uid : undefined,
        gid: this.asRoot ? this.options.uid : undefined,
        timeoutMs: this.options.timeoutMs,
        outputLimitBytes: this.options.outputLimitBytes,
        signal: request.signal,
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  /** Removes the staged copies of datasets. */
  async dispose() {
    const paths = await Promise.allSettled(this.staged.values());
    this.staged.clear();
    await Promise.all(paths.map((p) => (p.status === 'fulfilled' && this.asRoot ? rm(p.value, { force: true }) : null)));
  }

  /** A path to the dataset that the sandbox uid can read. */
  private stage(dataset: DatasetRef): Promise<string> {
    if (!this.asRoot) return Promise.resolve(dataset.path);
    let staged = this.staged.get(dataset.id);
    if (!staged) {
      staged = (async () => {
        const dir = join(this.scratchRoot, 'datasets');
        await mkdir(dir, { recursive: true, mode: 0o710 });
        await chown(dir, 0, this.options.uid);
        const target = join(dir, `${dataset.id}.csv`);
        const partial = `${target}.${process.pid}.partial`;
        await rm(partial, { force: true });
        await link(dataset.path, partial).catch(() => copyFile(dataset.path, partial));
        await chown(partial, 0, this.options.uid);
        await chmod(partial, 0o640);
        await rename(partial, target);
        return target;
      })();
      staged.catch(() => this.staged.delete(dataset.id));
      this.staged.set(dataset.id, staged);
    }
    return staged;
  }

  private limitArgs(): string[] {
    const o = this.options;
    const limits = [
      `--cpu=${Math.ceil(o.timeoutMs / 1000) + 1}`,
      `--as=${o.memoryMb * 1024 * 1024}`,
      `--fsize=${MAX_FILE_BYTES}`,
      '--nofile=256',
      '--core=0',
    ];
    // RLIMIT_NPROC counts every process of the real uid, so it is only meaningful for the sandbox's own uid.
    if (this.asRoot) limits.push('--nproc=256');
    return limits;
  }

  private bwrapArgs(scratch: string, datasetPath: string | null): string[] {
    return [
      '--unshare-all',
      '--unshare-user',
      '--disable-userns',
      '--die-with-parent',
      '--new-session',
      '--cap-drop', 'ALL',
      '--hostname', 'sandbox',
      '--clearenv',
      '--setenv', 'PATH', '/usr/bin',
      '--setenv', 'LANG', 'C.UTF-8',
      '--setenv', 'HOME', '/work',
      '--setenv', 'TMPDIR', '/tmp',
      '--setenv', 'OPENBLAS_NUM_THREADS', '1',
      '--setenv', 'OMP_NUM_THREADS', '1',
      '--setenv', 'MALLOC_ARENA_MAX', '2',
      '--ro-bind', '/usr', '/usr',
      '--symlink', 'usr/lib', '/lib',
      '--symlink', 'usr/lib64', '/lib64',
      '--symlink', 'usr/bin', '/bin',
      '--ro-bind-try', '/etc/alternatives', '/etc/alternatives',
      '--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache',
      '--ro-bind-try', '/etc/localtime', '/etc/localtime',
      '--proc', '/proc',
      '--dev', '/dev',
      '--remount-ro', '/dev',
      '--size', String(SCRATCH_TMPFS_BYTES), '--tmpfs', '/tmp',
      '--bind', scratch, '/work',
      ...(datasetPath ? ['--ro-bind', datasetPath, '/work/data.csv'] : []),
      '--chdir', '/work',
      '--',
      this.options.pythonBin, '-I', '-B', '/work/script.py',
    ];
  }
}
