import { SHARED_RULES } from '../../issueTypes/sharedRules';
import { toNumber } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { linearQuantile, mean, sampleStd } from './numeric';
import { layoutReader, withLayouts, type ColumnLayout } from './objectColumn';
import { equalityKey, toJson, type PyValue } from './pythonValues';
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

/** outliers: rows more than 3 sample standard deviations from the column's mean (RESULTS.md). */
export async function outliers(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const [position] = columnPositions(dataset, issue);
  // Every column: the measured one, the identifying ones and the candidates among the text columns.
  return withLayouts(dataset, scan, dataset.columns.map((_, i) => i), (layouts, scan) => compute(issue, dataset, scan, layouts, position!));
}

async function compute(issue: IssueSpec, dataset: DatasetRef, scan: Scan, layouts: ColumnLayout[], position: number) {
  // Identifying columns for the examples: names like *id, then text columns whose values are all distinct.
  const named = dataset.columns.flatMap((c, i) => (i !== position && ID_NAME.test(c.name) ? [i] : []));
  const uniqueCandidates = new Map<number, { seen: Set<string> | null }>();
  dataset.columns.forEach((_, i) => {
    if (i !== position && !named.includes(i) && layouts[i]!.dtype === 'object') uniqueCandidates.set(i, { seen: new Set() });
  });
  const readers = layouts.map(layoutReader);
  const read = readers[position]!;

  const x = new Float64Array(dataset.rowCount);
  let presentCount = 0;
  await scan((fields, row) => {
    const raw = fields[position]!;
    const v = numeric(read(raw, row), raw);
    x[row] = v;
    if (!Number.isNaN(v)) presentCount += 1;
    for (const [p, state] of uniqueCandidates) {
      if (!state.seen) continue;
      const key = equalityKey(readers[p]!(fields[p]!, row));
      if (state.seen.has(key)) state.seen = null;
      else state.seen.add(key);
    }
  });
  const present = new Float64Array(presentCount);
  let k = 0;
  for (const v of x) if (!Number.isNaN(v)) present[k++] = v;
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
  const sorted = Float64Array.from(present).sort();
  const q1 = linearQuantile(sorted, 0.25);
  const q3 = linearQuantile(sorted, 0.75);
  const iqr = q3 - q1;
  const [low, high] = [q1 - 1.5 * iqr, q3 + 1.5 * iqr];
  let iqrCount = 0;
  for (const v of x) if (v < low || v > high) iqrCount += 1;

  const unique = [...uniqueCandidates].filter(([, s]) => s.seen !== null).map(([p]) => p);
  const ids = [...named, ...unique].slice(0, 3);
  const affected: number[] = [];
  for (let row = 0; row < x.length; row++) if (z[row]! > SHARED_RULES.outlier_z) affected.push(row);
  const extreme = affected.sort((a, b) => z[b]! - z[a]! || a - b).slice(0, 5);
  const exampleFields = new Map<number, string[]>();
  if (extreme.length) {
    const wanted = new Set(extreme);
    await scan((fields, row) => {
      if (wanted.has(row)) exampleFields.set(row, [...fields]);
    });
  }
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const empty = present.length === 0;
  return {
    ...envelope('outliers', issue.affectedColumns, dataset.rowCount, count, first),
    mean: finite(mu),
    std: finite(sigma),
    min: empty ? null : finite(sorted[0]!),
    max: empty ? null : finite(sorted[sorted.length - 1]!),
    outlier_count: count,
    outlier_percentage: dataset.rowCount ? (count / dataset.rowCount) * 100 : 0,
    iqr_bounds: [finite(low), finite(high)],
    iqr_outlier_count: iqrCount,
    example_outliers: extreme.map((row) => ({
      row,
      z_score: finite(z[row]!),
      values: Object.fromEntries([position, ...ids].map((p) => [dataset.columns[p]!.name, toJson(readers[p]!(exampleFields.get(row)![p]!, row))])),
    })),
  };
}
