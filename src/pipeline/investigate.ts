import { constants as osConstants } from 'node:os';
import type { AttemptRecord, CodegenMode, InvestigationErrorCode, InvestigationMethod, LlmUsage, PhaseTimings, ProgressEventType, SampleInfo, SandboxMode, ValidationReport } from '../db/schema';
import { LlmUnavailableError, addUsage } from '../llm/gateway';
import { CodeGenerationError } from './codegen/llmGenerator';
import { errorMessage, internalError } from '../errors';
import type { Logger } from '../logger';
import { hideHostPaths, plainText } from '../util/text';
import { issueTypeModule } from '../issueTypes/registry';
import { ALLOWED_IMPORTS, refusedImports } from './sandbox/allowlist';
import { resultParser, type ResultParser } from './parse';
import type { SampleBudget, Sampler } from './sampling';
import { selectGenerator, type CodeGenerators } from './codegen/select';
import { selectSandbox, type Sandboxes } from './sandbox/select';
import type { CodeGenerator, CodeRequest, DatasetRef, ExecutionResult, GeneratedCode, IssueSpec, Sandbox } from './types';
import { validateResult } from './validate';
import { readByRules, type ClaimReader, type UnderstoodClaim } from '../claims/claimService';
import type { HeuristicFallback } from './fallback/heuristic';
import { redactText, type PiiRedactor } from './redact';
import { artifactDrafts, type ArtifactDraft } from '../artifacts/artifacts';

export interface InvestigationJob {
  issue: IssueSpec;
  dataset: DatasetRef;
  codegen: CodegenMode;
  sandbox: SandboxMode;
  /** Code to run as given, with no generation: user-edited code (CUSTOM) or an earlier investigation's. */
  givenCode?: { code: string; method: InvestigationMethod };
  /** The LLM model of the run (default: CODEGEN_MODEL). */
  model?: string;
  /** Bypass the LLM code cache. */
  fresh?: boolean;
  /** Whether template code draws its charts (the run's choice). */
  charts?: boolean;
  runId?: string;
  signal: AbortSignal;
}

/** The fields of an investigation a progress event may change along with it. */
export interface InvestigationPatch {
  method?: InvestigationMethod;
  code?: string;
  attempts?: number;
  executionTimeMs?: number;
  sample?: SampleInfo;
  attemptLog?: AttemptRecord[];
  usage?: LlmUsage | null;
}

/** Where the pipeline reports each step; the run service stores it with the state change and publishes it. */
export interface ProgressReporter {
  /** Resolves once the event (and its state change) is stored; published after that. */
  emit(type: ProgressEventType, message: string, data?: Record<string, unknown>, patch?: InvestigationPatch): Promise<void>;
}

export interface InvestigationOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  method: InvestigationMethod | null;
  code: string | null;
  output: Record<string, unknown> | null;
  error: string | null;
  /** Why it failed, for programs; null unless FAILED or CANCELLED. */
  errorCode: InvestigationErrorCode | null;
  attempts: number;
  executionTimeMs: number | null;
  timings: PhaseTimings;
  sample: SampleInfo | null;
  validation: ValidationReport | null;
  attemptLog: AttemptRecord[];
  usage: LlmUsage | null;
  /** The hypothesis' claim as understood, for the verdict. */
  claim?: UnderstoodClaim;
  /** The files (charts) the script that gave the result saved, kept with it. */
  artifacts?: ArtifactDraft[];
}

export interface PipelineDeps {
  sampler: Sampler;
  generators: CodeGenerators;
  sandboxes: Sandboxes;
  sampleBudget: SampleBudget;
  /** Code generations per investigation, the first included, when the generator can repair code. */
  maxAttempts: number;
  /** Reads what each hypothesis claims (the rule reader when absent). */
  claims?: ClaimReader;
  /** Answers core types without Python when code cannot. */
  fallback: HeuristicFallback;
  /** Personal data in results and errors (REDACT_PII). */
  redactor: PiiRedactor;
  /** Reads results from scripts' stdout; on the spot unless given (the app parses large ones off the event loop). */
  parseResult?: ResultParser;
  /** Where faults of the service are logged in full; clients see a reference (errors.ts internalError). */
  logger: Pick<Logger, 'error'>;
}

