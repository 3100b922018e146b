import { and, count, eq, inArray, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { runs, type RunRow, type RunStatus } from '../schema';
import { pageOver, type PageQuery } from './pagination';
import { inTenant, type TenantScope } from './tenancy';

export const UNFINISHED_RUN_STATUSES: RunStatus[] = ['QUEUED', 'RUNNING'];

export function insertRun(db: DbOrTx, row: RunRow) {
  db.insert(runs).values(row).run();
}

export function runsByIds(db: DbOrTx, ids: readonly string[], scope: TenantScope): RunRow[] {
  return ids.length ? db.select().from(runs).where(and(inArray(runs.id, [...ids]), inTenant(runs.tenantId, scope))).all() : [];
}

export function runById(db: DbOrTx, id: string, scope: TenantScope): RunRow | undefined {
  return db.select().from(runs).where(and(eq(runs.id, id), inTenant(runs.tenantId, scope))).get();
}

export function updateRun(db: DbOrTx, id: string, patch: Partial<Omit<RunRow, 'id'>>) {
  db.update(runs).set(patch).where(eq(runs.id, id)).run();
}

export function unfinishedRuns(db: DbOrTx): RunRow[] {
  return db.select().from(runs).where(inArray(runs.status, UNFINISHED_RUN_STATUSES)).all();
}

export interface RunFilter {
  tenantId: TenantScope;
  datasetId?: string;
  status?: RunStatus;
}

/** The conditions of a RunFilter on a runs table of either dialect. */
export function runConditions(table: Record<'tenantId' | 'datasetId' | 'status', AnyColumn>, filter: RunFilter) {
  return [
    inTenant(table.tenantId, filter.tenantId),
    filter.datasetId ? eq(table.datasetId, filter.datasetId) : undefined,
    filter.status ? eq(table.status, filter.status) : undefined,
  ];
}
const matching = (filter: RunFilter) => runConditions(runs, filter);

/** Newest first. */
export function pageRuns(db: DbOrTx, filter: RunFilter, page: PageQuery): RunRow[] {
  const p = pageOver(runs.id, page, 'desc');
  return db
    .select()
    .from(runs)
    .where(and(...matching(filter), ...p.conditions))
    .orderBy(p.orderBy)
    .limit(p.limit)
    .all();
}

export function countRuns(db: DbOrTx, filter: RunFilter): number {
  return db.select({ n: count() }).from(runs).where(and(...matching(filter))).get()!.n;
}
