import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { Store } from '../db/store';
import type {
  CodegenMode,
  InvestigationMethod,
  InvestigationRow,
  InvestigationStatus,
  RunRow,
  InvestigationErrorCode,
  IssueSource,
  RunStatus,
  StatedClaim,
  SandboxMode,
} from '../db/schema';
import { checkOptions } from '../issueTypes/options';
import { closestIssueType, issueTypeModule } from '../issueTypes/registry';
import type { InvestigationPatchRow } from '../db/stores/investigationStore';
import { UNFINISHED_RUN_STATUSES } from '../db/stores/runStore';
import { ALL_TENANTS, type TenantScope } from '../db/stores/tenancy';
import type { DatasetService } from '../datasets/datasetService';
import { InputError, internalError, NotFoundError, StorageError } from '../errors';
import type { Logger } from '../logger';
import type { InvestigationOutcome, InvestigationPipeline, ProgressReporter } from '../pipeline/investigate';
import type { DatasetRef, IssueSpec } from '../pipeline/types';
import { checkClaim, judgeHypothesis } from '../pipeline/verdict';
import type { EventInput, RunJournal } from './journal';
import { newInvestigationRow, newRunRow } from './rows';
import { TenantSlots } from './tenantSlots';

export interface IssueInput {
  id?: string | null;
  /** The same as id, as Issue.clientId names it; takes precedence. */
  clientId?: string | null;
  type: string;
  description: string;
  affectedColumns: string[];
  /** Checked to be a JSON object, and against the type's option specs. */
  options?: unknown;
  source?: IssueSource | null;
  evidence?: unknown;
  claim?: StatedClaim | null;
}

export interface StartRunInput {
  /** The tenant the run belongs to; its dataset must be the tenant's. */
  tenantId: string;
  datasetId: string;
  issues: IssueInput[];
  concurrency?: number | null;
  codegen: CodegenMode;
  sandbox: SandboxMode;
  /** Code to run instead of generating it (one-issue reruns). */
  givenCode?: { code: string; method: InvestigationMethod };
  /** Which configured model writes code (STANDARD: CODEGEN_MODEL, FAST: CODEGEN_FAST_MODEL). */
  modelTier?: 'STANDARD' | 'FAST';
  /** A model id, as a rerun takes it from its original run. */
  model?: string | null;
  /** Bypass the LLM code cache. */
  fresh?: boolean | null;
  /** The client's name for the run. */
  label?: string | null;
}

export interface RunServiceOptions {
  defaultConcurrency: number;
  maxConcurrency: number;
  maxIssues: number;
  /** Which backends exist, to refuse modes that cannot run at all before a run is created. */
  llmConfigured: boolean;
  remoteSandboxConfigured: boolean;
  /** The models LLM code generation uses: STANDARD (the default) and FAST. */
  models: { STANDARD: string; FAST: string };
  /** Investigations of one tenant at once, over all its runs. */
  tenantConcurrency: number;
  /** The longest an investigation waits for one of its tenant's slots (QUEUE_TIMEOUT_S); then it fails TIMEOUT. */
  queueTimeoutMs: number;
}

export interface RunSummary {
  total: number;
  succeeded: number;
  failed: number;
  fallback: number;
  cancelled: number;
  pending: number;
  running: number;
  confirmed: number;
  refuted: number;
  inconclusive: number;
}

interface ActiveRun {
  abort: AbortController;
  done: Promise<void>;
  /** Set when the server stops before the run ends: it ends INTERRUPTED. */
  interrupted: boolean;
}

const MAX_LABEL_CHARS = 200;
const RECORD_RETRY_MS = 2000;
const UNRECORDED_MESSAGE =
  'The run could not be recorded (the server could not write to its database): it ends FAILED once the server can write again, or INTERRUPTED at its next start';
const INTERRUPTED_MESSAGE = 'The server stopped while this investigation was running';

/**
 * Runs: one investigation per issue, at most `concurrency` at a time, each through the pipeline; every
 * state change goes through the journal with its progress event. Also cancellation, shutdown, and the
 * recovery of runs a crash left unfinished.
 */
