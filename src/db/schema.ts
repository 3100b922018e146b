import { type AnySQLiteColumn, blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ColumnProfile } from '../datasets/profile';

/**
 * The whole database. Ids are prefixed ULIDs (`ds_…`, `run_…`, `inv_…`): they sort by creation time,
 * which is what cursor pagination orders by. Timestamps are milliseconds since the epoch.
 */

export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED', 'INTERRUPTED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Why a run was asked to stop early; it then ends with this status. */
export const RUN_STOP_REASONS = ['CANCELLED', 'INTERRUPTED'] as const;
export type RunStopReason = (typeof RUN_STOP_REASONS)[number];

export const INVESTIGATION_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];

export const INVESTIGATION_METHODS = ['TEMPLATE', 'LLM', 'HEURISTIC', 'CUSTOM'] as const;
export type InvestigationMethod = (typeof INVESTIGATION_METHODS)[number];

/** Why an investigation failed, for programs (its error says it for people). */
export const INVESTIGATION_ERROR_CODES = [
  'COLUMN_NOT_FOUND',
  'COLUMN_TYPE_UNSUPPORTED',
  'NO_TEMPLATE',
  'LLM_UNAVAILABLE',
  'SCRIPT_ERROR',
  'IMPORT_REFUSED',
  'NO_RESULT',
  'INVALID_RESULT',
  'TIMEOUT',
  'MEMORY_LIMIT',
  'OUTPUT_LIMIT',
  'SANDBOX_UNAVAILABLE',
  'CANCELLED',
  'INTERRUPTED',
  'INTERNAL',
] as const;
export type InvestigationErrorCode = (typeof INVESTIGATION_ERROR_CODES)[number];

/** Where a hypothesis came from: the profile or Claude (detectIssues), or a user. */
export const ISSUE_SOURCES = ['PROFILE', 'LLM', 'USER'] as const;
export type IssueSource = (typeof ISSUE_SOURCES)[number];

export const CODEGEN_MODES = ['AUTO', 'TEMPLATE', 'LLM', 'HEURISTIC'] as const;
export type CodegenMode = (typeof CODEGEN_MODES)[number];

