import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { datasets, type DatasetRow } from '../schema';
import { pageOver, type PageQuery } from './pagination';

export function insertDataset(db: DbOrTx, row: DatasetRow) {
  db.insert(datasets).values(row).run();
}

export function datasetsByIds(db: DbOrTx, ids: readonly string[]): DatasetRow[] {
  return ids.length ? db.select().from(datasets).where(inArray(datasets.id, [...ids])).all() : [];
}

export function datasetBySha256(db: DbOrTx, sha256: string): DatasetRow | undefined {
  return db.select().from(datasets).where(eq(datasets.sha256, sha256)).get();
}

/** Newest first. */
export function pageDatasets(db: DbOrTx, page: PageQuery): DatasetRow[] {
  const p = pageOver(datasets.id, page, 'desc');
  return db
    .select()
    .from(datasets)
    .where(and(...p.conditions))
    .orderBy(p.orderBy)
    .limit(p.limit)
    .all();
}

export function countDatasets(db: DbOrTx): number {
  return db.select({ n: count() }).from(datasets).get()!.n;
}
