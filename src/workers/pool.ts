import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CpuTask, CpuTaskResult } from './tasks';
import { workerEntry } from './workerEntry';

/**
 * Worker threads for CPU-heavy work (heuristics, profiling, sampling, large results): the event loop
 * keeps answering /health, queries and subscriptions while they compute. Aborting a task terminates its
 * thread. The app has two: one for long work, and one always-started thread for the short work on an
 * investigation's path (sampling, parsing), so that it never waits behind a long heuristic or a thread's
 * start-up.
 */
export class CpuPool {
  private readonly pool: Piscina;

  constructor(options: { threads?: number; keepStarted?: boolean } = {}) {
    this.pool = new Piscina({
      filename: workerEntry.filename,
      workerData: workerEntry.workerData,
      minThreads: 0,
      maxThreads: options.threads ?? Math.max(1, availableParallelism()),
      idleTimeout: options.keepStarted ? 2 ** 31 - 1 : 60_000,
    });
  }

  /** Starts a thread now (once the server is ready: not while it starts), rather than on the first task. */
  async warmUp() {
    await this.run({ kind: 'parse', stdout: '' });
  }

  /** Runs `task` in a thread; aborting `signal` (when given) terminates that thread. */
  async run<T>(task: CpuTask, signal?: AbortSignal): Promise<T> {
    const result = (await this.pool.run(task, signal ? { signal } : {})) as CpuTaskResult;
    if ('error' in result) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  }

  get state() {
    return { threads: this.pool.threads.length, queued: this.pool.queueSize, completed: this.pool.completed };
  }

  async dispose() {
    await this.pool.destroy();
  }
}
