import { and, count, asc, eq, inArray, ne, sql, type AnyColumn } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import type { InvestigationClaim } from '../store';
import {
  investigations,
  type InvestigationMethod,
  type InvestigationRow,
  type InvestigationStatus,
} from '../schema';
import { pageOver, type PageQuery } from './pagination';
import { inTenant, type TenantScope } from './tenancy';

export type InvestigationPatchRow = Partial<Omit<InvestigationRow, 'id' | 'runId' | 'datasetId'>>;

export function insertInvestigations(db: DbOrTx, rows: InvestigationRow[]) {
  if (rows.length) db.insert(investigations).values(rows).run();
}

export function investigationsByIds(db: DbOrTx, ids: readonly string[], scope: TenantScope): InvestigationRow[] {
  return ids.length
    ? db.select().from(investigations).where(and(inArray(investigations.id, [...ids]), inTenant(investigations.tenantId, scope))).all()
    : [];
}

/** Every investigation of these runs, each run's in issue order. */
export function investigationsByRunIds(db: DbOrTx, runIds: readonly string[]): InvestigationRow[] {
  if (!runIds.length) return [];
  return db
    .select()
    .from(investigations)
    .where(inArray(investigations.runId, [...runIds]))
    .orderBy(asc(investigations.runId), asc(investigations.position))
    .all();
}

/** Applies the patch (only while the investigation is in one of `ifStatus`, when given); whether it did. */
export function updateInvestigation(db: DbOrTx, id: string, patch: InvestigationPatchRow, ifStatus?: InvestigationStatus[]): boolean {
  const where = ifStatus ? and(eq(investigations.id, id), inArray(investigations.status, ifStatus)) : eq(investigations.id, id);
  return db.update(investigations).set(patch).where(where).run().changes > 0;
}

/** PENDING or RUNNING → RUNNING with one more claim, only while its claims are `seenClaims`; whether it did. */
/** The tenant's investigations running now, but `except`. */
export function runningOfTenant(db: DbOrTx, tenantId: string, except: string): number {
  return db
    .select({ n: count() })
    .from(investigations)
    .where(and(eq(investigations.tenantId, tenantId), eq(investigations.status, 'RUNNING'), ne(investigations.id, except)))
    .get()!.n;
}

export function claimInvestigation(db: DbOrTx, claim: InvestigationClaim): boolean {
  return (
    db
      .update(investigations)
      .set({ status: 'RUNNING', startedAt: new Date(), claims: claim.seenClaims + 1, workerId: claim.workerId })
      .where(and(eq(investigations.id, claim.investigationId), inArray(investigations.status, ['PENDING', 'RUNNING']), eq(investigations.claims, claim.seenClaims)))
      .run().changes > 0
  );
}

/** An investigation's claims, by a statement prepared once (every write of an executor checks its fence with it). */
export function claimsReader(db: Db): (id: string) => number | undefined {
  const query = db.select({ claims: investigations.claims }).from(investigations).where(eq(investigations.id, sql.placeholder('id'))).prepare();
  return (id) => query.get({ id })?.claims;
}

export function markQueued(db: DbOrTx, ids: string[], at: Date) {
  if (ids.length) db.update(investigations).set({ queuedAt: at }).where(inArray(investigations.id, ids)).run();
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
}

/** The conditions of an InvestigationFilter on an investigations table of either dialect. */
export function investigationConditions(
  table: Record<'tenantId' | 'datasetId' | 'runId' | 'status' | 'issueType' | 'method', AnyColumn>,
  filter: InvestigationFilter,
) {
  return [
    inTenant(table.tenantId, filter.tenantId),
    filter.datasetId ? eq(table.datasetId, filter.datasetId) : undefined,
    filter.runId ? eq(table.runId, filter.runId) : undefined,
    filter.status ? eq(table.status, filter.status) : undefined,
    filter.issueType ? eq(table.issueType, filter.issueType) : undefined,
    filter.method ? eq(table.method, filter.method) : undefined,
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
