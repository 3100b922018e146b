import type { Store } from '../db/store';
import type {
  CodegenMode,
  InvestigationErrorCode,
  InvestigationMethod,
  InvestigationRow,
  InvestigationStatus,
  IssueSource,
  RunRow,
  RunStopReason,
  SandboxMode,
  StatedClaim,
} from '../db/schema';
import { checkOptions } from '../issueTypes/options';
import { closestIssueType, issueTypeModule } from '../issueTypes/registry';
import { UNFINISHED_RUN_STATUSES } from '../db/stores/runStore';
import { ALL_TENANTS, type TenantScope } from '../db/stores/tenancy';
import type { DatasetService } from '../datasets/datasetService';
import { InputError, internalError, NotFoundError, StorageError } from '../errors';
import type { Logger } from '../logger';
import type { IssueSpec } from '../pipeline/types';
import { checkClaim, judgeHypothesis } from '../pipeline/verdict';
import { INTERRUPTED_MESSAGE, queueTimeoutMessage } from './executor';
import { issueOf } from './issues';
import type { EventInput, RunJournal } from './journal';
import type { RunControl, RunControls } from './runControls';
import { newInvestigationRow, newRunRow } from './rows';
import type { TenantSlots } from './tenantSlots';
import { runFinishedEvent, summarize } from './window';

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
  /** The investigation the run's one issue follows up (followUp). */
  parentId?: string;
  /** Which configured model writes code (STANDARD: CODEGEN_MODEL, FAST: CODEGEN_FAST_MODEL). */
  modelTier?: 'STANDARD' | 'FAST';
  /** A model id, as a rerun takes it from its original run. */
  model?: string | null;
  /** Bypass the LLM code cache. */
  fresh?: boolean | null;
  /** Whether the templates draw their charts (default: CHARTS). */
  charts?: boolean | null;
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
  /** Whether the templates draw their charts unless a run says otherwise (CHARTS). */
  charts: boolean;
  /** The longest an investigation waits for one of its tenant's slots (QUEUE_TIMEOUT_S); then it fails TIMEOUT. */
  queueTimeoutMs: number;
  /**
   * Investigations go to a queue that workers share (DATABASE_URL): a run starts at once (workers wait for
   * tenant slots), and this process's stop interrupts nothing but its own work, which other workers take on.
   */
  sharedQueue: boolean;
}

interface Dependencies {
  store: Store;
  journal: RunJournal;
  datasets: DatasetService;
  /** The runs this process works on; the executor shares them. */
  controls: RunControls;
  tenantSlots: TenantSlots;
  /** Resolves once the run has ended (a stream of its events to RUN_FINISHED). */
  waitForEnd: (runId: string, afterSeq: number) => Promise<void>;
  /** Tells every process that the run was cancelled (the event bus). */
  sendCancel: (runId: string) => Promise<void>;
  logger: Logger;
}

const MAX_LABEL_CHARS = 200;
const RECORD_RETRY_MS = 2000;
/** How often an entry ending a run's open investigations is tried again when one of them changed meanwhile. */
const END_OPEN_TRIES = 20;
const UNRECORDED_MESSAGE =
  'The run could not be recorded (the server could not write to its database): it ends FAILED once the server can write again, or INTERRUPTED at its next start';
const NOT_STARTED_MESSAGE = 'The server stopped before this investigation started';

/**
 * Runs, on the side of the API: checks and creates a run, starts it (or queues it while its tenant has no
 * free slot), cancels it, waits for it, and stops or recovers runs at shutdown and start. The run's window
 * (which investigations go next) and its end live in the journal (runs/window.ts); the executor runs each
 * investigation the window lets go.
 */
export class RunService {
  /** Runs whose failure could not be written yet, with the timer of the next try. */
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private accepting = true;
  private readonly store: Store;
  private readonly journal: RunJournal;
  private readonly datasets: DatasetService;
  private readonly controls: RunControls;
  private readonly tenantSlots: TenantSlots;
  private readonly logger: Logger;

