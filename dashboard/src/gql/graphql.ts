/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuthMethod =
  /** A JWT of the configured identity provider. */
  | 'JWT'
  /** None: the server runs with AUTH=off. */
  | 'NONE'
  /** An API token of this service. */
  | 'TOKEN';

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

export type Role =
  /** Also creates and revokes API tokens: of its own tenant, or of every tenant for an ADMIN of the "default" tenant. */
  | 'ADMIN'
  /** Also uploads datasets, detects issues, starts, cancels and re-runs investigations. */
  | 'MEMBER'
  /** Reads the tenant's datasets, runs and investigations. */
  | 'READER';

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

export type DashboardViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardViewerQuery = { viewer: { tenant: string, role: Role, authMethod: AuthMethod }, issueTypes: Array<{ type: string }> };

export type DashboardDatasetFragment = { id: string, name: string, rowCount: number, sizeBytes: number, sha256: string, createdAt: string, columns: Array<{ name: string, dtype: string }> };

export type DashboardDatasetsQueryVariables = Exact<{
  sha256?: string | null | undefined;
}>;


export type DashboardDatasetsQuery = { datasets: { edges: Array<{ node: { id: string, name: string, rowCount: number, sizeBytes: number, sha256: string, createdAt: string, columns: Array<{ name: string, dtype: string }> } }> } };

export type DashboardDatasetQueryVariables = Exact<{
  id: string;
}>;


export type DashboardDatasetQuery = { dataset: { id: string, name: string, rowCount: number, sizeBytes: number, sha256: string, createdAt: string, runs: { edges: Array<{ node: { id: string, label: string | null, status: RunStatus, createdAt: string, finishedAt: string | null, dataset: { id: string, name: string }, summary: { total: number, succeeded: number, failed: number, confirmed: number, refuted: number, inconclusive: number } } }> }, columns: Array<{ name: string, dtype: string }> } | null };

export type DashboardUploadMutationVariables = Exact<{
  file: File;
  name?: string | null | undefined;
}>;


export type DashboardUploadMutation = { uploadDataset: { id: string, name: string, rowCount: number, sizeBytes: number, sha256: string, createdAt: string, columns: Array<{ name: string, dtype: string }> } };

export type DashboardDetectMutationVariables = Exact<{
  datasetId: string;
}>;


export type DashboardDetectMutation = { detectIssues: Array<{ type: string, description: string, affectedColumns: Array<string>, options: any, evidence: any, source: IssueSource | null }> };

export type DashboardSummaryFragment = { total: number, succeeded: number, failed: number, confirmed: number, refuted: number, inconclusive: number };

export type DashboardRunRowFragment = { id: string, label: string | null, status: RunStatus, createdAt: string, finishedAt: string | null, dataset: { id: string, name: string }, summary: { total: number, succeeded: number, failed: number, confirmed: number, refuted: number, inconclusive: number } };

export type DashboardRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardRunsQuery = { runs: { edges: Array<{ node: { id: string, label: string | null, status: RunStatus, createdAt: string, finishedAt: string | null, dataset: { id: string, name: string }, summary: { total: number, succeeded: number, failed: number, confirmed: number, refuted: number, inconclusive: number } } }> } };

export type DashboardInvestigationFragment = { id: string, status: InvestigationStatus, method: InvestigationMethod | null, attempts: number, code: string | null, error: string | null, errorCode: InvestigationErrorCode | null, output: any, createdAt: string, startedAt: string | null, finishedAt: string | null, issue: { clientId: string, type: string, description: string, affectedColumns: Array<string>, options: any }, verdict: { status: VerdictStatus, claimed: number | null, measured: number | null, explanation: string } | null, timings: { generationMs: number | null, executionMs: number | null, parsingMs: number | null, totalMs: number | null } | null, artifacts: Array<{ id: string, name: string, url: string, width: number | null, height: number | null, bytes: number }>, suggestedFollowUps: Array<{ question: string, issue: { type: string, description: string, affectedColumns: Array<string>, options: any } }>, parent: { id: string, run: { id: string } } | null, children: Array<{ id: string, run: { id: string } }> };

export type DashboardEventFragment = { seq: number, type: ProgressEventType, message: string, timestamp: string, investigationId: string | null, data: any };

