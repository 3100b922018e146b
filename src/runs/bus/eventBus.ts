import type { ProgressEvent } from '../journal';

/** What a subscription to one run's events receives. */
export type BusMessage =
  /** An event as committed; it may arrive late, twice or after a later one (the stream orders by seq). */
  | { kind: 'event'; event: ProgressEvent }
  /** Something may have been missed (a notice too big to carry its event, a lost connection): read the store. */
  | { kind: 'gap' }
  /** The run's events can no longer be recorded: the stream ends with `reason`. */
  | { kind: 'broken'; reason: string };

export interface BusSubscription extends AsyncIterable<BusMessage> {
  /** Adds a message of the subscriber's own, in order with the bus's (a periodic re-read of the store). */
  put(message: BusMessage): void;
  close(): void;
}

/**
 * How a run's events reach the streams that follow it, in this process or another. The store is the log;
 * the bus only says that something was committed, so a stream reads the store whenever a message shows a
 * gap (see progressStream), and any bus that delivers at least once is correct.
 */
export interface EventBus {
  /** Resolves once messages about the run reach the subscription (for PostgreSQL: its LISTEN returned). */
  subscribe(runId: string): Promise<BusSubscription>;
  /** After a journal entry committed. The in-process bus delivers its events; PostgreSQL announced them inside the transaction. */
  committed(runId: string, events: ProgressEvent[]): void;
  /** This process cannot record the run's events any more: its local subscribers' streams end with `reason`. */
  broken(runId: string, reason: string): void;
  /** Tells every process (this one included) that a run was cancelled, so that they stop what of it they run. */
  sendCancel(runId: string): Promise<void>;
  /** What this process does when any process cancels a run. */
  onCancel(listener: (runId: string) => void): void;
  /** What this process does after messages may have been lost (its listener reconnected): cancels among them. */
  onReconnected(listener: () => void): void;
  /** How often a stream of an unfinished run re-reads the store for messages the bus may have lost; null: never. */
  readonly resyncIntervalMs: number | null;
  close(): Promise<void>;
}

/** A subscription's messages, queued without bound (a stream reads the store before it reads them). */
class Inbox implements BusSubscription {
  private readonly queue: BusMessage[] = [];
  private waiting: ((r: IteratorResult<BusMessage>) => void) | null = null;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  put(message: BusMessage) {
    if (this.closed) return;
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = null;
      wake({ value: message, done: false });
    } else this.queue.push(message);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  [Symbol.asyncIterator](): AsyncIterator<BusMessage> {
    return {
      next: () => {
        if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** This process's subscriptions, by run: what every bus delivers to. */
export class Subscribers {
  private readonly byRun = new Map<string, Set<Inbox>>();

  add(runId: string): BusSubscription {
    const inbox: Inbox = new Inbox(() => {
      const set = this.byRun.get(runId);
      set?.delete(inbox);
      if (set?.size === 0) this.byRun.delete(runId);
    });
    let set = this.byRun.get(runId);
    if (!set) this.byRun.set(runId, (set = new Set()));
    set.add(inbox);
    return inbox;
  }

  deliver(runId: string, message: BusMessage) {
    for (const inbox of this.byRun.get(runId) ?? []) inbox.put(message);
  }

  deliverToAll(message: BusMessage) {
    for (const set of this.byRun.values()) for (const inbox of set) inbox.put(message);
  }

  closeAll() {
    for (const set of [...this.byRun.values()]) for (const inbox of [...set]) inbox.close();
  }
}
