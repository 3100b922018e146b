import { scanner, type Scan } from '../pipeline/fallback/scan';
import type { DatasetRef } from '../pipeline/types';

/**
 * Runs several computations (the heuristic fallback's, each written against a `Scan`) over shared passes
 * of the dataset (as each worker thread holds it: encodedDataset.ts): every computation's first pass is one
 * loop over the rows, their second passes (if any) another, and so on. The results are those of running
 * each on its own.
 *
 * A computation that fails (throws, or its row callback throws) rejects its own result; a row callback
 * that throws ends the pass it shares, so the others reading in that pass fail with the same error.
 */
export async function runShared<T>(dataset: DatasetRef, signal: AbortSignal, jobs: ReadonlyArray<(scan: Scan) => Promise<T>>): Promise<PromiseSettledResult<T>[]> {
  interface Reader {
    positions: readonly number[];
    onRow: (fields: string[], index: number) => void;
    resolve: (header: string[]) => void;
    reject: (err: unknown) => void;
  }
  let waiting: Reader[] = [];
  const scan: Scan = (positions, onRow) => new Promise<string[]>((resolve, reject) => waiting.push({ positions, onRow, resolve, reject }));
  let open = jobs.length;
  const settled = Promise.allSettled(
    jobs.map(async (job) => {
      try {
        return await job(scan);
      } finally {
        open -= 1;
      }
    }),
  );
  while (open > 0) {
    // Let every computation run up to its next pass (or its end) before reading the file again.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!waiting.length) continue;
    const round = waiting;
    waiting = [];
    try {
      const header = await scanner(dataset, signal)(round.flatMap((reader) => reader.positions), (fields, index) => {
        for (const reader of round) reader.onRow(fields, index);
      });
      for (const reader of round) reader.resolve(header);
    } catch (err) {
      for (const reader of round) reader.reject(err);
    }
  }
  return settled;
}
