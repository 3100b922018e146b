import type { DatasetService } from '../datasets/datasetService';
import type { Logger } from '../logger';
import type { CpuPool } from '../workers/pool';

/**
 * What a fresh API process runs in the background from its start, so that the first upload and the first
 * detectIssues run compiled code: the upload path on a generated file, then, once start-up's own work is
 * done too (`startedUp`), detectIssues' work on that dataset in every worker thread (the threads are kept,
 * so their code stays compiled; what they read they forget when idle). Readiness does not wait for it.
 */
export function warmUp(datasets: DatasetService, cpuPool: CpuPool, logger: Logger, startedUp: Promise<unknown>): void {
  void (async () => {
    let generated;
    try {
      generated = await datasets.warmUp();
    } catch (err) {
      logger.warn({ err: String(err) }, 'the upload path did not warm up');
      return;
    }
    try {
      await startedUp;
      const started = performance.now();
      const hypotheses = await cpuPool.warmUpOn(generated.dataset);
      logger.debug({ threads: hypotheses.length, ms: Math.round(performance.now() - started) }, 'worker threads warmed up');
    } catch (err) {
      logger.warn({ err: String(err) }, 'the worker threads did not warm up');
    } finally {
      generated.release();
    }
  })();
}
