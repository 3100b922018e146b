import type { CpuPool } from '../workers/pool';
import type { EncodedColumn } from '../pipeline/fallback/encodedDataset';
import type { DatasetRef } from '../pipeline/types';
import { failed, type Measured, type Measurement, measuredColumns, measureHere, readsEveryColumn } from './measurements';
import { type ColumnStats, type DatasetProfile, type ProfiledColumn, profileDataset, ROW_HASH_CAP, RowKeys } from './profiler';

/**
 * Where detectIssues' CPU work runs: the profile of the whole dataset, and the batches of measurements the
 * rules ask for. The rules themselves (light: they read the profile and the measured figures) run where
 * profileAndPropose is called.
 */
export interface DetectionWork {
  readonly where: 'here' | 'one thread' | 'spread';
  profile(dataset: DatasetRef, signal: AbortSignal): Promise<DatasetProfile>;
  measure(dataset: DatasetRef, signal: AbortSignal, list: readonly Measurement[]): Promise<Measured[]>;
}

/** All of it in this thread (a worker thread, or a process without a pool): measurements share passes over the dataset. */
export const inThisThread: DetectionWork = {
  where: 'here',
  profile: profileDataset,
  measure: measureHere,
};

/**
 * Below this many fields a detection is short in one thread, and spreading it costs more than it saves: the
 * second thread started, columns read by both (a 2-row dataset's first detection: 25 ms in one, 226 ms spread).
 */
export const SPREAD_MIN_FIELDS = 1_000_000;

/**
 * The work of a detection on `dataset`: spread over the pool's threads when the dataset is large and no thread
 * has read it (an upload, then its detection: reading it is much of the work, and each thread reads part of
 * it), else in one thread, the one that has read it when it is free (another would read its columns again).
 * Without a pool, here.
 */
export function detectionWork(pool: CpuPool | undefined, dataset: DatasetRef): DetectionWork {
  if (!pool) return inThisThread;
  const large = dataset.rowCount * dataset.columns.length >= SPREAD_MIN_FIELDS;
  return large && !pool.hasRead(dataset.sha256) ? onPoolThreads(pool) : onOneThread(pool);
}

/** In one worker thread (the one that has read the dataset, when it is free): the profile as one task, each batch of measurements as one, in shared passes. */
export function onOneThread(pool: CpuPool): DetectionWork {
  return {
    where: 'one thread',
    profile: (dataset, signal) => pool.run<DatasetProfile>({ kind: 'profile', dataset }, signal),
    measure: (dataset, signal, list) => measureOnAThread(pool, dataset, signal, list, []),
  };
}

/** One task measuring `list`, with columns other threads read lent to it (read there only if not read yet). */
async function measureOnAThread(pool: CpuPool, dataset: DatasetRef, signal: AbortSignal, list: readonly Measurement[], lent: Array<[number, EncodedColumn]>): Promise<Measured[]> {
  try {
    return await pool.run<Measured[]>({ kind: 'measure', dataset, measurements: [...list], lent }, signal);
  } catch (err) {
    return list.map(() => failed(err));
  }
}

/**
 * Spread over the pool's worker threads: one task per column to profile (its part of the rows' keys moved
 * back and added here), then whole-row duplicates counted in parts, one per thread; one task per
 * measurement, lent the columns the profile's threads read. A dataset of many rows is profiled and measured
 * on every core at once (a thread reads the columns its tasks use, once, and keeps them: encodedDataset.ts;
 * the pool sends a task to the thread that has its column: pool.ts; a measurement of every column, whole-row
 * duplicates, reads none the other threads read: 1M × 10, 380–620 → 240–300 ms), and the event loop only
 * sends tasks and gathers their results. The profile is the one profileDataset makes.
 */
export function onPoolThreads(pool: CpuPool): DetectionWork {
  // The columns the profile's tasks read, as their threads lend them (lendableColumn): a measurement is sent
  // those it reads, so that the thread it runs on does not read them again.
  const lent = new Map<number, EncodedColumn>();
  const lentTo = (dataset: DatasetRef, m: Measurement): Array<[number, EncodedColumn]> => {
    const reads = readsEveryColumn(m) ? dataset.columns.map((_, c) => c) : measuredColumns(m).map((name) => dataset.columns.findIndex((c) => c.name === name));
    return reads.flatMap((c) => (lent.has(c) ? [[c, lent.get(c)!] as [number, EncodedColumn]] : []));
  };
  return {
    where: 'spread',
    async profile(dataset, signal) {
      const keys = new RowKeys(dataset.rowCount);
      const columns: ColumnStats[] = new Array(dataset.columns.length);
      await Promise.all(
        byDistinctValues(dataset).map(async (column) => {
          const profiled = await pool.run<ProfiledColumn & { lendable: EncodedColumn | null }>({ kind: 'profileColumn', dataset, column }, signal);
          keys.add(profiled.keys);
          columns[column] = profiled.stats;
          if (profiled.lendable) lent.set(column, profiled.lendable);
        }),
      );
      // Counted in parts, one per thread (~150 ms for 1M rows in one), when the parts add up to the whole.
      const of = dataset.rowCount <= ROW_HASH_CAP ? 2 ** Math.floor(Math.log2(pool.threads)) : 1;
      const parts = Array.from({ length: of }, (_, index) =>
        pool.run<number>({ kind: 'duplicateRows', keys: { first: keys.first, second: keys.second }, part: { index, of } }, signal),
      );
      const duplicateRowCandidates = (await Promise.all(parts)).reduce((sum, n) => sum + n, 0);
      return { rows: dataset.rowCount, columns, duplicateRowCandidates };
    },
    async measure(dataset, signal, list) {
      return (await Promise.all(list.map((m) => measureOnAThread(pool, dataset, signal, [m], lentTo(dataset, m))))).flat();
    },
  };
}

/** Column positions, those of most distinct values (the longest to read and profile) first, so that none is left to run alone at the end. */
function byDistinctValues(dataset: DatasetRef): number[] {
  return dataset.columns.map((_, c) => c).sort((a, b) => dataset.columns[b]!.distinctCount - dataset.columns[a]!.distinctCount || a - b);
}
