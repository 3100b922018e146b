import { describe, expect, it } from 'vitest';
import { linearQuantile, linearQuantileUnsorted, selectInPlace } from '../src/pipeline/fallback/numeric';

/** A deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('quantiles without sorting', () => {
  it('select the k-th smallest and give the quantiles a sort gives, with ties, runs and extremes', () => {
    const next = lcg(9);
    const shapes: Array<(n: number) => number[]> = [
      (n) => Array.from({ length: n }, () => next() * 100 - 50),
      (n) => Array.from({ length: n }, () => Math.floor(next() * 4)), // many ties
      (n) => Array.from({ length: n }, (_, i) => i), // already sorted
      (n) => Array.from({ length: n }, (_, i) => n - i), // reversed
      (n) => Array.from({ length: n }, () => (next() < 0.01 ? 1e300 : next() < 0.01 ? -Infinity : next())),
    ];
    for (const shape of shapes) {
      for (const n of [1, 2, 3, 7, 100, 1001]) {
        const values = shape(n);
        const sorted = Float64Array.from(values).sort();
        for (const k of [0, Math.floor(n / 3), n - 1]) {
          const work = Float64Array.from(values);
          expect(selectInPlace(work, k)).toBe(sorted[k]);
          for (let i = 0; i < k; i++) expect(work[i]).toBeLessThanOrEqual(work[k]!);
          for (let i = k + 1; i < n; i++) expect(work[i]).toBeGreaterThanOrEqual(work[k]!);
        }
        for (const q of [0, 0.25, 0.5, 0.75, 0.9, 1]) {
          expect(linearQuantileUnsorted(Float64Array.from(values), q)).toBe(linearQuantile(sorted, q));
        }
      }
    }
    expect(linearQuantileUnsorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});