export class RunService {
  private readonly active = new Map<string, ActiveRun>();
  private readonly tenantSlots: TenantSlots;
  /** Runs whose failure could not be written yet, with the timer of the next try. */
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private accepting = true;

  constructor(
    private readonly store: Store,
    private readonly journal: RunJournal,
    private readonly datasets: DatasetService,
    private readonly pipeline: InvestigationPipeline,
    private readonly options: RunServiceOptions,
    private readonly logger: Logger,
  ) {
    this.tenantSlots = new TenantSlots(options.tenantConcurrency);
  }

  /** Creates the run and starts it; the returned row is the run as stored once it started or was queued. */
  async start(input: StartRunInput): Promise<RunRow> {
    if (!this.accepting) throw new InputError('The server is shutting down and accepts no new runs');
    const dataset = await this.datasets.get(input.datasetId, input.tenantId);
    const issues = this.checkInput(input);
    const concurrency = input.concurrency ?? this.options.defaultConcurrency;
    const run = newRunRow({
      tenantId: input.tenantId,
      datasetId: dataset.id,
      concurrency,
      codegen: input.codegen,
      sandbox: input.sandbox,
      llmModel:
        input.model ??
        (this.options.llmConfigured && input.codegen !== 'TEMPLATE' ? this.options.models[input.modelTier ?? 'STANDARD'] : null),
      fresh: input.fresh ?? false,
      label: input.label?.trim() || null,
    });
    const rows = issues.map((issue, position) => newInvestigationRow(run, issue, position));
    await this.store.runs.create(run, rows);

    const active: ActiveRun = { abort: new AbortController(), done: Promise.resolve(), interrupted: false };
    setMaxListeners(0, active.abort.signal); // one listener per running investigation
    this.active.set(run.id, active);
    let begun = () => {};
    const begin = new Promise<void>((resolve) => (begun = resolve));
    active.done = this.execute(run, rows, this.datasets.ref(dataset), input.givenCode, active, begun)
      .catch(async (err) => {
        active.abort.abort();
        await this.failUnexpectedly(run.id, err);
      })
      .finally(() => {
        begun();
        this.active.delete(run.id);
      });
    await begin;
    return this.get(run.id, ALL_TENANTS);
  }

  /** The run, if `scope` may see it; another tenant's is as absent as one that never existed. */
  async get(runId: string, scope: TenantScope): Promise<RunRow> {
    const run = await this.find(runId, scope);
    if (!run) throw new NotFoundError('Run', runId);
    return run;
  }

  find(runId: string, scope: TenantScope): Promise<RunRow | undefined> {
    return this.store.runs.byId(runId, scope);
  }

  /**
   * Runs an investigation again as a new one-investigation run of the same dataset and issue: with `code`
   * (method CUSTOM), or else with the code it ran. Resolves with the new investigation once it finished;
   * the original is untouched.
   */
  async rerun(tenantId: string, investigationId: string, code?: string | null): Promise<InvestigationRow> {
    const [original] = await this.store.investigations.byIds([investigationId], tenantId);
    if (!original) throw new NotFoundError('Investigation', investigationId);
    let givenCode: StartRunInput['givenCode'];
    if (code != null) {
      if (!code.trim()) throw new InputError('code must not be empty');
      givenCode = { code, method: 'CUSTOM' };
    } else if (original.code && original.method) {
      givenCode = { code: original.code, method: original.method };
    } else {
      throw new InputError(`Investigation ${investigationId} ran no code to run again; pass code`);
    }
    const previousRun = await this.get(original.runId, tenantId);
    const run = await this.start({
      tenantId,
      datasetId: original.datasetId,
      issues: [
        {
          id: original.issueId,
          type: original.issueType,
          description: original.issueDescription,
          affectedColumns: original.affectedColumns,
          options: original.issueOptions,
          source: original.issueSource,
          evidence: original.issueEvidence,
          claim: original.issueClaim,
        },
      ],
      concurrency: 1,
      codegen: previousRun.codegen,
      sandbox: previousRun.sandbox,
      model: previousRun.llmModel,
      givenCode,
    });
    await this.finished(run.id);
    return (await this.store.investigations.byRunIds([run.id]))[0]!;
  }

