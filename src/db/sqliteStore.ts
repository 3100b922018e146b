import { transactions, type Db } from './client';
import { movesWindow, windowWrites } from '../runs/window';
import type { ProgressEventRow, RunRow } from './schema';
import type { Store, UnnumberedEvent } from './store';
import { ALL_TENANTS } from './stores/tenancy';
import { filesUploadedBefore, forgetUploadedFile, recordUploadedFile, uploadedFile } from './stores/anthropicFileStore';
import { apiTokenById, hasUsableAdminToken, insertApiToken, listApiTokens, revokeApiTokenRow, touchApiToken } from './stores/apiTokenStore';
import { storeCachedCode, takeCachedCode } from './stores/codeCacheStore';
import { storeClaimReading, takeClaimReading } from './stores/claimReadingStore';
import { countDatasets, datasetBySha256, datasetsByIds, insertDataset, pageDatasets, tenantStorage } from './stores/datasetStore';
import { addDismissal, dismissalById, dismissalsOfDatasets, removeDismissal } from './stores/dismissalStore';
import { eventsAfter, eventsOfRuns } from './stores/eventStore';
import { forgetWorkersUnseenSince, listWorkers, removeWorker, reportWorker } from './stores/workerStore';
import { claimIdempotencyKey, completeIdempotencyKey, idempotencyRecord, pruneIdempotencyKeys, releaseIdempotencyKey } from './stores/idempotencyStore';
import {
  countInvestigations,
  insertInvestigations,
  investigationsByIds,
  investigationsByRunIds,
  windowOfRun,
  investigationsOfRunWithStatus,
  claimInvestigation,
  claimsReader,
  runningOfTenant,
  markQueued,
  pageInvestigations,
  updateInvestigation,
} from './stores/investigationStore';
import { artifactById, artifactsOfInvestigations, insertArtifacts } from './stores/artifactStore';
import { journalStatements } from './stores/journalStatements';
import { countRuns, insertRun, pageRuns, runById, runsByIds, unfinishedRuns, updateRun } from './stores/runStore';

/** Thrown inside a journal transaction whose condition does not hold, to roll it back. */
const NOT_APPLIED = Symbol('not applied');
const TENANT_BUSY = Symbol('tenant busy');

/** Stores the events with the run's next seqs; also gives the run as the seq update left it (none without events). */
function appendEvents(statements: JournalStatements, runId: string, events: UnnumberedEvent[]): { rows: ProgressEventRow[]; run?: RunRow } {
  if (!events.length) return { rows: [] };
  const { first, run } = statements.reserveSeqs(runId, events.length);
  const rows = events.map((e, i) => ({ ...e, seq: first + i }));
  statements.insertEvents(rows);
  return { rows, run };
}

type JournalStatements = ReturnType<typeof journalStatements>;

/**
 * The embedded store: one SQLite file through better-sqlite3, whose calls are synchronous. Each method
 * does its work at once (its transactions are synchronous, IMMEDIATE where they write after reading) and
 * returns a settled promise, so callers are written for any store.
 */
