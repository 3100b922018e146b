import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { progressEvents, type ProgressEventRow } from '../schema';

export function eventsAfter(db: DbOrTx, runId: string, afterSeq: number): ProgressEventRow[] {
  return db
    .select()
    .from(progressEvents)
    .where(and(eq(progressEvents.runId, runId), gt(progressEvents.seq, afterSeq)))
    .orderBy(asc(progressEvents.seq))
    .all();
}

export function eventsOfRuns(db: DbOrTx, runIds: readonly string[]): ProgressEventRow[] {
  if (!runIds.length) return [];
  return db
    .select()
    .from(progressEvents)
    .where(inArray(progressEvents.runId, [...runIds]))
    .orderBy(asc(progressEvents.runId), asc(progressEvents.seq))
    .all();
}