export const SANDBOX_MODES = ['AUTO', 'LOCAL', 'ANTHROPIC'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

export const PROGRESS_EVENT_TYPES = [
  'RUN_STARTED',
  'LOG',
  'INVESTIGATION_STARTED',
  'CODE_GENERATED',
  'EXECUTION_STARTED',
  'EXECUTION_FINISHED',
  'FALLBACK_USED',
  'INVESTIGATION_SUCCEEDED',
  'INVESTIGATION_FAILED',
  'INVESTIGATION_CANCELLED',
  'RUN_FINISHED',
] as const;
export type ProgressEventType = (typeof PROGRESS_EVENT_TYPES)[number];

export interface PhaseTimings {
  samplingMs?: number;
  generationMs?: number;
  executionMs?: number;
  parsingMs?: number;
  totalMs?: number;
}

export interface SampleInfo {
  rows: number;
  estimatedTokens: number;
  /** The whole prompt as the model's tokenizer counts it (messages.countTokens), when an LLM saw it. */
  promptTokens?: number;
  /** Personal data replaced by markers before the sample went to the LLM. */
  redactions?: number;
}

export interface ValidationReport {
  valid: boolean;
  errors: string[];
}

export const VERDICT_STATUSES = ['CONFIRMED', 'REFUTED', 'INCONCLUSIVE'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

/** Whether the hypothesis held: the figure its description claims against the one measured. */
export interface Verdict {
  status: VerdictStatus;
  claimed: number | null;
  measured: number | null;
  explanation: string;
}

export const CLAIM_MEASURES = ['AFFECTED_ROWS', 'AFFECTED_PERCENTAGE', 'DUPLICATE_KEYS', 'VARIATION_GROUPS', 'SPELLINGS', 'MAX_VALUE', 'MIN_VALUE'] as const;
export type ClaimMeasure = (typeof CLAIM_MEASURES)[number];
export const COMPARATORS = ['EQ', 'ABOUT', 'GT', 'GTE', 'LT', 'LTE'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** A figure a hypothesis states exactly (IssueInput.claim); the verdict uses it before the description. */
/** Code a rerun runs instead of generating it, with the method it is recorded as. */
export interface GivenCode {
  code: string;
  method: InvestigationMethod;
}

export interface StatedClaim {
  measure: ClaimMeasure;
  comparator: Comparator;
  value: number;
}

/** Parameters of an issue beyond its description (explicit bounds, a relation, a tolerance…). */
export type IssueOptions = Record<string, unknown>;

/** What the LLM calls of an investigation (or a run, summed) cost. */
export interface LlmUsage {
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  estimatedCostUsd: number;
}

/** One code generation and how its script fared: self-correction adds one per fix. */
export interface AttemptRecord {
  attempt: number;
  method: InvestigationMethod;
  /** The code came from the code cache, with no LLM call. */
  cached: boolean;
  code: string;
  /** Why the attempt failed; null when it succeeded or is still running. */
  error: string | null;
  usage: LlmUsage | null;
  startedAt: number;
  finishedAt: number | null;
}

const createdAt = () => integer({ mode: 'timestamp_ms' }).notNull();
/** The tenant a record belongs to: every read of it by a client filters on this. */
const tenantId = () => text().notNull().default('default');

/** What a principal may do: READER reads, MEMBER also creates and runs, ADMIN also manages API tokens. */
export const ROLES = ['READER', 'MEMBER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const datasets = sqliteTable(
  'datasets',
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    name: text().notNull(),
    /** The CSV's file name inside DATA_DIR/datasets. */
    fileName: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    rowCount: integer().notNull(),
    columns: text({ mode: 'json' }).$type<ColumnProfile[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('datasets_sha256_idx').on(t.sha256), index('datasets_tenant_idx').on(t.tenantId, t.id)],
);

export const runs = sqliteTable(
  'runs',
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    datasetId: text()
      .notNull()
      .references(() => datasets.id),
    status: text({ enum: RUN_STATUSES }).notNull(),
    concurrency: integer().notNull(),
    codegen: text({ enum: CODEGEN_MODES }).notNull(),
    sandbox: text({ enum: SANDBOX_MODES }).notNull(),
    /** The model LLM code generation uses in this run. */
    llmModel: text(),
    /** Bypass the code cache: every LLM investigation asks the model afresh. */
    fresh: integer({ mode: 'boolean' }).notNull().default(false),
    /** The templates draw their charts (CHARTS, or the run's own choice). */
    charts: integer({ mode: 'boolean' }).notNull().default(true),
    /** The client's name for the run, shown in lists. */
    label: text(),
    /** Set when the run is asked to stop (cancelled, or its server shuts down): nothing more is queued, and it ends so. */
    stopRequested: text({ enum: RUN_STOP_REASONS }),
    /** The seq of the run's latest progress event; the next one gets lastSeq + 1. */
    lastSeq: integer().notNull().default(0),
    createdAt: createdAt(),
    startedAt: integer({ mode: 'timestamp_ms' }),
    finishedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [index('runs_dataset_idx').on(t.datasetId), index('runs_status_idx').on(t.status), index('runs_tenant_idx').on(t.tenantId, t.id)],
);

export const investigations = sqliteTable(
  'investigations',
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    runId: text()
      .notNull()
      .references(() => runs.id),
    datasetId: text()
      .notNull()
      .references(() => datasets.id),
    /** The issue's place in the run's input list. */
    position: integer().notNull(),
    issueId: text().notNull(),
    issueType: text().notNull(),
    issueDescription: text().notNull(),
    affectedColumns: text({ mode: 'json' }).$type<string[]>().notNull(),
    issueOptions: text({ mode: 'json' }).$type<IssueOptions>(),
    issueSource: text({ enum: ISSUE_SOURCES }).notNull().default('USER'),
    issueEvidence: text({ mode: 'json' }).$type<unknown>(),
    issueClaim: text({ mode: 'json' }).$type<StatedClaim>(),
    status: text({ enum: INVESTIGATION_STATUSES }).notNull(),
    method: text({ enum: INVESTIGATION_METHODS }),
    code: text(),
    output: text({ mode: 'json' }).$type<Record<string, unknown>>(),
    error: text(),
    errorCode: text({ enum: INVESTIGATION_ERROR_CODES }),
    attempts: integer().notNull().default(0),
    executionTimeMs: real(),
    timings: text({ mode: 'json' }).$type<PhaseTimings>(),
    sample: text({ mode: 'json' }).$type<SampleInfo>(),
    validation: text({ mode: 'json' }).$type<ValidationReport>(),
    attemptLog: text({ mode: 'json' }).$type<AttemptRecord[]>(),
    usage: text({ mode: 'json' }).$type<LlmUsage>(),
    verdict: text({ mode: 'json' }).$type<Verdict>(),
    /** When the run's window let it go (at most the run's concurrency are queued or running at once). */
    queuedAt: integer({ mode: 'timestamp_ms' }),
    /** How many times an executor took it on; the latest one's number fences off writes of earlier ones. */
    claims: integer().notNull().default(0),
    /** The process that took it on last (WORKER_ID). */
    workerId: text(),
    /** The investigation this one follows up (followUp): its issue and result were this one's starting point. */
    parentId: text().references((): AnySQLiteColumn => investigations.id),
    /** Code to run instead of generating it (one-issue reruns), as the client gave it or the original ran. */
    givenCode: text({ mode: 'json' }).$type<GivenCode>(),
    createdAt: createdAt(),
    startedAt: integer({ mode: 'timestamp_ms' }),
    finishedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [
    index('investigations_run_idx').on(t.runId, t.position),
    index('investigations_dataset_idx').on(t.datasetId),
    index('investigations_status_idx').on(t.status),
    index('investigations_type_idx').on(t.issueType),
    index('investigations_parent_idx').on(t.parentId),
    index('investigations_tenant_idx').on(t.tenantId, t.id),
  ],
);

export const progressEvents = sqliteTable(
  'progress_events',
  {
    runId: text()
      .notNull()
      .references(() => runs.id),
    seq: integer().notNull(),
    investigationId: text(),
    type: text({ enum: PROGRESS_EVENT_TYPES }).notNull(),
    message: text().notNull(),
    timestamp: integer({ mode: 'timestamp_ms' }).notNull(),
    data: text({ mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** LLM-written code that produced a valid result, reused for the same issue, schema, sample and model. */
export const codeCache = sqliteTable('code_cache', {
  key: text().primaryKey(),
  model: text().notNull(),
  issueType: text().notNull(),
  code: text().notNull(),
  hits: integer().notNull().default(0),
  createdAt: createdAt(),
  lastUsedAt: integer({ mode: 'timestamp_ms' }).notNull(),
});

/** How the model read a hypothesis' description (src/claims), reused for the same description, type, columns and model. */
export const claimReadings = sqliteTable('claim_readings', {
  key: text().primaryKey(),
  model: text().notNull(),
  reading: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  hits: integer().notNull().default(0),
  createdAt: createdAt(),
  lastUsedAt: integer({ mode: 'timestamp_ms' }).notNull(),
});

/** A dataset uploaded to Anthropic's Files API for the code execution tool, reused while it lives. */
export const anthropicFiles = sqliteTable('anthropic_files', {
  datasetId: text()
    .primaryKey()
    .references(() => datasets.id),
  fileId: text().notNull(),
  uploadedAt: integer({ mode: 'timestamp_ms' }).notNull(),
});

/**
 * API tokens: the secret is shown once at creation and stored only as its SHA-256 (it is 32 random bytes,
 * so a fast hash cannot be reversed by guessing). A token acts in one tenant with one role.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text().primaryKey(),
    tenantId: text().notNull(),
    name: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    secretSha256: text().notNull(),
    createdAt: createdAt(),
    expiresAt: integer({ mode: 'timestamp_ms' }),
    lastUsedAt: integer({ mode: 'timestamp_ms' }),
    revokedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [index('api_tokens_tenant_idx').on(t.tenantId, t.id)],
);

/**
 * What a request with an idempotency key created, so that its retry returns the same record instead of a
 * second one. `fingerprint` is a hash of the request; a different request under the same key is refused.
 * `resultId` is null while the first request is still being served.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text().notNull(),
    operation: text().notNull(),
    key: text().notNull(),
    fingerprint: text().notNull(),
    resultId: text(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.operation, t.key] })],
);

/**
 * The processes that execute investigations (ROLE=worker or all), as they last reported themselves: each
 * writes its row every JOB_HEARTBEAT_SECONDS and removes it when it stops. A row whose heartbeat is old
 * is a worker that was lost.
 */
export const workers = sqliteTable('workers', {
  id: text().primaryKey(),
  slots: integer().notNull(),
  running: integer().notNull(),
  startedAt: createdAt(),
  lastSeenAt: createdAt(),
});

/**
 * "Not an issue": a hypothesis a person dismissed for a dataset (its type and columns), which later
 * detection on that dataset no longer proposes. At most one per dataset, type and set of columns.
 */
export const dismissals = sqliteTable(
  'dismissals',
  {
    id: text().primaryKey(),
    datasetId: text()
      .notNull()
      .references(() => datasets.id),
    issueType: text().notNull(),
    /** The columns sorted and joined (JSON): what a later proposal is matched by. */
    columnsKey: text().notNull(),
    affectedColumns: text({ mode: 'json' }).$type<string[]>().notNull(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dismissals_dataset_issue').on(t.datasetId, t.issueType, t.columnsKey)],
);

/** A file an investigation's script saved and the service keeps (a chart): stored with its result. */
export const artifacts = sqliteTable(
  'artifacts',
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    investigationId: text()
      .notNull()
      .references(() => investigations.id),
    name: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    width: integer(),
    height: integer(),
    content: blob({ mode: 'buffer' }).$type<Buffer>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('artifacts_investigation_idx').on(t.investigationId, t.name)],
);

export type DatasetRow = typeof datasets.$inferSelect;
export type RunRow = typeof runs.$inferSelect;
export type InvestigationRow = typeof investigations.$inferSelect;
export type ProgressEventRow = typeof progressEvents.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type WorkerRow = typeof workers.$inferSelect;
export type AnthropicFileRow = typeof anthropicFiles.$inferSelect;
export type DismissalRow = typeof dismissals.$inferSelect;
export type ArtifactRow = typeof artifacts.$inferSelect;
/** An artifact without its bytes: what lists of them carry. */
export type ArtifactInfo = Omit<ArtifactRow, 'content'>;
