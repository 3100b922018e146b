/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A figure the hypothesis states exactly: the verdict compares it with the measured one before reading the description. */
export type ClaimInput = {
  comparator: Comparator;
  measure: ClaimMeasure;
  value: number;
};

/** Which measured figure a stated claim is about. */
export type ClaimMeasure =
  /** affected_percentage, 0 to 100 (every type). */
  | 'AFFECTED_PERCENTAGE'
  /** affected_count: the rows the issue affects (every type). */
  | 'AFFECTED_ROWS'
  /** duplicates: distinct repeated keys (unique_duplicate_ids). */
  | 'DUPLICATE_KEYS'
  /** outliers: the largest value of the column. */
  | 'MAX_VALUE'
  /** outliers: the smallest value of the column. */
  | 'MIN_VALUE'
  /** categorical_variation: spellings of the largest variation group. */
  | 'SPELLINGS'
  /** categorical_variation: variation groups (total_variation_groups). */
  | 'VARIATION_GROUPS';

export type CodegenMode =
  /** The LLM when an API key is configured, templates otherwise. */
  | 'AUTO'
  /** No code: the server computes the answer itself, streaming over the CSV (core types only). */
  | 'HEURISTIC'
  /** Code written by the LLM. */
  | 'LLM'
  /** The built-in template for the issue type; types without one fail. */
  | 'TEMPLATE';

/** How the measured figure must compare with the stated value for the claim to hold. */
export type Comparator =
  /** Roughly equal: a count within max(1, 10%), a percentage within max(2 points, 10%). */
  | 'ABOUT'
  /** Equal within the verdict’s tolerance: a count within max(1, 5%), a percentage within max(2 points, 10%), an extreme value exactly. */
  | 'EQ'
  /** Greater than the value. */
  | 'GT'
  /** At least the value. */
  | 'GTE'
  /** Less than the value. */
  | 'LT'
  /** At most the value. */
  | 'LTE';

export type InvestigateIssuesInput = {
  /** Whether the templates draw their charts (PNG artifacts, about 30 ms each); default: the server's CHARTS (true unless set). Reruns and follow-ups keep their run's choice. */
  charts?: boolean | null | undefined;
  codegen?: CodegenMode | null | undefined;
  /** At most this many investigations at once (default INVESTIGATION_CONCURRENCY). */
  concurrency?: number | null | undefined;
  datasetId: string;
  /** Ask the LLM afresh instead of reusing cached code for the same issue, schema and sample. */
  fresh?: boolean | null | undefined;
  /** A key of your choice (1 to 200 characters): a retry with the same key and the same request returns what the first one created, never a second one; a different request under a used key is refused. Keys are kept 7 days. */
  idempotencyKey?: string | null | undefined;
  issues: Array<IssueInput>;
  /** A client's name for the run, shown in lists (at most 200 characters). */
  label?: string | null | undefined;
  /** Which configured model writes code: CODEGEN_MODEL (STANDARD) or the cheaper CODEGEN_FAST_MODEL (FAST). */
  model?: LlmModel | null | undefined;
  sandbox?: SandboxMode | null | undefined;
  /** When true the mutation answers after the run has finished. */
  wait?: boolean | null | undefined;
};

/** Why an investigation failed, for programs; Investigation.error says it for people. */
export type InvestigationErrorCode =
  /** cancelRun stopped it. */
  | 'CANCELLED'
  /** An affected column is not in the dataset. */
  | 'COLUMN_NOT_FOUND'
  /** The issue type cannot investigate these columns (their type, or their number). */
  | 'COLUMN_TYPE_UNSUPPORTED'
  /** The script imports a module the sandbox does not allow. */
  | 'IMPORT_REFUSED'
  /** A fault of the service itself (logged). */
  | 'INTERNAL'
  /** The server stopped while it was pending or running. */
  | 'INTERRUPTED'
  /** The result does not have the shape of its type (Investigation.validation says how). */
  | 'INVALID_RESULT'
  /** The LLM could not be reached or gave no code. */
  | 'LLM_UNAVAILABLE'
  /** The script ran out of memory (SANDBOX_MEMORY_MB). */
  | 'MEMORY_LIMIT'
  /** The script printed no JSON result line. */
  | 'NO_RESULT'
  /** No code generator can take the issue: no template for its type and no LLM (or the codegen mode excludes it). */
  | 'NO_TEMPLATE'
  /** The script printed more than SANDBOX_OUTPUT_LIMIT_BYTES and its result was cut. */
  | 'OUTPUT_LIMIT'
  /** No sandbox could run the script. */
  | 'SANDBOX_UNAVAILABLE'
  /** The script raised an error or exited non-zero (a bad option the template refused included). */
  | 'SCRIPT_ERROR'
  /** The script ran past SANDBOX_TIMEOUT_MS. */
  | 'TIMEOUT';

export type InvestigationFilter = {
  datasetId?: string | null | undefined;
  issueType?: string | null | undefined;
  method?: InvestigationMethod | null | undefined;
  /** Only the follow-ups of this investigation. */
  parentId?: string | null | undefined;
  runId?: string | null | undefined;
  status?: InvestigationStatus | null | undefined;
};

export type InvestigationMethod =
  /** Code given by the user (rerunInvestigation with code). */
  | 'CUSTOM'
  /** No code ran: the fallback computed the answer. */
  | 'HEURISTIC'
  /** Code written by the LLM. */
  | 'LLM'
  /** Code from the built-in template for the issue type. */
  | 'TEMPLATE';

export type InvestigationStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED';

/** A hypothesis to investigate. A hypothesis detectIssues returned can be sent back as it is. */
export type IssueInput = {
  affectedColumns: Array<string>;
  /** The figure the hypothesis states; when absent it is read from the description. Checked against the type. */
  claim?: ClaimInput | null | undefined;
  /** The same as id (Issue.clientId, so that an Issue can be sent back as it is); takes precedence over id. */
  clientId?: string | null | undefined;
  description: string;
  /** Accepted so that detectIssues’ hypotheses can be sent back as they are; stored. */
  evidence?: any;
  /** The client's own id for the issue; one is made when absent. */
  id?: string | null | undefined;
  /** Parameters of the type (issueTypes lists them); validated when the mutation is called. */
  options?: any;
  /** Accepted so that detectIssues’ hypotheses can be sent back as they are. */
  source?: IssueSource | null | undefined;
  /** missing_values, duplicates, outliers, categorical_variation, or any other hypothesis type (issueTypes lists those with templates). */
  type: string;
};