  /** Resolves once the run has finished (at once for a finished run). */
  async finished(runId: string): Promise<RunRow> {
    await this.active.get(runId)?.done;
    if (this.retries.has(runId)) throw new StorageError(UNRECORDED_MESSAGE);
    return this.get(runId, ALL_TENANTS);
  }

  /**
   * Stops a run: pending investigations never start, running sandboxes are killed, each ends CANCELLED and
   * so does the run. A finished run is returned unchanged.
   */
  async cancel(tenantId: string, runId: string): Promise<RunRow> {
    const run = await this.get(runId, tenantId);
    const active = this.active.get(runId);
    if (!active) return run;
    active.abort.abort();
    await this.endUnstarted(runId, 'PENDING', 'CANCELLED', 'Cancelled before it started', 'CANCELLED');
    await active.done;
    return this.get(runId, ALL_TENANTS);
  }

  /** Marks runs a previous process left unfinished as INTERRUPTED, keeping what they had finished. */
  async recoverInterrupted(): Promise<number> {
    const stale = await this.store.runs.unfinished();
    for (const run of stale) {
      await this.endUnstarted(run.id, 'PENDING', 'CANCELLED', 'The server stopped before this investigation started', 'INTERRUPTED');
      await this.endUnstarted(run.id, 'RUNNING', 'FAILED', INTERRUPTED_MESSAGE, 'INTERRUPTED');
      await this.finish(run.id, 'INTERRUPTED');
      this.logger.warn({ runId: run.id }, 'run interrupted by a previous shutdown');
    }
    return stale.length;
  }

