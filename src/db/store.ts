import type { AnthropicFileRow, ApiTokenRow, ArtifactInfo, ArtifactRow, DatasetRow, DismissalRow, IdempotencyKeyRow, InvestigationRow, InvestigationStatus, ProgressEventRow, RunRow, RunStopReason, WorkerRow } from './schema';
import type { DatasetFilter } from './stores/datasetStore';
import type { IdempotencyScope } from './stores/idempotencyStore';
import type { InvestigationFilter, InvestigationPatchRow } from './stores/investigationStore';
import type { PageQuery } from './stores/pagination';
import type { RunFilter } from './stores/runStore';
import type { TenantScope } from './stores/tenancy';

/**
 * What a journal entry changes besides appending its events, as data (not a callback on a transaction),
 * so that each store applies it within its own transaction.
 */
export interface JournalChange {
  run?: Partial<Omit<RunRow, 'id'>>;
  /** With `ifStatus`, the whole entry applies only if the investigation is in one of these statuses (a claim). */
  investigations?: Array<{ id: string; patch: InvestigationPatchRow; ifStatus?: InvestigationStatus[] }>;
  /**
   * An executor takes the investigation on: PENDING or RUNNING (its previous executor lost) → RUNNING, its
   * startedAt the time of the claim (read after every earlier end it depends on committed), its
   * claims counted up by one. Only if its claims are still `seenClaims`: else nobody else took it meanwhile
   * is not certain, and the entry writes nothing.
   */
  claim?: InvestigationClaim;
  /** The entry is written only while the investigation's latest claim is still `claims` (a later claim fences it off). */
  fence?: { investigationId: string; claims: number };
  /** Files an investigation's script saved (charts), stored with its result. */
  artifacts?: ArtifactRow[];
}

export interface InvestigationClaim {
  investigationId: string;
  seenClaims: number;
  workerId: string;
  /**
   * The tenant's limit of investigations running at once, over every process: the claim is refused
   * (`tenantBusy`) while as many others of the tenant run.
   */
  tenantLimit?: { tenantId: string; running: number };
}

/** What a journal entry did: its events (with the run's end, when the entry ended it) and what it queued. */
export interface JournalResult {
  /** False when a condition (`ifStatus`, `claim`, `fence`) did not hold: nothing was written. */
  applied: boolean;
  /** The claim was refused because the tenant already runs its limit of investigations. */
  tenantBusy?: true;
  /** Whether the run has been asked to stop (so an executor that missed the word stops at its next entry). */
  stopRequested: RunStopReason | null;
  /** The run as this entry left it (before the window's step); null when nothing was written. */
  run: RunRow | null;
  events: ProgressEventRow[];
  /** Investigations the run's window let go with this entry (see runs/window.ts), to be executed. */
  queued: InvestigationRow[];
}

/** An event before the journal gives it the run's next seq. */
export type UnnumberedEvent = Omit<ProgressEventRow, 'seq'>;

/**
 * Everything the service keeps, as domain operations, asynchronous whatever the engine: the embedded
 * SQLite store (SqliteStore) runs each synchronously inside, a networked database would not. Operations
 * that must be atomic (a journal entry, a new run, a dataset within its tenant's quota) are one method
 * each, so that every implementation makes them one transaction.
 */
