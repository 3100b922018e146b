import { SHARED_RULES } from '../../issueTypes/sharedRules';
import { toNumber } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { byDistinctValue, equalityIds } from './columnValues';
import { encodedDataset, rowFields, type EncodedDataset } from './encodedDataset';
import { linearQuantileUnsorted, mean, sampleStd } from './numeric';
import { columnLayouts, layoutReader, withLayouts, type ColumnLayout } from './objectColumn';
import { toJson, type PyValue } from './pythonValues';
import { findDateColumn } from './days';
import { countsByGroup } from './groups';
import { columnPositions, envelope, type Scan } from './scan';

/**
 * outliers (RESULTS.md; the template outliers.py) on the values pandas holds (objectColumn.ts): in a text
 * column a chunk of numbers or booleans holds ints, floats or booleans, which pd.to_numeric takes as they
 * are (True as 1.0), while texts go through its parse (ASCII whitespace only, as toNumber). The identifying
 * columns are those whose real dtype is object, unique by Python equality (5 and "5" differ). Throws where
 * pandas' typing of a chunk depends on the order of its values (objectColumn.ts).
 */

const ID_NAME = new RegExp(SHARED_RULES.id_name, 'i');

/** pd.to_numeric(errors="coerce").astype("float64") of one value. */
function numeric(value: PyValue, raw: string): number {
  switch (value.kind) {
    case 'na':
      return Number.NaN;
    case 'str':
      return toNumber(raw);
    case 'bool':
      return value.value ? 1 : 0;
    case 'int':
      return Number(value.value);
    case 'float':
      return value.value;
  }
}

function allDistinct({ ids, classes }: { ids: Int32Array; classes: number }): boolean {
  const seen = new Uint8Array(classes);
  for (const id of ids) {
    if (seen[id]) return false;
    seen[id] = 1;
  }
  return true;
}

/** outliers: rows more than 3 sample standard deviations from the column's mean (RESULTS.md). */
export async function outliers(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const [position] = columnPositions(dataset, issue);
  // Every column: the measured one, the identifying ones and the candidates among the text columns.
  return withLayouts(dataset, scan, dataset.columns.map((_, i) => i), (layouts) => compute(issue, dataset, layouts, position!));
}

/**
 * The figures of outliers on one column, without the examples (detectIssues measures with it): reads that
 * column only. The heuristic's result holds the same keys, from the same computation (columnFigures).
 */
export async function outlierFigures(issue: IssueSpec, dataset: DatasetRef) {
  const [position] = columnPositions(dataset, issue);
  const encoded = await encodedDataset(dataset);
  const layout = columnLayouts(dataset, encoded, [position!])[position!]!;
  return columnFigures(issue, dataset, encoded, position!, layout).result;
}

/** The column's numbers as pd.to_numeric reads them, their |z| scores, and the result's figures. */
function columnFigures(issue: IssueSpec, dataset: DatasetRef, encoded: EncodedDataset, position: number, layout: ColumnLayout) {
  const x = byDistinctValue(encoded, position, layout, new Float64Array(dataset.rowCount), (value, raw) => numeric(value, raw));
  const kept = new Float64Array(x.length);
  let presentCount = 0;
  for (const v of x) if (!Number.isNaN(v)) kept[presentCount++] = v;
  const present = kept.subarray(0, presentCount);
  const mu = mean(present);
  const sigma = sampleStd(present);
  const z = new Float64Array(x.length);
  const first: number[] = [];
  let count = 0;
  for (let row = 0; row < x.length; row++) {
    z[row] = Math.abs(x[row]! - mu) / sigma;
    if (z[row]! > SHARED_RULES.outlier_z) {
      count += 1;
      if (first.length < 10) first.push(row);
    }
  }
  let [min, max] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const v of present) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // The quantiles rearrange the values they select from: `present` is not read in order after this.
  const q1 = linearQuantileUnsorted(present, 0.25);
  const q3 = linearQuantileUnsorted(present, 0.75);
  const iqr = q3 - q1;
  const [low, high] = [q1 - 1.5 * iqr, q3 + 1.5 * iqr];
  let iqrCount = 0;
  for (const v of x) if (v < low || v > high) iqrCount += 1;
  const empty = present.length === 0;
  const result = {
    ...envelope('outliers', issue.affectedColumns, dataset.rowCount, count, first),
    mean: finite(mu),
    std: finite(sigma),
    min: empty ? null : finite(min),
    max: empty ? null : finite(max),
    outlier_count: count,
    outlier_percentage: dataset.rowCount ? (count / dataset.rowCount) * 100 : 0,
    iqr_bounds: [finite(low), finite(high)],
    iqr_outlier_count: iqrCount,
  };
  return { z, count, result };
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

async function compute(issue: IssueSpec, dataset: DatasetRef, layouts: ColumnLayout[], position: number) {
  // Identifying columns for the examples: names like *id, then text columns whose values are all distinct.
  const named = dataset.columns.flatMap((c, i) => (i !== position && ID_NAME.test(c.name) ? [i] : []));
  const candidates = dataset.columns.flatMap((_, i) => (i !== position && !named.includes(i) && layouts[i]!.dtype === 'object' ? [i] : []));
  const readers = layouts.map(layoutReader);
  const encoded = await encodedDataset(dataset);
  const { z, count, result } = columnFigures(issue, dataset, encoded, position, layouts[position]!);

  const ids = named.slice(0, 3);
  // A column's codes are exact (equal texts, equal codes): fewer distinct texts than rows means a repeat.
  const mayBeDistinct = (p: number) => encoded.columns[p]!.values.length === encoded.rowCount;
  for (const p of candidates) if (ids.length < 3 && mayBeDistinct(p) && allDistinct(equalityIds(encoded, p, layouts[p]!))) ids.push(p);
  const affected: number[] = [];
  for (let row = 0; row < z.length; row++) if (z[row]! > SHARED_RULES.outlier_z) affected.push(row);
  const extreme = affected.sort((a, b) => z[b]! - z[a]! || a - b).slice(0, 5);
  const exampleFields = new Map(extreme.map((row) => [row, rowFields(encoded, row)]));
  const by = issue.options?.by as string | null | undefined;
  const breakdown = by == null ? {} : { group_column: by, outliers_by_group: countsByGroup(dataset, encoded, by, (row) => z[row]! > SHARED_RULES.outlier_z) };
  // With outliers, the dataset's date column (for the follow-up by date), as the template finds it; left out
  // where only Python can tell whether a column is date-like (a key the result may lack, not a failure).
  const date = count ? dateColumnIfKnown(dataset, encoded, position) : undefined;
  return {
    ...result,
    ...(date ? { date_column: dataset.columns[date.position]!.name } : {}),
    example_outliers: extreme.map((row) => ({
      row,
      z_score: finite(z[row]!),
      values: Object.fromEntries([position, ...ids].map((p) => [dataset.columns[p]!.name, toJson(readers[p]!(exampleFields.get(row)![p]!, row))])),
    })),
    ...breakdown,
  };
}

function dateColumnIfKnown(dataset: DatasetRef, encoded: EncodedDataset, position: number) {
  try {
    return findDateColumn(dataset, encoded, [position], 'date_column');
  } catch {
    return undefined;
  }
}
