/**
 * Floating-point arithmetic as numpy and bottleneck do it, so that the heuristic's means, standard
 * deviations and quantiles equal the pandas template's to the last bit on ordinary data.
 */

/** numpy's pairwise summation of float64 (umath loops_utils: blocks of 8, split above 128 elements). */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[start + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** numpy's add.reduce of a float64 array: pairwise within each 8192-element buffer, buffers in sequence. */
export function numpySum(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 8192) sum += pairwiseSum(values, i, Math.min(8192, values.length - i));
  return sum;
}

/** Series.mean() of values with no NaN: numpy's sum over the count. */
export function mean(values: Float64Array): number {
  return values.length ? numpySum(values) / values.length : Number.NaN;
}

/** Series.std() (ddof=1) as pandas computes it through bottleneck's nanstd: two sequential passes. */
export function sampleStd(values: Float64Array, ddof = 1): number {
  const count = values.length;
  if (count <= ddof) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  const avg = sum / count;
  let squares = 0;
  for (const v of values) {
    const d = v - avg;
    squares += d * d;
  }
  return Math.sqrt(squares / (count - ddof));
}

/** numpy.percentile(method="linear") on sorted values, q in [0, 1]. */
export function linearQuantile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return Number.NaN;
  const { below, above, gamma } = quantilePosition(sorted.length, q);
  return interpolate(sorted[below]!, sorted[above]!, gamma);
}

/** Where numpy's linear method reads quantile q of n sorted values: between positions below and above, gamma of the way. */
function quantilePosition(n: number, q: number) {
  const virtual = n * q + (1 + q * (1 - 1 - 1)) - 1;
  const below = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  return { below, above: Math.min(below + 1, n - 1), gamma: virtual - Math.floor(virtual) };
}

function interpolate(a: number, b: number, gamma: number): number {
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * The k-th smallest (0-based) of `values`, which are rearranged around it: after the call values[k] holds
 * it, with none larger before it and none smaller after (Hoare's selection, median-of-three pivots: O(n)).
 */
export function selectInPlace(values: Float64Array, k: number): number {
  const swap = (i: number, j: number) => {
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  };
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < values[lo]!) swap(lo, mid);
    if (values[hi]! < values[lo]!) swap(lo, hi);
    if (values[hi]! < values[mid]!) swap(mid, hi);
    const pivot = values[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) swap(i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** linearQuantile of NaN-free values in any order, without sorting them (they are rearranged: selectInPlace). */
export function linearQuantileUnsorted(values: Float64Array, q: number): number {
  const n = values.length;
  if (!n) return Number.NaN;
  const { below, above, gamma } = quantilePosition(n, q);
  const a = selectInPlace(values, below);
  let b = a;
  if (above > below) {
    b = Number.POSITIVE_INFINITY;
    for (let i = above; i < n; i++) if (values[i]! < b) b = values[i]!;
  }
  return interpolate(a, b, gamma);
}
