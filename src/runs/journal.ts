import { createPubSub } from 'graphql-yoga';
import type { Db, DbOrTx } from '../db/client';
import type { ProgressEventRow, ProgressEventType } from '../db/schema';
import { insertEvents } from '../db/stores/eventStore';
import { reserveSeqs } from '../db/stores/runStore';
import { PiiRedactor } from '../pipeline/redact';

export type ProgressEvent = ProgressEventRow;

export interface EventInput {
  type: ProgressEventType;
  message: string;
  investigationId?: string | null;
  data?: Record<string, unknown> | null;
}

export function createProgressPubSub() {
  return createPubSub<{ 'run:event': [runId: string, event: ProgressEvent]; 'run:broken': [runId: string, reason: string] }>();
}
export type ProgressPubSub = ReturnType<typeof createProgressPubSub>;

/**
 * The only way run state changes: the change and the events that report it are written in one
 * synchronous SQLite transaction, each event taking the run's next seq (1, 2, 3, … without gaps), and
 * the events are published only after the commit, so a subscriber never sees an event that isn't stored.
 */
export class RunJournal {
  constructor(
    private readonly db: Db,
    readonly pubsub: ProgressPubSub,
    /** Personal data in event messages and data (an example value in an error) is redacted before storing. */
    private readonly redactor: PiiRedactor = new PiiRedactor(false),
  ) {}

  record(runId: string, events: EventInput[], apply?: (tx: DbOrTx) => void): ProgressEvent[] {
    const now = new Date();
    const rows = this.db.transaction(
      (tx) => {
        apply?.(tx);
        if (!events.length) return [];
        const first = reserveSeqs(tx, runId, events.length);
        const rows: ProgressEvent[] = events.map((e, i) => ({
          runId,
          seq: first + i,
          investigationId: e.investigationId ?? null,
          type: e.type,
          message: this.redactor.text(e.message),
          timestamp: now,
          data: e.data ? this.redactor.json(e.data).value : null,
        }));
        insertEvents(tx, rows);
        return rows;
      },
      { behavior: 'immediate' },
    );
    for (const row of rows) this.pubsub.publish('run:event', runId, row);
    return rows;
  }

  /** Tells the run's subscribers that its events can no longer be recorded: their streams end with `reason`. */
  broken(runId: string, reason: string) {
    this.pubsub.publish('run:broken', runId, reason);
  }
}
