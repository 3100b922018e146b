import { linearQuantile } from '../pipeline/fallback/numeric';

/**
 * Whether a numeric column has values that stand apart from the rest of its own distribution: the
 * outliers a person would call suspicious, as opposed to the long tail money, counts, durations, areas and
 * distances have by nature.
 *
 * The column is read in the space its shape calls for: a non-negative column whose upper tail is much
 * longer than its lower one (right-skewed: wages, areas, counts) on a log scale, any other as it is. In
 * that space each side has its own robust scale (the quartile's distance from the median), and a value
 * is isolated when it lies beyond what a sample of n values plausibly reaches (sqrt(2 ln n) + margin
 * scales from the median) AND is separated from the bulk by a gap of at least gapScales scales, AND the
 * values beyond the gap are few. A long tail with values all along it has no such gap. In a large sample,
 * values far beyond the reach (farReach times it) are isolated even without a gap, when few.
 */
export const TAIL_RULES = {
  /** Beyond the median by the largest |z| a normal sample of n plausibly has, plus this. */
  zMargin: 1.5,
  /** The gap between the isolated values and the bulk, in the side's robust scales. */
  gapScales: 2,
  /** At most this share of the values may be isolated on a side (else they are a tail, not strays). */
  maxShare: 0.01,
  /** (p95 - p50) / (p50 - p5) above this: right-skewed, read on a log scale when non-negative. */
  skewRatio: 1.5,
  /**
   * With at least farMinValues values, the quartiles are firm enough that values beyond farReach times the
   * reach are isolated without a gap (strays spread along a range, like a failing sensor's readings).
   */
  farReach: 1.4,
  farMinValues: 100,
  minValues: 8,
} as const;

export interface TailReport {
  scale: 'linear' | 'log';
  /** The isolated values below and above the bulk, in the column's units: at most 5 each, the most extreme first. */
  low: number[];
  high: number[];
  lowCount: number;
  highCount: number;
  /** Where the bulk ends on each side (the last value before the gap), in the column's units. */
  bulk: [number, number];
  median: number;
}

/** The isolated extremes of `sorted` (finite numbers, ascending), or null when there are none. */
export function isolatedExtremes(sorted: Float64Array): TailReport | null {
  const n = sorted.length;
  if (n < TAIL_RULES.minValues) return null;
  if (sorted[0] === sorted[n - 1]) return null;
  const q = (p: number) => linearQuantile(sorted, p);
  const [p5, p50, p95] = [q(0.05), q(0.5), q(0.95)];
  // Half the values at one end (zero-inflated shares, flags): the rest is the column's tail, not strays.
  if (p50 === sorted[0] || p50 === sorted[n - 1]) return null;
  const rightSkewed = sorted[0]! >= 0 && p95 - p50 > TAIL_RULES.skewRatio * (p50 - p5);
  const reach = Math.sqrt(2 * Math.log(n)) + TAIL_RULES.zMargin;
  const maxCount = Math.max(1, Math.floor(TAIL_RULES.maxShare * n));
  // A log scale shifted by the smallest positive value, so that zeros (counts, amounts) stay finite. Only
  // the upper side is read on it: near zero a log stretches what is small but not far.
  const shift = sorted[0]! > 0 ? 0 : (sorted.find((v) => v > 0) ?? 1);
  const logs = rightSkewed ? sorted.map((v) => Math.log(v + shift)) : sorted;

  /** How many values on one side are isolated: inward from the extreme, the innermost that qualifies. */
  const side = (ts: Float64Array, direction: 1 | -1) => {
    const tq = (p: number) => linearQuantile(ts, p);
    const m = tq(0.5);
    const sideScale = (direction === 1 ? tq(0.75) - m : m - tq(0.25)) / 0.6745 || (tq(0.95) - tq(0.05)) / 3.29;
    if (!(sideScale > 0)) return 0;
    const at = (i: number) => (direction === 1 ? ts[n - 1 - i]! : ts[i]!);
    const beyond = (v: number) => direction * (v - m) > reach * sideScale;
    const farFrom = (v: number) => direction * (v - m) > TAIL_RULES.farReach * reach * sideScale;
    // Far values more than maxCount are a mode of their own, not strays.
    const fewFar = n >= TAIL_RULES.farMinValues && maxCount < n && !farFrom(at(maxCount));
    const far = (v: number) => fewFar && farFrom(v);
    let isolated = 0;
    for (let k = 0; k < Math.min(maxCount, n - 1); k++) {
      if (!beyond(at(k))) break;
      if (direction * (at(k) - at(k + 1)) >= TAIL_RULES.gapScales * sideScale || far(at(k))) isolated = k + 1;
    }
    return isolated;
  };
  const highCount = side(logs, 1);
  const lowCount = side(sorted, -1);
  if (!highCount && !lowCount) return null;
  return {
    scale: rightSkewed ? 'log' : 'linear',
    low: Array.from(sorted.subarray(0, Math.min(lowCount, 5))),
    high: Array.from(sorted.subarray(n - Math.min(highCount, 5))).reverse(),
    lowCount,
    highCount,
    bulk: [sorted[lowCount]!, sorted[n - 1 - highCount]!],
    median: p50,
  };
}

/**
 * Zeros standing for measurements not taken: a few exact zeros (at most maxShare of the values) in a
 * column of continuous, non-negative measurements (most values have decimals) whose other values all lie
 * far from zero — the smallest at least minShareOfMedian of their median, as sizes, weights and
 * temperatures in kelvin do. Counts, amounts and shares, where zero is a value, have values near zero or
 * whole numbers.
 */
export const ZERO_RULES = { maxShare: 0.01, minShareOfMedian: 0.2, minOthers: 20, continuousShare: 0.5 } as const;

export interface ZeroReport {
  zeros: number;
  /** The smallest value other than zero, and the others' median. */
  smallest: number;
  median: number;
}

/** Of `sorted`: finite numbers, ascending. */
export function zerosStandingApart(sorted: Float64Array): ZeroReport | null {
  if (!sorted.length || sorted[0] !== 0) return null;
  let zeros = 0;
  while (zeros < sorted.length && sorted[zeros] === 0) zeros++;
  const others = sorted.subarray(zeros);
  if (others.length < ZERO_RULES.minOthers || zeros > Math.max(1, Math.floor(ZERO_RULES.maxShare * sorted.length))) return null;
  let fractional = 0;
  for (const x of others) if (!Number.isInteger(x)) fractional++;
  if (fractional < ZERO_RULES.continuousShare * others.length) return null;
  const median = linearQuantile(others, 0.5);
  const smallest = others[0]!;
  return smallest >= ZERO_RULES.minShareOfMedian * median ? { zeros, smallest, median } : null;
}
