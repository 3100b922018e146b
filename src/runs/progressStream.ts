import { Repeater } from 'graphql-yoga';
import type { Store } from '../db/store';
import { UNFINISHED_RUN_STATUSES } from '../db/stores/runStore';
import { ALL_TENANTS } from '../db/stores/tenancy';
import { StorageError } from '../errors';
import type { ProgressEvent, ProgressPubSub } from './journal';

/**
 * A run's events after `afterSeq`: first those stored, then live ones, with no gap and no repeat; ends
 * after RUN_FINISHED (at once when the run had already finished before `afterSeq`).
 *
 * The live subscription is opened before the stored events are read, and anything it delivers meanwhile
 * is buffered, so an event committed between the read and the subscription cannot be lost; seq numbers
 * drop the ones seen twice.
 */
export class ProgressStreams {
  private readonly open = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly pubsub: ProgressPubSub,
  ) {}

  stream(runId: string, afterSeq: number): Repeater<ProgressEvent> {
    return progressStream(this.store, this.pubsub, runId, Math.max(0, afterSeq), (ended) => {
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

function progressStream(
  store: Store,
  pubsub: ProgressPubSub,
  runId: string,
  afterSeq: number,
  onStart: (ended: Promise<unknown>) => void,
): Repeater<ProgressEvent> {
  return new Repeater<ProgressEvent>(async (push, stop) => {
    onStart(stop);
    const live = pubsub.subscribe('run:event', runId)[Symbol.asyncIterator]();
    const broken = pubsub.subscribe('run:broken', runId)[Symbol.asyncIterator]();
    void broken.next().then((r) => {
      if (!r.done) stop(new StorageError(r.value));
    });
    let last = afterSeq;
    let buffered: ProgressEvent[] | null = [];
    let finished = false;

    const deliver = async (event: ProgressEvent) => {
      if (finished) return;
      if (event.seq > last) {
        last = event.seq;
        await push(event);
      }
      // The end of the run ends the stream, even for a subscriber whose afterSeq was beyond it.
      if (event.type === 'RUN_FINISHED') {
        finished = true;
        stop();
      }
    };
    const pump = (async () => {
      for (let r = await live.next(); !r.done; r = await live.next()) {
        if (buffered) buffered.push(r.value);
        else await deliver(r.value);
      }
    })();
    stop.then(() => {
      void live.return?.();
      void broken.return?.();
    });

    try {
      for (const event of await store.events.after(runId, afterSeq)) await deliver(event);
      while (buffered.length) await deliver(buffered.shift()!);
      buffered = null;
      const run = await store.runs.byId(runId, ALL_TENANTS);
      if (!run || (!UNFINISHED_RUN_STATUSES.includes(run.status) && last >= run.lastSeq)) stop();
    } catch (err) {
      stop(err);
    }
    await stop;
    await pump;
  });
}
