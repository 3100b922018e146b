import { and, count, eq, inArray, sql, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { runs, type RunRow, type RunStatus } from '../schema';
import { pageOver, type PageQuery } from './pagination';
import { insertRow, preparedOnce, updateById } from './prepared';
import { ALL_TENANTS, inTenant, type TenantScope } from './tenancy';

export const UNFINISHED_RUN_STATUSES: RunStatus[] = ['QUEUED', 'RUNNING'];

const insertOne = insertRow(runs);

export function insertRun(db: DbOrTx, row: RunRow) {
  insertOne(db, row);
}

export function runsByIds(db: DbOrTx, ids: readonly string[], scope: TenantScope): RunRow[] {
  return ids.length ? db.select().from(runs).where(and(inArray(runs.id, [...ids]), inTenant(runs.tenantId, scope))).all() : [];
}

const runOfAnyTenant = preparedOnce((db) => db.select().from(runs).where(eq(runs.id, sql.placeholder('id'))).prepare());
const runOfTenant = preparedOnce((db) =>
  db.select().from(runs).where(and(eq(runs.id, sql.placeholder('id')), eq(runs.tenantId, sql.placeholder('tenantId')))).prepare(),
);

export function runById(db: DbOrTx, id: string, scope: TenantScope): RunRow | undefined {
  return scope === ALL_TENANTS ? runOfAnyTenant(db).get({ id }) : runOfTenant(db).get({ id, tenantId: scope });
}

const updateOne = updateById(runs);

export function updateRun(db: DbOrTx, id: string, patch: Partial<Omit<RunRow, 'id'>>) {
  updateOne(db, id, patch);
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
