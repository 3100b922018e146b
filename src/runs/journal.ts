import type { ProgressEventRow, ProgressEventType } from '../db/schema';
import type { JournalChange, JournalResult, Store } from '../db/store';
import { PiiRedactor } from '../pipeline/redact';
import type { EventBus } from './bus/eventBus';
import type { RunQueue } from './queue/runQueue';

export type ProgressEvent = ProgressEventRow;

export interface EventInput {
  type: ProgressEventType;
  message: string;
  investigationId?: string | null;
  data?: Record<string, unknown> | null;
}

/**
 * The only way run state changes: the change (a JournalChange) and the events that report it are written
 * in one transaction, each event taking the run's next seq (1, 2, 3, … without gaps), and the events reach
 * the bus only once committed, so a subscriber never sees an event that isn't stored.
 */
export class RunJournal {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    /** Where what an entry's window queued goes once it committed. */
    private readonly queue: Pick<RunQueue, 'committed'>,
    /** Personal data in event messages and data (an example value in an error) is redacted before storing. */
    private readonly redactor: PiiRedactor = new PiiRedactor(false),
  ) {}

  async record(runId: string, events: EventInput[], change: JournalChange = {}): Promise<JournalResult> {
    const timestamp = new Date();
    const result = await this.store.runs.journal(
      runId,
      events.map((e) => ({
        runId,
        investigationId: e.investigationId ?? null,
        type: e.type,
        message: this.redactor.text(e.message),
        timestamp,
        data: e.data ? this.redactor.json(e.data).value : null,
      })),
      change,
    );
    this.bus.committed(runId, result.events);
    if (result.queued.length) this.queue.committed(result.queued);
    return result;
  }

  /** Tells the run's subscribers that its events can no longer be recorded: their streams end with `reason`. */
  broken(runId: string, reason: string) {
    this.bus.broken(runId, reason);
  }
}
