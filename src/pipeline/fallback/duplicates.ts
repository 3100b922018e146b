import type { DatasetRef, IssueSpec } from '../types';
import { dictionary, encodedDataset, type EncodedDataset } from './encodedDataset';
import { layoutReader, withLayouts, type ChunkType, type ColumnLayout, type RowReader } from './objectColumn';
import { equalityKey, toJson, type PyValue } from './pythonValues';
import { columnPositions, envelope, type Scan } from './scan';

/**
 * duplicates (RESULTS.md; the template duplicates.py): rows whose key occurs more than once, on the values
 * pandas holds (objectColumn.ts): in an `object` column a chunk of numbers or booleans holds ints, floats
 * or booleans, where 5 and "5" differ but True, 1 and 1.0 are equal; booleans with missing values are
 * True/False whatever their spelling. Floats are parsed as pandas does (pandasSemantics.ts, precise_xstrtod).
 * Throws where pandas' typing of a chunk depends on the order of its values (objectColumn.ts).
 */

/**
 * Each row's value of column `p` as an id of its equality class (equalityKey): each distinct text is read
 * once per chunk type, so the ids cost an array lookup per row. A text read as a str is its own class.
 */
function equalityIds(encoded: EncodedDataset, p: number, layout: ColumnLayout): { ids: Int32Array; classes: number } {
  const { values, codes } = dictionary(encoded.columns[p]!);
  const others = new Map<string, number>();
  const classOf = (value: PyValue, code: number) => {
    if (value.kind === 'str') return code;
    const key = equalityKey(value);
    let id = others.get(key);
    if (id === undefined) others.set(key, (id = values.length + others.size));
    return id;
  };
  const memo = new Map<ChunkType, Int32Array>();
  const ids = new Int32Array(encoded.rowCount);
  const read = layoutReader(layout);
  const { chunks, perChunk } = layout;
  for (let start = 0, chunk = 0; start < encoded.rowCount; start += perChunk, chunk++) {
    const type = chunks.length === 1 ? chunks[0]! : (chunks[chunk] ?? 'empty');
    let known = memo.get(type);
    if (!known) memo.set(type, (known = new Int32Array(values.length).fill(-1)));
    for (let row = start; row < Math.min(encoded.rowCount, start + perChunk); row++) {
      const code = codes[row]!;
      let id = known[code]!;
      if (id < 0) known[code] = id = classOf(read(values[code]!, row), code);
      ids[row] = id;
    }
  }
  return { ids, classes: values.length + others.size };
}

/** Numbers the distinct pairs of ints in order of first appearance (open addressing on typed arrays). */
class PairIds {
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
function keyIds(
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

/** duplicates: rows whose key (the columns; none means whole rows) occurs more than once (RESULTS.md). */
export async function duplicates(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const keyPositions = issue.affectedColumns.length ? columnPositions(dataset, issue) : dataset.columns.map((_, i) => i);
  const allPositions = dataset.columns.map((_, i) => i);
  return withLayouts(dataset, scan, allPositions, (layouts, scan) => compute(issue, dataset, scan, layouts, keyPositions));
}

async function compute(issue: IssueSpec, dataset: DatasetRef, scan: Scan, layouts: ColumnLayout[], keyPositions: number[]) {
  const readers: RowReader[] = layouts.map(layoutReader);
  const allPositions = dataset.columns.map((_, i) => i);
  const encoded = await encodedDataset(dataset);
  const columnIds = new Map<number, { ids: Int32Array; classes: number }>();
  const idsOf = (p: number) => columnIds.get(p) ?? columnIds.set(p, equalityIds(encoded, p, layouts[p]!)).get(p)!;
  const keys = keyIds(encoded, keyPositions, idsOf);
  const wholeRows = keyPositions.length === allPositions.length ? keys : keyIds(encoded, allPositions, idsOf);
  const keyIdsOf = keys.ids;
  const rowIds = wholeRows.ids;
  const wholeRowCounts = wholeRows.counts;

  const first: number[] = [];
  const keyOrder: number[] = [];
  const seenKey = new Set<number>();
  let count = 0;
  let exact = 0;
  for (let row = 0; row < dataset.rowCount; row++) {
    if (keys.counts[keyIdsOf[row]!]! < 2) continue;
    count += 1;
    if (first.length < 10) first.push(row);
    if (wholeRowCounts[rowIds[row]!]! > 1) exact += 1;
    if (!seenKey.has(keyIdsOf[row]!)) {
      seenKey.add(keyIdsOf[row]!);
      keyOrder.push(keyIdsOf[row]!);
    }
  }

  // The first five duplicated keys in file order, with their rows, read in a second pass.
  const exampleKeys = keyOrder.slice(0, 5);
  const groups = new Map<number, { rows: number[]; fields: string[][] }>(exampleKeys.map((k) => [k, { rows: [], fields: [] }]));
  if (groups.size) {
    await scan((fields, row) => {
      const group = groups.get(keyIdsOf[row]!);
      if (group) {
        group.rows.push(row);
        group.fields.push([...fields]);
      }
    });
  }
  const keyNames = keyPositions.map((p) => dataset.columns[p]!.name);
  const examples = exampleKeys.map((k) => {
    const group = groups.get(k)!;
    const differing: Record<string, unknown[]> = {};
    dataset.columns.forEach((column, p) => {
      if (keyPositions.includes(p)) return;
      const distinct = new Map<string, unknown>();
      group.fields.forEach((fields, i) => {
        const value = readers[p]!(fields[p]!, group.rows[i]!);
        const key = equalityKey(value);
        if (!distinct.has(key)) distinct.set(key, toJson(value));
      });
      if (distinct.size > 1) differing[column.name] = [...distinct.values()].slice(0, 10);
    });
    return {
      key: Object.fromEntries(keyPositions.map((p, i) => [keyNames[i], toJson(readers[p]!(group.fields[0]![p]!, group.rows[0]!))])),
      count: group.rows.length,
      rows: group.rows.slice(0, 10),
      differing_columns: differing,
    };
  });

  return {
    ...envelope('duplicates', issue.affectedColumns, dataset.rowCount, count, first),
    duplicate_count: count,
    key_columns: keyNames,
    unique_duplicate_ids: keyOrder.length,
    exact_duplicate_rows: exact,
    are_exact_duplicates: count > 0 && exact === count,
    example_duplicates: examples,
  };
}
