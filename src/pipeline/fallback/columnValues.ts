import { isMissing, toNumber } from '../../datasets/pandasSemantics';
import { dictionary, type EncodedDataset } from './encodedDataset';
import { layoutReader, type ChunkType, type ColumnLayout } from './objectColumn';
import { PairIds } from './pairIds';
import { equalityKey, type PyValue } from './pythonValues';

/**
 * Per-row values of a column computed once per distinct text and chunk type, from the cached dataset
 * (encodedDataset.ts): what a heuristic needs of each row costs an array lookup, not a parse.
 */

/** Each row's f(value pandas holds, raw text, code) for column `p`, f called once per distinct text and chunk type. */
export function byDistinctValue<T extends Int32Array | Float64Array>(
  encoded: EncodedDataset,
  p: number,
  layout: ColumnLayout,
  rows: T,
  f: (value: PyValue, raw: string, code: number) => number,
): T {
  const { values, codes } = dictionary(encoded.columns[p]!);
  const read = layoutReader(layout);
  const memo = new Map<ChunkType, { known: Uint8Array; results: Float64Array }>();
  const { chunks, perChunk } = layout;
  for (let start = 0, chunk = 0; start < encoded.rowCount; start += perChunk, chunk++) {
    const type = chunks.length === 1 ? chunks[0]! : (chunks[chunk] ?? 'empty');
    let cache = memo.get(type);
    if (!cache) memo.set(type, (cache = { known: new Uint8Array(values.length), results: new Float64Array(values.length) }));
    const { known, results } = cache;
    for (let row = start; row < Math.min(encoded.rowCount, start + perChunk); row++) {
      const code = codes[row]!;
      if (!known[code]) {
        results[code] = f(read(values[code]!, row), values[code]!, code);
        known[code] = 1;
      }
      rows[row] = results[code]!;
    }
  }
  return rows;
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
 * Each row's value of column `p` as an id of its equality class (equalityKey: 5 and "5" differ, True, 1
 * and 1.0 are equal), and how many ids there may be. A text read as a str is its own class.
 */
export function equalityIds(encoded: EncodedDataset, p: number, layout: ColumnLayout): { ids: Int32Array; classes: number } {
  if (layout.chunks.every((type) => type === 'str')) return textIds(encoded, p);
  const distinctTexts = dictionary(encoded.columns[p]!).values.length;
  const others = new Map<string, number>();
  const ids = byDistinctValue(encoded, p, layout, new Int32Array(encoded.rowCount), (value, _raw, code) => {
    if (value.kind === 'str') return code;
    const key = equalityKey(value);
    let id = others.get(key);
    if (id === undefined) others.set(key, (id = distinctTexts + others.size));
    return id;
  });
  return { ids, classes: distinctTexts + others.size };
}

/** equalityIds of a column pandas holds as text in every chunk: a text is its own class, and every missing value one more. */
function textIds(encoded: EncodedDataset, p: number): { ids: Int32Array; classes: number } {
  const { values, codes } = dictionary(encoded.columns[p]!);
  const missing = values.length;
  const classOf = Int32Array.from(values, (raw, code) => (isMissing(raw) ? missing : code));
  const ids = new Int32Array(codes.length);
  for (let row = 0; row < codes.length; row++) ids[row] = classOf[codes[row]!]!;
  return { ids, classes: values.length + 1 };
}

/**
 * Each row's key over `positions` as an id (equal ids, equal keys), and how many times each id occurs;
 * for the rows `subset` only when given (ids and counts then among those rows, ids by position in it).
 */
export function keyIds(
  encoded: EncodedDataset,
  positions: number[],
  columnIds: (p: number) => { ids: Int32Array; classes: number },
  subset?: Int32Array,
): { ids: Int32Array; counts: Int32Array } {
  const n = subset ? subset.length : encoded.rowCount;
  const ids = new Int32Array(n);
  let distinct = n ? 1 : 0;
  for (const [i, p] of positions.entries()) {
    const column = columnIds(p).ids;
    const valueAt = subset ? (k: number) => column[subset[k]!]! : (k: number) => column[k]!;
    if (i === 0) {
      for (let k = 0; k < n; k++) ids[k] = valueAt(k);
      distinct = columnIds(p).classes;
      continue;
    }
    const pairs = new PairIds(n);
    for (let k = 0; k < n; k++) ids[k] = pairs.id(ids[k]!, valueAt(k));
    distinct = pairs.size;
  }
  const counts = new Int32Array(distinct);
  for (let k = 0; k < n; k++) counts[ids[k]!]! += 1;
  return { ids, counts };
}