export type DashboardRunQueryVariables = Exact<{
  id: string;
}>;


export type DashboardRunQuery = { run: { charts: boolean, codegen: CodegenMode, sandbox: SandboxMode, startedAt: string | null, id: string, label: string | null, status: RunStatus, createdAt: string, finishedAt: string | null, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, attempts: number, code: string | null, error: string | null, errorCode: InvestigationErrorCode | null, output: any, createdAt: string, startedAt: string | null, finishedAt: string | null, issue: { clientId: string, type: string, description: string, affectedColumns: Array<string>, options: any }, verdict: { status: VerdictStatus, claimed: number | null, measured: number | null, explanation: string } | null, timings: { generationMs: number | null, executionMs: number | null, parsingMs: number | null, totalMs: number | null } | null, artifacts: Array<{ id: string, name: string, url: string, width: number | null, height: number | null, bytes: number }>, suggestedFollowUps: Array<{ question: string, issue: { type: string, description: string, affectedColumns: Array<string>, options: any } }>, parent: { id: string, run: { id: string } } | null, children: Array<{ id: string, run: { id: string } }> }>, events: Array<{ seq: number, type: ProgressEventType, message: string, timestamp: string, investigationId: string | null, data: any }>, dataset: { id: string, name: string }, summary: { total: number, succeeded: number, failed: number, confirmed: number, refuted: number, inconclusive: number } } | null };

export type DashboardProgressSubscriptionVariables = Exact<{
  runId: string;
  afterSeq?: number | null | undefined;
}>;


export type DashboardProgressSubscription = { investigationProgress: { seq: number, type: ProgressEventType, message: string, timestamp: string, investigationId: string | null, data: any, investigation: { id: string, status: InvestigationStatus, method: InvestigationMethod | null, attempts: number, code: string | null, error: string | null, errorCode: InvestigationErrorCode | null, output: any, createdAt: string, startedAt: string | null, finishedAt: string | null, issue: { clientId: string, type: string, description: string, affectedColumns: Array<string>, options: any }, verdict: { status: VerdictStatus, claimed: number | null, measured: number | null, explanation: string } | null, timings: { generationMs: number | null, executionMs: number | null, parsingMs: number | null, totalMs: number | null } | null, artifacts: Array<{ id: string, name: string, url: string, width: number | null, height: number | null, bytes: number }>, suggestedFollowUps: Array<{ question: string, issue: { type: string, description: string, affectedColumns: Array<string>, options: any } }>, parent: { id: string, run: { id: string } } | null, children: Array<{ id: string, run: { id: string } }> } | null } };

export type DashboardStartRunMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type DashboardStartRunMutation = { investigateIssues: { id: string } };

export type DashboardRerunMutationVariables = Exact<{
  id: string;
  code?: string | null | undefined;
}>;


export type DashboardRerunMutation = { rerunInvestigation: { id: string, run: { id: string } } };

export type DashboardFollowUpMutationVariables = Exact<{
  investigationId: string;
  issue: IssueInput;
}>;


export type DashboardFollowUpMutation = { followUp: { id: string, run: { id: string } } };

export type DashboardCancelRunMutationVariables = Exact<{
  id: string;
}>;


export type DashboardCancelRunMutation = { cancelRun: { id: string, status: RunStatus } };

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
export const DashboardDatasetFragmentDoc = new TypedDocumentString(`
    fragment DashboardDataset on Dataset {
  id
  name
  rowCount
  sizeBytes
  sha256
  createdAt
  columns {
    name
    dtype
  }
}
    `, {"fragmentName":"DashboardDataset"}) as unknown as TypedDocumentString<DashboardDatasetFragment, unknown>;
export const DashboardSummaryFragmentDoc = new TypedDocumentString(`
    fragment DashboardSummary on RunSummary {
  total
  succeeded
  failed
  confirmed
  refuted
  inconclusive
}
    `, {"fragmentName":"DashboardSummary"}) as unknown as TypedDocumentString<DashboardSummaryFragment, unknown>;
