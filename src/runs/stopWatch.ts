import { ALL_TENANTS } from '../db/stores/tenancy';
import type { Store } from '../db/store';
import type { Logger } from '../logger';
import type { EventBus } from './bus/eventBus';
import type { RunControls } from './runControls';

/**
 * Stops cancelled runs here even when their cancel notice was lost (a listener reconnecting, a notice
 * dropped): the runs executing here are checked against the store after the bus reconnects and every
 * `bus.resyncIntervalMs`. Without it, a worker would learn of the cancel only at its next journal entry,
 * which a long script may not write for minutes. A bus that loses nothing (in-process) needs no watch.
 */
export function watchStopRequests(store: Store, bus: EventBus, controls: RunControls, logger: Logger): { stop(): void } {
  const intervalMs = bus.resyncIntervalMs;
  if (intervalMs === null) return { stop: () => {} };
  let checking = false;
  const check = async () => {
    const running = controls.all().filter((c) => c.stoppedFor === null && c.tasks.size > 0);
    if (checking || !running.length) return;
    checking = true;
    try {
      for (const run of await store.runs.byIds(running.map((c) => c.runId), ALL_TENANTS)) {
        if (run.stopRequested) {
          logger.info({ runId: run.id, reason: run.stopRequested }, 'stopping a run whose stop notice this process did not receive');
          controls.stop(run.id, run.stopRequested);
        }
      }
    } catch (err) {
      logger.warn({ err: String(err) }, 'could not check the runs executing here for stop requests');
    } finally {
      checking = false;
    }
  };
  bus.onReconnected(() => void check());
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
