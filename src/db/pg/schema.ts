import { type AnyPgColumn, bigint, boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ColumnProfile } from '../../datasets/profile';
import type * as sqlite from '../schema';
import {
  CODEGEN_MODES,
  INVESTIGATION_ERROR_CODES,
  INVESTIGATION_METHODS,
  INVESTIGATION_STATUSES,
  ISSUE_SOURCES,
  PROGRESS_EVENT_TYPES,
  ROLES,
  RUN_STATUSES,
  RUN_STOP_REASONS,
  SANDBOX_MODES,
  type AttemptRecord,
  type GivenCode,
  type IssueOptions,
  type LlmUsage,
  type PhaseTimings,
  type SampleInfo,
  type StatedClaim,
  type ValidationReport,
  type Verdict,
} from '../schema';

/**
 * The same database as `../schema.ts` (SQLite), for PostgreSQL: the same tables, columns and rows, in
 * PostgreSQL's types (jsonb for JSON, timestamptz with milliseconds, boolean, bigint for sizes). Its own
 * migrations are in drizzle/pg (drizzle.pg.config.ts). The row types of both must stay equal: the
 * assertions at the end fail the typecheck when one schema changes without the other.
 */
const timestampMs = () => timestamp({ mode: 'date', precision: 3, withTimezone: true });
const createdAt = () => timestampMs().notNull();
const tenantId = () => text().notNull().default('default');
/** Bytes (bytea), read and written as a Buffer as in SQLite's blob. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const datasets = pgTable(
  'datasets',
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    name: text().notNull(),
    fileName: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    rowCount: bigint({ mode: 'number' }).notNull(),
    columns: jsonb().$type<ColumnProfile[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('datasets_sha256_idx').on(t.sha256), index('datasets_tenant_idx').on(t.tenantId, t.id)],
);

export const runs = pgTable(
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
    llmModel: text(),
    fresh: boolean().notNull().default(false),
    charts: boolean().notNull().default(true),
    label: text(),
    stopRequested: text({ enum: RUN_STOP_REASONS }),
    lastSeq: integer().notNull().default(0),
    createdAt: createdAt(),
    startedAt: timestampMs(),
    finishedAt: timestampMs(),
  },
  (t) => [index('runs_dataset_idx').on(t.datasetId), index('runs_status_idx').on(t.status), index('runs_tenant_idx').on(t.tenantId, t.id)],
);

export const investigations = pgTable(
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
    position: integer().notNull(),
    issueId: text().notNull(),
    issueType: text().notNull(),
    issueDescription: text().notNull(),
    affectedColumns: jsonb().$type<string[]>().notNull(),
    issueOptions: jsonb().$type<IssueOptions>(),
    issueSource: text({ enum: ISSUE_SOURCES }).notNull().default('USER'),
    issueEvidence: jsonb().$type<unknown>(),
    issueClaim: jsonb().$type<StatedClaim>(),
    status: text({ enum: INVESTIGATION_STATUSES }).notNull(),
    method: text({ enum: INVESTIGATION_METHODS }),
    code: text(),
    output: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    errorCode: text({ enum: INVESTIGATION_ERROR_CODES }),
    attempts: integer().notNull().default(0),
    executionTimeMs: doublePrecision(),
    timings: jsonb().$type<PhaseTimings>(),
    sample: jsonb().$type<SampleInfo>(),
    validation: jsonb().$type<ValidationReport>(),
    attemptLog: jsonb().$type<AttemptRecord[]>(),
    usage: jsonb().$type<LlmUsage>(),
    verdict: jsonb().$type<Verdict>(),
    /** When the run's window let it go (at most the run's concurrency are queued or running at once). */
    queuedAt: timestampMs(),
    /** How many times an executor took it on; the latest one's number fences off writes of earlier ones. */
    claims: integer().notNull().default(0),
    /** The process that took it on last (WORKER_ID). */
    workerId: text(),
    /** The investigation this one follows up (followUp): its issue and result were this one's starting point. */
    parentId: text().references((): AnyPgColumn => investigations.id),
    /** Code to run instead of generating it (one-issue reruns), as the client gave it or the original ran. */
    givenCode: jsonb().$type<GivenCode>(),
    createdAt: createdAt(),
    startedAt: timestampMs(),
    finishedAt: timestampMs(),
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

