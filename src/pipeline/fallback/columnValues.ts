import { isMissing, toNumber } from '../../datasets/pandasSemantics';
import type { EncodedDataset } from './encodedDataset';
import { layoutReader, type ChunkType, type ColumnLayout } from './objectColumn';
import { PairIds } from './pairIds';
import { equalityKey, type PyValue } from './pythonValues';

/**
 * Per-row values of a column computed once per distinct text and chunk type, from the cached dataset
 * (encodedDataset.ts): what a heuristic needs of each row costs an array lookup, not a parse.
 */

/**
 * Each row's f(value pandas holds, raw text, code) for column `p`, f called once per distinct text and chunk
 * type; for the rows `subset` only when given (out[k] then for row subset[k], rows ascending).
 */
export function byDistinctValue<T extends Int32Array | Float64Array>(
  encoded: EncodedDataset,
  p: number,
  layout: ColumnLayout,
  out: T,
  f: (value: PyValue, raw: string, code: number) => number,
  subset?: Int32Array,
): T {
  const { values, codes } = encoded.columns[p]!;
  const read = layoutReader(layout);
  const memo = new Map<ChunkType, { known: Uint8Array; results: Float64Array }>();
  const { chunks, perChunk } = layout;
  const n = subset ? subset.length : encoded.rowCount;
  for (let k = 0; k < n; ) {
    const chunk = Math.floor((subset ? subset[k]! : k) / perChunk);
    const type = chunks.length === 1 ? chunks[0]! : (chunks[chunk] ?? 'empty');
    let cache = memo.get(type);
    if (!cache) memo.set(type, (cache = { known: new Uint8Array(values.length), results: new Float64Array(values.length) }));
    const { known, results } = cache;
    const chunkEnd = (chunk + 1) * perChunk;
    for (; k < n; k++) {
      const row = subset ? subset[k]! : k;
      if (row >= chunkEnd) break;
      const code = codes[row]!;
      if (!known[code]) {
        results[code] = f(read(values[code]!, row), values[code]!, code);
        known[code] = 1;
      }
      out[k] = results[code]!;
    }
  }
  return out;
}

/** Each row's toNumber of its raw text in column `p` (pd.to_numeric of the text, NaN when not a number), each distinct text parsed once. */
export function rawNumbers(encoded: EncodedDataset, p: number): Float64Array {
  const { values, codes } = encoded.columns[p]!;
  const parsed = new Float64Array(values.length);
  for (let code = 0; code < values.length; code++) parsed[code] = toNumber(values[code]!);
  const rows = new Float64Array(codes.length);
  for (let row = 0; row < codes.length; row++) rows[row] = parsed[codes[row]!]!;
  return rows;
}

/**
 * How many rows hold each of `size` codes (rows coded -1, missing, are not counted). A loop over every row
 * in a function of its own: the optimizing compiler compiles it alone, fast, rather than the computation
 * around it (compiling categoricalVariation whole took ~350 ms of a cold 1M-row detection).
 */
export function occurrences(codes: Int32Array, size: number): Int32Array {
  const counts = new Int32Array(size);
  for (let row = 0; row < codes.length; row++) if (codes[row]! >= 0) counts[codes[row]!]! += 1;
  return counts;
}

/** The finite numbers among column `p`'s rows (toNumber of each raw text), ascending: each distinct text parsed once, distinct values sorted. */
export function sortedFiniteNumbers(encoded: EncodedDataset, p: number): Float64Array {
  const { values, codes } = encoded.columns[p]!;
  const counted = occurrences(codes, values.length);
  const distinct = new Float64Array(values.length);
  const counts = new Map<number, number>();
  let size = 0;
  for (let code = 0; code < values.length; code++) {
    const x = toNumber(values[code]!) + 0; // -0 as 0
    if (!Number.isFinite(x)) continue;
    const seen = counts.get(x);
    if (seen === undefined) distinct[size++] = x;
    counts.set(x, (seen ?? 0) + counted[code]!);
  }
  const ascending = distinct.subarray(0, size).sort();
  let total = 0;
  for (const n of counts.values()) total += n;
  const sorted = new Float64Array(total);
  let at = 0;
  for (const x of ascending) sorted.fill(x, at, (at += counts.get(x)!));
  return sorted;
}

/**
 * Each row's value of column `p` as an id of its equality class (equalityKey: 5 and "5" differ, True, 1
 * and 1.0 are equal), and how many ids there may be. A text read as a str is its own class. For the rows
 * `subset` only when given (ids[k] then for row subset[k], rows ascending).
 */
export function equalityIds(encoded: EncodedDataset, p: number, layout: ColumnLayout, subset?: Int32Array): { ids: Int32Array; classes: number } {
  if (layout.chunks.every((type) => type === 'str')) return textIds(encoded, p, subset);
  const distinctTexts = encoded.columns[p]!.values.length;
  const others = new Map<string, number>();
  const out = new Int32Array(subset ? subset.length : encoded.rowCount);
  const ids = byDistinctValue(
    encoded,
    p,
    layout,
    out,
    (value, _raw, code) => {
      if (value.kind === 'str') return code;
      const key = equalityKey(value);
      let id = others.get(key);
      if (id === undefined) others.set(key, (id = distinctTexts + others.size));
      return id;
    },
    subset,
  );
  return { ids, classes: distinctTexts + others.size };
}

/** equalityIds of a column pandas holds as text in every chunk: a text is its own class, and every missing value one more. */
function textIds(encoded: EncodedDataset, p: number, subset?: Int32Array): { ids: Int32Array; classes: number } {
  const { values, codes } = encoded.columns[p]!;
  const missing = values.length;
  const classOf = (code: number) => (isMissing(values[code]!) ? missing : code);
  if (subset) return { ids: Int32Array.from(subset, (row) => classOf(codes[row]!)), classes: values.length + 1 };
  const classes = new Int32Array(values.length);
  for (let code = 0; code < values.length; code++) classes[code] = classOf(code);
  const ids = new Int32Array(codes.length);
  for (let row = 0; row < codes.length; row++) ids[row] = classes[codes[row]!]!;
  return { ids, classes: values.length + 1 };
}

/**
 * Each of `rows` rows' key over `positions` as an id (equal ids, equal keys), and how many times each id
 * occurs; `columnIds(p)` gives column p's equality ids for those rows (equalityIds).
 */
export function keyIds(rows: number, positions: number[], columnIds: (p: number) => { ids: Int32Array; classes: number }): { ids: Int32Array; counts: Int32Array } {
  const ids = new Int32Array(rows);
  let distinct = rows ? 1 : 0;
  for (const [i, p] of positions.entries()) {
    const column = columnIds(p);
    if (i === 0) {
      ids.set(column.ids);
      distinct = column.classes;
      continue;
    }
    const pairs = new PairIds(rows);
    for (let k = 0; k < rows; k++) ids[k] = pairs.id(ids[k]!, column.ids[k]!);
    distinct = pairs.size;
  }
  const counts = new Int32Array(distinct);
  for (let k = 0; k < rows; k++) counts[ids[k]!]! += 1;
  return { ids, counts };
}
