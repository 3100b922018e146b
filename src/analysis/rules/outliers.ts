import { rawNumbers, sortedFiniteNumbers } from '../../pipeline/fallback/columnValues';
import { encodedDataset } from '../../pipeline/fallback/encodedDataset';
import type { DatasetRef } from '../../pipeline/types';
import { count, number, share } from '../format';
import type { ColumnStats, DatasetProfile } from '../profiler';
import { isolatedExtremes, type TailReport, zerosStandingApart, type ZeroReport } from '../tails';
import { type Candidate, type DetectedIssue, isIdLike, isIdName, isNumericDtype, issue, listed, mostlyNumeric, pick, THRESHOLDS } from './context';

/** outliers: values standing apart from their column's distribution; zeros standing for measurements not taken. */

/** A geographic coordinate: bounded by its nature, so its far values are places, not strays (out_of_range judges its bounds). */
const COORDINATE_NAME = /(?:^|[^a-z])(?:lat|lon|lng|long|latitude|longitude)(?:$|[^a-z])/i;
const isCoordinate = (c: ColumnStats) =>
  COORDINATE_NAME.test(c.name) && !!c.numeric && c.numeric.min >= -180 && c.numeric.max <= 360;

/** Numeric columns whose profile moments (Welford) reach 3 standard deviations; the exact figures come from the measurement. */
export function outlierCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => {
    const m = c.numeric;
    if (!m || m.std === null || !(m.std > 0) || c.dtype === 'bool' || c.dateLike || isCoordinate(c)) return false;
    if (!(isNumericDtype(c) || mostlyNumeric(c)) || isIdName(c.name) || isIdLike(c) || c.distinctCount <= 2) return false;
    return Math.max(m.max - m.mean, m.mean - m.min) / m.std > 2.99;
  });
}

/** The column's numbers (as pandas reads them), for the shape of its tails and its zeros. */
export async function columnShape(dataset: DatasetRef, name: string): Promise<ColumnShape> {
  const sorted = sortedFiniteNumbers(await encodedDataset(dataset), dataset.columns.findIndex((c) => c.name === name));
  return { tails: isolatedExtremes(sorted), zeros: zerosStandingApart(sorted) };
}

export interface ColumnShape {
  tails: TailReport | null;
  zeros: ZeroReport | null;
}

interface OutlierCandidate extends Candidate, ColumnShape {}

/** The measured candidates with values standing apart from the column's own distribution (tails.ts) that the investigation will count. */
export function acceptedOutliers(measured: OutlierCandidate[]): OutlierCandidate[] {
  return measured.filter(({ result: r, tails }) => tails && r.outlier_count && r.std);
}

export function outliers(profile: DatasetProfile, accepted: OutlierCandidate[], explainedBy: Map<string, string>): DetectedIssue[] {
  return accepted
    .filter(({ column }) => !explainedBy.has(column.name))
    .map(({ column, result: r, tails }) => {
      const t = tails!;
      const also = [...explainedBy].filter(([, by]) => by === column.name).map(([name]) => name);
      const lie = (n: number) => (n === 1 ? '1 lies' : `${count(n)} lie`);
      const apart = [
        t.lowCount ? `${lie(t.lowCount)} below (${listed(t.low, t.lowCount)})` : '',
        t.highCount ? `${lie(t.highCount)} above (${listed(t.high, t.highCount)})` : '',
      ].filter(Boolean);
      const description =
        `${column.name} has values standing apart from the rest: the others span ${number(t.bulk[0])} to ${number(t.bulk[1])} ` +
        `(median ${number(t.median)}${t.scale === 'log' ? '; gaps read on a log scale, the column being right-skewed' : ''}), but ${apart.join(' and ')}; ` +
        `${share(r.outlier_count, profile.rows)} are more than 3 standard deviations from the mean ${number(r.mean)} (std ${number(r.std)})` +
        (also.length ? `; the extreme values of ${also.join(', ')} fall on rows where ${column.name} is outside its IQR fences` : '');
      return issue('outliers', [column.name], description, {
        ...pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'mean', 'std', 'min', 'max', 'iqr_bounds', 'iqr_outlier_count']),
        scale: t.scale,
        isolated_low: t.low,
        isolated_low_count: t.lowCount,
        isolated_high: t.high,
        isolated_high_count: t.highCount,
        bulk_range: t.bulk,
        median: t.median,
        ...(also.length ? { explains: also } : {}),
      });
    });
}

