import type { ClaimReading } from '../claims/reader';
import type { ColumnProfile } from '../datasets/profile';
import type { InvestigationMethod, IssueSource, LlmUsage, SampleInfo, StatedClaim } from '../db/schema';

/**
 * The narrow interfaces between the pipeline's stages. One investigation flows
 * sampling → code generation → sandbox execution → parsing → validation; each backend
 * (template or LLM code, local or remote sandbox) is one implementation of one of these.
 */

export interface IssueSpec {
  id: string;
  type: string;
  description: string;
  affectedColumns: string[];
  /** Parameters beyond the description, per type (RESULTS.md): explicit bounds, a relation, a tolerance. */
  options?: Record<string, unknown> | null;
  /** Where the hypothesis came from (detectIssues: PROFILE or LLM), and the figures it was proposed on. */
  source?: IssueSource;
  evidence?: unknown;
  /** The figure the hypothesis states exactly; without one, the verdict reads it from the description. */
  claim?: StatedClaim | null;
  /** What the description claims, once read (src/claims); a type's template may apply a bound it states. */
  reading?: ClaimReading;
  /** For a follow-up (followUp): the investigation it starts from. */
  previous?: PreviousStep;
}

/** The investigation a follow-up starts from: its issue, what it measured, and the code that measured it. */
export interface PreviousStep {
  investigationId: string;
  issue: { type: string; description: string; affectedColumns: string[]; options: Record<string, unknown> | null };
  output: Record<string, unknown> | null;
  code: string | null;
}

export interface DatasetRef {
  id: string;
  name: string;
  /** Absolute path of the CSV on the host. */
  path: string;
  /** Absolute path of its sample pool (JSON) on the host. */
  poolPath: string;
  /** Absolute path of its columns file (datasets/columnFile.ts) on the host: its fields as the upload read them. */
  columnsPath: string;
  sha256: string;
  rowCount: number;
  columns: ColumnProfile[];
}

/** What a code generator is shown of the data: never more than the token budget. */
export interface Sample {
  rows: number;
  estimatedTokens: number;
  /** The rows as CSV, with a leading `row_index` column (0-based position in the dataset). */
  csv: string;
  rowIndices: number[];
}

export interface CodeRequest {
  issue: IssueSpec;
  dataset: DatasetRef;
  sample: Sample;
  signal: AbortSignal;
  /** Draws the sample again within a smaller budget (estimated tokens), for a prompt that must shrink. */
  resample?(tokens: number): Promise<Sample>;
  /** The LLM to ask, when not the configured default. */
  model?: string;
  /** Ask afresh: bypass the code cache. */
  fresh?: boolean;
  /** Whether template code draws its charts (default: the generator's). */
  charts?: boolean;
}

export interface GeneratedCode {
  code: string;
  method: InvestigationMethod;
  /** Reused from the code cache, with no LLM call. */
  cached?: boolean;
  usage?: LlmUsage | null;
  /** What the generator actually showed, when it differs from the request's sample (shrunk, redacted). */
  sample?: SampleInfo;
  /** The generator's own state for a later repair (an LLM's conversation so far). */
  conversation?: unknown;
}

export interface RepairRequest extends CodeRequest {
  previous: GeneratedCode;
  /** Why the previous code failed: the error, the stderr tail, the validation errors. */
  error: string;
}

export interface CodeGenerator {
  readonly method: InvestigationMethod;
  supports(issueType: string): boolean;
  generate(request: CodeRequest): Promise<GeneratedCode>;
  /** Fixed code after a failure; generators that cannot fix code (templates) leave this out. */
  repair?(request: RepairRequest): Promise<GeneratedCode>;
  /** The code gave a valid result (the LLM generator caches it for the same request). */
  succeeded?(request: CodeRequest, code: GeneratedCode): Promise<void> | void;
}

export interface ExecutionRequest {
  code: string;
  dataset: DatasetRef;
  signal: AbortSignal;
  /** The run it belongs to: a remote sandbox reuses one container per run. */
  runId?: string;
  /**
   * The code is the service's own template, unchanged (never LLM-written or a user's): a warm sandbox
   * may run it in a persistent worker that keeps the parsed dataset instead of forking per script.
   */
  trusted?: boolean;
  /** Told when the script must wait for a sandbox (SANDBOX_MAX_CONCURRENT), with how many wait before it. */
  onQueued?(ahead: number): void;
}

export interface ExecutionResult {
  exitCode: number | null;
  /** The signal that ended the process, when one did. */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Output beyond the cap was dropped (the last bytes are kept: the result line comes last). */
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  /**
   * The sandbox itself failed (a remote tool error, the API down): no exit code to judge the code by.
   * `codeMayFix` when another script might succeed (it ran out of time); otherwise not worth a repair.
   */
  failure?: { message: string; codeMayFix: boolean };
  /** The kernel stopped the script for the memory it and its processes held (its memory cgroup's limit). */
  memoryExceeded?: boolean;
  /** LLM tokens a remote sandbox spent running the script. */
  usage?: LlmUsage | null;
  /** Files the script saved in its output directory (charts), within the sandbox's limits. */
  files?: OutputFile[];
  /** Files it saved that were left out, and why. */
  droppedFiles?: DroppedFile[];
}

export interface OutputFile {
  name: string;
  data: Buffer;
}

export interface DroppedFile {
  name: string;
  reason: string;
}

export interface SandboxAvailability {
  available: boolean;
  /** Why not, and how to fix it. */
  reason?: string;
  details?: Record<string, unknown>;
}

export interface Sandbox {
  readonly name: string;
  availability(): Promise<SandboxAvailability>;
  execute(request: ExecutionRequest): Promise<ExecutionResult>;
}
