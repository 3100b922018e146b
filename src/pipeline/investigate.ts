import type { CodegenMode, InvestigationMethod, PhaseTimings, ProgressEventType, SampleInfo, SandboxMode, ValidationReport } from '../db/schema';
import { errorMessage } from '../errors';
import { issueTypeDefinition } from './issueTypes';
import { ALLOWED_IMPORTS, refusedImports } from './sandbox/allowlist';
import { parseLastJsonLine } from './parse';
import type { SampleBudget, Sampler } from './sampling';
import { selectGenerator, type CodeGenerators } from './codegen/select';
import { selectSandbox, type Sandboxes } from './sandbox/select';
import type { CodeGenerator, DatasetRef, ExecutionResult, IssueSpec } from './types';
import { validateResult } from './validate';

export interface InvestigationJob {
  issue: IssueSpec;
  dataset: DatasetRef;
  codegen: CodegenMode;
  sandbox: SandboxMode;
  /** Code to run as given, with no generation: user-edited code (CUSTOM) or an earlier investigation's. */
  givenCode?: { code: string; method: InvestigationMethod };
  signal: AbortSignal;
}

/** The fields of an investigation a progress event may change along with it. */
export interface InvestigationPatch {
  method?: InvestigationMethod;
  code?: string;
  attempts?: number;
  executionTimeMs?: number;
  sample?: SampleInfo;
}

/** Where the pipeline reports each step; the run service stores it with the state change and publishes it. */
export interface ProgressReporter {
  emit(type: ProgressEventType, message: string, data?: Record<string, unknown>, patch?: InvestigationPatch): void;
}

export interface InvestigationOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  method: InvestigationMethod | null;
  code: string | null;
  output: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  executionTimeMs: number | null;
  timings: PhaseTimings;
  sample: SampleInfo | null;
  validation: ValidationReport | null;
}

export interface PipelineDeps {
  sampler: Sampler;
  generators: CodeGenerators;
  sandboxes: Sandboxes;
  sampleBudget: SampleBudget;
}

/** An expected failure of one investigation: its message is what the user reads. */
class InvestigationFailure extends Error {}

const STDERR_TAIL_CHARS = 2000;

/**
 * One investigation, stage by stage: check the issue against the dataset → sample → generate code →
 * execute in a sandbox → parse the last JSON line → validate. Every stage reports progress; a failure
 * ends this investigation only, with a message that says what went wrong.
 */
