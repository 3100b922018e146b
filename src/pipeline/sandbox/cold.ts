import { execFileSync } from 'node:child_process';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import type { ExecutionRequest, ExecutionResult, Sandbox, SandboxAvailability } from '../types';
import { ALLOWED_IMPORTS } from './allowlist';
import type { MemoryCgroups } from './cgroups';
import { APP_FILES, bwrapSpawnSpec, type DatasetStager, type Limits } from './bwrap';
import { matplotlibFontCache, type FontCache } from './matplotlibCache';
import { collectOutputFiles, OUTPUT_DIR, type OutputLimits } from './outputFiles';
import { runCaptured } from './process';
import { outerFilter, seccompSupported } from './seccomp';
import type { SandboxSlots } from './slots';

export interface SandboxSettings {
  pythonBin: string;
  bwrapBin: string;
  prlimitBin: string;
  timeoutMs: number;
  memoryMb: number;
  outputLimitBytes: number;
  /** Each script's scratch tmpfs (SANDBOX_SCRATCH_MB), counted in a fork server's memory limit. */
  scratchBytes?: number;
  /** The files (charts) kept from each script's output directory. */
  outputFiles: OutputLimits;
}

/** RLIMIT_FSIZE: no file a script writes (its captured output included) may pass twice the output cap. */
export const maxFileBytes = (settings: SandboxSettings) => 2 * settings.outputLimitBytes;
const PROBE_SCRIPT = 'import numpy, pandas\nprint(\'{"pandas": "%s"}\' % pandas.__version__)\n';
const PROBE_TIMEOUT_MS = 30_000;

/**
 * The cold local sandbox: a fresh interpreter in a fresh bubblewrap container per script (see
 * bwrap.ts for what it sees), under the outer seccomp filter, with CPU time, address space, file size,
 * open files and processes limited by prlimit, and a wall-clock timer that kills the process group.
 * Pays a full Python start, `import pandas` and CSV parse per script; the fork server avoids that.
 */
export class ColdSandbox implements Sandbox {
  readonly name = 'bubblewrap';
  private probe: { at: number; failed: boolean; result: Promise<SandboxAvailability> } | null = null;
  private readonly seccomp: Buffer | null;

  constructor(
    private readonly settings: SandboxSettings,
    private readonly slots: SandboxSlots,
    private readonly stager: DatasetStager,
    private readonly logger: Logger,
    /** Kernel accounting of all a run's memory, where the machine offers it. */
    private readonly cgroups: MemoryCgroups | null = null,
  ) {
    this.seccomp = seccompSupported() ? outerFilter({ unaccounted: cgroups === null }).bytes : null;
    if (!this.seccomp) logger.warn({ arch: process.arch }, 'no seccomp filter for this architecture');
  }

  /** Checks once (again after 30 s when it failed) that bwrap runs and Python imports pandas inside. */
  availability(): Promise<SandboxAvailability> {
    if (!this.probe || (this.probe.failed && Date.now() - this.probe.at > 30_000)) {
      const probe = { at: Date.now(), failed: false, result: this.runProbe() };
      void probe.result.then((r) => (probe.failed = !r.available));
      this.probe = probe;
    }
    return this.probe.result;
  }

  /** How a run's memory is accounted, for /health. */
  get memoryAccounting(): string {
    return this.cgroups?.mode ?? 'rlimit-as+seccomp';
  }

  limits(): Limits {
    return {
      cpuSeconds: Math.ceil(this.settings.timeoutMs / 1000) + 1,
      addressSpaceBytes: this.settings.memoryMb * 1024 * 1024,
      fileBytes: maxFileBytes(this.settings),
      openFiles: 256,
      processes: 64,
    };
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const fontCache = await matplotlibFontCache(this.settings.pythonBin);
    return this.run(request.code, await this.stager.stage(request.dataset), request.signal, this.settings.timeoutMs, fontCache);
  }

  /** timeoutMs: the script's limit; the probe gets more, so a tight SANDBOX_TIMEOUT_MS fails scripts, not the sandbox. */
  private async run(code: string, datasetPath: string | null, signal: AbortSignal, timeoutMs: number, fontCache: FontCache | null = null): Promise<ExecutionResult> {
    const slot = await this.slots.acquire();
    try {
      const script = join(slot.dir, 'script.py');
      await writeFile(script, code, { mode: 0o644 });
      await chown(script, slot.uid, slot.gid).catch(() => {});
      const output = join(slot.dir, OUTPUT_DIR);
      await mkdir(output, { mode: 0o755 });
      await chown(output, slot.uid, slot.gid).catch(() => {});
      const spec = bwrapSpawnSpec(this.settings, {
        slot,
        datasetPath,
        linkDatasetIntoWork: true,
        appFiles: [APP_FILES.guard],
        fontCache,
        limits: this.limits(),
        seccomp: this.seccomp,
        command: [
          this.settings.pythonBin, '-I', '-B', '/app/guard.py', ALLOWED_IMPORTS.join(','), '/work/script.py',
        ],
      });
      const group = await this.cgroups?.create('run', this.settings.memoryMb * 1048576, slot).catch((err: unknown) => {
        this.logger.warn({ err: String(err) }, 'could not create the run\'s memory cgroup: running it without');
        return undefined;
      });
      try {
        const result = await runCaptured({
          ...spec,
          ...(group ? group.wrap(spec.command, spec.args) : {}),
          timeoutMs,
          outputLimitBytes: this.settings.outputLimitBytes,
          signal,
        });
        if (group && (await group.oomKills()) > 0) result.memoryExceeded = true;
        const { files, dropped } = await collectOutputFiles(output, this.settings.outputFiles);
        return { ...result, files, droppedFiles: dropped };
      } finally {
        await group?.remove();
      }
    } finally {
      await slot.release();
    }
  }

  private async runProbe(): Promise<SandboxAvailability> {
    for (const [bin, pkg] of [
      [this.settings.bwrapBin, 'bubblewrap'],
      [this.settings.prlimitBin, 'util-linux'],
    ] as const) {
      try {
        execFileSync(bin, ['--version'], { stdio: 'ignore' });
      } catch {
        return {
          available: false,
          reason: `${bin} is not installed or not runnable: install it with "apt-get install ${pkg}" (Debian/Ubuntu), or set SANDBOX_BACKEND=unsafe-process for development only`,
        };
      }
    }
    const result = await this.run(PROBE_SCRIPT, null, new AbortController().signal, Math.max(this.settings.timeoutMs, PROBE_TIMEOUT_MS));
    if (result.exitCode === 0 && result.stdout.includes('pandas')) {
      const details = { ...(JSON.parse(result.stdout.trim()) as Record<string, unknown>), memoryAccounting: this.memoryAccounting };
      this.logger.info({ ...details, startupMs: Math.round(result.durationMs) }, 'sandbox ready');
      return { available: true, details };
    }
    const stderr = result.stderr.trim().split('\n').slice(-3).join(' | ');
    const reason = /No module named/.test(stderr)
      ? `pandas is not importable by ${this.settings.pythonBin}: install it with "apt-get install python3-pandas" or set PYTHON_BIN`
      : `the sandbox could not start Python (${this.settings.pythonBin}): ${stderr || `exit code ${result.exitCode}`}`;
    this.logger.error({ stderr }, 'sandbox unavailable');
    return { available: false, reason };
  }
}
