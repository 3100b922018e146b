import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { codeCache } from '../schema';

/** The cached code for a key, counting the hit. */
export function takeCachedCode(db: DbOrTx, key: string): string | null {
  const row = db.select({ code: codeCache.code }).from(codeCache).where(eq(codeCache.key, key)).get();
  if (!row) return null;
  db.update(codeCache)
    .set({ hits: sql`${codeCache.hits} + 1`, lastUsedAt: new Date() })
    .where(eq(codeCache.key, key))
    .run();
  return row.code;
}

export function storeCachedCode(db: DbOrTx, entry: { key: string; model: string; issueType: string; code: string }) {
  const now = new Date();
  db.insert(codeCache)
    .values({ ...entry, hits: 0, createdAt: now, lastUsedAt: now })
    .onConflictDoUpdate({ target: codeCache.key, set: { code: entry.code, lastUsedAt: now } })
    .run();
}
