import { describe, expect, it } from 'vitest';
import { misspelledWords, oneEditApart, spellingPair } from '../src/analysis/spelling';
import { isolatedExtremes, zerosStandingApart } from '../src/analysis/tails';
import { rng } from './helpers/data';

// The detection rules that decide by the data's own shape, on samples whose answer is known by construction.

/** n draws of a standard normal (Box–Muller). */
function normals(n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next()));
}
const ascending = (values: Float64Array) => Float64Array.from(values).sort();
const of = (values: number[]) => isolatedExtremes(ascending(Float64Array.from(values)));

describe('values standing apart (tails.ts)', () => {
  it('finds nothing in samples of ordinary shapes, whatever their tails', () => {
    for (const seed of [1, 2, 3]) {
      const z = normals(5000, seed);
      expect(of(z.map((x) => 170 + 10 * x))).toBeNull(); // heights
      expect(of(z.map((x) => Math.exp(2 + x)))).toBeNull(); // log-normal amounts: wages, areas
      expect(of(z.map((x) => Math.round(Math.exp(1 + 0.8 * x))))).toBeNull(); // counts with zeros and a long tail
    }
    const r = rng(9);
    expect(of(Array.from({ length: 2000 }, () => (r.next() < 0.8 ? 0 : 100 * r.next())))).toBeNull(); // mostly zero
    expect(of(Array.from({ length: 500 }, () => 1 + r.int(12)))).toBeNull(); // months
  });

  it('finds values planted far from the rest, on either side, and names them with the range of the others', () => {
    const heights = normals(300, 4).map((x) => 170 + 10 * x);
    const planted = of([...heights, 57]);
    expect(planted).toMatchObject({ scale: 'linear', lowCount: 1, low: [57], highCount: 0 });
    expect(planted!.bulk[0]).toBe(Math.min(...heights));

    const amounts = normals(3000, 5).map((x) => Math.exp(3 + 0.5 * x));
    const typo = Math.max(...amounts) * 10; // a value entered with an extra digit
    const found = of([...amounts, typo, typo * 1.5]);
    expect(found).toMatchObject({ scale: 'log', highCount: 2, high: [typo * 1.5, typo], lowCount: 0 });
    expect(found!.bulk[1]).toBe(Math.max(...amounts));
  });

  it('takes many strays spread along a range in a large sample (a failing sensor), but not a tail of a tenth of the values', () => {
    const readings = normals(10000, 6).map((x) => 45 + 3 * x);
    const r = rng(7);
    const failing = Array.from({ length: 40 }, () => 80 + 15 * r.next());
    expect(of([...readings, ...failing])).toMatchObject({ highCount: 40 });
    const tail = Array.from({ length: 1000 }, () => 80 + 15 * r.next());
    expect(of([...readings, ...tail])).toBeNull();
  });
});

describe('spellings of one value (spelling.ts)', () => {
  it.each([
    ['Chrysler', 'Chrylser', 2, 1, true],
    ['blond', 'blonde', 3, 1, true],
    ['Electronics', 'ELECTRONICS', 50, 40, true], // format variants whatever their counts
    ['Furniture', 'Furnture', 300, 9, true],
    ['Iceland', 'Ireland', 1, 1, false], // two countries, one row each: no sign of a typo
    ['Ivan', 'Ian', 141, 14, false], // short names
    ['VS2', 'VVS2', 12258, 5066, false], // grades
    ['West North Central', 'East North Central', 7, 1, false], // directions
    ['Store 1', 'Store 2', 50, 1, false],
    ['active', 'inactive', 80, 2, false],
    ['Asian elephant', 'African elephant', 10, 1, false],
    ['Lesser short-tailed shrew', 'Greater short-tailed shrew', 5, 1, false],
  ])('%s / %s (%i and %i rows): %s', (a, b, countA, countB, expected) => {
    expect(spellingPair(a, b, countA, countB)).toBe(expected);
    expect(spellingPair(b, a, countB, countA)).toBe(expected);
  });

  it('one edit apart: a letter inserted, dropped, changed or two swapped', () => {
    expect(['toyouta', 'toyta', 'toyoto', 'tyoota'].map((w) => oneEditApart(w, 'toyota'))).toEqual([true, true, true, true]);
    expect(['totyoa', 'toyotas2', 'toyota'].map((w) => oneEditApart(w, 'toyota'))).toEqual([false, false, false]);
  });

  it('finds a word misspelled inside a few names beside a word many names carry, not rare names a letter apart', () => {
    const brands = ['chevrolet', 'toyota', 'volkswagen', 'plymouth'];
    const models = ['malibu', 'corona', 'rabbit', 'fury', 'nova', 'camry', 'dasher', 'valiant', 'impala', 'corolla'];
    const names = brands.flatMap((b) => models.map((m) => `${b} ${m}`));
    names.push('chevroelt impala', 'vokswagen dasher', 'Greenville Downtown', 'Greeneville Municipal', 'Houston Hobby', 'Houlton Intl');
    const found = misspelledWords(names);
    expect(found.map((w) => [w.word, w.likely])).toEqual([
      ['chevroelt', 'chevrolet'],
      ['vokswagen', 'volkswagen'],
    ]);
    expect(found[0]).toMatchObject({ values: 1, likelyValues: models.length });
  });
});

describe('zeros standing for measurements not taken', () => {
  const sizes = (n: number, zeros: number, low = 3.5) => {
    const random = rng(11).next;
    const values = Array.from({ length: n }, () => Number((low + random() * 4).toFixed(2)));
    for (let i = 0; i < zeros; i++) values[i * 7] = 0;
    return Float64Array.from(values);
  };

  it('are a few exact zeros among continuous values far from zero', () => {
    const values = sizes(1000, 6);
    const others = [...values].filter((x) => x !== 0).sort((a, b) => a - b);
    const mid = others.length / 2;
    const median = others.length % 2 ? others[Math.floor(mid)]! : (others[mid - 1]! + others[mid]!) / 2;
    expect(zerosStandingApart(ascending(values))).toEqual({ zeros: 6, smallest: others[0], median: expect.closeTo(median, 9) });
  });

  it('are not zeros among whole numbers (counts), values near zero, too many zeros, or negatives', () => {
    const counts = Float64Array.from(Array.from({ length: 500 }, (_, i) => (i % 200 === 0 ? 0 : 10 + (i % 7))));
    expect(zerosStandingApart(ascending(counts))).toBeNull();
    expect(zerosStandingApart(ascending(sizes(1000, 6, 0.01)))).toBeNull(); // the smallest other value lies near zero
    expect(zerosStandingApart(ascending(sizes(1000, 30)))).toBeNull(); // 3% of the values: a share, not strays
    const signed = sizes(1000, 6);
    signed[3] = -1.5;
    expect(zerosStandingApart(ascending(signed))).toBeNull();
  });
});
