import type { DatasetRef, IssueSpec } from '../types';
import { columnReader, equalityKey, toJson, type ColumnReader } from './pythonValues';
import { columnPositions, envelope, type Scan } from './scan';

/** Interns keys: each distinct key gets an id, and its number of rows is counted. */
class KeyCounter {
  private readonly ids = new Map<string, number>();
  readonly counts: number[] = [];

  add(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.counts.length;
      this.ids.set(key, id);
      this.counts.push(0);
    }
    this.counts[id]! += 1;
    return id;
  }
}

/** duplicates: rows whose key (the columns; none means whole rows) occurs more than once (RESULTS.md). */
export async function duplicates(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const keyPositions = issue.affectedColumns.length ? columnPositions(dataset, issue) : dataset.columns.map((_, i) => i);
  const readers: ColumnReader[] = dataset.columns.map((c) => columnReader(c));
  const allPositions = dataset.columns.map((_, i) => i);
  const keyOf = (fields: string[], positions: number[]) =>
    positions.map((p) => {
      const k = equalityKey(readers[p]!(fields[p]!));
      return `${k.length}:${k}`;
    }).join('');
  const keys = new KeyCounter();
  const rows = new KeyCounter();
  const keyIds = new Int32Array(dataset.rowCount);
  const rowIds = new Int32Array(dataset.rowCount);
  await scan((fields, row) => {
    keyIds[row] = keys.add(keyOf(fields, keyPositions));
    rowIds[row] = keyPositions.length === allPositions.length ? keyIds[row]! : rows.add(keyOf(fields, allPositions));
  });
  const wholeRowCounts = keyPositions.length === allPositions.length ? keys.counts : rows.counts;

  const first: number[] = [];
  const keyOrder: number[] = [];
  const seenKey = new Set<number>();
  let count = 0;
  let exact = 0;
  for (let row = 0; row < dataset.rowCount; row++) {
    if (keys.counts[keyIds[row]!]! < 2) continue;
    count += 1;
    if (first.length < 10) first.push(row);
    if (wholeRowCounts[rowIds[row]!]! > 1) exact += 1;
    if (!seenKey.has(keyIds[row]!)) {
      seenKey.add(keyIds[row]!);
      keyOrder.push(keyIds[row]!);
    }
  }

  // The first five duplicated keys in file order, with their rows, read in a second pass.
  const exampleKeys = keyOrder.slice(0, 5);
  const groups = new Map<number, { rows: number[]; fields: string[][] }>(exampleKeys.map((k) => [k, { rows: [], fields: [] }]));
  if (groups.size) {
    await scan((fields, row) => {
      const group = groups.get(keyIds[row]!);
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
      for (const fields of group.fields) {
        const value = readers[p]!(fields[p]!);
        const key = equalityKey(value);
        if (!distinct.has(key)) distinct.set(key, toJson(value));
      }
      if (distinct.size > 1) differing[column.name] = [...distinct.values()].slice(0, 10);
    });
    return {
      key: Object.fromEntries(keyPositions.map((p, i) => [keyNames[i], toJson(readers[p]!(group.fields[0]![p]!))])),
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
