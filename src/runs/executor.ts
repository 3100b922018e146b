import type { ArtifactDraft } from '../artifacts/artifacts';
import type { DatasetLease, DatasetService } from '../datasets/datasetService';
import type { ArtifactRow, InvestigationRow, InvestigationStatus, RunRow } from '../db/schema';
import { setTimeout as delay } from 'node:timers/promises';
import type { InvestigationClaim, JournalChange, Store } from '../db/store';
import type { InvestigationPatchRow } from '../db/stores/investigationStore';
import { ALL_TENANTS } from '../db/stores/tenancy';
import { internalError } from '../errors';
import { newId } from '../util/ids';
import type { Logger } from '../logger';
import type { InvestigationOutcome, InvestigationPipeline, ProgressReporter } from '../pipeline/investigate';
import type { IssueSpec } from '../pipeline/types';
import { judgeHypothesis } from '../pipeline/verdict';
import type { EventInput, RunJournal } from './journal';
import type { RunControl, RunControls } from './runControls';
import { issueOf, previousStepOf } from './issues';
import type { TenantSlots } from './tenantSlots';

/** How often an investigation waiting for one of its tenant's slots (across processes) tries again. */
const TENANT_POLL_MS = 500;

export const INTERRUPTED_MESSAGE = 'The server stopped while this investigation was running';

export interface ExecutorOptions {
  /** The longest an investigation waits for one of its tenant's slots (QUEUE_TIMEOUT_S); then it fails TIMEOUT. */
  queueTimeoutMs: number;
  /** This process, as claims record it (WORKER_ID). */
  workerId: string;
  /** How many executors may take an investigation on before it fails (JOB_MAX_ATTEMPTS). */
  maxClaims: number;
  /**
   * Jobs come from a queue shared by processes (pg-boss), which tries a failed job again: an investigation
   * this process's stop interrupted, or whose end it could not write, is left for another worker. Alone
   * (in-process), it ends FAILED (INTERRUPTED) or the run fails.
   */
  sharedQueue: boolean;
}

/** What a queue carries: which investigation to execute. */
export interface InvestigationJob {
  runId: string;
  investigationId: string;
  tenantId: string;
}

export const jobOf = (inv: InvestigationRow): InvestigationJob => ({ runId: inv.runId, investigationId: inv.id, tenantId: inv.tenantId });

/** One claim of an investigation by this executor. */
interface Attempt {
  inv: InvestigationRow;
  issue: IssueSpec;
  /** The run as the claim found it. */
  run: RunRow;
  fence: { investigationId: string; claims: number };
  /** Aborts with the run (cancel, shutdown) or when a later claim fenced this one off. */
  signal: AbortSignal;
  /** Set once a later claim fenced this one off. */
  fenced: boolean;
  fenceOut(): void;
  /** Stops following the run's signal (the attempt is over). */
  release(): void;
}

/** A later claim took the investigation over: this attempt writes nothing more. */
export class FencedOutError extends Error {
  constructor(investigationId: string) {
    super(`investigation ${investigationId} was taken over by another worker`);
  }
}

/** This process stopped while the investigation ran; the queue gives it to another worker. */
export class InterruptedError extends Error {
  constructor(investigationId: string) {
    super(`investigation ${investigationId} was interrupted by this worker's shutdown`);
  }
}

/**
 * Executes one queued investigation: waits for one of its tenant's slots, claims it (PENDING → RUNNING,
 * only if nobody ended it meanwhile), runs the pipeline, records the outcome. Recording an end moves the
 * run's window (the journal queues the next investigation) and ends the run after its last one.
 */
export class InvestigationExecutor {
  constructor(
    private readonly store: Store,
    private readonly journal: RunJournal,
    private readonly datasets: DatasetService,
    private readonly pipeline: InvestigationPipeline,
    private readonly tenantSlots: TenantSlots,
    private readonly controls: RunControls,
    private readonly options: ExecutorOptions,
    /** Called once the run's investigations here have all ended after a failure to record one of them. */
    private readonly onBroken: (runId: string, err: unknown) => void,
    private readonly logger: Logger,
  ) {}

