import { availableParallelism } from 'node:os';
import { Piscina, type PiscinaTask } from 'piscina';
import type { CpuTask, CpuTaskResult } from './tasks';
import { threadEntry } from './workerEntry';

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
    const entry = threadEntry('tasks');
    this.pool = new Piscina({
      filename: entry.filename,
      workerData: entry.workerData,
      minThreads: 0,
      maxThreads: options.threads ?? Math.max(1, availableParallelism()),
      idleTimeout: options.keepStarted ? 2 ** 31 - 1 : 60_000,
      loadBalancer: datasetAffinity(),
    });
  }

  /** Starts a thread now (once the server is ready: not while it starts), rather than on the first task. */
  async warmUp() {
    await this.run({ kind: 'parse', stdout: '' });
  }

  /** Runs `task` in a thread; aborting `signal` (when given) terminates that thread. */
  async run<T>(task: CpuTask, signal?: AbortSignal): Promise<T> {
    const dataset = 'dataset' in task ? task.dataset.sha256 : undefined;
    const result = (await this.pool.run({ ...task, [Piscina.queueOptionsSymbol]: { dataset } }, signal ? { signal } : {})) as CpuTaskResult;
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

type Balancer = NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer'] & {};
const HELD_DATASETS = 256;

/**
 * Sends a task to an idle thread, preferring one that has run a task on the same dataset: each thread keeps
 * the datasets it read (encodedDataset.ts), so the dataset is read once, not once per thread. A task finding
 * no such thread idle goes to another idle one rather than wait. No idle thread: the task waits in the queue
 * (and the pool starts a thread while it has fewer than its maximum), as with piscina's own balancer.
 */
function datasetAffinity(): Balancer {
  const holders = new Map<string, Set<number>>();
  return (task: PiscinaTask, workers) => {
    const idle = workers.filter((w) => w.currentUsage === 0 && !w.terminating && !w.destroyed);
    if (idle.length === 0) return null;
    const dataset = (task[Piscina.queueOptionsSymbol as keyof PiscinaTask] as { dataset?: string } | null)?.dataset;
    if (!dataset) return idle[0]!;
    const held = holders.get(dataset) ?? new Set<number>();
    const chosen = idle.find((w) => held.has(w.id)) ?? idle[0]!;
    held.add(chosen.id);
    holders.delete(dataset);
    holders.set(dataset, held);
    if (holders.size > HELD_DATASETS) holders.delete(holders.keys().next().value!);
    return chosen;
  };
}