export const DashboardRunRowFragmentDoc = new TypedDocumentString(`
    fragment DashboardRunRow on InvestigationRun {
  id
  label
  status
  createdAt
  finishedAt
  dataset {
    id
    name
  }
  summary {
    ...DashboardSummary
  }
}
    fragment DashboardSummary on RunSummary {
  total
  succeeded
  failed
  confirmed
  refuted
  inconclusive
}`, {"fragmentName":"DashboardRunRow"}) as unknown as TypedDocumentString<DashboardRunRowFragment, unknown>;
export const DashboardInvestigationFragmentDoc = new TypedDocumentString(`
    fragment DashboardInvestigation on Investigation {
  id
  status
  method
  attempts
  code
  error
  errorCode
  output
  createdAt
  startedAt
  finishedAt
  issue {
    clientId
    type
    description
    affectedColumns
    options
  }
  verdict {
    status
    claimed
    measured
    explanation
  }
  timings {
    generationMs
    executionMs
    parsingMs
    totalMs
  }
  artifacts {
    id
    name
    url
    width
    height
    bytes
  }
  suggestedFollowUps {
    question
    issue {
      type
      description
      affectedColumns
      options
    }
  }
  parent {
    id
    run {
      id
    }
  }
  children {
    id
    run {
      id
    }
  }
}
    `, {"fragmentName":"DashboardInvestigation"}) as unknown as TypedDocumentString<DashboardInvestigationFragment, unknown>;
export const DashboardEventFragmentDoc = new TypedDocumentString(`
    fragment DashboardEvent on ProgressEvent {
  seq
  type
  message
  timestamp
  investigationId
  data
}
    `, {"fragmentName":"DashboardEvent"}) as unknown as TypedDocumentString<DashboardEventFragment, unknown>;
export const DashboardViewerDocument = new TypedDocumentString(`
    query DashboardViewer {
  viewer {
    tenant
    role
    authMethod
  }
  issueTypes {
    type
  }
}
    `) as unknown as TypedDocumentString<DashboardViewerQuery, DashboardViewerQueryVariables>;
export const DashboardDatasetsDocument = new TypedDocumentString(`
    query DashboardDatasets($sha256: String) {
  datasets(first: 100, sha256: $sha256) {
    edges {
      node {
        ...DashboardDataset
      }
    }
  }
}
    fragment DashboardDataset on Dataset {
  id
  name
  rowCount
  sizeBytes
  sha256
  createdAt
  columns {
    name
    dtype
  }
}`) as unknown as TypedDocumentString<DashboardDatasetsQuery, DashboardDatasetsQueryVariables>;
export const DashboardDatasetDocument = new TypedDocumentString(`
    query DashboardDataset($id: ID!) {
  dataset(id: $id) {
    ...DashboardDataset
    runs(first: 50) {
      edges {
        node {
          ...DashboardRunRow
        }
      }
    }
  }
}
    fragment DashboardDataset on Dataset {
  id
  name
  rowCount
  sizeBytes
  sha256
  createdAt
  columns {
    name
    dtype
  }
}
fragment DashboardSummary on RunSummary {
  total
  succeeded
  failed
  confirmed
  refuted
  inconclusive
}
fragment DashboardRunRow on InvestigationRun {
  id
  label
  status
  createdAt
  finishedAt
  dataset {
    id
    name
  }
  summary {
    ...DashboardSummary
  }
}`) as unknown as TypedDocumentString<DashboardDatasetQuery, DashboardDatasetQueryVariables>;
export const DashboardUploadDocument = new TypedDocumentString(`
    mutation DashboardUpload($file: File!, $name: String) {
  uploadDataset(file: $file, name: $name) {
    ...DashboardDataset
  }
}
    fragment DashboardDataset on Dataset {
  id
  name
  rowCount
  sizeBytes
  sha256
  createdAt
  columns {
    name
    dtype
  }
}`) as unknown as TypedDocumentString<DashboardUploadMutation, DashboardUploadMutationVariables>;
export const DashboardDetectDocument = new TypedDocumentString(`
    mutation DashboardDetect($datasetId: ID!) {
  detectIssues(datasetId: $datasetId) {
    type
    description
    affectedColumns
    options
    evidence
    source
  }
}
    `) as unknown as TypedDocumentString<DashboardDetectMutation, DashboardDetectMutationVariables>;