  /**
   * Executes one job: the handler of the in-process queue and of a worker's. Resolves when the investigation
   * ended (or another executor has it); rejects, with a shared queue, when the job should be tried again
   * (this process stopped, or could not write), and the failure is recorded elsewhere (onBroken) otherwise.
   */
  async run(job: InvestigationJob, jobSignal?: AbortSignal, queuedRow?: InvestigationRow): Promise<void> {
    const control = this.controls.open(job.runId, job.tenantId);
    const stopWithJob = () => this.controls.stop(job.runId, 'INTERRUPTED');
    jobSignal?.addEventListener('abort', stopWithJob, { once: true });
    const task: Promise<void> = this.execute(job, control, queuedRow);
    control.tasks.add(task);
    try {
      await task;
    } catch (err) {
      if (err instanceof FencedOutError) return void this.logger.warn({ investigationId: job.investigationId }, err.message);
      if (this.options.sharedQueue) throw err;
      // Recording failed (the disk full, the database broken): stop the run's other investigations here.
      control.broken ??= err;
      control.abort.abort();
    } finally {
      jobSignal?.removeEventListener('abort', stopWithJob);
      control.tasks.delete(task);
      if (!control.tasks.size && control.broken && !this.options.sharedQueue) this.onBroken(job.runId, control.broken);
      this.controls.closeIfIdle(job.runId);
    }
  }

  private async execute(job: InvestigationJob, control: RunControl, queuedRow?: InvestigationRow) {
    const { signal } = control.abort;
    if (signal.aborted) return; // whoever stopped the run ends its open investigations
    // Alone, this process counts its tenants' slots; with a shared queue, the claim counts them in the database.
    const local = !this.options.sharedQueue;
    if (local) {
      const slot = this.controls.takeHeldSlot(control) ? 'granted' : await this.tenantSlots.acquire(job.tenantId, signal, this.options.queueTimeoutMs);
      if (slot === 'aborted') return;
      if (slot === 'timeout') {
        const [inv] = await this.store.investigations.byIds([job.investigationId], ALL_TENANTS);
        if (inv) await this.waitedTooLong(inv);
        return;
      }
    }
    try {
      const waitingSince = Date.now();
      let toldWaiting = false;
      for (;;) {
        if (signal.aborted) return;
        // The in-process queue hands over the row as queued; the claim checks it is still so.
        const inv = (!toldWaiting && queuedRow) || (await this.store.investigations.byIds([job.investigationId], ALL_TENANTS))[0];
        if (!inv || (inv.status !== 'PENDING' && inv.status !== 'RUNNING')) return; // ended meanwhile
        const claimed = await this.claim(inv, local ? undefined : { tenantId: inv.tenantId, running: this.tenantSlots.limit });
        if (claimed === 'ended') return;
        if (claimed !== 'tenant-busy') return await this.carryOut(claimed, control);
        if (Date.now() - waitingSince >= this.options.queueTimeoutMs) return void (await this.waitedTooLong(inv));
        if (!toldWaiting) {
          toldWaiting = true;
          await this.journal.record(inv.runId, [
            {
              type: 'LOG',
              investigationId: inv.id,
              message: `Waiting: this tenant already runs ${this.tenantSlots.limit} investigations, the most it may at once (TENANT_MAX_CONCURRENT_INVESTIGATIONS)`,
              data: { queued: true, tenantRunning: this.tenantSlots.limit },
            },
          ]);
        }
        await delay(TENANT_POLL_MS, undefined, { signal }).catch(() => undefined);
      }
    } finally {
      if (local) this.tenantSlots.release(job.tenantId);
    }
  }

