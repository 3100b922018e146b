import { isMissing, toNumber } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { linearQuantile, mean, sampleStd } from './numeric';
import { columnReader, equalityKey, toJson } from './pythonValues';
import { columnPositions, envelope, type Scan } from './scan';

const ID_NAME = /(^|[^a-z])id$|_id$|^id/i;

/** outliers: rows more than 3 sample standard deviations from the column's mean (RESULTS.md). */
export async function outliers(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const [position] = columnPositions(dataset, issue);
  const profile = dataset.columns[position!]!;
  const toFloat =
    profile.dtype === 'bool' ? (raw: string) => (isMissing(raw) ? Number.NaN : raw.toLowerCase() === 'true' ? 1 : 0) : toNumber;
  // Identifying columns for the examples: names like *id, then text columns whose values are all distinct.
  const named = dataset.columns.flatMap((c, i) => (i !== position && ID_NAME.test(c.name) ? [i] : []));
  const uniqueCandidates = new Map<number, { seen: Set<string> | null }>();
  dataset.columns.forEach((c, i) => {
    if (i !== position && !named.includes(i) && c.dtype === 'object') uniqueCandidates.set(i, { seen: new Set() });
  });
  const readers = dataset.columns.map((c) => columnReader(c));

  const x = new Float64Array(dataset.rowCount);
  let presentCount = 0;
  await scan((fields, row) => {
    const v = toFloat(fields[position!]!);
    x[row] = v;
    if (!Number.isNaN(v)) presentCount += 1;
    for (const [p, state] of uniqueCandidates) {
      if (!state.seen) continue;
      const key = equalityKey(readers[p]!(fields[p]!));
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
    if (z[row]! > 3) {
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
  for (let row = 0; row < x.length; row++) if (z[row]! > 3) affected.push(row);
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
      values: Object.fromEntries([position!, ...ids].map((p) => [dataset.columns[p]!.name, toJson(readers[p]!(exampleFields.get(row)![p]!))])),
    })),
  };
}