/** Where a hypothesis came from. */
export type IssueSource =
  /** Claude, from the profile (no rows): a hypothesis of another type (detectIssues). */
  | 'LLM'
  /** The dataset's profile, measured on the whole dataset by the service's own rules (detectIssues). */
  | 'PROFILE'
  /** A client stated it. */
  | 'USER';

export type LlmModel =
  /** CODEGEN_FAST_MODEL, cheaper and faster (default claude-haiku-5-5). */
  | 'FAST'
  /** CODEGEN_MODEL (default claude-sonnet-5-5). */
  | 'STANDARD';

export type ProgressEventType =
  /** Code was generated (data.attempt counts the attempts). */
  | 'CODE_GENERATED'
  /** The code ended; data holds exitCode, durationMs and timedOut. */
  | 'EXECUTION_FINISHED'
  /** The code started in a sandbox. */
  | 'EXECUTION_STARTED'
  /** The heuristic answered instead of code. */
  | 'FALLBACK_USED'
  /** An investigation was cancelled. */
  | 'INVESTIGATION_CANCELLED'
  /** An investigation ended with an error. */
  | 'INVESTIGATION_FAILED'
  /** An investigation left the queue. */
  | 'INVESTIGATION_STARTED'
  /** An investigation ended with a valid result. */
  | 'INVESTIGATION_SUCCEEDED'
  /** A step worth telling (such as the sample drawn). */
  | 'LOG'
  /** The run ended; always the last event; data holds status and summary. */
  | 'RUN_FINISHED'
  /** The run began; data holds total and concurrency. */
  | 'RUN_STARTED';

export type RunStatus =
  /** cancelRun stopped the run. */
  | 'CANCELLED'
  /** Every investigation failed. */
  | 'FAILED'
  /** The server stopped while the run was in flight. */
  | 'INTERRUPTED'
  /** Some investigations failed. */
  | 'PARTIAL'
  | 'QUEUED'
  | 'RUNNING'
  /** Every investigation succeeded. */
  | 'SUCCEEDED';

export type SandboxMode =
  /** Anthropic's code execution tool. */
  | 'ANTHROPIC'
  /** The local sandbox when it is available on this machine, Anthropic's code execution tool otherwise. */
  | 'AUTO'
  /** The local bubblewrap sandbox. */
  | 'LOCAL';

export type VerdictStatus =
  /** The measured figure agrees with the claimed one, within the stated tolerance (or, with no figure claimed, something is affected). */
  | 'CONFIRMED'
  /** No result to judge by, or the result carries no figure comparable to the claim. */
  | 'INCONCLUSIVE'
  /** The measured figure disagrees with the claimed one (or, with no figure claimed, nothing is affected). */
  | 'REFUTED';

export type RemoteRunMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type RemoteRunMutation = { investigateIssues: { status: RunStatus, usage: { calls: number, inputTokens: number } | null, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, error: string | null, attempts: number, output: any, usage: { calls: number } | null, artifacts: Array<{ name: string, bytes: number, sha256: string, width: number | null, height: number | null, url: string }> }>, events: Array<{ type: ProgressEventType, message: string, data: any }> } };

export type RemoteRerunMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type RemoteRerunMutation = { rerunInvestigation: { status: InvestigationStatus, method: InvestigationMethod | null, error: string | null, artifacts: Array<{ name: string }>, run: { sandbox: SandboxMode, events: Array<{ type: ProgressEventType, message: string }> } } };

export type RemoteStartMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type RemoteStartMutation = { investigateIssues: { id: string } };

export type RemoteCancelMutationVariables = Exact<{
  id: string;
}>;


export type RemoteCancelMutation = { cancelRun: { status: RunStatus } };

export type ChartsInvestigateMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type ChartsInvestigateMutation = { investigateIssues: { investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, code: string | null, output: any, artifacts: Array<{ id: string, name: string, mimeType: string, bytes: number, sha256: string, width: number | null, height: number | null, url: string, investigation: { id: string } }> }> } };

export type ChartsRerunMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type ChartsRerunMutation = { rerunInvestigation: { id: string, status: InvestigationStatus, method: InvestigationMethod | null, error: string | null, output: any, artifacts: Array<{ name: string, bytes: number, sha256: string, url: string }>, run: { events: Array<{ type: ProgressEventType, message: string, investigationId: string | null }> } } };

export type ChartsFollowUpMutationVariables = Exact<{
  id: string;
  issue: IssueInput;
}>;


export type ChartsFollowUpMutation = { followUp: { code: string | null, artifacts: Array<{ name: string }>, run: { charts: boolean } } };

export type CliTestDatasetsQueryVariables = Exact<{ [key: string]: never; }>;


export type CliTestDatasetsQuery = { datasets: { totalCount: number } };

export type InvestigateWithoutPythonMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type InvestigateWithoutPythonMutation = { investigateIssues: { status: RunStatus, investigations: Array<{ status: InvestigationStatus, method: InvestigationMethod | null, code: string | null, error: string | null, output: any }>, events: Array<{ type: ProgressEventType, data: any }> } };

export type DashboardTestDetectMutationVariables = Exact<{
  datasetId: string;
}>;


export type DashboardTestDetectMutation = { detectIssues: Array<{ description: string }> };

export type DashboardTestRunQueryVariables = Exact<{
  id: string;
}>;


export type DashboardTestRunQuery = { run: { label: string | null, charts: boolean, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, code: string | null, issue: { type: string, description: string, affectedColumns: Array<string>, options: any }, verdict: { status: VerdictStatus } | null, artifacts: Array<{ width: number | null }>, parent: { id: string } | null }> } | null };

