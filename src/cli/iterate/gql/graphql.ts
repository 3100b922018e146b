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

export type CliFindDatasetQueryVariables = Exact<{
  sha256: string;
}>;


export type CliFindDatasetQuery = { datasets: { edges: Array<{ node: { id: string, name: string, rowCount: number, sha256: string } }> } };

export type CliUploadDatasetMutationVariables = Exact<{
  file: File;
  name?: string | null | undefined;
}>;


export type CliUploadDatasetMutation = { uploadDataset: { id: string, name: string, rowCount: number, sha256: string } };

export type CliDetectIssuesMutationVariables = Exact<{
  datasetId: string;
}>;


export type CliDetectIssuesMutation = { detectIssues: Array<{ type: string, description: string, affectedColumns: Array<string>, options: any, evidence: any, claim: { comparator: Comparator, measure: ClaimMeasure, value: number } | null }> };

export type CliStartRunMutationVariables = Exact<{
  input: InvestigateIssuesInput;
}>;


export type CliStartRunMutation = { investigateIssues: { id: string, status: RunStatus, investigations: Array<{ id: string, issue: { type: string, description: string, affectedColumns: Array<string> } }> } };

export type CliRunProgressSubscriptionVariables = Exact<{
  runId: string;
  afterSeq?: number | null | undefined;
}>;


export type CliRunProgressSubscription = { investigationProgress: { seq: number, type: ProgressEventType, message: string, investigationId: string | null } };

export type CliRunResultsQueryVariables = Exact<{
  id: string;
}>;


export type CliRunResultsQuery = { run: { id: string, status: RunStatus, label: string | null, createdAt: string, finishedAt: string | null, dataset: { id: string, name: string, sha256: string, rowCount: number }, investigations: Array<{ id: string, status: InvestigationStatus, method: InvestigationMethod | null, attempts: number, executionTimeMs: number | null, error: string | null, errorCode: InvestigationErrorCode | null, output: any, issue: { type: string, description: string, affectedColumns: Array<string>, claim: { comparator: Comparator, measure: ClaimMeasure, value: number } | null }, verdict: { status: VerdictStatus, claimed: number | null, measured: number | null, explanation: string } | null, artifacts: Array<{ name: string, mimeType: string, bytes: number, sha256: string, url: string }>, suggestedFollowUps: Array<{ question: string, issue: { type: string, description: string, affectedColumns: Array<string>, options: any } }> }> } | null };

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

export const CliFindDatasetDocument = new TypedDocumentString(`
    query CliFindDataset($sha256: String!) {
  datasets(first: 1, sha256: $sha256) {
    edges {
      node {
        id
        name
        rowCount
        sha256
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CliFindDatasetQuery, CliFindDatasetQueryVariables>;
export const CliUploadDatasetDocument = new TypedDocumentString(`
    mutation CliUploadDataset($file: File!, $name: String) {
  uploadDataset(file: $file, name: $name) {
    id
    name
    rowCount
    sha256
  }
}
    `) as unknown as TypedDocumentString<CliUploadDatasetMutation, CliUploadDatasetMutationVariables>;
export const CliDetectIssuesDocument = new TypedDocumentString(`
    mutation CliDetectIssues($datasetId: ID!) {
  detectIssues(datasetId: $datasetId) {
    type
    description
    affectedColumns
    options
    evidence
    claim {
      comparator
      measure
      value
    }
  }
}
    `) as unknown as TypedDocumentString<CliDetectIssuesMutation, CliDetectIssuesMutationVariables>;
export const CliStartRunDocument = new TypedDocumentString(`
    mutation CliStartRun($input: InvestigateIssuesInput!) {
  investigateIssues(input: $input) {
    id
    status
    investigations {
      id
      issue {
        type
        description
        affectedColumns
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CliStartRunMutation, CliStartRunMutationVariables>;
export const CliRunProgressDocument = new TypedDocumentString(`
    subscription CliRunProgress($runId: ID!, $afterSeq: Int) {
  investigationProgress(runId: $runId, afterSeq: $afterSeq) {
    seq
    type
    message
    investigationId
  }
}
    `) as unknown as TypedDocumentString<CliRunProgressSubscription, CliRunProgressSubscriptionVariables>;
export const CliRunResultsDocument = new TypedDocumentString(`
    query CliRunResults($id: ID!) {
  run(id: $id) {
    id
    status
    label
    createdAt
    finishedAt
    dataset {
      id
      name
      sha256
      rowCount
    }
    investigations {
      id
      status
      method
      attempts
      executionTimeMs
      error
      errorCode
      output
      issue {
        type
        description
        affectedColumns
        claim {
          comparator
          measure
          value
        }
      }
      verdict {
        status
        claimed
        measured
        explanation
      }
      artifacts {
        name
        mimeType
        bytes
        sha256
        url
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
    }
  }
}
    `) as unknown as TypedDocumentString<CliRunResultsQuery, CliRunResultsQueryVariables>;