export const DashboardRunsDocument = new TypedDocumentString(`
    query DashboardRuns {
  runs(first: 50) {
    edges {
      node {
        ...DashboardRunRow
      }
    }
  }
}
    fragment DashboardSummary on RunSummary {
  total
  succeeded
  failed
  confirmed
  refuted
  inconclusive
}
fragment DashboardRunRow on InvestigationRun {
  id
  label
  status
  createdAt
  finishedAt
  dataset {
    id
    name
  }
  summary {
    ...DashboardSummary
  }
}`) as unknown as TypedDocumentString<DashboardRunsQuery, DashboardRunsQueryVariables>;
export const DashboardRunDocument = new TypedDocumentString(`
    query DashboardRun($id: ID!) {
  run(id: $id) {
    ...DashboardRunRow
    charts
    codegen
    sandbox
    startedAt
    investigations {
      ...DashboardInvestigation
    }
    events {
      ...DashboardEvent
    }
  }
}
    fragment DashboardSummary on RunSummary {
  total
  succeeded
  failed
  confirmed
  refuted
  inconclusive
}
fragment DashboardRunRow on InvestigationRun {
  id
  label
  status
  createdAt
  finishedAt
  dataset {
    id
    name
  }
  summary {
    ...DashboardSummary
  }
}
fragment DashboardInvestigation on Investigation {
  id
  status
  method
  attempts
  code
  error
  errorCode
  output
  createdAt
  startedAt
  finishedAt
  issue {
    clientId
    type
    description
    affectedColumns
    options
  }
  verdict {
    status
    claimed
    measured
    explanation
  }
  timings {
    generationMs
    executionMs
    parsingMs
    totalMs
  }
  artifacts {
    id
    name
    url
    width
    height
    bytes
  }
  suggestedFollowUps {
    question
    issue {
      type
      description
      affectedColumns
      options
    }
  }
  parent {
    id
    run {
      id
    }
  }
  children {
    id
    run {
      id
    }
  }
}
fragment DashboardEvent on ProgressEvent {
  seq
  type
  message
  timestamp
  investigationId
  data
}`) as unknown as TypedDocumentString<DashboardRunQuery, DashboardRunQueryVariables>;
export const DashboardProgressDocument = new TypedDocumentString(`
    subscription DashboardProgress($runId: ID!, $afterSeq: Int) {
  investigationProgress(runId: $runId, afterSeq: $afterSeq) {
    ...DashboardEvent
    investigation {
      ...DashboardInvestigation
    }
  }
}
    fragment DashboardInvestigation on Investigation {
  id
  status
  method
  attempts
  code
  error
  errorCode
  output
  createdAt
  startedAt
  finishedAt
  issue {
    clientId
    type
    description
    affectedColumns
    options
  }
  verdict {
    status
    claimed
    measured
    explanation
  }
  timings {
    generationMs
    executionMs
    parsingMs
    totalMs
  }
  artifacts {
    id
    name
    url
    width
    height
    bytes
  }
  suggestedFollowUps {
    question
    issue {
      type
      description
      affectedColumns
      options
    }
  }
  parent {
    id
    run {
      id
    }
  }
  children {
    id
    run {
      id
    }
  }
}
fragment DashboardEvent on ProgressEvent {
  seq
  type
  message
  timestamp
  investigationId
  data
}`) as unknown as TypedDocumentString<DashboardProgressSubscription, DashboardProgressSubscriptionVariables>;
export const DashboardStartRunDocument = new TypedDocumentString(`
    mutation DashboardStartRun($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<DashboardStartRunMutation, DashboardStartRunMutationVariables>;
export const DashboardRerunDocument = new TypedDocumentString(`
    mutation DashboardRerun($id: ID!, $code: String) {
  rerunInvestigation(id: $id, code: $code, wait: false) {
    id
    run {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardRerunMutation, DashboardRerunMutationVariables>;
export const DashboardFollowUpDocument = new TypedDocumentString(`
    mutation DashboardFollowUp($investigationId: ID!, $issue: IssueInput!) {
  followUp(investigationId: $investigationId, issue: $issue, wait: false) {
    id
    run {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardFollowUpMutation, DashboardFollowUpMutationVariables>;
export const DashboardCancelRunDocument = new TypedDocumentString(`
    mutation DashboardCancelRun($id: ID!) {
  cancelRun(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DashboardCancelRunMutation, DashboardCancelRunMutationVariables>;