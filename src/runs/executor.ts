import type { DatasetService } from '../datasets/datasetService';
import type { InvestigationRow, InvestigationStatus, RunRow } from '../db/schema';
import type { Store } from '../db/store';
import type { InvestigationPatchRow } from '../db/stores/investigationStore';
import { ALL_TENANTS } from '../db/stores/tenancy';
import { internalError } from '../errors';
import type { Logger } from '../logger';
import type { InvestigationOutcome, InvestigationPipeline, ProgressReporter } from '../pipeline/investigate';
import type { IssueSpec } from '../pipeline/types';
import { judgeHypothesis } from '../pipeline/verdict';
import type { EventInput, RunJournal } from './journal';
import type { RunControl, RunControls } from './runControls';
import { issueOf } from './issues';
import type { TenantSlots } from './tenantSlots';

export const INTERRUPTED_MESSAGE = 'The server stopped while this investigation was running';

export interface ExecutorOptions {
  /** The longest an investigation waits for one of its tenant's slots (QUEUE_TIMEOUT_S); then it fails TIMEOUT. */
  queueTimeoutMs: number;
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

  /** The in-process queue: each investigation the journal queued starts at once, here. */
  dispatch(queued: InvestigationRow[]) {
    for (const inv of queued) {
      const control = this.controls.get(inv.runId);
      if (!control) {
        this.logger.error({ runId: inv.runId, investigationId: inv.id }, 'an investigation was queued for a run this process does not hold');
        continue;
      }
      const task: Promise<void> = this.execute(inv, control)
        .catch((err) => {
          // Recording failed (the disk full, the database broken): stop the run's other investigations here.
          control.broken ??= err;
          control.abort.abort();
        })
        .finally(() => {
          control.tasks.delete(task);
          if (!control.tasks.size && control.broken) this.onBroken(inv.runId, control.broken);
          this.controls.closeIfIdle(inv.runId);
        });
      control.tasks.add(task);
    }
  }

  private async execute(inv: InvestigationRow, control: RunControl) {
    const { signal } = control.abort;
    if (signal.aborted) return; // whoever stopped the run ends its open investigations
    const slot = this.controls.takeHeldSlot(control) ? 'granted' : await this.tenantSlots.acquire(inv.tenantId, signal, this.options.queueTimeoutMs);
    if (slot === 'aborted') return;
    if (slot === 'timeout') return void (await this.failWaiting(inv));
    try {
      if (signal.aborted) return;
      const issue = issueOf(inv);
      const claimed = await this.journal.record(
        inv.runId,
        [{ type: 'INVESTIGATION_STARTED', investigationId: inv.id, message: `Investigating ${issue.type}: ${issue.description}`, data: { issueId: issue.id, issueType: issue.type } }],
        { investigations: [{ id: inv.id, patch: { status: 'RUNNING', startedAt: new Date() }, ifStatus: ['PENDING'] }] },
      );
      if (!claimed.applied) return; // ended meanwhile (cancelled)
      const run = (await this.store.runs.byId(inv.runId, ALL_TENANTS))!;
      const outcome = await this.investigate(run, inv, issue, control);
      await this.recordOutcome(inv, issue, outcome, control.stoppedFor === 'INTERRUPTED');
    } finally {
      this.tenantSlots.release(inv.tenantId);
    }
  }

  private async investigate(run: RunRow, inv: InvestigationRow, issue: IssueSpec, control: RunControl): Promise<InvestigationOutcome> {
    const reporter: ProgressReporter = {
      emit: async (type, message, data, patch) => {
        await this.journal.record(run.id, [{ type, message, investigationId: inv.id, data }], patch ? { investigations: [{ id: inv.id, patch }] } : {});
      },
    };
    const dataset = this.datasets.ref(await this.datasets.get(run.datasetId, ALL_TENANTS));
    try {
      return await this.pipeline.run(
        {
          issue,
          dataset,
          codegen: run.codegen,
          sandbox: run.sandbox,
          givenCode: control.givenCode ?? undefined,
          model: run.llmModel ?? undefined,
          fresh: run.fresh,
          runId: run.id,
          signal: control.abort.signal,
        },
        reporter,
      );
    } catch (err) {
      const error = internalError((ref) => this.logger.error({ err, ref, investigationId: inv.id }, 'investigation pipeline threw')).message;
      return { status: 'FAILED', error, errorCode: 'INTERNAL', method: null, code: null, output: null, attempts: 0, executionTimeMs: null, timings: {}, sample: null, validation: null, attemptLog: [], usage: null };
    }
  }

  private async recordOutcome(inv: InvestigationRow, issue: IssueSpec, o: InvestigationOutcome, interrupted: boolean) {
    const status: InvestigationStatus = o.status === 'CANCELLED' && interrupted ? 'FAILED' : o.status;
    const wasInterrupted = status === 'FAILED' && interrupted && o.status === 'CANCELLED';
    const error = wasInterrupted ? INTERRUPTED_MESSAGE : o.error;
    const errorCode = wasInterrupted ? 'INTERRUPTED' : status === 'SUCCEEDED' ? null : o.errorCode;
    const verdict = judgeHypothesis(issue, { status, output: o.output });
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
    await this.journal.record(inv.runId, [{ ...event, investigationId: inv.id }], { investigations: [{ id: inv.id, patch }] });
  }

  private async failWaiting(inv: InvestigationRow) {
    const reason = queueTimeoutMessage(this.options.queueTimeoutMs, this.tenantSlots.limit);
    const verdict = judgeHypothesis(issueOf(inv), { status: 'FAILED', output: null });
    await this.journal.record(
      inv.runId,
      [{ type: 'INVESTIGATION_FAILED', investigationId: inv.id, message: `${inv.issueType}: ${reason}`, data: { status: 'FAILED', error: reason, errorCode: 'TIMEOUT', verdict } }],
      { investigations: [{ id: inv.id, patch: { status: 'FAILED', error: reason, errorCode: 'TIMEOUT', verdict, finishedAt: new Date() }, ifStatus: ['PENDING'] }] },
    );
  }
}

export function queueTimeoutMessage(queueTimeoutMs: number, tenantLimit: number) {
  return `Waited ${Math.round(queueTimeoutMs / 1000)} s (QUEUE_TIMEOUT_S) for one of this tenant's ${tenantLimit} investigation slots (TENANT_MAX_CONCURRENT_INVESTIGATIONS) without getting one; start it again when fewer run`;
}
