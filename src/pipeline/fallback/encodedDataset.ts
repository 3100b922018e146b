import { readColumnFile, type EncodedColumn, type EncodedDataset } from '../../datasets/columnFile';
import { fnv1a } from '../../util/fnv';
import type { DatasetRef } from '../types';
import { PairIds } from './pairIds';

/** One row's fields. */
export function rowFields(encoded: EncodedDataset, row: number): string[] {
  return encoded.columns.map((column) => column.values[column.codes[row]!]!);
}

const dictionaries = new WeakMap<EncodedColumn, { values: string[]; codes: Int32Array }>();

/**
 * The column with each distinct text once and codes into them, in order of first appearance: a column kept
 * row by row is encoded so on first use, then kept. Texts are told apart by a 64-bit hash, each match
 * checked against the text; on a collision (never seen), by a Map.
 */
export function dictionary(column: EncodedColumn): { values: string[]; codes: Int32Array } {
  if (column.distinct) return column;
  let encoded = dictionaries.get(column);
  if (!encoded) {
    encoded = byHash(column) ?? byMap(column);
    dictionaries.set(column, encoded);
  }
  return encoded;
}

function byHash(column: EncodedColumn): { values: string[]; codes: Int32Array } | null {
  const ids = new PairIds(column.codes.length);
  const values: string[] = [];
  const codes = new Int32Array(column.codes.length);
  for (let row = 0; row < codes.length; row++) {
    const text = column.values[column.codes[row]!]!;
    const code = ids.id(fnv1a(text, 0x811c9dc5) | 0, fnv1a(text, 0x01000193) | 0);
    if (code === values.length) values.push(text);
    else if (values[code] !== text) return null;
    codes[row] = code;
  }
  return { values, codes };
}

function byMap(column: EncodedColumn): { values: string[]; codes: Int32Array } {
  const index = new Map<string, number>();
  const values: string[] = [];
  const codes = new Int32Array(column.codes.length);
  for (let row = 0; row < codes.length; row++) {
    const text = column.values[column.codes[row]!]!;
    let code = index.get(text);
    if (code === undefined) {
      index.set(text, (code = values.length));
      values.push(text);
    }
    codes[row] = code;
  }
  return { values, codes };
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
