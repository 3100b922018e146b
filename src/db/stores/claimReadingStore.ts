import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { claimReadings } from '../schema';

/** The stored reading for a key, counting the hit. */
export function takeClaimReading(db: DbOrTx, key: string): Record<string, unknown> | null {
  const row = db.select({ reading: claimReadings.reading }).from(claimReadings).where(eq(claimReadings.key, key)).get();
  if (!row) return null;
  db.update(claimReadings)
    .set({ hits: sql`${claimReadings.hits} + 1`, lastUsedAt: new Date() })
    .where(eq(claimReadings.key, key))
    .run();
  return row.reading;
}

export function storeClaimReading(db: DbOrTx, entry: { key: string; model: string; reading: Record<string, unknown> }) {
  const now = new Date();
  db.insert(claimReadings)
    .values({ ...entry, hits: 0, createdAt: now, lastUsedAt: now })
    .onConflictDoUpdate({ target: claimReadings.key, set: { reading: entry.reading, lastUsedAt: now } })
    .run();
}
