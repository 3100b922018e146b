import { Repeater } from 'graphql-yoga';
import type { Store } from '../db/store';
import { UNFINISHED_RUN_STATUSES } from '../db/stores/runStore';
import { ALL_TENANTS } from '../db/stores/tenancy';
import { StorageError } from '../errors';
import type { EventBus } from './bus/eventBus';
import type { ProgressEvent } from './journal';

/**
 * A run's events after `afterSeq`: first those stored, then live ones, in seq order with no gap and no
 * repeat; ends after RUN_FINISHED (at once when the run had already finished before `afterSeq`).
 *
 * The subscription is open before the stored events are read, so nothing committed meanwhile is missed.
 * The delivery rule makes any bus correct: an event at or below the last seq delivered is dropped, the
 * next one is delivered, and one further on (or a bus's `gap`) means the missing ones are read from the store.
 */
export class ProgressStreams {
  private readonly open = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
  ) {}

  stream(runId: string, afterSeq: number): Repeater<ProgressEvent> {
    return progressStream(this.store, this.bus, runId, Math.max(0, afterSeq), (ended) => {
      this.open.add(ended);
      void ended.then(() => this.open.delete(ended));
    });
  }

  /** Waits (at most `timeoutMs`) for open streams to end, so their last events reach clients before sockets close. */
  async drain(timeoutMs: number) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.open), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    await new Promise((r) => setImmediate(r));
  }
}

function progressStream(store: Store, bus: EventBus, runId: string, afterSeq: number, onStart: (ended: Promise<unknown>) => void): Repeater<ProgressEvent> {
  return new Repeater<ProgressEvent>(async (push, stop) => {
    onStart(stop);
    let ended = false;
    stop.then(() => (ended = true));
    let last = afterSeq;

    const deliver = async (event: ProgressEvent) => {
      last = event.seq;
      await push(event);
      // The end of the run ends the stream.
      if (event.type === 'RUN_FINISHED') stop();
    };
    const readStore = async () => {
      for (const event of await store.events.after(runId, last)) {
        if (ended || event.seq !== last + 1) return;
        await deliver(event);
      }
    };
    // A finished run whose events were all before afterSeq ends the stream, as does a run that does not exist.
    const endIfOver = async () => {
      const run = await store.runs.byId(runId, ALL_TENANTS);
      if (!run || (!UNFINISHED_RUN_STATUSES.includes(run.status) && last >= run.lastSeq)) stop();
    };
    const receive = async (event: ProgressEvent) => {
      if (event.seq <= last) {
        // The end of the run ends the stream even for a subscriber whose afterSeq was beyond it.
        if (event.type === 'RUN_FINISHED') stop();
        return;
      }
      if (event.seq === last + 1) await deliver(event);
      else await readStore();
    };

    let subscription;
    try {
      subscription = await bus.subscribe(runId);
    } catch (err) {
      stop(err);
      return;
    }
    const sub = subscription;
    stop.then(() => sub.close());
    let resync: NodeJS.Timeout | undefined;
    try {
      await readStore();
      await endIfOver();
      if (bus.resyncIntervalMs) {
        resync = setInterval(() => sub.put({ kind: 'gap' }), bus.resyncIntervalMs);
        resync.unref();
      }
      for await (const message of sub) {
        if (ended) break;
        if (message.kind === 'event') await receive(message.event);
        else if (message.kind === 'gap') {
          await readStore();
          if (!ended) await endIfOver();
        }
        else stop(new StorageError(message.reason));
      }
    } catch (err) {
      stop(err);
    } finally {
      clearInterval(resync);
      sub.close();
    }
    await stop;
  });
}