/** An expected failure of one investigation: its message is what the user reads, its code what programs read. */
class InvestigationFailure extends Error {
  constructor(
    message: string,
    readonly code: InvestigationErrorCode,
  ) {
    super(message);
  }
}

/** The sandbox could not run the code at all: no other code would fare better, so no repair. */
class SandboxFailure extends InvestigationFailure {}

const STDERR_TAIL_CHARS = 2000;

/**
 * One investigation, stage by stage: check the issue against the dataset → sample → generate code →
 * execute in a sandbox → parse the last JSON line → validate. Every stage reports progress; a failure
 * ends this investigation only, with a message that says what went wrong.
 */
export class InvestigationPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async run(job: InvestigationJob, report: ProgressReporter): Promise<InvestigationOutcome> {
    const claim = await this.understandClaim(job, report);
    const read: InvestigationJob = { ...job, issue: { ...job.issue, reading: claim.reading } };
    const outcome = this.redact(read, withoutHostPaths(read, await this.runStages(read, report)));
    return { ...outcome, claim, usage: addUsage(outcome.usage, claim.usage) };
  }

  /** What the hypothesis claims, read before its code is written (a type may apply a bound it states). */
  private async understandClaim(job: InvestigationJob, report: ProgressReporter): Promise<UnderstoodClaim> {
    const { claims } = this.deps;
    if (!claims) return readByRules(job.issue);
    let understood: UnderstoodClaim;
    try {
      understood = await claims.understand(job.issue, job.signal);
    } catch (err) {
      // Aborted (the stages see it and end CANCELLED), or a fault of the service: the rule reader reads it.
      if (!job.signal.aborted) this.internal(err, job, 'reading the claim failed');
      return readByRules(job.issue);
    }
    if (understood.model || understood.fallback) {
      const polarity = understood.reading.polarity === 'RULE' ? 'a rule that should hold on every row' : 'a claim of a problem';
      await report.emit(
        'LOG',
        understood.model
          ? `Read the hypothesis with ${understood.model}${understood.cached ? ' (a stored reading)' : ''} as ${polarity}`
          : `Read the hypothesis with the rule reader as ${polarity}; the model's reading is not used: ${understood.fallback}`,
        { phase: 'claim', model: understood.model ?? null, cached: understood.cached ?? false, fallback: understood.fallback ?? null, reading: understood.reading },
      );
    }
    return understood;
  }

  /**
   * Personal data in example values (emails, phones, cards, national ids) replaced by markers and counted
   * in `redactions`; column names and the issue type are left alone.
   */
  private redact(job: InvestigationJob, outcome: InvestigationOutcome): InvestigationOutcome {
    const { redactor } = this.deps;
    if (!redactor.enabled) return outcome;
    if (outcome.output) {
      const keep = new Set([job.issue.type, ...job.dataset.columns.map((c) => c.name)]);
      const { value, count } = redactor.json(outcome.output, keep);
      outcome.output = { ...value, redactions: count };
    }
    if (outcome.error) outcome.error = redactor.text(outcome.error);
    if (outcome.validation) outcome.validation = { ...outcome.validation, errors: outcome.validation.errors.map((e) => redactor.text(e)) };
    return outcome;
  }

  private async runStages(job: InvestigationJob, report: ProgressReporter): Promise<InvestigationOutcome> {
    const started = performance.now();
    const outcome: InvestigationOutcome = {
      status: 'FAILED',
      method: null,
      code: null,
      output: null,
      error: null,
      errorCode: null,
      attempts: 0,
      executionTimeMs: null,
      timings: {},
      sample: null,
      validation: null,
      attemptLog: [],
      usage: null,
    };
    const timed = async <T>(phase: keyof PhaseTimings, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await work();
      } finally {
        outcome.timings[phase] = (outcome.timings[phase] ?? 0) + (performance.now() - t);
      }
    };
    const errors: string[] = [];
    // Once the issue fits the dataset, any failure of the code path ends in the heuristic for core types.
    let fallbackAllowed = false;
    try {
      checkIssueAgainstDataset(job.issue, job.dataset);
      fallbackAllowed = !job.givenCode && this.deps.fallback.supports(job.issue.type);
      if (job.codegen === 'HEURISTIC' && !job.givenCode) {
        if (!fallbackAllowed) throw new InvestigationFailure(`There is no heuristic for issue type "${job.issue.type}" (codegen: HEURISTIC)`, 'NO_TEMPLATE');
        return await this.heuristic(job, report, outcome, started, timed, null);
      }
      let generator = this.generatorFor(job);
      const chosen = await selectSandbox(job.sandbox, this.deps.sandboxes);
      if ('error' in chosen) throw new InvestigationFailure(chosen.error, 'SANDBOX_UNAVAILABLE');
      const { sandbox } = chosen;

      const sample = await timed('samplingMs', () =>
        this.deps.sampler.sample(job.dataset, job.issue, this.deps.sampleBudget),
      );
      outcome.sample = { rows: sample.rows, estimatedTokens: sample.estimatedTokens };
      await report.emit(
        'LOG',
        `Sampled ${sample.rows} of ${job.dataset.rowCount} rows (~${sample.estimatedTokens} tokens) for code generation`,
        { phase: 'sampling', ...outcome.sample },
        { sample: outcome.sample },
      );
      const request: CodeRequest = {
        issue: job.issue,
        dataset: job.dataset,
        sample,
        signal: job.signal,
        model: job.model,
        fresh: job.fresh,
        charts: job.charts,
        resample: (tokens) => this.deps.sampler.sample(job.dataset, job.issue, { ...this.deps.sampleBudget, tokens }),
      };

      /** Code from `work`; when the LLM cannot give any, the template for a core type, said in an event. */
      const produce = async (work: () => Promise<GeneratedCode>): Promise<GeneratedCode> => {
        try {
          return await timed('generationMs', work);
        } catch (err) {
          if (job.signal.aborted || !(err instanceof LlmUnavailableError || err instanceof CodeGenerationError)) throw err;
          if (err instanceof CodeGenerationError) outcome.usage = addUsage(outcome.usage, err.usage);
          errors.push(err.message);
          const template = this.templateFallback(job, generator);
          if (!template) throw new InvestigationFailure(errors.join('\n'), 'LLM_UNAVAILABLE');
          await report.emit('FALLBACK_USED', `The LLM gave no code (${err.message}); continuing with the "${job.issue.type}" template`, {
            fallback: 'TEMPLATE',
            reason: err.message,
          });
          generator = template;
          return timed('generationMs', () => template.generate(request));
        }
      };

      let generated = await produce(() => generator.generate(request));
      for (;;) {
        const attempt = await this.recordAttempt(outcome, generated, report);
        try {
          // The template generator's own code (never given code) is ours: a warm sandbox may run it in its trusted worker.
          const trusted = generator === this.deps.generators.template;
          outcome.output = await this.executeAndCheck(job, sandbox, { code: generated.code, trusted }, outcome, report, timed);
          attempt.finishedAt = Date.now();
          await generator.succeeded?.(request, generated);
          outcome.status = 'SUCCEEDED';
          break;
        } catch (err) {
          if (!(err instanceof InvestigationFailure) || job.signal.aborted) throw err;
          attempt.error = this.deps.redactor.text(err.message);
          attempt.finishedAt = Date.now();
          errors.push(`Attempt ${attempt.attempt} (${attempt.method}): ${err.message}`);
          const codeMayFix = !(err instanceof SandboxFailure);
          const canRepair = codeMayFix && generator.repair !== undefined && outcome.attempts < this.deps.maxAttempts;
          const template = canRepair || !codeMayFix ? null : this.templateFallback(job, generator);
          await report.emit(
            'LOG',
            `Attempt ${attempt.attempt} failed: ${err.message}${canRepair ? ' — asking the LLM for a fix' : ''}`,
            { phase: 'attempt', attempt: attempt.attempt, error: err.message },
            { attemptLog: [...outcome.attemptLog] },
          );
          if (canRepair) {
            const previous = generated;
            // What goes to the LLM is redacted whatever REDACT_PII says, like the sample.
            generated = await produce(() => generator.repair!({ ...request, previous, error: redactText(err.message).text }));
          } else if (template) {
            await report.emit('FALLBACK_USED', `The LLM's code failed ${outcome.attempts} times; continuing with the "${job.issue.type}" template`, {
              fallback: 'TEMPLATE',
              reason: err.message,
            });
            generator = template;
            generated = await timed('generationMs', () => template.generate(request));
          } else {
            throw new InvestigationFailure(errors.length > 1 ? errors.join('\n') : err.message, err.code);
          }
        }
      }
    } catch (err) {
      if (job.signal.aborted) return this.cancelled(outcome, started);
      const message = err instanceof InvestigationFailure ? err.message : this.internal(err, job, 'investigation failed unexpectedly');
      // The failure that ended the code path says why (a template's time-out after an LLM outage: TIMEOUT).
      outcome.errorCode = err instanceof InvestigationFailure ? err.code : 'INTERNAL';
      if (fallbackAllowed && job.codegen !== 'HEURISTIC') {
        return this.heuristic(job, report, outcome, started, timed, message);
      }
      outcome.status = 'FAILED';
      outcome.error = message;
    }
    outcome.timings.totalMs = performance.now() - started;
    return outcome;
  }

  /** The answer computed without Python (method HEURISTIC), validated like any result. */
  private async heuristic(
    job: InvestigationJob,
    report: ProgressReporter,
    outcome: InvestigationOutcome,
    started: number,
    timed: <T>(phase: keyof PhaseTimings, work: () => Promise<T>) => Promise<T>,
    reason: string | null,
  ): Promise<InvestigationOutcome> {
    if (reason !== null) {
      await report.emit('FALLBACK_USED', `No code could answer (${firstLine(reason)}); the heuristic computes the result without Python`, {
        fallback: 'HEURISTIC',
        reason,
      });
    }
    outcome.method = 'HEURISTIC';
    outcome.code = null;
    try {
      const computeStarted = performance.now();
      const output = await timed('executionMs', () => this.deps.fallback.compute(job.issue, job.dataset, job.signal));
      outcome.executionTimeMs = performance.now() - computeStarted;
      outcome.validation = await timed('parsingMs', async () => validateResult(job.issue, output, job.dataset.rowCount));
      if (!outcome.validation.valid) {
        throw new InvestigationFailure(`The heuristic's result is invalid: ${outcome.validation.errors.join('; ')}`, 'INVALID_RESULT');
      }
      outcome.output = output;
      outcome.status = 'SUCCEEDED';
      outcome.error = null;
      outcome.errorCode = null;
    } catch (err) {
      if (job.signal.aborted) return this.cancelled(outcome, started);
      outcome.status = 'FAILED';
      // After a failed code path, its code says why; the heuristic alone failing is the service's own fault.
      outcome.errorCode ??= err instanceof InvestigationFailure ? err.code : 'INTERNAL';
      // A heuristic refuses with a message meant for people; a system error (a missing file…) is the service's.
      const message =
        err instanceof InvestigationFailure
          ? err.message
          : isSystemError(err)
            ? this.internal(err, job, 'the heuristic failed')
            : `The heuristic failed: ${errorMessage(err)}`;
      outcome.error = reason === null ? message : `${reason}\n${message}`;
    }
    outcome.timings.totalMs = performance.now() - started;
    return outcome;
  }

  /** Counts and reports a new attempt: the code, where it came from, what it cost. */
  private async recordAttempt(outcome: InvestigationOutcome, generated: GeneratedCode, report: ProgressReporter): Promise<AttemptRecord> {
    outcome.attempts += 1;
    outcome.method = generated.method;
    outcome.code = generated.code;
    outcome.usage = addUsage(outcome.usage, generated.usage ?? null);
    if (generated.sample) outcome.sample = generated.sample;
    const attempt: AttemptRecord = {
      attempt: outcome.attempts,
      method: generated.method,
      cached: generated.cached ?? false,
      code: generated.code,
      error: null,
      usage: generated.usage ?? null,
      startedAt: Date.now(),
      finishedAt: null,
    };
    outcome.attemptLog.push(attempt);
    const lines = generated.code.split('\n').length;
    await report.emit(
      'CODE_GENERATED',
      generated.cached
        ? `Reused ${lines} lines of Python the LLM wrote for the same issue, schema and sample (code cache)`
        : `${describeMethod(generated.method)} wrote ${lines} lines of Python${outcome.attempts > 1 ? ` (attempt ${outcome.attempts})` : ''}`,
      { method: generated.method, attempt: outcome.attempts, cached: attempt.cached, usage: attempt.usage, sample: generated.sample },
      {
        method: generated.method,
        code: generated.code,
        attempts: outcome.attempts,
        attemptLog: [...outcome.attemptLog],
        usage: outcome.usage,
        ...(generated.sample ? { sample: generated.sample } : {}),
      },
    );
    return attempt;
  }

  /** Runs the code and turns what it printed into a validated result, or an InvestigationFailure saying why not. */
  private async executeAndCheck(
    job: InvestigationJob,
    sandbox: Sandbox,
    { code, trusted }: { code: string; trusted: boolean },
    outcome: InvestigationOutcome,
    report: ProgressReporter,
    timed: <T>(phase: keyof PhaseTimings, work: () => Promise<T>) => Promise<T>,
  ): Promise<Record<string, unknown>> {
    await report.emit('EXECUTION_STARTED', `Running the script in the ${sandbox.name} sandbox`, {
      sandbox: sandbox.name,
      attempt: outcome.attempts,
    });
    const result = await timed('executionMs', () =>
      sandbox.execute({
        code,
        trusted,
        dataset: job.dataset,
        signal: job.signal,
        runId: job.runId,
        onQueued: (ahead) =>
          // Not awaited (the sandbox calls back synchronously); a failed write fails the next awaited one.
          void report.emit('LOG', `Waiting for a sandbox: ${ahead} script${ahead === 1 ? '' : 's'} ahead (SANDBOX_MAX_CONCURRENT, SANDBOX_MAX_MEMORY_MB)`, { phase: 'queued', ahead }).catch(() => {}),
      }),
    );
    outcome.executionTimeMs = result.durationMs;
    if (result.usage) outcome.usage = addUsage(outcome.usage, result.usage);
    if (result.cancelled || job.signal.aborted) throw new Error('cancelled');
    await report.emit(
      'EXECUTION_FINISHED',
      `The script ${describeExit(result)} after ${Math.round(result.durationMs)} ms`,
      {
        attempt: outcome.attempts,
        exitCode: result.exitCode,
        signal: result.signal,
        timedOut: result.timedOut,
        durationMs: result.durationMs,
        stdoutTruncated: result.stdoutTruncated,
      },
      { executionTimeMs: result.durationMs },
    );
    const output = await timed('parsingMs', () => parseExecution(result, job.dataset.path, this.deps.parseResult ?? resultParser()));
    outcome.validation = await timed('parsingMs', async () => validateResult(job.issue, output, job.dataset.rowCount));
    if (!outcome.validation.valid) {
      throw new InvestigationFailure(
        `The result does not have the shape of a "${job.issue.type}" result: ${outcome.validation.errors.join('; ')}`,
        'INVALID_RESULT',
      );
    }
    outcome.artifacts = await this.keptFiles(result, report);
    return output;
  }

  /** The charts the script saved, kept with its result; files left out are reported, each with why. */
  private async keptFiles(result: ExecutionResult, report: ProgressReporter): Promise<ArtifactDraft[]> {
    const { drafts, dropped } = artifactDrafts(result.files ?? []);
    const left = [...(result.droppedFiles ?? []), ...dropped];
    if (left.length) {
      await report.emit('LOG', `Left out ${left.map((f) => `output/${f.name} (${f.reason})`).join(', ')}`, { phase: 'artifacts', dropped: left });
    }
    return drafts;
  }

  /** The template to continue with when the LLM cannot help, if the type has one and code wasn't given. */
  private templateFallback(job: InvestigationJob, current: CodeGenerator): CodeGenerator | null {
    const { template } = this.deps.generators;
    if (job.givenCode || current === template || job.codegen === 'TEMPLATE') return null;
    return template.supports(job.issue.type) ? template : null;
  }

  private generatorFor(job: InvestigationJob): CodeGenerator {
    const given = job.givenCode;
    if (given) return { method: given.method, supports: () => true, generate: async () => given };
    const chosen = selectGenerator(job.codegen, job.issue.type, this.deps.generators);
    if ('error' in chosen) throw new InvestigationFailure(chosen.error, 'NO_TEMPLATE');
    return chosen.generator;
  }

  /** A fault of the service: logged in full, told to the client as a reference only. */
  private internal(err: unknown, job: InvestigationJob, what: string): string {
    return internalError((ref) => this.deps.logger.error({ err, ref, issueType: job.issue.type }, what)).message;
  }

  private cancelled(outcome: InvestigationOutcome, started: number): InvestigationOutcome {
    outcome.status = 'CANCELLED';
    outcome.error = 'Cancelled';
    outcome.errorCode = 'CANCELLED';
    outcome.timings.totalMs = performance.now() - started;
    return outcome;
  }
}

