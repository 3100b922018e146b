import { dictionary, type EncodedDataset } from './encodedDataset';
import { layoutReader, type ChunkType, type ColumnLayout } from './objectColumn';
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

/**
 * Each row's value of column `p` as an id of its equality class (equalityKey: 5 and "5" differ, True, 1
 * and 1.0 are equal), and how many ids there may be. A text read as a str is its own class.
 */
export function equalityIds(encoded: EncodedDataset, p: number, layout: ColumnLayout): { ids: Int32Array; classes: number } {
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

/** Numbers the distinct pairs of ints in order of first appearance (open addressing on typed arrays). */
export class PairIds {
  private firsts: Int32Array;
  private seconds: Int32Array;
  private slots: Int32Array;
  size = 0;

  constructor(expected: number) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this.slots = new Int32Array(capacity).fill(-1);
    this.firsts = new Int32Array(capacity / 2);
    this.seconds = new Int32Array(capacity / 2);
  }

  id(a: number, b: number): number {
    const mask = this.slots.length - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0) break;
      if (this.firsts[id] === a && this.seconds[id] === b) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    this.slots[slot] = id;
    this.firsts[id] = a;
    this.seconds[id] = b;
    return id;
  }
}

/** Each row's key over `positions` as an id (equal ids, equal keys), and how many times each id occurs. */
export function keyIds(
  encoded: EncodedDataset,
  positions: number[],
  columnIds: (p: number) => { ids: Int32Array; classes: number },
): { ids: Int32Array; counts: Int32Array } {
  let ids: Int32Array = new Int32Array(encoded.rowCount);
  let distinct = encoded.rowCount ? 1 : 0;
  for (const [i, p] of positions.entries()) {
    const column = columnIds(p);
    if (i === 0) {
      ids = column.ids.slice();
      distinct = column.classes;
      continue;
    }
    const pairs = new PairIds(encoded.rowCount);
    for (let row = 0; row < encoded.rowCount; row++) ids[row] = pairs.id(ids[row]!, column.ids[row]!);
    distinct = pairs.size;
  }
  const counts = new Int32Array(distinct);
  for (let row = 0; row < encoded.rowCount; row++) counts[ids[row]!]! += 1;
  return { ids, counts };
}

