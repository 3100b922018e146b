import { profileAndPropose } from '../analysis/propose';
import { HeuristicFallback } from '../pipeline/fallback/heuristic';
import { PiiRedactor } from '../pipeline/redact';
import type { DatasetRef, IssueSpec } from '../pipeline/types';

/** The CPU-heavy work that runs in worker threads, so that it never holds the server's event loop. */
export type CpuTask =
  | { kind: 'heuristic'; issue: IssueSpec; dataset: DatasetRef }
  | { kind: 'profile'; dataset: DatasetRef; redactPii: boolean };

/** What crosses back to the main thread: a value, or an error as plain data (classes and codes do not survive). */
export type CpuTaskResult = { value: unknown } | { error: { name: string; message: string; code?: string; syscall?: string } };

const never = new AbortController().signal; // a task is stopped by terminating its worker

export default async function run(task: CpuTask): Promise<CpuTaskResult> {
  try {
    switch (task.kind) {
      case 'heuristic':
        return { value: await new HeuristicFallback().compute(task.issue, task.dataset, never) };
      case 'profile':
        return { value: await profileAndPropose(task.dataset, never, new PiiRedactor(task.redactPii)) };
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), code: e?.code, syscall: e?.syscall } };
  }
}