/**
 * Zeros standing for measurements not taken (tails.ts zerosStandingApart), as out_of_range with a lower
 * bound at the smallest other value: the investigation counts exactly the zeros.
 */
export function zeroPlaceholders(profile: DatasetProfile, measured: OutlierCandidate[]): DetectedIssue[] {
  return measured.flatMap(({ column, zeros }) => {
    if (!zeros) return [];
    const description =
      `${column.name} is 0 in ${share(zeros.zeros, profile.rows)}, its smallest other value being ${number(zeros.smallest)} ` +
      `(median ${number(zeros.median)}): zeros standing for measurements not taken`;
    return [
      issue(
        'out_of_range',
        [column.name],
        description,
        { rows_analyzed: profile.rows, zero_count: zeros.zeros, smallest_other: zeros.smallest, median_other: zeros.median },
        { min: zeros.smallest },
      ),
    ];
  });
}

/** What explainedOutliers needs of an accepted column's measurement: its moments and IQR fences. */
export interface MeasuredOutliers {
  name: string;
  mean: number;
  std: number;
  bounds: [number, number];
}

export function measuredOutliers(accepted: Candidate[]): MeasuredOutliers[] {
  return accepted.map(({ column, result }) => ({ name: column.name, mean: result.mean, std: result.std, bounds: result.iqr_bounds }));
}

/**
 * Derived extremes: when most of B's |z|>3 rows are rows where A is itself outside its IQR fences (and not
 * the other way round), B's extremes come from A's (revenue = price × quantity): B is not proposed.
 */
export async function explainedOutliers(dataset: DatasetRef, accepted: MeasuredOutliers[]): Promise<Map<string, string>> {
  const names = dataset.columns.map((c) => c.name);
  const cols = accepted.map(({ name, mean, std, bounds }) => ({
    name,
    position: names.indexOf(name),
    mean,
    std,
    bounds,
    z: new Uint8Array(dataset.rowCount),
    iqr: new Uint8Array(dataset.rowCount),
  }));
  const encoded = await encodedDataset(dataset);
  for (const c of cols) {
    const numbers = rawNumbers(encoded, c.position);
    for (let row = 0; row < numbers.length; row++) {
      const x = numbers[row]!;
      if (Number.isNaN(x)) continue;
      if (Math.abs(x - c.mean) / c.std > 3) c.z[row] = 1;
      if (x < c.bounds[0] || x > c.bounds[1]) c.iqr[row] = 1;
    }
  }
  const explains = (a: (typeof cols)[number], b: (typeof cols)[number]) => {
    let zRows = 0;
    let shared = 0;
    for (let row = 0; row < b.z.length; row++) {
      if (!b.z[row]) continue;
      zRows += 1;
      if (a.iqr[row]) shared += 1;
    }
    return zRows > 0 && shared / zRows >= THRESHOLDS.explainedShare;
  };
  // When each explains the other (the same rows), the earlier column is kept: inputs usually come first.
  const explainedBy = new Map<string, string>();
  for (const [j, b] of cols.entries()) {
    for (const [i, a] of cols.entries()) {
      if (a === b || explainedBy.has(a.name)) continue;
      if (explains(a, b) && (i < j || !explains(b, a))) {
        explainedBy.set(b.name, a.name);
        break;
      }
    }
  }
  return explainedBy;
}
