import { createPubSub } from 'graphql-yoga';
import type { Db } from '../db/client';
import type { ProgressEventRow, ProgressEventType, RunRow } from '../db/schema';
import { insertEvents } from '../db/stores/eventStore';
import { updateInvestigation, type InvestigationPatchRow } from '../db/stores/investigationStore';
import { reserveSeqs, updateRun } from '../db/stores/runStore';
import { PiiRedactor } from '../pipeline/redact';

export type ProgressEvent = ProgressEventRow;

export interface EventInput {
  type: ProgressEventType;
  message: string;
  investigationId?: string | null;
  data?: Record<string, unknown> | null;
}

/**
 * What a journal entry changes besides appending its events, as data (not a callback on a transaction),
 * so that any store can apply it within its own transaction.
 */
export interface JournalChange {
  run?: Partial<Omit<RunRow, 'id'>>;
  investigations?: Array<{ id: string; patch: InvestigationPatchRow }>;
}

export function createProgressPubSub() {
  return createPubSub<{ 'run:event': [runId: string, event: ProgressEvent]; 'run:broken': [runId: string, reason: string] }>();
}
export type ProgressPubSub = ReturnType<typeof createProgressPubSub>;

/**
 * The only way run state changes: the change (a JournalChange) and the events that report it are written
 * in one transaction, each event taking the run's next seq (1, 2, 3, … without gaps), and the events are
 * published only after the commit, so a subscriber never sees an event that isn't stored.
 */
export class RunJournal {
  constructor(
    private readonly db: Db,
    readonly pubsub: ProgressPubSub,
    /** Personal data in event messages and data (an example value in an error) is redacted before storing. */
    private readonly redactor: PiiRedactor = new PiiRedactor(false),
  ) {}

  record(runId: string, events: EventInput[], change: JournalChange = {}): ProgressEvent[] {
    const now = new Date();
    const rows = this.db.transaction(
      (tx) => {
        if (change.run) updateRun(tx, runId, change.run);
        for (const { id, patch } of change.investigations ?? []) updateInvestigation(tx, id, patch);
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
