import { and, count, asc, eq, inArray, ne, sql, type AnyColumn } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import type { InvestigationClaim } from '../store';
import {
  investigations,
  type InvestigationMethod,
  type InvestigationRow,
  type InvestigationStatus,
} from '../schema';
import type { WindowInvestigation } from '../../runs/window';
import { pageOver, type PageQuery } from './pagination';
import { insertRow, preparedOnce, updateById } from './prepared';
import { ALL_TENANTS, inTenant, type TenantScope } from './tenancy';

export type InvestigationPatchRow = Partial<Omit<InvestigationRow, 'id' | 'runId' | 'datasetId'>>;

const insertOne = insertRow(investigations);

export function insertInvestigations(db: DbOrTx, rows: InvestigationRow[]) {
  for (const row of rows) insertOne(db, row);
}

const investigationOfAnyTenant = preparedOnce((db) => db.select().from(investigations).where(eq(investigations.id, sql.placeholder('id'))).prepare());
const investigationOfTenant = preparedOnce((db) =>
  db
    .select()
    .from(investigations)
    .where(and(eq(investigations.id, sql.placeholder('id')), eq(investigations.tenantId, sql.placeholder('tenantId'))))
    .prepare(),
);

export function investigationsByIds(db: DbOrTx, ids: readonly string[], scope: TenantScope): InvestigationRow[] {
  if (ids.length === 1) {
    const row =
      scope === ALL_TENANTS ? investigationOfAnyTenant(db).get({ id: ids[0] }) : investigationOfTenant(db).get({ id: ids[0], tenantId: scope });
    return row ? [row] : [];
  }
  return ids.length
    ? db.select().from(investigations).where(and(inArray(investigations.id, [...ids]), inTenant(investigations.tenantId, scope))).all()
    : [];
}

const investigationsOfRun = preparedOnce((db) =>
  db.select().from(investigations).where(eq(investigations.runId, sql.placeholder('runId'))).orderBy(asc(investigations.position)).prepare(),
);

/** Every investigation of these runs, each run's in issue order. */
export function investigationsByRunIds(db: DbOrTx, runIds: readonly string[]): InvestigationRow[] {
  if (!runIds.length) return [];
  if (runIds.length === 1) return investigationsOfRun(db).all({ runId: runIds[0] });
  return db
    .select()
    .from(investigations)
    .where(inArray(investigations.runId, [...runIds]))
    .orderBy(asc(investigations.runId), asc(investigations.position))
    .all();
}

const windowQuery = preparedOnce((db) =>
  db
    .select({
      id: investigations.id,
      status: investigations.status,
      queuedAt: investigations.queuedAt,
      position: investigations.position,
      method: investigations.method,
      verdict: investigations.verdict,
    })
    .from(investigations)
    .where(eq(investigations.runId, sql.placeholder('runId')))
    .orderBy(asc(investigations.position))
    .prepare(),
);

/** What a run's window is decided from (src/runs/window.ts), without the investigations' code and results. */
export function windowOfRun(db: DbOrTx, runId: string): WindowInvestigation[] {
  return windowQuery(db).all({ runId });
}

const updateOne = updateById(investigations);

/** Applies the patch (only while the investigation is in one of `ifStatus`, when given); whether it did. */
export function updateInvestigation(db: DbOrTx, id: string, patch: InvestigationPatchRow, ifStatus?: InvestigationStatus[]): boolean {
  const condition = ifStatus && { key: ifStatus.join(','), where: inArray(investigations.status, ifStatus) };
  return updateOne(db, id, patch, condition) > 0;
}

/** The tenant's investigations running now, but `except`. */
export function runningOfTenant(db: DbOrTx, tenantId: string, except: string): number {
  return db
    .select({ n: count() })
    .from(investigations)
    .where(and(eq(investigations.tenantId, tenantId), eq(investigations.status, 'RUNNING'), ne(investigations.id, except)))
    .get()!.n;
}

const UNCLAIMED = {
  key: 'unclaimed',
  where: and(inArray(investigations.status, ['PENDING', 'RUNNING']), eq(investigations.claims, sql.placeholder('seenClaims')))!,
};

/** PENDING or RUNNING → RUNNING with one more claim, only while its claims are `seenClaims`; whether it did. */
export function claimInvestigation(db: DbOrTx, claim: InvestigationClaim): boolean {
  const patch = { status: 'RUNNING', startedAt: new Date(), claims: claim.seenClaims + 1, workerId: claim.workerId };
  return updateOne(db, claim.investigationId, patch, { ...UNCLAIMED, values: { seenClaims: claim.seenClaims } }) > 0;
}

/** An investigation's claims, by a statement prepared once (every write of an executor checks its fence with it). */
export function claimsReader(db: Db): (id: string) => number | undefined {
  const query = db.select({ claims: investigations.claims }).from(investigations).where(eq(investigations.id, sql.placeholder('id'))).prepare();
  return (id) => query.get({ id })?.claims;
}

export function markQueued(db: DbOrTx, ids: string[], at: Date) {
  if (ids.length === 1) updateOne(db, ids[0]!, { queuedAt: at });
  else if (ids.length) db.update(investigations).set({ queuedAt: at }).where(inArray(investigations.id, ids)).run();
}

export function investigationsOfRunWithStatus(
  db: DbOrTx,
  runId: string,
  statuses: InvestigationStatus[],
): InvestigationRow[] {
  return db
    .select()
    .from(investigations)
    .where(and(eq(investigations.runId, runId), inArray(investigations.status, statuses)))
    .orderBy(asc(investigations.position))
    .all();
}

export interface InvestigationFilter {
  tenantId: TenantScope;
  datasetId?: string;
  runId?: string;
  status?: InvestigationStatus;
  issueType?: string;
  method?: InvestigationMethod;
  /** The follow-ups of this investigation. */
  parentId?: string;
}

/** The conditions of an InvestigationFilter on an investigations table of either dialect. */
export function investigationConditions(
  table: Record<'tenantId' | 'datasetId' | 'runId' | 'status' | 'issueType' | 'method' | 'parentId', AnyColumn>,
  filter: InvestigationFilter,
) {
  return [
    inTenant(table.tenantId, filter.tenantId),
    filter.datasetId ? eq(table.datasetId, filter.datasetId) : undefined,
    filter.runId ? eq(table.runId, filter.runId) : undefined,
    filter.status ? eq(table.status, filter.status) : undefined,
    filter.issueType ? eq(table.issueType, filter.issueType) : undefined,
    filter.method ? eq(table.method, filter.method) : undefined,
    filter.parentId ? eq(table.parentId, filter.parentId) : undefined,
  ];
}
const matching = (filter: InvestigationFilter) => investigationConditions(investigations, filter);

/** In creation order: runs oldest first, each run's investigations in issue order. */
export function pageInvestigations(db: DbOrTx, filter: InvestigationFilter, page: PageQuery): InvestigationRow[] {
  const p = pageOver(investigations.id, page, 'asc');
  return db
    .select()
    .from(investigations)
    .where(and(...matching(filter), ...p.conditions))
    .orderBy(p.orderBy)
    .limit(p.limit)
    .all();
}

export function countInvestigations(db: DbOrTx, filter: InvestigationFilter): number {
  return db.select({ n: count() }).from(investigations).where(and(...matching(filter))).get()!.n;
}