  /** Takes the investigation on (a retry after a lost executor says so first), or says why not. */
  private async claim(inv: InvestigationRow, tenantLimit: InvestigationClaim['tenantLimit']): Promise<Attempt | 'ended' | 'tenant-busy'> {
    const issue = issueOf(inv);
    if (inv.parentId) {
      const [parent] = await this.store.investigations.byIds([inv.parentId], inv.tenantId);
      if (parent) issue.previous = previousStepOf(parent);
    }
    if (inv.claims >= this.options.maxClaims) {
      await this.failUnclaimed(inv, `Lost its worker ${inv.claims} times (JOB_MAX_ATTEMPTS); not tried again`, 'INTERRUPTED');
      return 'ended';
    }
    const claims = inv.claims + 1;
    const retry: EventInput[] = inv.claims
      ? [{ type: 'LOG', investigationId: inv.id, message: `Attempt ${claims} of ${this.options.maxClaims}: taken over from worker ${inv.workerId ?? 'unknown'}, which stopped before finishing it`, data: { claims, previousWorker: inv.workerId } }]
      : [];
    const claimed = await this.journal.record(
      inv.runId,
      [...retry, { type: 'INVESTIGATION_STARTED', investigationId: inv.id, message: `Investigating ${issue.type}: ${issue.description}`, data: { issueId: issue.id, issueType: issue.type, workerId: this.options.workerId, claims } }],
      { claim: { investigationId: inv.id, seenClaims: inv.claims, workerId: this.options.workerId, tenantLimit } },
    );
    if (claimed.tenantBusy) return 'tenant-busy';
    if (!claimed.applied) return 'ended'; // another executor took it on, or it ended
    if (claimed.stopRequested) this.controls.stop(inv.runId, claimed.stopRequested);
    // The run's signal forwarded by hand: AbortSignal.any costs ~5 ms per investigation on Node 20 (measured).
    const own = new AbortController();
    const runSignal = this.controls.get(inv.runId)!.abort.signal;
    const forward = () => own.abort();
    if (runSignal.aborted) own.abort();
    else runSignal.addEventListener('abort', forward, { once: true });
    const attempt: Attempt = {
      inv,
      issue,
      run: claimed.run!,
      fence: { investigationId: inv.id, claims },
      signal: own.signal,
      fenced: false,
      fenceOut: () => {
        attempt.fenced = true;
        own.abort();
      },
      release: () => runSignal.removeEventListener('abort', forward),
    };
    return attempt;
  }

  /** Runs the claimed investigation and records its outcome. */
  private async carryOut(attempt: Attempt, control: RunControl) {
    try {
      const outcome = await this.investigate(attempt.run, attempt, control);
      if (attempt.fenced) throw new FencedOutError(attempt.inv.id);
      if (control.stoppedFor === 'INTERRUPTED' && this.options.sharedQueue) throw new InterruptedError(attempt.inv.id);
      await this.recordOutcome(attempt, outcome, control.stoppedFor === 'INTERRUPTED');
    } finally {
      attempt.release();
    }
  }

  /** Records through the journal as this attempt: nothing is written once a later claim fenced it off. */
  private async record(attempt: Attempt, events: EventInput[], change: JournalChange = {}) {
    const result = await this.journal.record(attempt.inv.runId, events, { ...change, fence: attempt.fence });
    if (!result.applied) {
      attempt.fenceOut();
      throw new FencedOutError(attempt.inv.id);
    }
    if (result.stopRequested) this.controls.stop(attempt.inv.runId, result.stopRequested);
    return result;
  }

  private async investigate(run: RunRow, attempt: Attempt, control: RunControl): Promise<InvestigationOutcome> {
    const { inv, issue } = attempt;
    const reporter: ProgressReporter = {
      emit: async (type, message, data, patch) => {
        await this.record(attempt, [{ type, message, investigationId: inv.id, data }], patch ? { investigations: [{ id: inv.id, patch }] } : {});
      },
    };
    control.dataset ??= await this.datasets.get(run.datasetId, ALL_TENANTS);
    let files: DatasetLease;
    try {
      files = await this.datasets.open(control.dataset);
    } catch (err) {
      return failedOutcome(internalError((ref) => this.logger.error({ err, ref, investigationId: inv.id, datasetId: run.datasetId }, "the dataset's files could not be read")).message);
    }
    const dataset = files.dataset;
    try {
      return await this.pipeline.run(
        {
          issue,
          dataset,
          codegen: run.codegen,
          sandbox: run.sandbox,
          givenCode: inv.givenCode ?? undefined,
          model: run.llmModel ?? undefined,
          fresh: run.fresh,
          charts: run.charts,
          runId: run.id,
          signal: attempt.signal,
        },
        reporter,
      );
    } catch (err) {
      if (err instanceof FencedOutError) throw err;
      return failedOutcome(internalError((ref) => this.logger.error({ err, ref, investigationId: inv.id }, 'investigation pipeline threw')).message);
    } finally {
      files.release();
    }
  }