export type DashboardTestOutputQueryVariables = Exact<{
  id: string;
}>;


export type DashboardTestOutputQuery = { investigation: { output: any } | null };

export type DashboardTestDatasetsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardTestDatasetsQuery = { datasets: { edges: Array<{ node: { id: string } }> }, runs: { edges: Array<{ node: { id: string } }> } };

export type CreateDatasetMutationVariables = Exact<{
  name: string;
  csv: string;
}>;


export type CreateDatasetMutation = { createDataset: { id: string, name: string, rowCount: number, sizeBytes: number, sha256: string, createdAt: string, columns: Array<{ name: string, dtype: string, nullCount: number }> } };

export type DatasetCountQueryVariables = Exact<{ [key: string]: never; }>;


export type DatasetCountQuery = { datasets: { edges: Array<{ node: { id: string } }> } };

export type DetectMutationVariables = Exact<{
  datasetId: string;
}>;


export type DetectMutation = { detectIssues: Array<{ type: string, description: string, affectedColumns: Array<string>, options: any, source: IssueSource | null, evidence: any, id: string }> };

export type InvestigateDetectedMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type InvestigateDetectedMutation = { investigateIssues: { status: RunStatus, investigations: Array<{ status: InvestigationStatus, method: InvestigationMethod | null, output: any, issue: { type: string, affectedColumns: Array<string>, id: string } }> } };

export type JudgeDetectedHypothesesMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type JudgeDetectedHypothesesMutation = { investigateIssues: { id: string, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, output: any, verdict: { status: VerdictStatus, claimed: number | null, measured: number | null, explanation: string } | null }>, events: Array<{ type: ProgressEventType, investigationId: string | null, data: any }> } };

export type UploadMutationVariables = Exact<{
  csv: string;
}>;


export type UploadMutation = { createDataset: { id: string } };

export type DurableStartMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type DurableStartMutation = { investigateIssues: { id: string, status: RunStatus } };

export type EverythingQueryVariables = Exact<{
  runId: string;
  datasetId: string;
}>;


export type EverythingQuery = { dataset: { id: string, rowCount: number } | null, run: { status: RunStatus, finishedAt: string | null, summary: { total: number, succeeded: number, failed: number, cancelled: number }, investigations: Array<{ status: InvestigationStatus, error: string | null, output: any }>, events: Array<{ seq: number, type: ProgressEventType, investigationId: string | null, message: string, data: any }> } | null };

export type WatchSubscriptionVariables = Exact<{
  runId: string;
  afterSeq?: number | null | undefined;
}>;


export type WatchSubscription = { investigationProgress: { seq: number, type: ProgressEventType, investigationId: string | null } };

export type FollowUpBaseMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type FollowUpBaseMutation = { investigateIssues: { investigations: Array<{ id: string, status: InvestigationStatus, code: string | null, output: any }> } };

export type FollowUpStartMutationVariables = Exact<{
  id: string;
  issue: IssueInput;
  codegen?: CodegenMode | null | undefined;
  wait?: boolean | null | undefined;
}>;


export type FollowUpStartMutation = { followUp: { id: string, status: InvestigationStatus, error: string | null, method: InvestigationMethod | null, code: string | null, output: any, run: { id: string }, parent: { id: string } | null } };

export type FollowUpLineageQueryVariables = Exact<{
  id: string;
}>;


export type FollowUpLineageQuery = { investigation: { id: string, parent: { id: string } | null, children: Array<{ id: string, issue: { type: string, description: string } }> } | null, investigations: { edges: Array<{ node: { id: string } }> } };

export type FollowUpRerunMutationVariables = Exact<{
  id: string;
}>;


export type FollowUpRerunMutation = { rerunInvestigation: { id: string, parent: { id: string } | null } };

export type FollowUpRerunWithMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type FollowUpRerunWithMutation = { rerunInvestigation: { id: string, status: InvestigationStatus } };

export type FollowUpSuggestedQueryVariables = Exact<{
  id: string;
}>;


export type FollowUpSuggestedQuery = { investigation: { output: any, suggestedFollowUps: Array<{ question: string, issue: { type: string, description: string, affectedColumns: Array<string>, options: any } }> } | null };

export type SeedDatasetMutationVariables = Exact<{
  name: string;
  csv: string;
}>;


export type SeedDatasetMutation = { createDataset: { id: string, rowCount: number } };

export type HeuristicCompareMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type HeuristicCompareMutation = { investigateIssues: { status: RunStatus, investigations: Array<{ status: InvestigationStatus, method: InvestigationMethod | null, code: string | null, error: string | null, output: any, attempts: number, validation: { valid: boolean, errors: Array<string> } | null }>, events: Array<{ type: ProgressEventType, data: any }> } };

export type InvestigateMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type InvestigateMutation = { investigateIssues: { id: string, status: RunStatus, concurrency: number, startedAt: string | null, finishedAt: string | null, summary: { total: number, succeeded: number, failed: number, fallback: number, cancelled: number }, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, error: string | null, attempts: number, code: string | null, output: any, executionTimeMs: number | null, issue: { type: string, affectedColumns: Array<string>, id: string }, timings: { samplingMs: number | null, generationMs: number | null, executionMs: number | null, parsingMs: number | null, totalMs: number | null } | null, sample: { rows: number, estimatedTokens: number } | null, validation: { valid: boolean, errors: Array<string> } | null }>, events: Array<{ seq: number, type: ProgressEventType, investigationId: string | null, data: any }> } };

export type RunStateQueryVariables = Exact<{
  id: string;
}>;


export type RunStateQuery = { run: { id: string, status: RunStatus, investigations: Array<{ id: string, status: InvestigationStatus, error: string | null }>, events: Array<{ seq: number, type: ProgressEventType, investigationId: string | null, data: any }> } | null };

export type CancelMutationVariables = Exact<{
  id: string;
}>;


export type CancelMutation = { cancelRun: { id: string, status: RunStatus, summary: { total: number, cancelled: number }, investigations: Array<{ status: InvestigationStatus }>, events: Array<{ seq: number, type: ProgressEventType, data: any }> } };