  /** Waits up to `graceMs` for running runs, then interrupts the rest; new runs are refused from now on. */
  async shutdown(graceMs: number) {
    this.accepting = false;
    for (const timer of this.retries.values()) clearTimeout(timer); // left to the next start's recovery
    this.retries.clear();
    const all = () => Promise.all([...this.active.values()].map((a) => a.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all(), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    for (const active of this.active.values()) {
      active.interrupted = true;
      active.abort.abort();
    }
    await all();
  }

  private async execute(
    run: RunRow,
    investigations: InvestigationRow[],
    dataset: DatasetRef,
    givenCode: StartRunInput['givenCode'],
    active: ActiveRun,
    /** Called once the run is recorded as started or as queued. */
    begun: () => void,
  ) {
    const { signal } = active.abort;
    // The run stays QUEUED until its tenant has a free slot for its first investigation.
    let firstSlot = this.tenantSlots.tryAcquire(run.tenantId);
    if (!firstSlot) {
      const { active: running, waiting } = this.tenantSlots.state(run.tenantId);
      await this.journal.record(run.id, [
        {
          type: 'LOG',
          message: `Queued: this tenant already runs ${running} investigations, the most it may at once (TENANT_MAX_CONCURRENT_INVESTIGATIONS)${waiting ? `; ${waiting} waiting before this run` : ''}`,
          data: { queued: true, tenantRunning: running, ahead: waiting },
        },
      ]);
      begun();
      const waited = await this.tenantSlots.acquire(run.tenantId, signal, this.options.queueTimeoutMs);
      firstSlot = waited === 'granted';
      if (waited === 'timeout') {
        await this.endUnstarted(run.id, 'PENDING', 'FAILED', this.queueTimeoutMessage(), 'TIMEOUT');
        await this.finish(run.id, 'FAILED');
        return;
      }
    }
    if (signal.aborted) {
      if (firstSlot) this.tenantSlots.release(run.tenantId);
      await this.endUnstarted(run.id, 'PENDING', 'CANCELLED', active.interrupted ? 'The server stopped before this investigation started' : 'Cancelled before it started', active.interrupted ? 'INTERRUPTED' : 'CANCELLED');
      await this.finish(run.id, active.interrupted ? 'INTERRUPTED' : 'CANCELLED');
      return;
    }
    await this.journal.record(
      run.id,
      [
        {
          type: 'RUN_STARTED',
          message: `Investigating ${investigations.length} issue${investigations.length === 1 ? '' : 's'} in "${dataset.name}", ${run.concurrency} at a time`,
          data: { total: investigations.length, concurrency: run.concurrency, datasetId: dataset.id },
        },
      ],
      { run: { status: 'RUNNING', startedAt: new Date() } },
    );
    begun();
    const limit = pLimit(run.concurrency);
    // A failure to record (the disk full, the database broken) stops the run's other investigations, and
    // is raised only once they have all ended, so that nothing is recorded after the run's failure.
    const settled = await Promise.allSettled(
      investigations.map((inv, i) =>
        limit(async () => {
          const slot = i === 0 ? 'granted' : await this.tenantSlots.acquire(run.tenantId, signal, this.options.queueTimeoutMs);
          if (slot === 'aborted') return; // cancelled while waiting: cancel() ends it
          if (slot === 'timeout') return await this.endUnstarted(run.id, 'PENDING', 'FAILED', this.queueTimeoutMessage(), 'TIMEOUT', inv.id);
          try {
            await this.investigate(run, inv, dataset, givenCode, signal);
          } catch (err) {
            active.abort.abort();
            throw err;
          } finally {
            this.tenantSlots.release(run.tenantId);
          }
        }),
      ),
    );
    const broken = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (broken) throw broken.reason;
    if (active.interrupted) {
      await this.endUnstarted(run.id, 'PENDING', 'CANCELLED', 'The server stopped before this investigation started', 'INTERRUPTED');
    }
    const s = await this.summary(run.id);
    // A cancel or stop that came after every investigation had ended changes nothing.
    const outcome = s.succeeded === s.total ? 'SUCCEEDED' : s.succeeded === 0 ? 'FAILED' : 'PARTIAL';
    const stopped = active.interrupted ? 'INTERRUPTED' : 'CANCELLED';
    await this.finish(run.id, s.cancelled > 0 || (active.interrupted && s.failed > 0) ? stopped : outcome);
  }

  private async investigate(
    run: RunRow,
    inv: InvestigationRow,
    dataset: DatasetRef,
    givenCode: StartRunInput['givenCode'],
    signal: AbortSignal,
  ) {
    if (signal.aborted) return; // cancel() has already ended it
    const issue = issueOf(inv);
    await this.journal.record(
      run.id,
      [{ type: 'INVESTIGATION_STARTED', investigationId: inv.id, message: `Investigating ${issue.type}: ${issue.description}`, data: { issueId: issue.id, issueType: issue.type } }],
      { investigations: [{ id: inv.id, patch: { status: 'RUNNING', startedAt: new Date() } }] },
    );
    const reporter: ProgressReporter = {
      emit: async (type, message, data, patch) => {
        await this.journal.record(run.id, [{ type, message, investigationId: inv.id, data }], patch ? { investigations: [{ id: inv.id, patch }] } : {});
      },
    };
    let outcome: InvestigationOutcome;
    try {
      outcome = await this.pipeline.run(
        {
          issue,
          dataset,
          codegen: run.codegen,
          sandbox: run.sandbox,
          givenCode,
          model: run.llmModel ?? undefined,
          fresh: run.fresh,
          runId: run.id,
          signal,
        },
        reporter,
      );
    } catch (err) {
      const error = internalError((ref) => this.logger.error({ err, ref, investigationId: inv.id }, 'investigation pipeline threw')).message;
      outcome = { status: 'FAILED', error, errorCode: 'INTERNAL', method: null, code: null, output: null, attempts: 0, executionTimeMs: null, timings: {}, sample: null, validation: null, attemptLog: [], usage: null };
    }
    await this.recordOutcome(run.id, inv.id, issue, outcome, this.active.get(run.id)?.interrupted ?? false);
  }

  private async recordOutcome(runId: string, investigationId: string, issue: IssueSpec, o: InvestigationOutcome, interrupted: boolean) {
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
    await this.journal.record(runId, [{ ...event, investigationId }], { investigations: [{ id: investigationId, patch }] });
  }

  /**
   * A bug or a database error broke the run: end what is left FAILED so that no subscriber waits forever.
   * When even that cannot be written (the disk still full), subscribers are told at once and the run is
   * failed again every RECORD_RETRY_MS until it can be (or the next start marks it INTERRUPTED).
   */
  private async failUnexpectedly(runId: string, err: unknown, reason?: string) {
    reason ??= internalError((ref) => this.logger.error({ err, ref, runId }, 'run failed unexpectedly')).message;
    try {
      await this.endUnstarted(runId, 'PENDING', 'FAILED', reason, 'INTERNAL');
      await this.endUnstarted(runId, 'RUNNING', 'FAILED', reason, 'INTERNAL');
      if (UNFINISHED_RUN_STATUSES.includes((await this.get(runId, ALL_TENANTS)).status)) await this.finish(runId, 'FAILED');
      this.retries.delete(runId);
    } catch (again) {
      if (!this.retries.has(runId)) {
        this.logger.error({ err: again, runId }, `could not record the failed run; retrying every ${RECORD_RETRY_MS} ms`);
        this.journal.broken(runId, UNRECORDED_MESSAGE);
      }
      const timer = setTimeout(() => void this.failUnexpectedly(runId, again, reason), RECORD_RETRY_MS);
      timer.unref();
      this.retries.set(runId, timer);
    }
  }

  private queueTimeoutMessage() {
    return `Waited ${Math.round(this.options.queueTimeoutMs / 1000)} s (QUEUE_TIMEOUT_S) for one of this tenant's ${this.tenantSlots.limit} investigation slots (TENANT_MAX_CONCURRENT_INVESTIGATIONS) without getting one; start it again when fewer run`;
  }

  /** Ends the run's investigations still in `from` (or only `onlyId`) without running them, with one event each. */
  private async endUnstarted(runId: string, from: InvestigationStatus, to: 'CANCELLED' | 'FAILED', reason: string, errorCode: InvestigationErrorCode, onlyId?: string) {
    const rows = (await this.store.investigations.ofRunWithStatus(runId, [from])).filter((inv) => !onlyId || inv.id === onlyId);
    if (!rows.length) return;
    const ended = rows.map((inv) => ({ inv, verdict: judgeHypothesis(issueOf(inv), { status: to, output: null }) }));
    const finishedAt = new Date();
    await this.journal.record(
      runId,
      ended.map(({ inv, verdict }) => ({
        type: to === 'CANCELLED' ? 'INVESTIGATION_CANCELLED' : 'INVESTIGATION_FAILED',
        investigationId: inv.id,
        message: `${inv.issueType}: ${reason}`,
        data: { status: to, error: reason, errorCode, verdict },
      })),
      { investigations: ended.map(({ inv, verdict }) => ({ id: inv.id, patch: { status: to, error: reason, errorCode, verdict, finishedAt } })) },
    );
  }

  private async finish(runId: string, status: RunStatus) {
    const summary = await this.summary(runId);
    await this.journal.record(
      runId,
      [
        {
          type: 'RUN_FINISHED',
          message: `Run ${status.toLowerCase()}: ${summary.succeeded} of ${summary.total} investigations succeeded`,
          data: { status, summary },
        },
      ],
      { run: { status, finishedAt: new Date() } },
    );
  }

  async summary(runId: string): Promise<RunSummary> {
    return summarize(await this.store.investigations.byRunIds([runId]));
  }

  private checkInput(input: StartRunInput): IssueSpec[] {
    const { maxConcurrency, maxIssues } = this.options;
    if (input.issues.length === 0) throw new InputError('issues must list at least one issue');
    if (input.issues.length > maxIssues) throw new InputError(`A run takes at most ${maxIssues} issues; got ${input.issues.length}`);
    if (input.concurrency != null && (input.concurrency < 1 || input.concurrency > maxConcurrency)) {
      throw new InputError(`concurrency must be between 1 and ${maxConcurrency}; got ${input.concurrency}`);
    }
    if (input.codegen === 'LLM' && !this.options.llmConfigured) {
      throw new InputError('codegen LLM needs an LLM, and none is configured (set ANTHROPIC_API_KEY)');
    }
    if (input.sandbox === 'ANTHROPIC' && !this.options.remoteSandboxConfigured) {
      throw new InputError("sandbox ANTHROPIC needs Anthropic's code execution tool, and it is not configured (set ANTHROPIC_API_KEY)");
    }
    if (input.label != null && input.label.length > MAX_LABEL_CHARS) {
      throw new InputError(`label must be at most ${MAX_LABEL_CHARS} characters; got ${input.label.length}`, { field: 'label' });
    }
    const seen = new Set<string>();
    return input.issues.map((issue, i) => {
      const where = `issues[${i}]`;
      const type = issue.type.trim();
      if (!type) throw new InputError(`${where}.type must not be empty`, { field: `${where}.type` });
      const module = issueTypeModule(type);
      if (!module) {
        const meant = closestIssueType(type);
        if (meant) {
          throw new InputError(`${where}.type "${type}" is not a built-in issue type; did you mean "${meant}"?`, {
            field: `${where}.type`,
            suggestion: meant,
          });
        }
      }
      // An Issue sent back as it is has both: its clientId is the client's id, its id the service's.
      const [given, named] = issue.clientId?.trim() ? [issue.clientId.trim(), 'clientId'] : [issue.id?.trim(), 'id'];
      const id = given || `issue-${i + 1}`;
      if (seen.has(id)) throw new InputError(`${where}.${named} "${id}" is used by another issue of this run`, { field: `${where}.${named}` });
      seen.add(id);
      const columns = issue.affectedColumns;
      const repeated = columns.find((c, j) => columns.indexOf(c) !== j);
      if (repeated !== undefined) {
        throw new InputError(`${where}.affectedColumns lists "${repeated}" twice`, { field: `${where}.affectedColumns` });
      }
      const options = issue.options ?? null;
      if (options !== null && (typeof options !== 'object' || Array.isArray(options))) {
        throw new InputError(`${where}.options must be a JSON object; got ${JSON.stringify(options)}`, { field: `${where}.options` });
      }
      const spec: IssueSpec = {
        id,
        type,
        description: issue.description,
        affectedColumns: columns,
        options: options as Record<string, unknown> | null,
        ...(issue.source ? { source: issue.source } : {}),
        ...(issue.evidence != null ? { evidence: issue.evidence } : {}),
        ...(issue.claim ? { claim: checkClaim(issue.claim, module, `${where}.claim`) } : {}),
      };
      if (module) checkOptions(module, spec, where);
      return spec;
    });
  }
}

/** The issue an investigation checks, as the pipeline and the API see it. */
export function issueOf(inv: InvestigationRow): IssueSpec {
  return {
    id: inv.issueId,
    type: inv.issueType,
    description: inv.issueDescription,
    affectedColumns: inv.affectedColumns,
    options: inv.issueOptions ?? null,
    source: inv.issueSource,
    evidence: inv.issueEvidence ?? null,
    claim: inv.issueClaim ?? null,
  };
}

export function summarize(investigations: Pick<InvestigationRow, 'status' | 'method' | 'verdict'>[]): RunSummary {
  const count = (p: (i: (typeof investigations)[number]) => boolean) => investigations.filter(p).length;
  return {
    total: investigations.length,
    succeeded: count((i) => i.status === 'SUCCEEDED'),
    failed: count((i) => i.status === 'FAILED'),
    fallback: count((i) => i.status === 'SUCCEEDED' && i.method === 'HEURISTIC'),
    cancelled: count((i) => i.status === 'CANCELLED'),
    pending: count((i) => i.status === 'PENDING'),
    running: count((i) => i.status === 'RUNNING'),
    confirmed: count((i) => i.verdict?.status === 'CONFIRMED'),
    refuted: count((i) => i.verdict?.status === 'REFUTED'),
    inconclusive: count((i) => i.verdict?.status === 'INCONCLUSIVE'),
  };
}
