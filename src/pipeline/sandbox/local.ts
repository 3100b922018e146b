import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { processDirName, staleProcessDirs } from '../../util/processDirs';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ExecutionRequest, ExecutionResult, Sandbox } from '../types';
import { DatasetStager } from './bwrap';
import { MemoryCgroups } from './cgroups';
import { emptyExecution } from './executionResult';
import { ColdSandbox } from './cold';
import { ForkServerSandbox } from './forkServer';
import { NoLocalSandbox } from './none';
import { SandboxSlots } from './slots';
import { UnsafeProcessSandbox } from './unsafeProcess';

export interface LocalSandbox extends Sandbox {
  dispose(): Promise<void>;
  /** What /health shows of the warm pool. */
  state?(): unknown;
  /** What /health shows of the scripts running and waiting for a sandbox. */
  admission?(): unknown;
}

/**
 * The role's local sandbox (none for an API server) with its start-up probe begun: the probe, a cold
 * Python importing pandas (about 0.6 s), is the slowest step of a start, so it runs while the rest loads.
 */
export async function openLocalSandbox(config: Config, logger: Logger): Promise<LocalSandbox> {
  const sandbox = config.role === 'api' ? new NoLocalSandbox() : await createLocalSandbox(config.sandbox, logger.child({ component: 'sandbox' }));
  void sandbox.availability();
  return sandbox;
}

/** Disposes it once its probe ended: a stop right after the start must not leave the probe's sandbox running (its scratch mounted). */
export async function closeLocalSandbox(sandbox: LocalSandbox) {
  await sandbox.availability().catch(() => undefined);
  await sandbox.dispose();
}

/** The local sandbox the configuration asks for: warm fork servers over cold bubblewrap (default). */
export async function createLocalSandbox(config: Config['sandbox'], logger: Logger): Promise<LocalSandbox> {
  const admission = { maxConcurrent: config.maxConcurrent, queueTimeoutMs: config.queueTimeoutMs };
  if (config.backend === 'unsafe-process') return new Managed(new UnsafeProcessSandbox(config, logger), async () => {}, admission);
  const root = config.scratchDir ?? join(tmpdir(), 'iterate-investigator-sandbox');
  const slots = new SandboxSlots(
    { root, baseUid: config.uid, scratchBytes: config.scratchBytes, scratchFiles: config.scratchFiles, pythonBin: config.pythonBin },
    logger,
  );
  await slots.removeStale();
  // Staged copies of datasets a killed process left behind are removed; each process stages in its own dir.
  const staging = join(root, 'datasets');
  for (const stale of await staleProcessDirs(staging)) await rm(stale, { recursive: true, force: true });
  const stager = new DatasetStager(join(staging, processDirName()), slots.gid);
  const cgroups = await MemoryCgroups.detect(`iterate-investigator-${process.pid}`);
  if ('unavailable' in cgroups) logger.warn({ reason: cgroups.unavailable }, 'no memory cgroups: a cold run is limited by RLIMIT_AS and seccomp alone');
  const accounting = 'unavailable' in cgroups ? null : cgroups;
  const cold = new ColdSandbox(config, slots, stager, logger, accounting);
  const release = async () => {
    await stager.dispose();
    await slots.dispose();
    await accounting?.dispose();
  };
  if (!config.warm) return new Managed(cold, release, admission);
  const warm = new ForkServerSandbox(config, config.pool, cold, slots, stager, logger, accounting, config.maxConcurrent);
  return new Managed(
    warm,
    async () => {
      await warm.dispose();
      await release();
    },
    admission,
  );
}

/**
 * A sandbox together with what must be released when the server stops, and the server-wide admission of
 * scripts: at most SANDBOX_MAX_CONCURRENT run at once, whatever the runs and their concurrency (each may
 * hold SANDBOX_MEMORY_MB); the others wait in arrival order, at most QUEUE_TIMEOUT_S, and a script
 * cancelled or timed out while waiting never runs.
 */
class Managed implements LocalSandbox {
  readonly name: string;
  private readonly admit: LimitFunction;
  private readonly queueTimeoutMs: number;
  constructor(
    private readonly inner: Sandbox & { state?(): unknown },
    readonly dispose: () => Promise<void>,
    admission: { maxConcurrent: number; queueTimeoutMs: number },
  ) {
    this.name = inner.name;
    this.admit = pLimit(admission.maxConcurrent);
    this.queueTimeoutMs = admission.queueTimeoutMs;
  }
  availability() {
    return this.inner.availability();
  }
  execute(request: ExecutionRequest): Promise<ExecutionResult> {
    if (this.admit.activeCount >= this.admit.concurrency) request.onQueued?.(this.admit.pendingCount + 1);
    // Waiting ends when a sandbox is free, the deadline passes or the script is cancelled; a script whose
    // wait ended otherwise leaves at once when its turn comes.
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    let onAbort = () => {};
    const stopWaiting = new Promise<ExecutionResult>((resolve) => {
      const end = (result: ExecutionResult) => {
        gaveUp = true;
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onAbort);
        resolve(result);
      };
      timer = setTimeout(() => end(queueTimedOut(this.queueTimeoutMs, this.admit.concurrency)), this.queueTimeoutMs);
      onAbort = () => end(cancelledBeforeStart());
      request.signal.addEventListener('abort', onAbort, { once: true });
    });
    const admitted = this.admit(() => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      if (gaveUp) return Promise.resolve(cancelledBeforeStart());
      return request.signal.aborted ? Promise.resolve(cancelledBeforeStart()) : this.inner.execute(request);
    });
    return Promise.race([admitted, stopWaiting]);
  }
  /** What /health shows: the scripts running and waiting. */
  admission() {
    return { running: this.admit.activeCount, waiting: this.admit.pendingCount, max: this.admit.concurrency };
  }
  state() {
    return this.inner.state?.();
  }
}

function queueTimedOut(timeoutMs: number, maxConcurrent: number): ExecutionResult {
  return emptyExecution({
    failure: {
      message: `The script waited ${Math.round(timeoutMs / 1000)} s (QUEUE_TIMEOUT_S) for a sandbox without getting one: ${maxConcurrent} scripts run at once (SANDBOX_MAX_CONCURRENT, SANDBOX_MAX_MEMORY_MB) and others were ahead`,
      codeMayFix: false,
    },
  });
}

function cancelledBeforeStart(): ExecutionResult {
  return emptyExecution({ cancelled: true });
}