function checkIssueAgainstDataset(issue: IssueSpec, dataset: DatasetRef) {
  const names = dataset.columns.map((c) => c.name);
  const unknown = issue.affectedColumns.filter((c) => !names.includes(c));
  if (unknown.length > 0) {
    throw new InvestigationFailure(
      `${unknown.length === 1 ? 'Column' : 'Columns'} ${unknown.map((c) => JSON.stringify(c)).join(', ')} ` +
        `not found in dataset "${dataset.name}" (its columns: ${names.map((c) => JSON.stringify(c)).join(', ')})`,
      'COLUMN_NOT_FOUND',
    );
  }
  const module = issueTypeModule(issue.type);
  if (!module) return;
  const n = issue.affectedColumns.length;
  if (n < module.columns.min || n > module.columns.max) {
    const article = /^[aeiou]/.test(issue.type) ? 'An' : 'A';
    throw new InvestigationFailure(`${article} "${issue.type}" investigation takes ${module.columns.description}; it was given ${n}`, 'COLUMN_TYPE_UNSUPPORTED');
  }
  for (const name of issue.affectedColumns) {
    const reason = module.columns.unsupported?.(dataset.columns.find((c) => c.name === name)!, dataset);
    if (reason) throw new InvestigationFailure(`Cannot investigate ${issue.type} on column "${name}": ${reason}`, 'COLUMN_TYPE_UNSUPPORTED');
  }
}

