import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNull, lt, ne, or, sql, sum } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { movesWindow, windowWrites } from '../../runs/window';
import type { InvestigationRow, ProgressEventRow } from '../schema';
import type { Store, UnnumberedEvent } from '../store';
import { encodeEventNotice, EVENTS_CHANNEL } from './notifications';
import { datasetConditions } from '../stores/datasetStore';
import { investigationConditions } from '../stores/investigationStore';
import { pageOver } from '../stores/pagination';
import { runConditions, UNFINISHED_RUN_STATUSES } from '../stores/runStore';
import { inTenant } from '../stores/tenancy';
import * as t from './schema';

type PgDb = NodePgDatabase<typeof t>;
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'drizzle', 'pg');
/** Held while migrating, so that processes starting together migrate one after the other. */
const MIGRATION_LOCK = 7_214_350_001;

/** Connects to PostgreSQL (DATABASE_URL), applies pending migrations (one process at a time), and gives its store. */
export interface PgStoreOptions {
  /** Inserts the jobs of what a journal entry's window queued, within that entry's transaction (the shared queue). */
  enqueueWithin?: (tx: PgTx, queued: InvestigationRow[]) => Promise<void>;
  /** An idle connection was lost (PostgreSQL restarted, a network cut); the pool opens another when needed. */
  onConnectionLost?: (err: Error) => void;
}

export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<{ store: Store; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, application_name: 'investigator-store' });
  // Without a listener, an idle connection's error (a restart of PostgreSQL) would end the process.
  pool.on('error', (err) => options.onConnectionLost?.(err));
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return { store: pgStore(drizzle({ client: pool, schema: t, casing: 'snake_case' }), options), close: () => pool.end() };
}

/** Thrown inside a journal transaction whose condition does not hold, to roll it back. */
const NOT_APPLIED = Symbol('not applied');
const TENANT_BUSY = Symbol('tenant busy');