  private async recordOutcome(attempt: Attempt, o: InvestigationOutcome, interrupted: boolean) {
    const { inv, issue } = attempt;
    const status: InvestigationStatus = o.status === 'CANCELLED' && interrupted ? 'FAILED' : o.status;
    const wasInterrupted = status === 'FAILED' && interrupted && o.status === 'CANCELLED';
    const error = wasInterrupted ? INTERRUPTED_MESSAGE : o.error;
    const errorCode = wasInterrupted ? 'INTERRUPTED' : status === 'SUCCEEDED' ? null : o.errorCode;
    const verdict = judgeHypothesis(issue, { status, output: o.output }, o.claim);
    const patch: InvestigationPatchRow = {
      status,
      method: o.method,
      code: o.code,
      output: o.output,
      error,
      errorCode,
      attempts: o.attempts,
      executionTimeMs: o.executionTimeMs,
      timings: o.timings,
      sample: o.sample,
      validation: o.validation,
      attemptLog: o.attemptLog,
      usage: o.usage,
      verdict,
      finishedAt: new Date(),
    };
    const event: EventInput =
      status === 'SUCCEEDED'
        ? {
            type: 'INVESTIGATION_SUCCEEDED',
            message: `${issue.type}: ${String(o.output?.affected_count)} of ${String(o.output?.rows_analyzed)} rows affected`,
            data: {
              status,
              method: o.method,
              affectedCount: o.output?.affected_count,
              affectedPercentage: o.output?.affected_percentage,
              attempts: o.attempts,
              usage: o.usage,
              timings: o.timings,
              verdict,
            },
          }
        : status === 'CANCELLED'
          ? { type: 'INVESTIGATION_CANCELLED', message: `${issue.type}: cancelled`, data: { status, verdict } }
          : { type: 'INVESTIGATION_FAILED', message: `${issue.type}: ${error}`, data: { status, error, errorCode, verdict } };
    const artifacts = status === 'SUCCEEDED' ? artifactRows(inv, o.artifacts ?? []) : [];
    await this.record(attempt, [{ ...event, investigationId: inv.id }], { investigations: [{ id: inv.id, patch }], artifacts });
  }

  /**
   * Ends an investigation nobody holds (no claim since `inv` was read: the fence) FAILED without running it:
   * it waited too long for a tenant slot, or lost its workers too often.
   */
  private async failUnclaimed(inv: InvestigationRow, reason: string, errorCode: 'TIMEOUT' | 'INTERRUPTED') {
    const verdict = judgeHypothesis(issueOf(inv), { status: 'FAILED', output: null });
    await this.journal.record(
      inv.runId,
      [{ type: 'INVESTIGATION_FAILED', investigationId: inv.id, message: `${inv.issueType}: ${reason}`, data: { status: 'FAILED', error: reason, errorCode, verdict } }],
      {
        fence: { investigationId: inv.id, claims: inv.claims },
        investigations: [{ id: inv.id, patch: { status: 'FAILED', error: reason, errorCode, verdict, finishedAt: new Date() }, ifStatus: ['PENDING', 'RUNNING'] }],
      },
    );
  }

  private waitedTooLong(inv: InvestigationRow) {
    return this.failUnclaimed(inv, queueTimeoutMessage(this.options.queueTimeoutMs, this.tenantSlots.limit), 'TIMEOUT');
  }
}

export function queueTimeoutMessage(queueTimeoutMs: number, tenantLimit: number) {
  return `Waited ${Math.round(queueTimeoutMs / 1000)} s (QUEUE_TIMEOUT_S) for one of this tenant's ${tenantLimit} investigation slots (TENANT_MAX_CONCURRENT_INVESTIGATIONS) without getting one; start it again when fewer run`;
}

function failedOutcome(error: string): InvestigationOutcome {
  return { status: 'FAILED', error, errorCode: 'INTERNAL', method: null, code: null, output: null, attempts: 0, executionTimeMs: null, timings: {}, sample: null, validation: null, attemptLog: [], usage: null };
}

function artifactRows(inv: InvestigationRow, drafts: ArtifactDraft[]): ArtifactRow[] {
  const createdAt = new Date();
  return drafts.map((d) => ({ ...d, id: newId('Artifact'), tenantId: inv.tenantId, investigationId: inv.id, createdAt }));
}