/** What the script printed, as a result or as the failure it shows; stderr made plain and free of host paths. */
async function parseExecution(result: ExecutionResult, datasetPath: string, parse: ResultParser): Promise<Record<string, unknown>> {
  const stderr = hideHostPaths(plainText(result.stderr).trim().slice(-STDERR_TAIL_CHARS), [datasetPath]);
  const withStderr = (message: string) => (stderr ? `${message}. stderr: ${stderr}` : message);
  if (result.failure) {
    const { message, codeMayFix } = result.failure;
    if (!codeMayFix) throw new SandboxFailure(message, 'SANDBOX_UNAVAILABLE');
    throw new InvestigationFailure(message, result.timedOut ? 'TIMEOUT' : 'SCRIPT_ERROR');
  }
  const stoppedAfter = `stopped after ${Math.round(result.durationMs)} ms`;
  // A kill for memory comes first: it is the cause when what was left of the script then ran out of time.
  if (result.memoryExceeded) {
    throw new InvestigationFailure(
      `The script was stopped for holding more memory than SANDBOX_MEMORY_MB allows, counting all its processes, its shared memory and the files it kept in memory${result.timedOut ? ` (what was left of it then exceeded its time limit and was ${stoppedAfter})` : ''}`,
      'MEMORY_LIMIT',
    );
  }
  if (result.timedOut) throw new InvestigationFailure(`The script exceeded its time limit and was ${stoppedAfter}`, 'TIMEOUT');
  const outOfMemory = /\bMemoryError\b|Unable to allocate|Cannot allocate memory/.test(stderr);
  if (result.signal) throw new InvestigationFailure(withStderr(`The script was killed by ${result.signal}`), outOfMemory ? 'MEMORY_LIMIT' : 'SCRIPT_ERROR');
  const refused = refusedImports(result.exitCode, result.stderr);
  if (refused) {
    throw new InvestigationFailure(
      `The script imports ${refused.map((m) => `"${m}"`).join(', ')}, which the sandbox does not allow (allowed: ${ALLOWED_IMPORTS.join(', ')})`,
      'IMPORT_REFUSED',
    );
  }
  if (result.exitCode !== 0) {
    const message = withStderr(`The script failed with exit code ${result.exitCode}${signalHint(result.exitCode)}${outOfMemory ? ' (out of memory: SANDBOX_MEMORY_MB)' : ''}`);
    throw new InvestigationFailure(message, outOfMemory ? 'MEMORY_LIMIT' : 'SCRIPT_ERROR');
  }
  const parsed = await parse(result.stdout);
  if (!parsed.ok) {
    const truncated = result.stdoutTruncated ? ' (its output exceeded the limit and was cut)' : '';
    throw new InvestigationFailure(withStderr(`${parsed.error}${truncated}`), result.stdoutTruncated ? 'OUTPUT_LIMIT' : 'NO_RESULT');
  }
  return parsed.value;
}

