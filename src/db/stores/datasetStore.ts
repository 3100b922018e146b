import { and, count, eq, inArray, sql, sum, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { datasets, type DatasetRow } from '../schema';
import { pageOver, type PageQuery } from './pagination';
import { preparedOnce } from './prepared';
import { ALL_TENANTS, inTenant, type TenantScope } from './tenancy';

export function insertDataset(db: DbOrTx, row: DatasetRow) {
  db.insert(datasets).values(row).run();
}

const datasetOfAnyTenant = preparedOnce((db) => db.select().from(datasets).where(eq(datasets.id, sql.placeholder('id'))).prepare());
const datasetOfTenant = preparedOnce((db) =>
  db.select().from(datasets).where(and(eq(datasets.id, sql.placeholder('id')), eq(datasets.tenantId, sql.placeholder('tenantId')))).prepare(),
);

export function datasetsByIds(db: DbOrTx, ids: readonly string[], scope: TenantScope): DatasetRow[] {
  if (ids.length === 1) {
    const row = scope === ALL_TENANTS ? datasetOfAnyTenant(db).get({ id: ids[0] }) : datasetOfTenant(db).get({ id: ids[0], tenantId: scope });
    return row ? [row] : [];
  }
  return ids.length ? db.select().from(datasets).where(and(inArray(datasets.id, [...ids]), inTenant(datasets.tenantId, scope))).all() : [];
}

/** The tenant's oldest dataset with this content. */
export function datasetBySha256(db: DbOrTx, sha256: string, scope: TenantScope): DatasetRow | undefined {
  return db.select().from(datasets).where(and(eq(datasets.sha256, sha256), inTenant(datasets.tenantId, scope))).orderBy(datasets.id).limit(1).get();
}

export interface DatasetFilter {
  tenantId: TenantScope;
  sha256?: string;
}

/** The conditions of a DatasetFilter on a datasets table of either dialect. */
export function datasetConditions(table: Record<'tenantId' | 'sha256', AnyColumn>, filter: DatasetFilter) {
  return [inTenant(table.tenantId, filter.tenantId), filter.sha256 ? eq(table.sha256, filter.sha256) : undefined];
}
const matching = (filter: DatasetFilter) => datasetConditions(datasets, filter);

/** Newest first. */
export function pageDatasets(db: DbOrTx, filter: DatasetFilter, page: PageQuery): DatasetRow[] {
  const p = pageOver(datasets.id, page, 'desc');
  return db
    .select()
    .from(datasets)
    .where(and(...matching(filter), ...p.conditions))
    .orderBy(p.orderBy)
    .limit(p.limit)
    .all();
}

/** How many datasets a tenant has, and their bytes. */
export function tenantStorage(db: DbOrTx, tenantId: string): { datasets: number; bytes: number } {
  const row = db.select({ n: count(), bytes: sum(datasets.sizeBytes) }).from(datasets).where(eq(datasets.tenantId, tenantId)).get()!;
  return { datasets: row.n, bytes: Number(row.bytes ?? 0) };
}

export function countDatasets(db: DbOrTx, filter: DatasetFilter): number {
  return db.select({ n: count() }).from(datasets).where(and(...matching(filter))).get()!.n;
}