export type RerunMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
  wait?: boolean | null | undefined;
}>;


export type RerunMutation = { rerunInvestigation: { id: string, status: InvestigationStatus, method: InvestigationMethod | null, code: string | null, output: any, error: string | null, run: { id: string, status: RunStatus, investigations: Array<{ id: string }> } } };

export type OneInvestigationQueryVariables = Exact<{
  id: string;
}>;


export type OneInvestigationQuery = { investigation: { id: string, status: InvestigationStatus, method: InvestigationMethod | null, code: string | null, output: any } | null };

export type RunTemplatesMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type RunTemplatesMutation = { investigateIssues: { status: RunStatus, investigations: Array<{ status: InvestigationStatus, method: InvestigationMethod | null, error: string | null, output: any, issue: { id: string, type: string }, validation: { valid: boolean, errors: Array<string> } | null }> } };

export type IssueTypeListQueryVariables = Exact<{ [key: string]: never; }>;


export type IssueTypeListQuery = { issueTypes: Array<{ type: string, description: string, resultKeys: Array<string>, columns: string }> };

export type LlmRunMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type LlmRunMutation = { investigateIssues: { id: string, status: RunStatus, llmModel: string | null, fresh: boolean, usage: { model: string, calls: number, inputTokens: number, outputTokens: number, estimatedCostUsd: number } | null, summary: { fallback: number }, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, error: string | null, attempts: number, code: string | null, output: any, artifacts: Array<{ name: string, width: number | null, height: number | null }>, sample: { rows: number, estimatedTokens: number, promptTokens: number | null, redactions: number | null } | null, usage: { model: string, calls: number, inputTokens: number, outputTokens: number, estimatedCostUsd: number } | null, attemptHistory: Array<{ attempt: number, method: InvestigationMethod, cached: boolean, code: string, error: string | null }> }>, events: Array<{ seq: number, type: ProgressEventType, message: string, data: any }> } };

export type LlmRerunMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type LlmRerunMutation = { rerunInvestigation: { status: InvestigationStatus, error: string | null, output: any } };

export type InvestigateOnBackendMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type InvestigateOnBackendMutation = { investigateIssues: { id: string, status: RunStatus, investigations: Array<{ status: InvestigationStatus, method: InvestigationMethod | null, output: any, verdict: { status: VerdictStatus } | null }>, events: Array<{ seq: number, type: ProgressEventType }> } };

export type ReplayOnBackendSubscriptionVariables = Exact<{
  runId: string;
}>;


export type ReplayOnBackendSubscription = { investigationProgress: { seq: number } };

export type StartRunMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type StartRunMutation = { investigateIssues: { id: string, status: RunStatus } };

export type StoredEventsQueryVariables = Exact<{
  id: string;
  afterSeq?: number | null | undefined;
}>;


export type StoredEventsQuery = { run: { status: RunStatus, events: Array<{ runId: string, investigationId: string | null, seq: number, type: ProgressEventType, message: string, timestamp: string, data: any }> } | null };

export type ProgressSubscriptionVariables = Exact<{
  runId: string;
  afterSeq?: number | null | undefined;
}>;


export type ProgressSubscription = { investigationProgress: { runId: string, investigationId: string | null, seq: number, type: ProgressEventType, message: string, timestamp: string, data: any } };

export type CreateForQueriesMutationVariables = Exact<{
  name: string;
  csv: string;
}>;


export type CreateForQueriesMutation = { createDataset: { id: string } };

export type RunForQueriesMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type RunForQueriesMutation = { investigateIssues: { id: string, status: RunStatus, investigations: Array<{ id: string }> } };

