import { asc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { workers, type WorkerRow } from '../schema';

export function reportWorker(db: DbOrTx, row: WorkerRow) {
  const { id: _id, startedAt: _started, ...now } = row;
  db.insert(workers).values(row).onConflictDoUpdate({ target: workers.id, set: now }).run();
}

export function removeWorker(db: DbOrTx, id: string) {
  db.delete(workers).where(eq(workers.id, id)).run();
}

export function listWorkers(db: DbOrTx): WorkerRow[] {
  return db.select().from(workers).orderBy(asc(workers.id)).all();
}

export function forgetWorkersUnseenSince(db: DbOrTx, before: Date): number {
  return db.delete(workers).where(lt(workers.lastSeenAt, before)).run().changes;
}
