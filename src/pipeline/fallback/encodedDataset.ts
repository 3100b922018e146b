import { createReadStream } from 'node:fs';
import { readCsv } from '../../datasets/csvReader';
import { detached } from '../../datasets/pandasSemantics';
import { fnv1a } from '../../util/fnv';
import type { DatasetRef } from '../types';
import { PairIds } from './pairIds';

/** A column's raw fields, dictionary-encoded: its distinct texts in order of first appearance, and each row's index into them. */
export interface EncodedColumn {
  values: string[];
  codes: Int32Array;
  /** False once the column keeps every row's text (mostly distinct values): then equal texts may have different codes. */
  distinct: boolean;
}

/** A dataset's fields by column, as papaparse read them at upload (csvReader.ts). */
export interface EncodedDataset {
  header: string[];
  rowCount: number;
  columns: EncodedColumn[];
  /** An estimate of the memory it holds. */
  bytes: number;
}

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
 * The dataset read once per thread and then kept, so that the heuristics and detection, which pass over
 * a dataset several times per call and are called many times, never parse its CSV again while it is cached.
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

/** A column stops being dictionary-encoded once most of its values are distinct (ids): it then keeps every row's text. */
const PLAIN_ABOVE = 65536;

class ColumnEncoder {
  private index: Map<string, number> | null = new Map();
  values: string[] = [];
  readonly codes: Int32Array;
  bytes = 0;

  constructor(rows: number) {
    this.codes = new Int32Array(rows);
  }

  get distinct() {
    return this.index !== null;
  }

  add(raw: string, row: number) {
    if (!this.index) {
      this.codes[row] = this.values.length;
      this.values.push(this.keep(raw));
      return;
    }
    let code = this.index.get(raw);
    if (code === undefined) {
      code = this.values.length;
      const text = this.keep(raw);
      this.values.push(text);
      this.index.set(text, code);
      if (code > PLAIN_ABOVE && code > row / 2) return this.makePlain(row, text);
    }
    this.codes[row] = code;
  }

  private makePlain(row: number, last: string) {
    const texts = Array.from(this.codes.subarray(0, row), (code) => this.values[code]!);
    texts.push(last);
    this.values = texts;
    for (let r = 0; r <= row; r++) this.codes[r] = r;
    this.index = null;
    this.bytes = texts.reduce((sum, text) => sum + 2 * text.length + 32, 0);
  }

  private keep(raw: string): string {
    const text = detached(raw);
    this.bytes += 2 * text.length + 32;
    return text;
  }
}

async function encode(dataset: DatasetRef): Promise<EncodedDataset> {
  let header: string[] = [];
  let columns: ColumnEncoder[] = [];
  await readCsv(createReadStream(dataset.path), {
    maxBytes: Number.POSITIVE_INFINITY,
    onHeader: (names) => {
      header = names;
      columns = names.map(() => new ColumnEncoder(dataset.rowCount));
    },
    onRow: (fields, row) => {
      if (row >= dataset.rowCount) throw new Error(`The dataset's file has more rows than the ${dataset.rowCount} recorded at upload`);
      for (let c = 0; c < fields.length; c++) columns[c]!.add(fields[c]!, row);
    },
  });
  const bytes = columns.reduce((sum, c) => sum + c.bytes + 4 * dataset.rowCount, 0);
  return { header, rowCount: dataset.rowCount, columns: columns.map((c) => ({ values: c.values, codes: c.codes, distinct: c.distinct })), bytes };
}