  constructor(
    private readonly deps: Dependencies,
    private readonly options: RunServiceOptions,
  ) {
    ({ store: this.store, journal: this.journal, datasets: this.datasets, controls: this.controls, tenantSlots: this.tenantSlots, logger: this.logger } = deps);
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
      charts: input.charts ?? this.options.charts,
      label: input.label?.trim() || null,
    });
    const rows = issues.map((issue, position) => newInvestigationRow(run, issue, position, input.givenCode ?? null, input.parentId ?? null));
    await this.store.runs.create(run, rows);

    if (this.options.sharedQueue) {
      await this.begin(run, rows.length, dataset.name).catch((err) => this.failUnexpectedly(run.id, err));
      return this.get(run.id, ALL_TENANTS);
    }
    const control = this.controls.open(run.id, run.tenantId);
    control.dataset = dataset;
    try {
      if (this.tenantSlots.tryAcquire(run.tenantId)) {
        control.heldSlot = true;
        await this.begin(run, rows.length, dataset.name);
      } else {
        // The run stays QUEUED until its tenant has a free slot for its first investigation.
        const { active: running, waiting } = this.tenantSlots.state(run.tenantId);
        await this.journal.record(run.id, [
          {
            type: 'LOG',
            message: `Queued: this tenant already runs ${running} investigations, the most it may at once (TENANT_MAX_CONCURRENT_INVESTIGATIONS)${waiting ? `; ${waiting} waiting before this run` : ''}`,
            data: { queued: true, tenantRunning: running, ahead: waiting },
          },
        ]);
        void this.beginWhenSlotFree(run, rows.length, dataset.name, control);
      }
    } catch (err) {
      control.abort.abort();
      this.controls.closeIfIdle(run.id);
      await this.failUnexpectedly(run.id, err);
    }
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
   * (method CUSTOM), or else with the code it ran. Resolves with the new investigation as it started (its run
   * says when it ends); the original is untouched.
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
      charts: previousRun.charts,
      givenCode,
      // A rerun of a follow-up follows up the same investigation.
      parentId: original.parentId ?? undefined,
    });
    return (await this.store.investigations.byRunIds([run.id]))[0]!;
  }

  /**
   * Starts, in a new run on the same dataset, an investigation of `issue` that follows up `parentId`: its
   * code gets the parent's issue and result as context (the pipeline's IssueSpec.previous), and the two are
   * linked (parent, children). The parent must have succeeded: its result is the starting point. Resolves
   * with the follow-up as it started.
   */
  async followUp(tenantId: string, parentId: string, issue: IssueInput, options: { codegen?: CodegenMode | null } = {}): Promise<InvestigationRow> {
    const [parent] = await this.store.investigations.byIds([parentId], tenantId);
    if (!parent) throw new NotFoundError('Investigation', parentId);
    if (parent.status !== 'SUCCEEDED') {
      throw new InputError(`Investigation ${parentId} has not succeeded (it is ${parent.status}): a follow-up starts from its result`);
    }
    const parentRun = await this.get(parent.runId, tenantId);
    const run = await this.start({
      tenantId,
      datasetId: parent.datasetId,
      issues: [issue],
      concurrency: 1,
      codegen: options.codegen ?? parentRun.codegen,
      sandbox: parentRun.sandbox,
      model: parentRun.llmModel,
      charts: parentRun.charts,
      parentId: parent.id,
    });
    return (await this.store.investigations.byRunIds([run.id]))[0]!;
  }

  /** Resolves once the run has finished (at once for a finished run). */
  async finished(runId: string): Promise<RunRow> {
    const run = await this.get(runId, ALL_TENANTS);
    if (this.retries.has(runId)) throw new StorageError(UNRECORDED_MESSAGE);
    if (UNFINISHED_RUN_STATUSES.includes(run.status)) await this.deps.waitForEnd(runId, run.lastSeq);
    await this.controls.get(runId)?.idle;
    return this.get(runId, ALL_TENANTS);
  }

  /**
   * Stops a run: pending investigations never start, running sandboxes are killed, each ends CANCELLED and
   * so does the run. A finished run is returned unchanged.
   */
  async cancel(tenantId: string, runId: string): Promise<RunRow> {
    const run = await this.get(runId, tenantId);
    if (!UNFINISHED_RUN_STATUSES.includes(run.status)) return run;
    await this.endOpen(runId, ['PENDING'], 'CANCELLED', 'Cancelled before it started', 'CANCELLED', 'CANCELLED');
    await this.deps.sendCancel(runId);
    return this.finished(runId);
  }

  /** Marks runs a previous process left unfinished as INTERRUPTED, keeping what they had finished. */
  async recoverInterrupted(): Promise<number> {
    const stale = await this.store.runs.unfinished();
    for (const run of stale) {
      await this.endOpen(run.id, ['PENDING'], 'CANCELLED', NOT_STARTED_MESSAGE, 'INTERRUPTED', 'INTERRUPTED');
      await this.endOpen(run.id, ['RUNNING'], 'FAILED', INTERRUPTED_MESSAGE, 'INTERRUPTED', 'INTERRUPTED');
      this.logger.warn({ runId: run.id }, 'run interrupted by a previous shutdown');
    }
    return stale.length;
  }

  /**
   * Waits up to `graceMs` for what runs here, then interrupts the rest (alone: the runs end INTERRUPTED;
   * with a shared queue: the investigations are left for other workers); new runs are refused from now on.
   */
  async shutdown(graceMs: number) {
    this.accepting = false;
    for (const timer of this.retries.values()) clearTimeout(timer); // left to the next start's recovery
    this.retries.clear();
    const all = () => Promise.all(this.controls.all().map((c) => c.idle));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all(), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    for (const control of this.controls.all()) {
      if (this.options.sharedQueue) {
        this.controls.stop(control.runId, 'INTERRUPTED'); // its jobs fail, and other workers take them on
        continue;
      }
      await this.endOpen(control.runId, ['PENDING'], 'CANCELLED', NOT_STARTED_MESSAGE, 'INTERRUPTED', 'INTERRUPTED').catch((err) =>
        this.logger.error({ err, runId: control.runId }, 'could not record the interruption of a run'),
      );
      this.controls.stop(control.runId, 'INTERRUPTED');
      this.controls.closeIfIdle(control.runId);
    }
    await all();
  }

  /** RUN_STARTED: the run's window then queues its first investigations, which the executor runs. */
  private async begin(run: RunRow, total: number, datasetName: string) {
    await this.journal.record(
      run.id,
      [
        {
          type: 'RUN_STARTED',
          message: `Investigating ${total} issue${total === 1 ? '' : 's'} in "${datasetName}", ${run.concurrency} at a time`,
          data: { total, concurrency: run.concurrency, datasetId: run.datasetId },
        },
      ],
      { run: { status: 'RUNNING', startedAt: new Date() } },
    );
  }

  private async beginWhenSlotFree(run: RunRow, total: number, datasetName: string, control: RunControl) {
    try {
      const waited = await this.tenantSlots.acquire(run.tenantId, control.abort.signal, this.options.queueTimeoutMs);
      if (waited === 'granted') {
        control.heldSlot = true;
        if (control.abort.signal.aborted) return; // stopped meanwhile: whoever stopped it ended it
        await this.begin(run, total, datasetName);
      } else if (waited === 'timeout') {
        await this.endOpen(run.id, ['PENDING'], 'FAILED', queueTimeoutMessage(this.options.queueTimeoutMs, this.tenantSlots.limit), 'TIMEOUT');
      }
    } catch (err) {
      control.abort.abort();
      await this.failUnexpectedly(run.id, err);
    } finally {
      this.controls.closeIfIdle(run.id);
    }
  }

  /**
   * A bug or a database error broke the run: end what is left FAILED so that no subscriber waits forever.
   * When even that cannot be written (the disk still full), subscribers are told at once and the run is
   * failed again every RECORD_RETRY_MS until it can be (or the next start marks it INTERRUPTED).
   */
  async failUnexpectedly(runId: string, err: unknown, reason?: string) {
    reason ??= internalError((ref) => this.logger.error({ err, ref, runId }, 'run failed unexpectedly')).message;
    try {
      const run = await this.get(runId, ALL_TENANTS);
      if (UNFINISHED_RUN_STATUSES.includes(run.status)) {
        const all = await this.store.investigations.byRunIds([runId]);
        const open = all.filter((i) => i.status === 'PENDING' || i.status === 'RUNNING');
        const summary = summarize(all.map((i) => (open.includes(i) ? { ...i, status: 'FAILED' as const } : i)));
        const { type, message, data } = runFinishedEvent(runId, 'FAILED', summary, new Date());
        await this.journal.record(
          runId,
          [...this.endEvents(open, 'FAILED', reason, 'INTERNAL'), { type, message, data }],
          { run: { status: 'FAILED', finishedAt: new Date() }, investigations: this.endPatches(open, 'FAILED', reason, 'INTERNAL') },
        );
      }
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

  /**
   * Ends the run's investigations still in `from` without running them, with one event each, in one entry
   * (asking the run to stop, when `stop` is given). An investigation that changed meanwhile (claimed by an
   * executor) makes the entry write nothing, and it is tried again with the run's state as it is then.
   */
  private async endOpen(runId: string, from: InvestigationStatus[], to: 'CANCELLED' | 'FAILED', reason: string, errorCode: InvestigationErrorCode, stop?: RunStopReason) {
    for (let i = 0; i < END_OPEN_TRIES; i++) {
      const rows = await this.store.investigations.ofRunWithStatus(runId, from);
      const result = await this.journal.record(runId, this.endEvents(rows, to, reason, errorCode), {
        ...(stop ? { run: { stopRequested: stop } } : {}),
        investigations: this.endPatches(rows, to, reason, errorCode).map((p) => ({ ...p, ifStatus: from })),
      });
      if (result.applied) return;
    }
    throw new Error(`could not end the open investigations of run ${runId}: they kept changing`);
  }

  private endEvents(rows: InvestigationRow[], to: 'CANCELLED' | 'FAILED', reason: string, errorCode: InvestigationErrorCode): EventInput[] {
    return rows.map((inv) => ({
      type: to === 'CANCELLED' ? 'INVESTIGATION_CANCELLED' : 'INVESTIGATION_FAILED',
      investigationId: inv.id,
      message: `${inv.issueType}: ${reason}`,
      data: { status: to, error: reason, errorCode, verdict: judgeHypothesis(issueOf(inv), { status: to, output: null }) },
    }));
  }

  private endPatches(rows: InvestigationRow[], to: 'CANCELLED' | 'FAILED', reason: string, errorCode: InvestigationErrorCode) {
    const finishedAt = new Date();
    return rows.map((inv) => ({ id: inv.id, patch: { status: to, error: reason, errorCode, verdict: judgeHypothesis(issueOf(inv), { status: to, output: null }), finishedAt } }));
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
