import { availableParallelism } from 'node:os';
import { Piscina, type PiscinaTask } from 'piscina';
import type { DatasetRef } from '../pipeline/types';
import { InFlight } from '../util/inFlight';
import { affinityKeys, type CpuTask, type CpuTaskResult, FORGET_AFTER_IDLE_MS } from './tasks';
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
  private readonly affinity: ReturnType<typeof datasetAffinity>;
  /** How many worker threads it runs at most. */
  readonly threads: number;
  private readonly forgetAfterIdleMs: number;
  /** The tasks under way (a background warm-up waits until there are none). */
  readonly tasks = new InFlight();

  /**
   * `keepStarted`: a thread, once started, is kept (its code stays compiled), else it ends after a minute
   * without tasks. Either way a thread forgets what it read after `forgetAfterIdleMs` without tasks.
   */
  constructor(options: { threads?: number; keepStarted?: boolean; forgetAfterIdleMs?: number } = {}) {
    const entry = threadEntry('tasks');
    this.threads = options.threads ?? Math.max(1, availableParallelism());
    this.forgetAfterIdleMs = options.forgetAfterIdleMs ?? FORGET_AFTER_IDLE_MS;
    this.affinity = datasetAffinity(this.threads);
    this.pool = new Piscina({
      filename: entry.filename,
      workerData: { ...entry.workerData, forgetAfterIdleMs: this.forgetAfterIdleMs },
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: options.keepStarted ? 2 ** 31 - 1 : 60_000,
      loadBalancer: this.affinity.balancer,
    });
  }

  /** Starts a thread now (once the server is ready: not while it starts), rather than on the first task. */
  async warmUp() {
    await this.run({ kind: 'parse', stdout: '' });
  }

  /**
   * Starts every thread and has each run detectIssues' work on `dataset` (generated), so that their code is
   * compiled before a user's dataset comes: one thread after another, each on a thread that has run no task
   * yet, once `before(threads warmed so far)` resolves (so that the warm-up can give way to a user's work),
   * until every thread has run a task (a user's work warms a thread up as well). Says which thread proposed
   * how many hypotheses.
   */
  async warmUpOn(dataset: DatasetRef, before: (threadsWarmed: number) => Promise<void> = async () => {}): Promise<WarmedThread[]> {
    const warmed: WarmedThread[] = [];
    while (warmed.length < this.threads) {
      await before(warmed.length);
      if (this.everyThreadHasWorked()) break;
      warmed.push(await this.run<WarmedThread>({ kind: 'warmUp', dataset }));
    }
    return warmed;
  }

  private everyThreadHasWorked(): boolean {
    const threads = this.pool.threads.filter((thread) => this.affinity.lastTaskStarted.has(thread.threadId));
    return threads.length >= this.threads;
  }

  /** Runs `task` in a thread; aborting `signal` (when given) terminates that thread. */
  run<T>(task: CpuTask, signal?: AbortSignal): Promise<T> {
    return this.tasks.track(async () => {
      const queueOptions: QueueOptions = { keys: affinityKeys(task), warmUp: task.kind === 'warmUp' };
      const result = (await this.pool.run({ ...task, [Piscina.queueOptionsSymbol]: queueOptions }, signal ? { signal } : {})) as CpuTaskResult;
      if ('error' in result) throw Object.assign(new Error(result.error.message), result.error);
      return result.value as T;
    });
  }

  /**
   * Whether a running thread has run a task on the dataset and holds what it read (encodedDataset.ts): it
   * forgets it `forgetAfterIdleMs` after its last task ended, so it counts only until that long after its
   * last task began.
   */
  hasRead(sha256: string): boolean {
    const held = this.affinity.holders.get(sha256);
    const now = performance.now();
    return !!held && this.pool.threads.some((thread) => held.has(thread.threadId) && now - (this.affinity.lastTaskStarted.get(thread.threadId) ?? -Infinity) < this.forgetAfterIdleMs);
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
/** What the balancer reads of a task: its affinity keys, and whether it is a thread's warm-up. */
interface QueueOptions {
  keys: string[];
  warmUp: boolean;
}
export interface WarmedThread {
  threadId: number;
  hypotheses: number;
}

/**
 * Sends a task to an idle thread, preferring one that has run a task with the same key (affinityKeys: the
 * column it reads first, then its dataset): each thread keeps the columns it read (encodedDataset.ts), so a
 * column is read once, not once per thread. A task finding no such thread idle goes to another idle one
 * rather than wait. No idle thread: the task waits in the queue (and the pool starts a thread while it has
 * fewer than its maximum), as with piscina's own balancer. A warm-up goes to a thread that has run no task;
 * while there may be one (the pool can start one, or one is busy), it waits for it.
 */
function datasetAffinity(maxThreads: number): { balancer: Balancer; holders: ReadonlyMap<string, ReadonlySet<number>>; lastTaskStarted: ReadonlyMap<number, number> } {
  const holders = new Map<string, Set<number>>();
  const lastTaskStarted = new Map<number, number>();
  const balancer: Balancer = (task: PiscinaTask, workers) => {
    const live = workers.filter((w) => !w.terminating && !w.destroyed);
    let idle = live.filter((w) => w.currentUsage === 0);
    const options = task[Piscina.queueOptionsSymbol as keyof PiscinaTask] as Partial<QueueOptions> | null;
    if (options?.warmUp) {
      const fresh = idle.filter((w) => !lastTaskStarted.has(w.id));
      if (!fresh.length && (live.length < maxThreads || live.some((w) => !lastTaskStarted.has(w.id)))) return null;
      if (fresh.length) idle = fresh;
    }
    if (idle.length === 0) return null;
    const keys = options?.keys ?? [];
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
    lastTaskStarted.set(chosen.id, performance.now());
    return chosen;
  };
  return { balancer, holders, lastTaskStarted };
}
