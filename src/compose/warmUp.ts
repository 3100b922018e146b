import type { DatasetLease, DatasetService } from '../datasets/datasetService';
import type { Logger } from '../logger';
import { whenIdleFor } from '../util/inFlight';
import type { CpuPool } from '../workers/pool';

/**
 * How long the server must have read no CSV and run no worker-thread task before a thread warms up: a
 * thread's warm-up takes a core for over a second, and an upload sent as soon as the server is ready would
 * share the two cores with it (a fresh server's first 53 MB went at 20 MB/s against 40 once warm).
 */
const QUIET_MS = 500;

export interface WarmUpState {
  /** `upload path`, then `threads` (waiting for a quiet moment before each), then `done` (or `failed`). */
  step: 'upload path' | 'threads' | 'done' | 'failed';
  threadsWarmed: number;
}

/**
 * What a fresh API process runs in the background from its start, so that the first upload and the first
 * detectIssues run compiled code: the upload path on a generated file (`uploadPath`, datasets/warmUp.ts:
 * main.ts starts it while the app loads; readiness waits for it), then, once start-up's own work is done
 * too (`startedUp`), detectIssues' work on that dataset in each worker thread, one thread at a time and only
 * once the server has been quiet for QUIET_MS (the threads are kept, so their code stays compiled; what
 * they read they forget when idle). /health shows how far it is.
 */
export function warmUp(
  uploadPath: Promise<DatasetLease>,
  datasets: DatasetService,
  cpuPool: CpuPool,
  logger: Logger,
  startedUp: Promise<unknown>,
): { state(): WarmUpState } {
  const state: WarmUpState = { step: 'upload path', threadsWarmed: 0 };
  void (async () => {
    let generated;
    try {
      generated = await uploadPath;
    } catch (err) {
      state.step = 'failed';
      logger.warn({ err: String(err) }, 'the upload path did not warm up');
      return;
    }
    try {
      state.step = 'threads';
      await startedUp;
      const since = performance.now();
      const warmed = await cpuPool.warmUpOn(generated.dataset, async (done) => {
        state.threadsWarmed = done;
        await whenIdleFor(QUIET_MS, [datasets.reading, cpuPool.tasks], since);
      });
      state.threadsWarmed = warmed.length;
      state.step = 'done';
      logger.debug({ threads: warmed.length, ms: Math.round(performance.now() - since) }, 'worker threads warmed up');
    } catch (err) {
      state.step = 'failed';
      logger.warn({ err: String(err) }, 'the worker threads did not warm up');
    } finally {
      generated.release();
    }
  })();
  return { state: () => ({ ...state }) };
}
