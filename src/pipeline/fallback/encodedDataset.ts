import { columnBytes, indexColumnFile, readColumn, type ColumnFileIndex, type EncodedColumn, type EncodedDataset } from '../../datasets/columnFile';
import type { DatasetRef } from '../types';

/** One row's fields. */
export function rowFields(encoded: EncodedDataset, row: number): string[] {
  return encoded.columns.map((column) => column.values[column.codes[row]!]!);
}

/** Datasets kept per thread, most recently used last, within this much memory (columns read beyond it are read again when next used). */
const CACHE_BYTES = 768 * 1048576;
/** …and at most this many datasets (an entry holds its file's index even when none of its columns is read). */
const CACHE_DATASETS = 64;

interface Entry {
  dataset: Promise<EncodedDataset>;
  /** Memory held by the columns read so far. */
  bytes: number;
}

const cache = new Map<string, Entry>();

/**
 * The dataset's columns file (written at upload) indexed once per thread and then kept; each column is read
 * the first time a computation uses it (`encoded.columns[p]`) and kept with it. The heuristics and detection,
 * which pass over a dataset several times per call and are called many times, never read a column again while
 * its dataset is cached, and a computation on a few columns of a wide dataset reads those columns only.
 * A dataset's file never changes (it is named by its sha256), so the cache needs no invalidation.
 */
export function encodedDataset(dataset: DatasetRef): Promise<EncodedDataset> {
  const key = `${dataset.sha256}:${dataset.path}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached.dataset;
  }
  const entry: Entry = { dataset: indexColumnFile(dataset.columnsPath, dataset.rowCount).then((index) => lazily(index, entry)), bytes: 0 };
  cache.set(key, entry);
  entry.dataset.catch(() => cache.delete(key));
  evict();
  return entry.dataset;
}

/** The dataset whose columns are read when first used (each replaces its accessor once read). */
function lazily(index: ColumnFileIndex, entry: Entry): EncodedDataset {
  const columns: EncodedColumn[] = new Array(index.header.length);
  for (let c = 0; c < index.header.length; c++) {
    Object.defineProperty(columns, c, {
      enumerable: true,
      configurable: true,
      get: () => keep(entry, columns, c, readColumn(index, c)),
    });
  }
  entries.set(columns, entry);
  return { header: index.header, rowCount: index.rowCount, columns };
}

/** The cache entry of each dataset's columns (what a column kept adds its memory to). */
const entries = new WeakMap<readonly EncodedColumn[], Entry>();

/** Column `c` as read, in place of its accessor, its memory counted. */
function keep(entry: Entry, columns: EncodedColumn[], c: number, column: EncodedColumn): EncodedColumn {
  Object.defineProperty(columns, c, { value: column, enumerable: true, writable: false, configurable: false });
  entry.bytes += columnBytes(column);
  evict();
  return column;
}

/**
 * Below this many distinct values a column read here may be lent to another thread (its codes are shared
 * memory, only its values are copied): the threads of a detection lend one another the columns each read, so
 * that a measurement reading many columns does not read them again (detectionWork.ts). A column of more
 * values (an id column) is not lent: its values would be copied into every task sent it.
 */
export const LENDABLE_MAX_VALUES = 100_000;

/** The column as another thread can take it (borrowColumns), or null when it is not worth lending. */
export function lendableColumn(column: EncodedColumn): EncodedColumn | null {
  return column.values.length <= LENDABLE_MAX_VALUES && column.codes.buffer instanceof SharedArrayBuffer ? column : null;
}

/** Columns of `dataset` another thread read (lendableColumn), taken as read here where not read yet. */
export async function borrowColumns(dataset: DatasetRef, lent: ReadonlyArray<readonly [number, EncodedColumn]>): Promise<void> {
  if (!lent.length) return;
  const encoded = await encodedDataset(dataset);
  const entry = entries.get(encoded.columns)!;
  for (const [c, column] of lent) {
    if (c >= encoded.columns.length || column.codes.length !== encoded.rowCount) throw new Error(`Column ${c} lent for dataset ${dataset.id} does not fit it`);
    if (Object.getOwnPropertyDescriptor(encoded.columns, c)?.get) keep(entry, encoded.columns as EncodedColumn[], c, column);
  }
}

/** Forgets every dataset read here (a thread left idle gives its memory back: tasks.ts). */
export function forgetDatasets() {
  cache.clear();
}

/** Drops the least recently used datasets beyond the limits (one still in use by a computation stays usable: it is only forgotten). */
function evict() {
  let total = 0;
  for (const entry of cache.values()) total += entry.bytes;
  for (const [key, entry] of cache) {
    if (total <= CACHE_BYTES && cache.size <= CACHE_DATASETS) return;
    total -= entry.bytes;
    cache.delete(key);
  }
}

export type { EncodedColumn, EncodedDataset };
