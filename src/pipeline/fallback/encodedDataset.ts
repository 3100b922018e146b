import { readColumnFile, type EncodedColumn, type EncodedDataset } from '../../datasets/columnFile';
import type { DatasetRef } from '../types';

/** One row's fields. */
export function rowFields(encoded: EncodedDataset, row: number): string[] {
  return encoded.columns.map((column) => column.values[column.codes[row]!]!);
}

/** Datasets kept per thread, most recently used last, within this much memory (a larger one is read for each call). */
const CACHE_BYTES = 768 * 1048576;
const cache = new Map<string, Promise<EncodedDataset>>();
const sizes = new Map<string, number>();

/**
 * The dataset's columns file (written at upload) read once per thread and then kept, so that the heuristics and detection, which pass over
 * a dataset several times per call and are called many times, never read it again while it is cached.
 * A dataset's file never changes (it is named by its sha256), so the cache needs no invalidation.
 */
export function encodedDataset(dataset: DatasetRef): Promise<EncodedDataset> {
  const key = `${dataset.sha256}:${dataset.path}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key);
    cache.set(key, entry);
    return entry;
  }
  entry = encode(dataset);
  cache.set(key, entry);
  entry.then(
    (encoded) => {
      sizes.set(key, encoded.bytes);
      evict();
    },
    () => cache.delete(key),
  );
  return entry;
}

function evict() {
  let total = [...sizes.values()].reduce((a, b) => a + b, 0);
  for (const key of [...cache.keys()]) {
    if (total <= CACHE_BYTES) return;
    if (!sizes.has(key)) continue; // still being read
    total -= sizes.get(key)!;
    sizes.delete(key);
    cache.delete(key);
  }
}

function encode(dataset: DatasetRef): Promise<EncodedDataset> {
  return readColumnFile(dataset.columnsPath, dataset.rowCount);
}

export type { EncodedColumn, EncodedDataset };
