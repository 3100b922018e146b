import { and, eq, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { idempotencyKeys } from '../schema';

export interface IdempotencyScope {
  tenantId: string;
  operation: string;
  key: string;
}

const matching = (s: IdempotencyScope) =>
  and(eq(idempotencyKeys.tenantId, s.tenantId), eq(idempotencyKeys.operation, s.operation), eq(idempotencyKeys.key, s.key));

export function idempotencyRecord(db: DbOrTx, scope: IdempotencyScope) {
  return db.select().from(idempotencyKeys).where(matching(scope)).get();
}

/** Claims the key for a request being served now; false when a record of it exists already. */
export function claimIdempotencyKey(db: DbOrTx, scope: IdempotencyScope, fingerprint: string): boolean {
  const inserted = db
    .insert(idempotencyKeys)
    .values({ ...scope, fingerprint, resultId: null, createdAt: new Date() })
    .onConflictDoNothing()
    .run();
  return inserted.changes === 1;
}

export function completeIdempotencyKey(db: DbOrTx, scope: IdempotencyScope, resultId: string) {
  db.update(idempotencyKeys).set({ resultId }).where(matching(scope)).run();
}

export function releaseIdempotencyKey(db: DbOrTx, scope: IdempotencyScope) {
  db.delete(idempotencyKeys).where(and(matching(scope), isNull(idempotencyKeys.resultId))).run();
}

/** Forgets keys older than `before`, and claims a stopped process left unfinished. */
export function pruneIdempotencyKeys(db: DbOrTx, before: Date) {
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).run();
  db.delete(idempotencyKeys).where(isNull(idempotencyKeys.resultId)).run();
}
