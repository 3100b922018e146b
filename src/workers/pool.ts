import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CpuTask, CpuTaskResult } from './tasks';

/**
 * Worker threads for CPU-heavy work (heuristics, profiling): the event loop keeps answering /health,
 * queries and subscriptions while they compute. Aborting a task terminates its thread.
 */
export class CpuPool {
  private readonly pool: Piscina;

  constructor(threads = Math.max(1, availableParallelism())) {
    this.pool = new Piscina({
      filename: new URL('./boot.mjs', import.meta.url).href,
      workerData: { tasksModule: new URL('./tasks.ts', import.meta.url).href },
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }

  async run<T>(task: CpuTask, signal: AbortSignal): Promise<T> {
    const result = (await this.pool.run(task, { signal })) as CpuTaskResult;
    if ('error' in result) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  }

  get state() {
    return { threads: this.pool.threads.length, queued: this.pool.queueSize };
  }

  async dispose() {
    await this.pool.destroy();
  }
}
