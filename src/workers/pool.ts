import { availableParallelism } from 'node:os';
import { Piscina, type PiscinaTask } from 'piscina';
import { affinityKeys, type CpuTask, type CpuTaskResult } from './tasks';
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
  private readonly affinity = datasetAffinity();

  constructor(options: { threads?: number; keepStarted?: boolean } = {}) {
    const entry = threadEntry('tasks');
    this.pool = new Piscina({
      filename: entry.filename,
      workerData: entry.workerData,
      minThreads: 0,
      maxThreads: options.threads ?? Math.max(1, availableParallelism()),
      idleTimeout: options.keepStarted ? 2 ** 31 - 1 : 60_000,
      loadBalancer: this.affinity.balancer,
    });
  }

  /** Starts a thread now (once the server is ready: not while it starts), rather than on the first task. */
  async warmUp() {
    await this.run({ kind: 'parse', stdout: '' });
  }

  /** Runs `task` in a thread; aborting `signal` (when given) terminates that thread. */
  async run<T>(task: CpuTask, signal?: AbortSignal): Promise<T> {
    const result = (await this.pool.run({ ...task, [Piscina.queueOptionsSymbol]: { keys: affinityKeys(task) } }, signal ? { signal } : {})) as CpuTaskResult;
    if ('error' in result) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  }

  /** Whether a running thread has run a task on the dataset (and may hold what it read: encodedDataset.ts). */
  hasRead(sha256: string): boolean {
    const held = this.affinity.holders.get(sha256);
    return !!held && this.pool.threads.some((thread) => held.has(thread.threadId));
  }

  get state() {
    return { threads: this.pool.threads.length, queued: this.pool.queueSize, completed: this.pool.completed };
  }

  async dispose() {
    await this.pool.destroy();
  }
}

type Balancer = NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer'] & {};
const HELD_KEYS = 4096;

/**
 * Sends a task to an idle thread, preferring one that has run a task with the same key (affinityKeys: the
 * column it reads first, then its dataset): each thread keeps the columns it read (encodedDataset.ts), so a
 * column is read once, not once per thread. A task finding no such thread idle goes to another idle one
 * rather than wait. No idle thread: the task waits in the queue (and the pool starts a thread while it has
 * fewer than its maximum), as with piscina's own balancer.
 */
function datasetAffinity(): { balancer: Balancer; holders: ReadonlyMap<string, ReadonlySet<number>> } {
  const holders = new Map<string, Set<number>>();
  const balancer: Balancer = (task: PiscinaTask, workers) => {
    const idle = workers.filter((w) => w.currentUsage === 0 && !w.terminating && !w.destroyed);
    if (idle.length === 0) return null;
    const keys = (task[Piscina.queueOptionsSymbol as keyof PiscinaTask] as { keys?: string[] } | null)?.keys ?? [];
    let chosen: (typeof idle)[number] | undefined;
    for (const key of keys) chosen ??= idle.find((w) => holders.get(key)?.has(w.id));
    chosen ??= idle[0]!;
    for (const key of keys) {
      const held = holders.get(key) ?? new Set<number>();
      held.add(chosen.id);
      holders.delete(key);
      holders.set(key, held);
    }
    while (holders.size > HELD_KEYS) holders.delete(holders.keys().next().value!);
    return chosen;
  };
  return { balancer, holders };
}
