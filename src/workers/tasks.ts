import { readFile } from 'node:fs/promises';
import { threadId, workerData } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { measuredColumns, measureHere, type Measurement } from '../analysis/measurements';
import { duplicateRows, profileColumn, profileDataset, type KeyPart, type RowKeyParts } from '../analysis/profiler';
import { profileAndPropose } from '../analysis/propose';
import { borrowColumns, type EncodedColumn, encodedDataset, forgetDatasets, lendableColumn } from '../pipeline/fallback/encodedDataset';
import type { SamplePool } from '../datasets/samplePool';
import { HeuristicFallback } from '../pipeline/fallback/heuristic';
import { parseLastJsonLine } from '../pipeline/parse';
import { PiiRedactor } from '../pipeline/redact';
import { drawSample, type SampleBudget } from '../pipeline/sampling';
import type { DatasetRef, IssueSpec } from '../pipeline/types';

/** The CPU-heavy work that runs in worker threads, so that it never holds the server's event loop. */
export type CpuTask =
  | { kind: 'heuristic'; issue: IssueSpec; dataset: DatasetRef }
  | { kind: 'profile'; dataset: DatasetRef }
  | { kind: 'profileColumn'; dataset: DatasetRef; column: number }
  | { kind: 'duplicateRows'; keys: RowKeyParts; part?: KeyPart }
  | { kind: 'measure'; dataset: DatasetRef; measurements: Measurement[]; lent?: Array<[number, EncodedColumn]> }
  | { kind: 'sample'; dataset: DatasetRef; issue: IssueSpec; budget: SampleBudget }
  | { kind: 'parse'; stdout: string }
  | { kind: 'warmUp'; dataset: DatasetRef };

/**
 * A thread forgets the datasets and sample pools it read once it has had no task for this long (the pool
 * keeps its threads, and their compiled code, but not what they read): by default, or as the pool says
 * (its workerData). The pool counts a thread's datasets as read only within this long of its last task.
 */
export const FORGET_AFTER_IDLE_MS = 60_000;
const forgetAfterIdleMs = Number((workerData as { forgetAfterIdleMs?: number } | null)?.forgetAfterIdleMs ?? FORGET_AFTER_IDLE_MS);
let idleTimer: NodeJS.Timeout | undefined;

function forgetWhenIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    forgetDatasets();
    pools.clear();
  }, forgetAfterIdleMs).unref();
}

/**
 * What a task reads, most specific first: its dataset's first column it reads, then the dataset. A thread
 * that ran a task with the same key holds that column (or dataset) read (encodedDataset.ts), so the pool
 * sends the task there when it can (pool.ts).
 */
export function affinityKeys(task: CpuTask): string[] {
  if (!('dataset' in task) || task.kind === 'warmUp') return [];
  const dataset = task.dataset.sha256;
  const column = (name: string | undefined) => (name === undefined ? [dataset] : [`${dataset}/${name}`, dataset]);
  switch (task.kind) {
    case 'profile':
      return [dataset];
    case 'profileColumn':
      return column(task.dataset.columns[task.column]?.name);
    case 'measure':
      return column(task.measurements.length ? measuredColumns(task.measurements[0]!)[0] : undefined);
    case 'heuristic':
    case 'sample':
      return column(task.issue.affectedColumns[0]);
  }
}

/** What crosses back to the main thread: a value, or an error as plain data (classes and codes do not survive). */
export type CpuTaskResult = { value: unknown } | { error: { name: string; message: string; code?: string; syscall?: string } };

const never = new AbortController().signal; // a task is stopped by terminating its worker

/** The result, its `buffers` moved to the main thread rather than copied (they are no longer usable here). */
function moving(result: CpuTaskResult, buffers: ArrayBufferLike[]): CpuTaskResult {
  const movable = { [Piscina.transferableSymbol]: buffers, [Piscina.valueSymbol]: result };
  return Piscina.move(movable as unknown as Parameters<typeof Piscina.move>[0]) as unknown as CpuTaskResult;
}

export default async function run(task: CpuTask): Promise<CpuTaskResult> {
  try {
    switch (task.kind) {
      case 'heuristic':
        return { value: await new HeuristicFallback().compute(task.issue, task.dataset, never) };
      case 'profile':
        return { value: await profileDataset(task.dataset, never) };
      case 'profileColumn': {
        const encoded = await encodedDataset(task.dataset);
        const column = profileColumn(encoded, task.column);
        const lendable = lendableColumn(encoded.columns[task.column]!);
        return moving({ value: { ...column, lendable } }, [column.keys.first.buffer, column.keys.second.buffer]);
      }
      case 'duplicateRows':
        return { value: duplicateRows(task.keys, task.part) };
      case 'measure':
        await borrowColumns(task.dataset, task.lent ?? []);
        return { value: await measureHere(task.dataset, never, task.measurements) };
      case 'sample':
        return { value: drawSample(await poolOf(task.dataset.poolPath), task.dataset, task.issue, task.budget) };
      case 'parse':
        return { value: parseLastJsonLine(task.stdout) };
      case 'warmUp':
        // detectIssues' whole work here, on a generated dataset: this thread's code is compiled before a user's comes.
        return { value: { threadId, hypotheses: (await profileAndPropose(task.dataset, never, new PiiRedactor(false))).issues.length } };
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), code: e?.code, syscall: e?.syscall } };
  } finally {
    forgetWhenIdle();
  }
}

/** Each thread keeps the pools it read last: parsing a wide dataset's pool takes longer than drawing from it. */
const pools = new Map<string, Promise<SamplePool>>();
const POOLS_KEPT = 8;

function poolOf(file: string): Promise<SamplePool> {
  let pool = pools.get(file);
  if (!pool) {
    pool = readFile(file, 'utf8').then((text) => JSON.parse(text) as SamplePool);
    pool.catch(() => pools.delete(file));
    if (pools.size >= POOLS_KEPT) pools.delete(pools.keys().next().value!);
  } else pools.delete(file);
  pools.set(file, pool);
  return pool;
}