export class InvestigationPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async run(job: InvestigationJob, report: ProgressReporter): Promise<InvestigationOutcome> {
    const started = performance.now();
    const outcome: InvestigationOutcome = {
      status: 'FAILED',
      method: null,
      code: null,
      output: null,
      error: null,
      attempts: 0,
      executionTimeMs: null,
      timings: {},
      sample: null,
      validation: null,
    };
    const timed = async <T>(phase: keyof PhaseTimings, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await work();
      } finally {
        outcome.timings[phase] = (outcome.timings[phase] ?? 0) + (performance.now() - t);
      }
    };
    try {
      checkIssueAgainstDataset(job.issue, job.dataset);
      const generator = this.generatorFor(job);
      const chosen = await selectSandbox(job.sandbox, this.deps.sandboxes);
      if ('error' in chosen) throw new InvestigationFailure(chosen.error);
      const { sandbox } = chosen;

      const sample = await timed('samplingMs', () =>
        this.deps.sampler.sample(job.dataset, job.issue, this.deps.sampleBudget),
      );
      outcome.sample = { rows: sample.rows, estimatedTokens: sample.estimatedTokens };
      report.emit(
        'LOG',
        `Sampled ${sample.rows} of ${job.dataset.rowCount} rows (~${sample.estimatedTokens} tokens) for code generation`,
        { phase: 'sampling', ...outcome.sample },
        { sample: outcome.sample },
      );

      const generated = await timed('generationMs', () =>
        generator.generate({ issue: job.issue, dataset: job.dataset, sample, signal: job.signal }),
      );
      outcome.method = generated.method;
      outcome.code = generated.code;
      outcome.attempts += 1;
      report.emit(
        'CODE_GENERATED',
        `${describeMethod(generated.method)} wrote ${generated.code.split('\n').length} lines of Python`,
        { method: generated.method, attempt: outcome.attempts },
        { method: generated.method, code: generated.code, attempts: outcome.attempts },
      );

      report.emit('EXECUTION_STARTED', `Running the script in the ${sandbox.name} sandbox`, {
        sandbox: sandbox.name,
        attempt: outcome.attempts,
      });
      const result = await timed('executionMs', () =>
        sandbox.execute({ code: generated.code, dataset: job.dataset, signal: job.signal }),
      );
      outcome.executionTimeMs = result.durationMs;
      if (result.cancelled || job.signal.aborted) return this.cancelled(outcome, started);
      report.emit(
        'EXECUTION_FINISHED',
        `The script ${describeExit(result)} after ${Math.round(result.durationMs)} ms`,
        {
          exitCode: result.exitCode,
          signal: result.signal,
          timedOut: result.timedOut,
          durationMs: result.durationMs,
          stdoutTruncated: result.stdoutTruncated,
        },
        { executionTimeMs: result.durationMs },
      );

      const output = await timed('parsingMs', async () => parseExecution(result));
      outcome.output = output;
      outcome.validation = await timed('parsingMs', async () =>
        validateResult(job.issue, output, job.dataset.rowCount),
      );
      if (!outcome.validation.valid) {
        throw new InvestigationFailure(
          `The result does not have the shape of a "${job.issue.type}" result: ${outcome.validation.errors.join('; ')}`,
        );
      }
      outcome.status = 'SUCCEEDED';
    } catch (err) {
      if (job.signal.aborted) return this.cancelled(outcome, started);
      outcome.status = 'FAILED';
      outcome.error = err instanceof InvestigationFailure ? err.message : `Internal error: ${errorMessage(err)}`;
    }
    outcome.timings.totalMs = performance.now() - started;
    return outcome;
  }

  private generatorFor(job: InvestigationJob): CodeGenerator {
    const given = job.givenCode;
    if (given) return { method: given.method, supports: () => true, generate: async () => given };
    const chosen = selectGenerator(job.codegen, job.issue.type, this.deps.generators);
    if ('error' in chosen) throw new InvestigationFailure(chosen.error);
    return chosen.generator;
  }

  private cancelled(outcome: InvestigationOutcome, started: number): InvestigationOutcome {
    outcome.status = 'CANCELLED';
    outcome.error = 'Cancelled';
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
    );
  }
  const definition = issueTypeDefinition(issue.type);
  const n = issue.affectedColumns.length;
  if (definition && (n < definition.columns.min || n > definition.columns.max)) {
    throw new InvestigationFailure(
      `A "${issue.type}" investigation takes ${definition.columns.description}; it was given ${n}`,
    );
  }
}

function parseExecution(result: ExecutionResult): Record<string, unknown> {
  const stderr = result.stderr.trim().slice(-STDERR_TAIL_CHARS);
  const withStderr = (message: string) => (stderr ? `${message}. stderr: ${stderr}` : message);
  if (result.timedOut) {
    throw new InvestigationFailure(`The script exceeded its time limit and was stopped after ${Math.round(result.durationMs)} ms`);
  }
  if (result.signal) throw new InvestigationFailure(withStderr(`The script was killed by ${result.signal}`));
  const refused = refusedImports(result.exitCode, result.stderr);
  if (refused) {
    throw new InvestigationFailure(
      `The script imports ${refused.map((m) => `"${m}"`).join(', ')}, which the sandbox does not allow (allowed: ${ALLOWED_IMPORTS.join(', ')})`,
    );
  }
  if (result.exitCode !== 0) throw new InvestigationFailure(withStderr(`The script failed with exit code ${result.exitCode}`));
  const parsed = parseLastJsonLine(result.stdout);
  if (!parsed.ok) {
    const truncated = result.stdoutTruncated ? ' (its output exceeded the limit and was cut)' : '';
    throw new InvestigationFailure(withStderr(`${parsed.error}${truncated}`));
  }
  return parsed.value;
}

function describeMethod(method: InvestigationMethod): string {
  return { TEMPLATE: 'The template', LLM: 'The LLM', CUSTOM: 'The user', HEURISTIC: 'The heuristic' }[method];
}

function describeExit(r: ExecutionResult): string {
  if (r.timedOut) return 'timed out';
  if (r.signal) return `was killed by ${r.signal}`;
  return r.exitCode === 0 ? 'finished' : `failed with exit code ${r.exitCode}`;
}