export const progressEvents = pgTable(
  'progress_events',
  {
    runId: text()
      .notNull()
      .references(() => runs.id),
    seq: integer().notNull(),
    investigationId: text(),
    type: text({ enum: PROGRESS_EVENT_TYPES }).notNull(),
    message: text().notNull(),
    timestamp: timestampMs().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

export const codeCache = pgTable('code_cache', {
  key: text().primaryKey(),
  model: text().notNull(),
  issueType: text().notNull(),
  code: text().notNull(),
  hits: integer().notNull().default(0),
  createdAt: createdAt(),
  lastUsedAt: timestampMs().notNull(),
});

export const claimReadings = pgTable('claim_readings', {
  key: text().primaryKey(),
  model: text().notNull(),
  reading: jsonb().$type<Record<string, unknown>>().notNull(),
  hits: integer().notNull().default(0),
  createdAt: createdAt(),
  lastUsedAt: timestampMs().notNull(),
});

export const anthropicFiles = pgTable('anthropic_files', {
  datasetId: text()
    .primaryKey()
    .references(() => datasets.id),
  fileId: text().notNull(),
  uploadedAt: timestampMs().notNull(),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text().primaryKey(),
    tenantId: text().notNull(),
    name: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    secretSha256: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestampMs(),
    lastUsedAt: timestampMs(),
    revokedAt: timestampMs(),
  },
  (t) => [index('api_tokens_tenant_idx').on(t.tenantId, t.id)],
);

export const idempotencyKeys = pgTable(
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

/** See the SQLite schema's `workers`. */
export const workers = pgTable('workers', {
  id: text().primaryKey(),
  slots: integer().notNull(),
  running: integer().notNull(),
  startedAt: createdAt(),
  lastSeenAt: createdAt(),
});

export const dismissals = pgTable(
  'dismissals',
  {
    id: text().primaryKey(),
    datasetId: text()
      .notNull()
      .references(() => datasets.id),
    issueType: text().notNull(),
    columnsKey: text().notNull(),
    affectedColumns: jsonb().$type<string[]>().notNull(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dismissals_dataset_issue').on(t.datasetId, t.issueType, t.columnsKey)],
);

export const artifacts = pgTable(
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
    content: bytea().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('artifacts_investigation_idx').on(t.investigationId, t.name)],
);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A compile error here: one schema changed without the other.
export const ROWS_MATCH_SQLITE: [
  Same<typeof datasets.$inferSelect, sqlite.DatasetRow>,
  Same<typeof runs.$inferSelect, sqlite.RunRow>,
  Same<typeof investigations.$inferSelect, sqlite.InvestigationRow>,
  Same<typeof progressEvents.$inferSelect, sqlite.ProgressEventRow>,
  Same<typeof apiTokens.$inferSelect, sqlite.ApiTokenRow>,
  Same<typeof idempotencyKeys.$inferSelect, sqlite.IdempotencyKeyRow>,
  Same<typeof anthropicFiles.$inferSelect, sqlite.AnthropicFileRow>,
  Same<typeof codeCache.$inferSelect, typeof sqlite.codeCache.$inferSelect>,
  Same<typeof claimReadings.$inferSelect, typeof sqlite.claimReadings.$inferSelect>,
  Same<typeof workers.$inferSelect, sqlite.WorkerRow>,
  Same<typeof dismissals.$inferSelect, sqlite.DismissalRow>,
  Same<typeof artifacts.$inferSelect, sqlite.ArtifactRow>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
