import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { datasets, type DatasetRow } from '../schema';
import { pageOver, type PageQuery } from './pagination';
import { inTenant, type TenantScope } from './tenancy';

export function insertDataset(db: DbOrTx, row: DatasetRow) {
  db.insert(datasets).values(row).run();
}

export function datasetsByIds(db: DbOrTx, ids: readonly string[], scope: TenantScope): DatasetRow[] {
  return ids.length ? db.select().from(datasets).where(and(inArray(datasets.id, [...ids]), inTenant(datasets.tenantId, scope))).all() : [];
}

/** The tenant's oldest dataset with this content. */
export function datasetBySha256(db: DbOrTx, sha256: string, scope: TenantScope): DatasetRow | undefined {
  return db.select().from(datasets).where(and(eq(datasets.sha256, sha256), inTenant(datasets.tenantId, scope))).orderBy(datasets.id).limit(1).get();
}

/** Newest first. */
export function pageDatasets(db: DbOrTx, scope: TenantScope, page: PageQuery): DatasetRow[] {
  const p = pageOver(datasets.id, page, 'desc');
  return db
    .select()
    .from(datasets)
    .where(and(inTenant(datasets.tenantId, scope), ...p.conditions))
    .orderBy(p.orderBy)
    .limit(p.limit)
    .all();
}

export function countDatasets(db: DbOrTx, scope: TenantScope): number {
  return db.select({ n: count() }).from(datasets).where(inTenant(datasets.tenantId, scope)).get()!.n;
}