export interface Store {
  readonly datasets: {
    /** Stores the dataset unless the tenant would then have more datasets or bytes than its quota allows. */
    insertWithinQuota(row: DatasetRow, quota: { datasets: number; storageBytes: number }): Promise<'stored' | 'datasets' | 'bytes'>;
    byIds(ids: readonly string[], scope: TenantScope): Promise<DatasetRow[]>;
    bySha256(sha256: string, scope: TenantScope): Promise<DatasetRow | undefined>;
    page(filter: DatasetFilter, page: PageQuery): Promise<DatasetRow[]>;
    count(filter: DatasetFilter): Promise<number>;
    tenantStorage(tenantId: string): Promise<{ datasets: number; bytes: number }>;
  };
  readonly runs: {
    /** A new run and its investigations, together. */
    create(run: RunRow, investigations: InvestigationRow[]): Promise<void>;
    byIds(ids: readonly string[], scope: TenantScope): Promise<RunRow[]>;
    byId(id: string, scope: TenantScope): Promise<RunRow | undefined>;
    unfinished(): Promise<RunRow[]>;
    page(filter: RunFilter, page: PageQuery): Promise<RunRow[]>;
    count(filter: RunFilter): Promise<number>;
    /**
     * One journal entry, in one transaction: applies `change`, gives `events` the run's next seqs (1, 2, 3,
     * … without gaps) and stores them; when the change can move the run's window, applies the window's step
     * (queues the next investigations, or ends the run with RUN_FINISHED).
     */
    journal(runId: string, events: UnnumberedEvent[], change: JournalChange): Promise<JournalResult>;
  };
  readonly investigations: {
    byIds(ids: readonly string[], scope: TenantScope): Promise<InvestigationRow[]>;
    byRunIds(runIds: readonly string[]): Promise<InvestigationRow[]>;
    ofRunWithStatus(runId: string, statuses: InvestigationStatus[]): Promise<InvestigationRow[]>;
    page(filter: InvestigationFilter, page: PageQuery): Promise<InvestigationRow[]>;
    count(filter: InvestigationFilter): Promise<number>;
  };
  /** Files investigations' scripts saved (charts): listed without their bytes, read one at a time. */
  readonly artifacts: {
    ofInvestigations(investigationIds: readonly string[], scope: TenantScope): Promise<ArtifactInfo[]>;
    byId(id: string, scope: TenantScope): Promise<ArtifactRow | undefined>;
  };
  readonly events: {
    after(runId: string, afterSeq: number): Promise<ProgressEventRow[]>;
    ofRuns(runIds: readonly string[]): Promise<ProgressEventRow[]>;
  };
  readonly apiTokens: {
    insert(row: ApiTokenRow): Promise<void>;
    byId(id: string): Promise<ApiTokenRow | undefined>;
    list(tenantId: string | null, includeRevoked: boolean): Promise<ApiTokenRow[]>;
    revoke(id: string, at: Date): Promise<ApiTokenRow | undefined>;
    touch(id: string, at: Date): Promise<void>;
    hasUsableAdmin(now: Date): Promise<boolean>;
  };
  readonly idempotency: {
    record(scope: IdempotencyScope): Promise<IdempotencyKeyRow | undefined>;
    /** Claims the key for a request being served now; false when a record of it exists already. */
    claim(scope: IdempotencyScope, fingerprint: string): Promise<boolean>;
    complete(scope: IdempotencyScope, resultId: string): Promise<void>;
    release(scope: IdempotencyScope): Promise<void>;
    prune(before: Date): Promise<void>;
  };
  readonly codeCache: {
    /** The cached code for a key, counting the hit. */
    take(key: string): Promise<string | null>;
    put(entry: { key: string; model: string; issueType: string; code: string }): Promise<void>;
  };
  /** How the model read descriptions (src/claims/claimService.ts), by key. */
  readonly claimReadings: {
    /** The stored reading for a key, counting the hit. */
    take(key: string): Promise<Record<string, unknown> | null>;
    put(entry: { key: string; model: string; reading: Record<string, unknown> }): Promise<void>;
  };
  /** The worker registry: what each worker process last reported. */
  readonly workers: {
    /** Writes the worker's row (its heartbeat). */
    report(row: WorkerRow): Promise<void>;
    remove(id: string): Promise<void>;
    list(): Promise<WorkerRow[]>;
    /** Forgets workers not seen since `before` (lost ones); returns how many. */
    forgetUnseenSince(before: Date): Promise<number>;
  };
  /** "Not an issue" per dataset (schema.ts: dismissals). */
  readonly dismissals: {
    /** Records it, or returns the one already recorded for its dataset, type and columns. */
    add(row: DismissalRow): Promise<DismissalRow>;
    ofDatasets(datasetIds: readonly string[]): Promise<DismissalRow[]>;
    byId(id: string): Promise<DismissalRow | undefined>;
    remove(id: string): Promise<void>;
  };
  readonly anthropicFiles: {
    of(datasetId: string): Promise<AnthropicFileRow | null>;
    record(datasetId: string, fileId: string): Promise<void>;
    forget(fileId: string): Promise<void>;
    uploadedBefore(before: Date): Promise<AnthropicFileRow[]>;
  };
}
