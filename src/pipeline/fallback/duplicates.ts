import type { DatasetRef, IssueSpec } from '../types';
import { equalityIds, keyIds } from './columnValues';
import { encodedDataset, rowFields } from './encodedDataset';
import { layoutReader, withLayouts, type ColumnLayout, type RowReader } from './objectColumn';
import { equalityKey, toJson } from './pythonValues';
import { columnPositions, envelope, type Scan } from './scan';

/**
 * duplicates (RESULTS.md; the template duplicates.py): rows whose key occurs more than once, on the values
 * pandas holds (objectColumn.ts): in an `object` column a chunk of numbers or booleans holds ints, floats
 * or booleans, where 5 and "5" differ but True, 1 and 1.0 are equal; booleans with missing values are
 * True/False whatever their spelling. Floats are parsed as pandas does (pandasSemantics.ts, precise_xstrtod).
 * Throws where pandas' typing of a chunk depends on the order of its values (objectColumn.ts).
 */

/** duplicates: rows whose key (the columns; none means whole rows) occurs more than once (RESULTS.md). */
export async function duplicates(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const keyPositions = issue.affectedColumns.length ? columnPositions(dataset, issue) : dataset.columns.map((_, i) => i);
  const allPositions = dataset.columns.map((_, i) => i);
  return withLayouts(dataset, scan, allPositions, (layouts) => compute(issue, dataset, layouts, keyPositions));
}

async function compute(issue: IssueSpec, dataset: DatasetRef, layouts: ColumnLayout[], keyPositions: number[]) {
  const readers: RowReader[] = layouts.map(layoutReader);
  const allPositions = dataset.columns.map((_, i) => i);
  const encoded = await encodedDataset(dataset);
  const keys = keyIds(encoded.rowCount, keyPositions, (p) => equalityIds(encoded, p, layouts[p]!));
  const keyIdsOf = keys.ids;
  // Equal rows have equal keys: whole rows are compared among the rows whose key is duplicated only.
  let duplicatedRows = 0;
  for (let row = 0; row < encoded.rowCount; row++) if (keys.counts[keyIdsOf[row]!]! > 1) duplicatedRows++;
  const duplicated = new Int32Array(duplicatedRows);
  for (let row = 0, k = 0; row < encoded.rowCount; row++) if (keys.counts[keyIdsOf[row]!]! > 1) duplicated[k++] = row;
  const onDuplicated = new Map<number, ReturnType<typeof equalityIds>>();
  const idsOnDuplicated = (p: number) => {
    let ids = onDuplicated.get(p);
    if (!ids) onDuplicated.set(p, (ids = equalityIds(encoded, p, layouts[p]!, duplicated)));
    return ids;
  };
  const wholeRows = keyPositions.length === allPositions.length ? null : keyIds(duplicated.length, allPositions, idsOnDuplicated);
  const exact = wholeRows ? wholeRows.ids.filter((id) => wholeRows.counts[id]! > 1).length : duplicated.length;

  const differences = differencesBetweenCopies(dataset, keyPositions, duplicated, keyIdsOf, idsOnDuplicated);

  const first: number[] = [];
  const keyOrder: number[] = [];
  const seenKey = new Set<number>();
  let count = 0;
  for (let row = 0; row < dataset.rowCount; row++) {
    if (keys.counts[keyIdsOf[row]!]! < 2) continue;
    count += 1;
    if (first.length < 10) first.push(row);
    if (!seenKey.has(keyIdsOf[row]!)) {
      seenKey.add(keyIdsOf[row]!);
      keyOrder.push(keyIdsOf[row]!);
    }
  }

  // The first five duplicated keys in file order, with their rows.
  const exampleKeys = keyOrder.slice(0, 5);
  const groups = new Map<number, { rows: number[]; fields: string[][] }>(exampleKeys.map((k) => [k, { rows: [], fields: [] }]));
  for (let row = 0; row < dataset.rowCount && groups.size; row++) {
    const group = groups.get(keyIdsOf[row]!);
    if (group) {
      group.rows.push(row);
      group.fields.push(rowFields(encoded, row));
    }
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
    ...differences,
    example_duplicates: examples,
  };
}

/**
 * What differs between the copies, over every repeated key: for each column outside the key, how many keys'
 * rows hold more than one value there (values compared as pandas' nunique(dropna=False) does: equalityIds of
 * the duplicated rows, `duplicated[k]` the row of `ids[k]`).
 */
function differencesBetweenCopies(
  dataset: DatasetRef,
  keyPositions: number[],
  duplicated: Int32Array,
  keyIdsOf: Int32Array,
  idsOnDuplicated: (p: number) => { ids: Int32Array },
) {
  const differingKeys = new Set<number>();
  const byColumn: Record<string, number> = {};
  dataset.columns.forEach((column, p) => {
    if (keyPositions.includes(p) || !duplicated.length) return;
    const values = idsOnDuplicated(p).ids;
    const firstValue = new Map<number, number>();
    const differing = new Set<number>();
    duplicated.forEach((row, k) => {
      const key = keyIdsOf[row]!;
      const seen = firstValue.get(key);
      if (seen === undefined) firstValue.set(key, values[k]!);
      else if (seen !== values[k]) differing.add(key);
    });
    if (!differing.size) return;
    byColumn[column.name] = differing.size;
    for (const key of differing) differingKeys.add(key);
  });
  return { keys_with_differences: differingKeys.size, differences_by_column: byColumn };
}