export type DatasetsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type DatasetsPageQuery = { datasets: { edges: Array<{ cursor: string, node: { id: string, name: string } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type RunsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  datasetId?: string | null | undefined;
  status?: RunStatus | null | undefined;
}>;


export type RunsPageQuery = { runs: { edges: Array<{ node: { id: string, status: RunStatus, dataset: { id: string, name: string }, investigations: Array<{ id: string, status: InvestigationStatus }>, summary: { total: number, succeeded: number }, events: Array<{ seq: number }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type InvestigationsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: InvestigationFilter | null | undefined;
}>;


export type InvestigationsPageQuery = { investigations: { edges: Array<{ node: { id: string, status: InvestigationStatus, method: InvestigationMethod | null, issue: { type: string }, run: { id: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type NodeByIdQueryVariables = Exact<{
  id: string;
}>;


export type NodeByIdQuery = { node:
    | { __typename: 'Dataset', name: string, id: string, runs: { edges: Array<{ node: { id: string } }> } }
    | { __typename: 'Investigation', id: string, investigationStatus: InvestigationStatus }
    | { __typename: 'InvestigationRun', id: string, runStatus: RunStatus }
   | null };

export type LookupsQueryVariables = Exact<{
  id: string;
}>;


export type LookupsQuery = { dataset: { id: string } | null, run: { id: string } | null, investigation: { id: string } | null, node:
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type RedactedRunMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type RedactedRunMutation = { investigateIssues: { investigations: Array<{ id: string, status: InvestigationStatus, output: any }> } };

export type RedactedRerunMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type RedactedRerunMutation = { rerunInvestigation: { id: string, status: InvestigationStatus, error: string | null, attemptHistory: Array<{ error: string | null }>, run: { events: Array<{ message: string, data: any }> } } };

export type RedactedDatasetDigestQueryVariables = Exact<{
  id: string;
}>;


export type RedactedDatasetDigestQuery = { dataset: { sha256: string } | null };

export type AttackBaseMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type AttackBaseMutation = { investigateIssues: { investigations: Array<{ id: string }> } };

export type AttackMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type AttackMutation = { rerunInvestigation: { status: InvestigationStatus, error: string | null, output: any, run: { events: Array<{ type: ProgressEventType, data: any }> } } };

export type PoolRunMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type PoolRunMutation = { investigateIssues: { status: RunStatus, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, code: string | null, error: string | null, output: any }>, events: Array<{ type: ProgressEventType, data: any }> } };

export type InvestigateAcrossProcessesMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type InvestigateAcrossProcessesMutation = { investigateIssues: { id: string, status: RunStatus, investigations: Array<{ id: string }> } };

export type RunAcrossProcessesQueryVariables = Exact<{
  id: string;
}>;


export type RunAcrossProcessesQuery = { run: { status: RunStatus, investigations: Array<{ status: InvestigationStatus, errorCode: InvestigationErrorCode | null, output: any }>, events: Array<{ seq: number, type: ProgressEventType, message: string, investigationId: string | null, data: any }> } | null };

export type NewestRunAcrossProcessesQueryVariables = Exact<{ [key: string]: never; }>;


export type NewestRunAcrossProcessesQuery = { runs: { edges: Array<{ node: { id: string } }> } };

export type RerunAcrossProcessesMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type RerunAcrossProcessesMutation = { rerunInvestigation: { status: InvestigationStatus, errorCode: InvestigationErrorCode | null, output: any } };

export type CancelAcrossProcessesMutationVariables = Exact<{
  id: string;
}>;


export type CancelAcrossProcessesMutation = { cancelRun: { status: RunStatus } };

export type ProgressAcrossProcessesSubscriptionVariables = Exact<{
  runId: string;
  afterSeq?: number | null | undefined;
}>;


export type ProgressAcrossProcessesSubscription = { investigationProgress: { seq: number, type: ProgressEventType } };

export type TimelineAcrossProcessesQueryVariables = Exact<{
  id: string;
}>;


export type TimelineAcrossProcessesQuery = { run: { status: RunStatus, investigations: Array<{ startedAt: string | null, finishedAt: string | null }> } | null };

export type JudgeHypothesesMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type JudgeHypothesesMutation = { investigateIssues: { id: string, investigations: Array<{ id: string, status: InvestigationStatus, verdict: { status: VerdictStatus, claimed: number | null, measured: number | null, explanation: string } | null }>, events: Array<{ type: ProgressEventType, investigationId: string | null, data: any }> } };

export type StoredVerdictQueryVariables = Exact<{
  id: string;
}>;


export type StoredVerdictQuery = { investigation: { verdict: { status: VerdictStatus, claimed: number | null, measured: number | null } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const RemoteRunDocument = new TypedDocumentString(`
    mutation RemoteRun($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    status
    usage {
      calls
      inputTokens
    }
    investigations {
      id
      status
      method
      error
      attempts
      output
      usage {
        calls
      }
      artifacts {
        name
        bytes
        sha256
        width
        height
        url
      }
    }
    events {
      type
      message
      data
    }
  }
}
    `) as unknown as TypedDocumentString<RemoteRunMutation, RemoteRunMutationVariables>;
export const RemoteRerunDocument = new TypedDocumentString(`
    mutation RemoteRerun($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code) {
    status
    method
    error
    artifacts {
      name
    }
    run {
      sandbox
      events {
        type
        message
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RemoteRerunMutation, RemoteRerunMutationVariables>;
export const RemoteStartDocument = new TypedDocumentString(`
    mutation RemoteStart($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RemoteStartMutation, RemoteStartMutationVariables>;
export const RemoteCancelDocument = new TypedDocumentString(`
    mutation RemoteCancel($id: ID!) {
  cancelRun(id: $id) {
    status
  }
}
    `) as unknown as TypedDocumentString<RemoteCancelMutation, RemoteCancelMutationVariables>;
export const ChartsInvestigateDocument = new TypedDocumentString(`
    mutation ChartsInvestigate($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    investigations {
      id
      status
      method
      code
      output
      artifacts {
        id
        name
        mimeType
        bytes
        sha256
        width
        height
        url
        investigation {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ChartsInvestigateMutation, ChartsInvestigateMutationVariables>;
export const ChartsRerunDocument = new TypedDocumentString(`
    mutation ChartsRerun($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code) {
    id
    status
    method
    error
    output
    artifacts {
      name
      bytes
      sha256
      url
    }
    run {
      events {
        type
        message
        investigationId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ChartsRerunMutation, ChartsRerunMutationVariables>;
export const ChartsFollowUpDocument = new TypedDocumentString(`
    mutation ChartsFollowUp($id: ID!, $issue: IssueInput!) {
  followUp(investigationId: $id, issue: $issue) {
    code
    artifacts {
      name
    }
    run {
      charts
    }
  }
}
    `) as unknown as TypedDocumentString<ChartsFollowUpMutation, ChartsFollowUpMutationVariables>;
export const CliTestDatasetsDocument = new TypedDocumentString(`
    query CliTestDatasets {
  datasets {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<CliTestDatasetsQuery, CliTestDatasetsQueryVariables>;
export const InvestigateWithoutPythonDocument = new TypedDocumentString(`
    mutation InvestigateWithoutPython($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    status
    investigations {
      status
      method
      code
      error
      output
    }
    events {
      type
      data
    }
  }
}
    `) as unknown as TypedDocumentString<InvestigateWithoutPythonMutation, InvestigateWithoutPythonMutationVariables>;
export const DashboardTestDetectDocument = new TypedDocumentString(`
    mutation DashboardTestDetect($datasetId: ID!) {
  detectIssues(datasetId: $datasetId) {
    description
  }
}
    `) as unknown as TypedDocumentString<DashboardTestDetectMutation, DashboardTestDetectMutationVariables>;
export const DashboardTestRunDocument = new TypedDocumentString(`
    query DashboardTestRun($id: ID!) {
  run(id: $id) {
    label
    charts
    investigations {
      id
      status
      method
      code
      issue {
        type
        description
        affectedColumns
        options
      }
      verdict {
        status
      }
      artifacts {
        width
      }
      parent {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardTestRunQuery, DashboardTestRunQueryVariables>;
export const DashboardTestOutputDocument = new TypedDocumentString(`
    query DashboardTestOutput($id: ID!) {
  investigation(id: $id) {
    output
  }
}
    `) as unknown as TypedDocumentString<DashboardTestOutputQuery, DashboardTestOutputQueryVariables>;
export const DashboardTestDatasetsDocument = new TypedDocumentString(`
    query DashboardTestDatasets {
  datasets(first: 100) {
    edges {
      node {
        id
      }
    }
  }
  runs(first: 100) {
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardTestDatasetsQuery, DashboardTestDatasetsQueryVariables>;
export const CreateDatasetDocument = new TypedDocumentString(`
    mutation CreateDataset($name: String!, $csv: String!) {
  createDataset(name: $name, csv: $csv) {
    id
    name
    rowCount
    sizeBytes
    sha256
    createdAt
    columns {
      name
      dtype
      nullCount
    }
  }
}
    `) as unknown as TypedDocumentString<CreateDatasetMutation, CreateDatasetMutationVariables>;
export const DatasetCountDocument = new TypedDocumentString(`
    query DatasetCount {
  datasets(first: 100) {
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DatasetCountQuery, DatasetCountQueryVariables>;
export const DetectDocument = new TypedDocumentString(`
    mutation Detect($datasetId: ID!) {
  detectIssues(datasetId: $datasetId) {
    id: clientId
    type
    description
    affectedColumns
    options
    source
    evidence
  }
}
    `) as unknown as TypedDocumentString<DetectMutation, DetectMutationVariables>;
export const InvestigateDetectedDocument = new TypedDocumentString(`
    mutation InvestigateDetected($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    status
    investigations {
      status
      method
      output
      issue {
        id: clientId
        type
        affectedColumns
      }
    }
  }
}
    `) as unknown as TypedDocumentString<InvestigateDetectedMutation, InvestigateDetectedMutationVariables>;
export const JudgeDetectedHypothesesDocument = new TypedDocumentString(`
    mutation JudgeDetectedHypotheses($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    investigations {
      id
      status
      method
      output
      verdict {
        status
        claimed
        measured
        explanation
      }
    }
    events {
      type
      investigationId
      data
    }
  }
}
    `) as unknown as TypedDocumentString<JudgeDetectedHypothesesMutation, JudgeDetectedHypothesesMutationVariables>;
export const UploadDocument = new TypedDocumentString(`
    mutation Upload($csv: String!) {
  createDataset(name: "rows", csv: $csv) {
    id
  }
}
    `) as unknown as TypedDocumentString<UploadMutation, UploadMutationVariables>;
export const DurableStartDocument = new TypedDocumentString(`
    mutation DurableStart($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DurableStartMutation, DurableStartMutationVariables>;
export const EverythingDocument = new TypedDocumentString(`
    query Everything($runId: ID!, $datasetId: ID!) {
  dataset(id: $datasetId) {
    id
    rowCount
  }
  run(id: $runId) {
    status
    finishedAt
    summary {
      total
      succeeded
      failed
      cancelled
    }
    investigations {
      status
      error
      output
    }
    events {
      seq
      type
      investigationId
      message
      data
    }
  }
}
    `) as unknown as TypedDocumentString<EverythingQuery, EverythingQueryVariables>;
export const WatchDocument = new TypedDocumentString(`
    subscription Watch($runId: ID!, $afterSeq: Int) {
  investigationProgress(runId: $runId, afterSeq: $afterSeq) {
    seq
    type
    investigationId
  }
}
    `) as unknown as TypedDocumentString<WatchSubscription, WatchSubscriptionVariables>;
export const FollowUpBaseDocument = new TypedDocumentString(`
    mutation FollowUpBase($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    investigations {
      id
      status
      code
      output
    }
  }
}
    `) as unknown as TypedDocumentString<FollowUpBaseMutation, FollowUpBaseMutationVariables>;
export const FollowUpStartDocument = new TypedDocumentString(`
    mutation FollowUpStart($id: ID!, $issue: IssueInput!, $codegen: CodegenMode, $wait: Boolean) {
  followUp(investigationId: $id, issue: $issue, codegen: $codegen, wait: $wait) {
    id
    status
    error
    method
    code
    output
    run {
      id
    }
    parent {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<FollowUpStartMutation, FollowUpStartMutationVariables>;
export const FollowUpLineageDocument = new TypedDocumentString(`
    query FollowUpLineage($id: ID!) {
  investigation(id: $id) {
    id
    parent {
      id
    }
    children {
      id
      issue {
        type
        description
      }
    }
  }
  investigations(filter: {parentId: $id}) {
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FollowUpLineageQuery, FollowUpLineageQueryVariables>;
export const FollowUpRerunDocument = new TypedDocumentString(`
    mutation FollowUpRerun($id: ID!) {
  rerunInvestigation(id: $id) {
    id
    parent {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<FollowUpRerunMutation, FollowUpRerunMutationVariables>;
export const FollowUpRerunWithDocument = new TypedDocumentString(`
    mutation FollowUpRerunWith($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<FollowUpRerunWithMutation, FollowUpRerunWithMutationVariables>;
export const FollowUpSuggestedDocument = new TypedDocumentString(`
    query FollowUpSuggested($id: ID!) {
  investigation(id: $id) {
    output
    suggestedFollowUps {
      question
      issue {
        type
        description
        affectedColumns
        options
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FollowUpSuggestedQuery, FollowUpSuggestedQueryVariables>;
export const SeedDatasetDocument = new TypedDocumentString(`
    mutation SeedDataset($name: String!, $csv: String!) {
  createDataset(name: $name, csv: $csv) {
    id
    rowCount
  }
}
    `) as unknown as TypedDocumentString<SeedDatasetMutation, SeedDatasetMutationVariables>;
export const HeuristicCompareDocument = new TypedDocumentString(`
    mutation HeuristicCompare($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    status
    investigations {
      status
      method
      code
      error
      output
      attempts
      validation {
        valid
        errors
      }
    }
    events {
      type
      data
    }
  }
}
    `) as unknown as TypedDocumentString<HeuristicCompareMutation, HeuristicCompareMutationVariables>;
export const InvestigateDocument = new TypedDocumentString(`
    mutation Investigate($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
    concurrency
    startedAt
    finishedAt
    summary {
      total
      succeeded
      failed
      fallback
      cancelled
    }
    investigations {
      id
      status
      method
      error
      attempts
      code
      output
      executionTimeMs
      issue {
        id: clientId
        type
        affectedColumns
      }
      timings {
        samplingMs
        generationMs
        executionMs
        parsingMs
        totalMs
      }
      sample {
        rows
        estimatedTokens
      }
      validation {
        valid
        errors
      }
    }
    events {
      seq
      type
      investigationId
      data
    }
  }
}
    `) as unknown as TypedDocumentString<InvestigateMutation, InvestigateMutationVariables>;
export const RunStateDocument = new TypedDocumentString(`
    query RunState($id: ID!) {
  run(id: $id) {
    id
    status
    investigations {
      id
      status
      error
    }
    events {
      seq
      type
      investigationId
      data
    }
  }
}
    `) as unknown as TypedDocumentString<RunStateQuery, RunStateQueryVariables>;
export const CancelDocument = new TypedDocumentString(`
    mutation Cancel($id: ID!) {
  cancelRun(id: $id) {
    id
    status
    summary {
      total
      cancelled
    }
    investigations {
      status
    }
    events {
      seq
      type
      data
    }
  }
}
    `) as unknown as TypedDocumentString<CancelMutation, CancelMutationVariables>;
export const RerunDocument = new TypedDocumentString(`
    mutation Rerun($id: ID!, $code: String, $wait: Boolean) {
  rerunInvestigation(id: $id, code: $code, wait: $wait) {
    id
    status
    method
    code
    output
    error
    run {
      id
      status
      investigations {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RerunMutation, RerunMutationVariables>;
export const OneInvestigationDocument = new TypedDocumentString(`
    query OneInvestigation($id: ID!) {
  investigation(id: $id) {
    id
    status
    method
    code
    output
  }
}
    `) as unknown as TypedDocumentString<OneInvestigationQuery, OneInvestigationQueryVariables>;
export const RunTemplatesDocument = new TypedDocumentString(`
    mutation RunTemplates($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    status
    investigations {
      status
      method
      error
      output
      issue {
        id
        type
      }
      validation {
        valid
        errors
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RunTemplatesMutation, RunTemplatesMutationVariables>;
export const IssueTypeListDocument = new TypedDocumentString(`
    query IssueTypeList {
  issueTypes {
    type
    description
    resultKeys
    columns
  }
}
    `) as unknown as TypedDocumentString<IssueTypeListQuery, IssueTypeListQueryVariables>;
export const LlmRunDocument = new TypedDocumentString(`
    mutation LlmRun($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
    llmModel
    fresh
    usage {
      model
      calls
      inputTokens
      outputTokens
      estimatedCostUsd
    }
    summary {
      fallback
    }
    investigations {
      id
      status
      method
      error
      attempts
      code
      output
      artifacts {
        name
        width
        height
      }
      sample {
        rows
        estimatedTokens
        promptTokens
        redactions
      }
      usage {
        model
        calls
        inputTokens
        outputTokens
        estimatedCostUsd
      }
      attemptHistory {
        attempt
        method
        cached
        code
        error
      }
    }
    events {
      seq
      type
      message
      data
    }
  }
}
    `) as unknown as TypedDocumentString<LlmRunMutation, LlmRunMutationVariables>;
export const LlmRerunDocument = new TypedDocumentString(`
    mutation LlmRerun($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code) {
    status
    error
    output
  }
}
    `) as unknown as TypedDocumentString<LlmRerunMutation, LlmRerunMutationVariables>;
export const InvestigateOnBackendDocument = new TypedDocumentString(`
    mutation InvestigateOnBackend($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
    investigations {
      status
      method
      output
      verdict {
        status
      }
    }
    events {
      seq
      type
    }
  }
}
    `) as unknown as TypedDocumentString<InvestigateOnBackendMutation, InvestigateOnBackendMutationVariables>;
export const ReplayOnBackendDocument = new TypedDocumentString(`
    subscription ReplayOnBackend($runId: ID!) {
  investigationProgress(runId: $runId) {
    seq
  }
}
    `) as unknown as TypedDocumentString<ReplayOnBackendSubscription, ReplayOnBackendSubscriptionVariables>;
export const StartRunDocument = new TypedDocumentString(`
    mutation StartRun($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<StartRunMutation, StartRunMutationVariables>;
export const StoredEventsDocument = new TypedDocumentString(`
    query StoredEvents($id: ID!, $afterSeq: Int) {
  run(id: $id) {
    status
    events(afterSeq: $afterSeq) {
      runId
      investigationId
      seq
      type
      message
      timestamp
      data
    }
  }
}
    `) as unknown as TypedDocumentString<StoredEventsQuery, StoredEventsQueryVariables>;
export const ProgressDocument = new TypedDocumentString(`
    subscription Progress($runId: ID!, $afterSeq: Int) {
  investigationProgress(runId: $runId, afterSeq: $afterSeq) {
    runId
    investigationId
    seq
    type
    message
    timestamp
    data
  }
}
    `) as unknown as TypedDocumentString<ProgressSubscription, ProgressSubscriptionVariables>;
export const CreateForQueriesDocument = new TypedDocumentString(`
    mutation CreateForQueries($name: String!, $csv: String!) {
  createDataset(name: $name, csv: $csv) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateForQueriesMutation, CreateForQueriesMutationVariables>;
export const RunForQueriesDocument = new TypedDocumentString(`
    mutation RunForQueries($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
    investigations {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RunForQueriesMutation, RunForQueriesMutationVariables>;
export const DatasetsPageDocument = new TypedDocumentString(`
    query DatasetsPage($first: Int, $after: String, $last: Int, $before: String) {
  datasets(first: $first, after: $after, last: $last, before: $before) {
    edges {
      cursor
      node {
        id
        name
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<DatasetsPageQuery, DatasetsPageQueryVariables>;
export const RunsPageDocument = new TypedDocumentString(`
    query RunsPage($first: Int, $after: String, $datasetId: ID, $status: RunStatus) {
  runs(first: $first, after: $after, datasetId: $datasetId, status: $status) {
    edges {
      node {
        id
        status
        dataset {
          id
          name
        }
        investigations {
          id
          status
        }
        summary {
          total
          succeeded
        }
        events {
          seq
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<RunsPageQuery, RunsPageQueryVariables>;
export const InvestigationsPageDocument = new TypedDocumentString(`
    query InvestigationsPage($first: Int, $after: String, $filter: InvestigationFilter) {
  investigations(first: $first, after: $after, filter: $filter) {
    edges {
      node {
        id
        status
        method
        issue {
          type
        }
        run {
          id
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<InvestigationsPageQuery, InvestigationsPageQueryVariables>;
export const NodeByIdDocument = new TypedDocumentString(`
    query NodeById($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Dataset {
      name
      runs(first: 10) {
        edges {
          node {
            id
          }
        }
      }
    }
    ... on InvestigationRun {
      runStatus: status
    }
    ... on Investigation {
      investigationStatus: status
    }
  }
}
    `) as unknown as TypedDocumentString<NodeByIdQuery, NodeByIdQueryVariables>;
export const LookupsDocument = new TypedDocumentString(`
    query Lookups($id: ID!) {
  dataset(id: $id) {
    id
  }
  run(id: $id) {
    id
  }
  investigation(id: $id) {
    id
  }
  node(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<LookupsQuery, LookupsQueryVariables>;
export const RedactedRunDocument = new TypedDocumentString(`
    mutation RedactedRun($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    investigations {
      id
      status
      output
    }
  }
}
    `) as unknown as TypedDocumentString<RedactedRunMutation, RedactedRunMutationVariables>;
export const RedactedRerunDocument = new TypedDocumentString(`
    mutation RedactedRerun($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code) {
    id
    status
    error
    attemptHistory {
      error
    }
    run {
      events {
        message
        data
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RedactedRerunMutation, RedactedRerunMutationVariables>;
export const RedactedDatasetDigestDocument = new TypedDocumentString(`
    query RedactedDatasetDigest($id: ID!) {
  dataset(id: $id) {
    sha256
  }
}
    `) as unknown as TypedDocumentString<RedactedDatasetDigestQuery, RedactedDatasetDigestQueryVariables>;
export const AttackBaseDocument = new TypedDocumentString(`
    mutation AttackBase($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    investigations {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<AttackBaseMutation, AttackBaseMutationVariables>;
export const AttackDocument = new TypedDocumentString(`
    mutation Attack($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code) {
    status
    error
    output
    run {
      events {
        type
        data
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AttackMutation, AttackMutationVariables>;
export const PoolRunDocument = new TypedDocumentString(`
    mutation PoolRun($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    status
    investigations {
      id
      status
      method
      code
      error
      output
    }
    events {
      type
      data
    }
  }
}
    `) as unknown as TypedDocumentString<PoolRunMutation, PoolRunMutationVariables>;
export const InvestigateAcrossProcessesDocument = new TypedDocumentString(`
    mutation InvestigateAcrossProcesses($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
    investigations {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<InvestigateAcrossProcessesMutation, InvestigateAcrossProcessesMutationVariables>;
export const RunAcrossProcessesDocument = new TypedDocumentString(`
    query RunAcrossProcesses($id: ID!) {
  run(id: $id) {
    status
    investigations {
      status
      errorCode
      output
    }
    events {
      seq
      type
      message
      investigationId
      data
    }
  }
}
    `) as unknown as TypedDocumentString<RunAcrossProcessesQuery, RunAcrossProcessesQueryVariables>;
export const NewestRunAcrossProcessesDocument = new TypedDocumentString(`
    query NewestRunAcrossProcesses {
  runs(first: 1) {
    edges {
      node {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<NewestRunAcrossProcessesQuery, NewestRunAcrossProcessesQueryVariables>;
export const RerunAcrossProcessesDocument = new TypedDocumentString(`
    mutation RerunAcrossProcesses($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code) {
    status
    errorCode
    output
  }
}
    `) as unknown as TypedDocumentString<RerunAcrossProcessesMutation, RerunAcrossProcessesMutationVariables>;
export const CancelAcrossProcessesDocument = new TypedDocumentString(`
    mutation CancelAcrossProcesses($id: ID!) {
  cancelRun(id: $id) {
    status
  }
}
    `) as unknown as TypedDocumentString<CancelAcrossProcessesMutation, CancelAcrossProcessesMutationVariables>;
export const ProgressAcrossProcessesDocument = new TypedDocumentString(`
    subscription ProgressAcrossProcesses($runId: ID!, $afterSeq: Int) {
  investigationProgress(runId: $runId, afterSeq: $afterSeq) {
    seq
    type
  }
}
    `) as unknown as TypedDocumentString<ProgressAcrossProcessesSubscription, ProgressAcrossProcessesSubscriptionVariables>;
export const TimelineAcrossProcessesDocument = new TypedDocumentString(`
    query TimelineAcrossProcesses($id: ID!) {
  run(id: $id) {
    status
    investigations {
      startedAt
      finishedAt
    }
  }
}
    `) as unknown as TypedDocumentString<TimelineAcrossProcessesQuery, TimelineAcrossProcessesQueryVariables>;
export const JudgeHypothesesDocument = new TypedDocumentString(`
    mutation JudgeHypotheses($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    investigations {
      id
      status
      verdict {
        status
        claimed
        measured
        explanation
      }
    }
    events {
      type
      investigationId
      data
    }
  }
}
    `) as unknown as TypedDocumentString<JudgeHypothesesMutation, JudgeHypothesesMutationVariables>;
export const StoredVerdictDocument = new TypedDocumentString(`
    query StoredVerdict($id: ID!) {
  investigation(id: $id) {
    verdict {
      status
      claimed
      measured
    }
  }
}
    `) as unknown as TypedDocumentString<StoredVerdictQuery, StoredVerdictQueryVariables>;