/** Gives the events the run's next seqs, stores them, and announces them inside the transaction. */
async function appendEvents(tx: PgTx, runId: string, events: UnnumberedEvent[]): Promise<ProgressEventRow[]> {
  if (!events.length) return [];
  const [reserved] = await tx
    .update(t.runs)
    .set({ lastSeq: sql`${t.runs.lastSeq} + ${events.length}` })
    .where(eq(t.runs.id, runId))
    .returning({ lastSeq: t.runs.lastSeq });
  const first = reserved!.lastSeq - events.length + 1;
  const rows = events.map((e, i) => ({ ...e, seq: first + i }));
  await tx.insert(t.progressEvents).values(rows);
  // Delivered only if the transaction commits, and in commit order.
  for (const row of rows) await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${encodeEventNotice(row)})`);
  return rows;
}

/**
 * The store on PostgreSQL: the same operations as the SQLite store, each atomic one a transaction. A
 * journal entry locks its run's row first (the seq update), so entries of one run commit in seq order, and
 * it announces its events on EVENTS_CHANNEL before committing, for the event bus of every process.
 */
export function pgStore(db: PgDb, options: PgStoreOptions = {}): Store {
  return {
    datasets: {
      insertWithinQuota: (row, quota) =>
        db.transaction(async (tx) => {
          // One tenant's inserts one at a time: two uploads cannot both fit in the room left for one.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`datasets:${row.tenantId}`}))`);
          const [used] = await tx.select({ n: count(), bytes: sum(t.datasets.sizeBytes) }).from(t.datasets).where(eq(t.datasets.tenantId, row.tenantId));
          if (used!.n >= quota.datasets) return 'datasets' as const;
          if (Number(used!.bytes ?? 0) + row.sizeBytes > quota.storageBytes) return 'bytes' as const;
          await tx.insert(t.datasets).values(row);
          return 'stored' as const;
        }),
      byIds: async (ids, scope) => (ids.length ? db.select().from(t.datasets).where(and(inArray(t.datasets.id, [...ids]), inTenant(t.datasets.tenantId, scope))) : []),
      bySha256: async (sha256, scope) =>
        (await db.select().from(t.datasets).where(and(eq(t.datasets.sha256, sha256), inTenant(t.datasets.tenantId, scope))).orderBy(t.datasets.id).limit(1))[0],
      page: async (filter, query) => {
        const p = pageOver(t.datasets.id, query, 'desc');
        return db.select().from(t.datasets).where(and(...datasetConditions(t.datasets, filter), ...p.conditions)).orderBy(p.orderBy).limit(p.limit);
      },
      count: async (filter) => (await db.select({ n: count() }).from(t.datasets).where(and(...datasetConditions(t.datasets, filter))))[0]!.n,
      tenantStorage: async (tenantId) => {
        const [row] = await db.select({ n: count(), bytes: sum(t.datasets.sizeBytes) }).from(t.datasets).where(eq(t.datasets.tenantId, tenantId));
        return { datasets: row!.n, bytes: Number(row!.bytes ?? 0) };
      },
    },
    runs: {
      create: (run, investigations) =>
        db.transaction(async (tx) => {
          await tx.insert(t.runs).values(run);
          if (investigations.length) await tx.insert(t.investigations).values(investigations);
        }),
      byIds: async (ids, scope) => (ids.length ? db.select().from(t.runs).where(and(inArray(t.runs.id, [...ids]), inTenant(t.runs.tenantId, scope))) : []),
      byId: async (id, scope) => (await db.select().from(t.runs).where(and(eq(t.runs.id, id), inTenant(t.runs.tenantId, scope))))[0],
      unfinished: () => db.select().from(t.runs).where(inArray(t.runs.status, UNFINISHED_RUN_STATUSES)),
      page: async (filter, query) => {
        const p = pageOver(t.runs.id, query, 'desc');
        return db.select().from(t.runs).where(and(...runConditions(t.runs, filter), ...p.conditions)).orderBy(p.orderBy).limit(p.limit);
      },
      count: async (filter) => (await db.select({ n: count() }).from(t.runs).where(and(...runConditions(t.runs, filter))))[0]!.n,
      journal: async (runId, events, change) => {
        try {
          return await db.transaction(async (tx) => {
            // Locks the run's row first: entries of one run commit one after the other, in seq order.
            const [locked] = await tx.update(t.runs).set(change.run ?? { lastSeq: sql`${t.runs.lastSeq}` }).where(eq(t.runs.id, runId)).returning();
            if (!locked) throw new Error(`run ${runId} does not exist`);
            if (change.fence) {
              const [inv] = await tx.select({ claims: t.investigations.claims }).from(t.investigations).where(eq(t.investigations.id, change.fence.investigationId));
              if (inv?.claims !== change.fence.claims) throw NOT_APPLIED;
            }
            if (change.claim) {
              const { investigationId, seenClaims, workerId, tenantLimit } = change.claim;
              if (tenantLimit) {
                // One claim of the tenant at a time, over every process: two cannot both take its last slot.
                await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tenant-slots:${tenantLimit.tenantId}`}))`);
                const [running] = await tx
                  .select({ n: count() })
                  .from(t.investigations)
                  .where(and(eq(t.investigations.tenantId, tenantLimit.tenantId), eq(t.investigations.status, 'RUNNING'), ne(t.investigations.id, investigationId)));
                if (running!.n >= tenantLimit.running) throw TENANT_BUSY;
              }
              const claimed = await tx
                .update(t.investigations)
                .set({ status: 'RUNNING', startedAt: new Date(), claims: seenClaims + 1, workerId })
                .where(and(eq(t.investigations.id, investigationId), inArray(t.investigations.status, ['PENDING', 'RUNNING']), eq(t.investigations.claims, seenClaims)))
                .returning({ id: t.investigations.id });
              if (!claimed.length) throw NOT_APPLIED;
            }
            for (const { id, patch, ifStatus } of change.investigations ?? []) {
              const where = ifStatus ? and(eq(t.investigations.id, id), inArray(t.investigations.status, ifStatus)) : eq(t.investigations.id, id);
              const updated = await tx.update(t.investigations).set(patch).where(where).returning({ id: t.investigations.id });
              if (ifStatus && !updated.length) throw NOT_APPLIED;
            }
            if (change.artifacts?.length) await tx.insert(t.artifacts).values(change.artifacts);
            const rows = await appendEvents(tx, runId, events);
            if (movesWindow(change)) {
              const investigations = await tx.select().from(t.investigations).where(eq(t.investigations.runId, runId)).orderBy(asc(t.investigations.position));
              const next = windowWrites(locked, investigations, new Date());
              if (next.queued.length) {
                await tx.update(t.investigations).set({ queuedAt: next.queued[0]!.queuedAt }).where(inArray(t.investigations.id, next.queued.map((i) => i.id)));
                await options.enqueueWithin?.(tx, next.queued);
              }
              if (next.finishEvent) {
                rows.push(...(await appendEvents(tx, runId, [next.finishEvent])));
                await tx.update(t.runs).set(next.runPatch!).where(eq(t.runs.id, runId));
              }
              return { applied: true, stopRequested: locked.stopRequested, run: locked, events: rows, queued: next.queued };
            }
            return { applied: true, stopRequested: locked.stopRequested, run: locked, events: rows, queued: [] };
          });
        } catch (err) {
          if (err === NOT_APPLIED) return { applied: false, stopRequested: null, run: null, events: [], queued: [] };
          if (err === TENANT_BUSY) return { applied: false, tenantBusy: true, stopRequested: null, run: null, events: [], queued: [] };
          throw err;
        }
      },
    },
    investigations: {
      byIds: async (ids, scope) =>
        ids.length ? db.select().from(t.investigations).where(and(inArray(t.investigations.id, [...ids]), inTenant(t.investigations.tenantId, scope))) : [],
      byRunIds: async (runIds) =>
        runIds.length
          ? db.select().from(t.investigations).where(inArray(t.investigations.runId, [...runIds])).orderBy(asc(t.investigations.runId), asc(t.investigations.position))
          : [],
      ofRunWithStatus: (runId, statuses) =>
        db
          .select()
          .from(t.investigations)
          .where(and(eq(t.investigations.runId, runId), inArray(t.investigations.status, statuses)))
          .orderBy(asc(t.investigations.position)),
      page: async (filter, query) => {
        const p = pageOver(t.investigations.id, query, 'asc');
        return db.select().from(t.investigations).where(and(...investigationConditions(t.investigations, filter), ...p.conditions)).orderBy(p.orderBy).limit(p.limit);
      },
      count: async (filter) => (await db.select({ n: count() }).from(t.investigations).where(and(...investigationConditions(t.investigations, filter))))[0]!.n,
    },
    events: {
      after: (runId, afterSeq) =>
        db.select().from(t.progressEvents).where(and(eq(t.progressEvents.runId, runId), gt(t.progressEvents.seq, afterSeq))).orderBy(asc(t.progressEvents.seq)),
      ofRuns: async (runIds) =>
        runIds.length
          ? db.select().from(t.progressEvents).where(inArray(t.progressEvents.runId, [...runIds])).orderBy(asc(t.progressEvents.runId), asc(t.progressEvents.seq))
          : [],
    },
    apiTokens: {
      insert: async (row) => {
        await db.insert(t.apiTokens).values(row);
      },
      byId: async (id) => (await db.select().from(t.apiTokens).where(eq(t.apiTokens.id, id)))[0],
      list: (tenantId, includeRevoked) =>
        db
          .select()
          .from(t.apiTokens)
          .where(and(tenantId === null ? undefined : eq(t.apiTokens.tenantId, tenantId), includeRevoked ? undefined : isNull(t.apiTokens.revokedAt)))
          .orderBy(desc(t.apiTokens.id)),
      revoke: async (id, at) =>
        (await db.update(t.apiTokens).set({ revokedAt: sql`coalesce(${t.apiTokens.revokedAt}, ${at.toISOString()}::timestamptz)` }).where(eq(t.apiTokens.id, id)).returning())[0],
      touch: async (id, at) => {
        await db.update(t.apiTokens).set({ lastUsedAt: at }).where(eq(t.apiTokens.id, id));
      },
      hasUsableAdmin: async (now) =>
        (
          await db
            .select({ id: t.apiTokens.id })
            .from(t.apiTokens)
            .where(and(eq(t.apiTokens.role, 'ADMIN'), isNull(t.apiTokens.revokedAt), or(isNull(t.apiTokens.expiresAt), gt(t.apiTokens.expiresAt, now))))
            .limit(1)
        ).length > 0,
    },
    idempotency: {
      record: async (scope) => (await db.select().from(t.idempotencyKeys).where(idempotencyKey(scope)))[0],
      claim: async (scope, fingerprint) =>
        ((await db.insert(t.idempotencyKeys).values({ ...scope, fingerprint, resultId: null, createdAt: new Date() }).onConflictDoNothing()).rowCount ?? 0) === 1,
      complete: async (scope, resultId) => {
        await db.update(t.idempotencyKeys).set({ resultId }).where(idempotencyKey(scope));
      },
      release: async (scope) => {
        await db.delete(t.idempotencyKeys).where(and(idempotencyKey(scope), isNull(t.idempotencyKeys.resultId)));
      },
      prune: async (before) => {
        await db.delete(t.idempotencyKeys).where(or(lt(t.idempotencyKeys.createdAt, before), isNull(t.idempotencyKeys.resultId)));
      },
    },
    codeCache: {
      take: async (key) =>
        (await db.update(t.codeCache).set({ hits: sql`${t.codeCache.hits} + 1`, lastUsedAt: new Date() }).where(eq(t.codeCache.key, key)).returning({ code: t.codeCache.code }))[0]?.code ??
        null,
      put: async (entry) => {
        const now = new Date();
        await db
          .insert(t.codeCache)
          .values({ ...entry, hits: 0, createdAt: now, lastUsedAt: now })
          .onConflictDoUpdate({ target: t.codeCache.key, set: { code: entry.code, lastUsedAt: now } });
      },
    },
    claimReadings: {
      take: async (key) =>
        (
          await db
            .update(t.claimReadings)
            .set({ hits: sql`${t.claimReadings.hits} + 1`, lastUsedAt: new Date() })
            .where(eq(t.claimReadings.key, key))
            .returning({ reading: t.claimReadings.reading })
        )[0]?.reading ?? null,
      put: async (entry) => {
        const now = new Date();
        await db
          .insert(t.claimReadings)
          .values({ ...entry, hits: 0, createdAt: now, lastUsedAt: now })
          .onConflictDoUpdate({ target: t.claimReadings.key, set: { reading: entry.reading, lastUsedAt: now } });
      },
    },
    workers: {
      report: async (row) => {
        const { id: _id, startedAt: _started, ...now } = row;
        await db.insert(t.workers).values(row).onConflictDoUpdate({ target: t.workers.id, set: now });
      },
      remove: async (id) => {
        await db.delete(t.workers).where(eq(t.workers.id, id));
      },
      list: () => db.select().from(t.workers).orderBy(asc(t.workers.id)),
      forgetUnseenSince: async (before) => (await db.delete(t.workers).where(lt(t.workers.lastSeenAt, before))).rowCount ?? 0,
    },
    dismissals: {
      add: async (row) => {
        await db.insert(t.dismissals).values(row).onConflictDoNothing();
        const key = and(eq(t.dismissals.datasetId, row.datasetId), eq(t.dismissals.issueType, row.issueType), eq(t.dismissals.columnsKey, row.columnsKey));
        return (await db.select().from(t.dismissals).where(key))[0]!;
      },
      ofDatasets: async (datasetIds) =>
        datasetIds.length ? db.select().from(t.dismissals).where(inArray(t.dismissals.datasetId, [...datasetIds])).orderBy(asc(t.dismissals.createdAt), asc(t.dismissals.id)) : [],
      byId: async (id) => (await db.select().from(t.dismissals).where(eq(t.dismissals.id, id)))[0],
      remove: async (id) => {
        await db.delete(t.dismissals).where(eq(t.dismissals.id, id));
      },
    },
    artifacts: {
      ofInvestigations: async (ids, scope) => {
        if (!ids.length) return [];
        const { content: _content, ...info } = getTableColumns(t.artifacts);
        return db
          .select(info)
          .from(t.artifacts)
          .where(and(inArray(t.artifacts.investigationId, [...ids]), inTenant(t.artifacts.tenantId, scope)))
          .orderBy(asc(t.artifacts.investigationId), asc(t.artifacts.name));
      },
      byId: async (id, scope) => (await db.select().from(t.artifacts).where(and(eq(t.artifacts.id, id), inTenant(t.artifacts.tenantId, scope))))[0],
    },
    anthropicFiles: {
      of: async (datasetId) => (await db.select().from(t.anthropicFiles).where(eq(t.anthropicFiles.datasetId, datasetId)))[0] ?? null,
      record: async (datasetId, fileId) => {
        const uploadedAt = new Date();
        await db.insert(t.anthropicFiles).values({ datasetId, fileId, uploadedAt }).onConflictDoUpdate({ target: t.anthropicFiles.datasetId, set: { fileId, uploadedAt } });
      },
      forget: async (fileId) => {
        await db.delete(t.anthropicFiles).where(eq(t.anthropicFiles.fileId, fileId));
      },
      uploadedBefore: (before) => db.select().from(t.anthropicFiles).where(lt(t.anthropicFiles.uploadedAt, before)),
    },
  };
}

function idempotencyKey(scope: { tenantId: string; operation: string; key: string }) {
  return and(eq(t.idempotencyKeys.tenantId, scope.tenantId), eq(t.idempotencyKeys.operation, scope.operation), eq(t.idempotencyKeys.key, scope.key));
}
