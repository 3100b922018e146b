import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { dismissals, type DismissalRow } from '../schema';

export function addDismissal(db: DbOrTx, row: DismissalRow): DismissalRow {
  db.insert(dismissals).values(row).onConflictDoNothing().run();
  const key = and(eq(dismissals.datasetId, row.datasetId), eq(dismissals.issueType, row.issueType), eq(dismissals.columnsKey, row.columnsKey));
  return db.select().from(dismissals).where(key).get()!;
}

export function dismissalsOfDatasets(db: DbOrTx, datasetIds: readonly string[]): DismissalRow[] {
  if (!datasetIds.length) return [];
  return db.select().from(dismissals).where(inArray(dismissals.datasetId, [...datasetIds])).orderBy(asc(dismissals.createdAt), asc(dismissals.id)).all();
}

export function dismissalById(db: DbOrTx, id: string): DismissalRow | undefined {
  return db.select().from(dismissals).where(eq(dismissals.id, id)).get();
}

export function removeDismissal(db: DbOrTx, id: string) {
  db.delete(dismissals).where(eq(dismissals.id, id)).run();
}