export function sqliteStore(db: Db): Store {
  const claimsOf = claimsReader(db);
  const transaction = transactions(db);
  const statements = journalStatements(db);
  return {
    datasets: {
      insertWithinQuota: async (row, quota) =>
        transaction.immediate(() => {
          const used = tenantStorage(db, row.tenantId);
          if (used.datasets >= quota.datasets) return 'datasets';
          if (used.bytes + row.sizeBytes > quota.storageBytes) return 'bytes';
          insertDataset(db, row);
          return 'stored';
        }),
      byIds: async (ids, scope) => datasetsByIds(db, ids, scope),
      bySha256: async (sha256, scope) => datasetBySha256(db, sha256, scope),
      page: async (filter, page) => pageDatasets(db, filter, page),
      count: async (filter) => countDatasets(db, filter),
      tenantStorage: async (tenantId) => tenantStorage(db, tenantId),
    },
    runs: {
      create: async (run, investigations) =>
        transaction.deferred(() => {
          insertRun(db, run);
          insertInvestigations(db, investigations);
        }),
      byIds: async (ids, scope) => runsByIds(db, ids, scope),
      byId: async (id, scope) => runById(db, id, scope),
      unfinished: async () => unfinishedRuns(db),
      page: async (filter, page) => pageRuns(db, filter, page),
      count: async (filter) => countRuns(db, filter),
      journal: async (runId, events, change) => {
        try {
          return transaction.immediate(() => {
            if (change.fence && claimsOf(change.fence.investigationId) !== change.fence.claims) throw NOT_APPLIED;
            if (change.claim) {
              const limit = change.claim.tenantLimit;
              if (limit && runningOfTenant(db, limit.tenantId, change.claim.investigationId) >= limit.running) throw TENANT_BUSY;
              if (!claimInvestigation(db, change.claim)) throw NOT_APPLIED;
            }
            if (change.run) updateRun(db, runId, change.run);
            for (const { id, patch, ifStatus } of change.investigations ?? []) {
              if (!updateInvestigation(db, id, patch, ifStatus)) throw NOT_APPLIED;
            }
            insertArtifacts(db, change.artifacts ?? []);
            const appended = appendEvents(statements, runId, events);
            const rows = appended.rows;
            // The seq update returned the run (after this entry's own change of it); without events, it is read.
            const run = appended.run ?? runById(db, runId, ALL_TENANTS);
            if (!run) throw new Error(`run ${runId} does not exist`);
            if (!movesWindow(change)) return { applied: true, stopRequested: run.stopRequested, run, events: rows, queued: [] };
            const next = windowWrites(run, windowOfRun(db, runId), new Date());
            const queuedIds = next.queued.map((i) => i.id);
            markQueued(db, queuedIds, next.queued[0]?.queuedAt ?? new Date());
            // The queue takes whole rows: only those queued are read whole (their code and results are large).
            const queued = queuedIds.length ? investigationsByIds(db, queuedIds, ALL_TENANTS).sort((a, b) => a.position - b.position) : [];
            if (next.finishEvent) {
              rows.push(...appendEvents(statements, runId, [next.finishEvent]).rows);
              updateRun(db, runId, next.runPatch!);
            }
            return { applied: true, stopRequested: run.stopRequested, run, events: rows, queued };
          });
        } catch (err) {
          if (err === NOT_APPLIED) return { applied: false, stopRequested: null, run: null, events: [], queued: [] };
          if (err === TENANT_BUSY) return { applied: false, tenantBusy: true, stopRequested: null, run: null, events: [], queued: [] };
          throw err;
        }
      },
    },
    investigations: {
      byIds: async (ids, scope) => investigationsByIds(db, ids, scope),
      byRunIds: async (runIds) => investigationsByRunIds(db, runIds),
      ofRunWithStatus: async (runId, statuses) => investigationsOfRunWithStatus(db, runId, statuses),
      page: async (filter, page) => pageInvestigations(db, filter, page),
      count: async (filter) => countInvestigations(db, filter),
    },
    events: {
      after: async (runId, afterSeq) => eventsAfter(db, runId, afterSeq),
      ofRuns: async (runIds) => eventsOfRuns(db, runIds),
    },
    apiTokens: {
      insert: async (row) => insertApiToken(db, row),
      byId: async (id) => apiTokenById(db, id),
      list: async (tenantId, includeRevoked) => listApiTokens(db, tenantId, includeRevoked),
      revoke: async (id, at) => revokeApiTokenRow(db, id, at),
      touch: async (id, at) => touchApiToken(db, id, at),
      hasUsableAdmin: async (now) => hasUsableAdminToken(db, now),
    },
    idempotency: {
      record: async (scope) => idempotencyRecord(db, scope),
      claim: async (scope, fingerprint) => claimIdempotencyKey(db, scope, fingerprint),
      complete: async (scope, resultId) => completeIdempotencyKey(db, scope, resultId),
      release: async (scope) => releaseIdempotencyKey(db, scope),
      prune: async (before) => pruneIdempotencyKeys(db, before),
    },
    codeCache: {
      take: async (key) => takeCachedCode(db, key),
      put: async (entry) => storeCachedCode(db, entry),
    },
    claimReadings: {
      take: async (key) => takeClaimReading(db, key),
      put: async (entry) => storeClaimReading(db, entry),
    },
    workers: {
      report: async (row) => reportWorker(db, row),
      remove: async (id) => removeWorker(db, id),
      list: async () => listWorkers(db),
      forgetUnseenSince: async (before) => forgetWorkersUnseenSince(db, before),
    },
    dismissals: {
      add: async (row) => addDismissal(db, row),
      ofDatasets: async (datasetIds) => dismissalsOfDatasets(db, datasetIds),
      byId: async (id) => dismissalById(db, id),
      remove: async (id) => removeDismissal(db, id),
    },
    artifacts: {
      ofInvestigations: async (ids, scope) => artifactsOfInvestigations(db, ids, scope),
      byId: async (id, scope) => artifactById(db, id, scope),
    },
    anthropicFiles: {
      of: async (datasetId) => uploadedFile(db, datasetId),
      record: async (datasetId, fileId) => recordUploadedFile(db, datasetId, fileId),
      forget: async (fileId) => forgetUploadedFile(db, fileId),
      uploadedBefore: async (before) => filesUploadedBefore(db, before),
    },
  };
}