/** An exit code of 129–192 is how a sandbox's init reports a process a signal ended (128 + its number). */
function signalHint(exitCode: number | null): string {
  if (exitCode === null || exitCode <= 128 || exitCode > 128 + 64) return '';
  const number = exitCode - 128;
  const name = Object.entries(osConstants.signals).find(([, n]) => n === number)?.[0] ?? (number >= 34 ? `SIGRTMIN+${number - 34}` : `signal ${number}`);
  return ` (128 + ${number}: the script was killed by ${name})`;
}

function isSystemError(err: unknown): boolean {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'syscall' in err;
}

/** No client-visible text names a path of the host (the dataset's directory, the temp dir, the project). */
function withoutHostPaths(job: InvestigationJob, outcome: InvestigationOutcome): InvestigationOutcome {
  const hide = (text: string) => hideHostPaths(text, [job.dataset.path]);
  if (outcome.error) outcome.error = hide(outcome.error);
  for (const attempt of outcome.attemptLog) if (attempt.error) attempt.error = hide(attempt.error);
  if (outcome.validation) outcome.validation = { ...outcome.validation, errors: outcome.validation.errors.map(hide) };
  return outcome;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function describeMethod(method: InvestigationMethod): string {
  return { TEMPLATE: 'The template', LLM: 'The LLM', CUSTOM: 'The user', HEURISTIC: 'The heuristic' }[method];
}

function describeExit(r: ExecutionResult): string {
  if (r.timedOut) return 'timed out';
  if (r.signal) return `was killed by ${r.signal}`;
  return r.exitCode === 0 ? 'finished' : `failed with exit code ${r.exitCode}`;
}
