import { describe, expect, it } from 'vitest';
import { newId, nodeTypeOf, pooledRandom } from '../src/util/ids';

describe('ids', () => {
  it('are a type prefix and a ULID, increasing in creation order', () => {
    const ids = Array.from({ length: 5000 }, () => newId('Investigation'));
    for (const id of ids) expect(id).toMatch(/^inv_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(nodeTypeOf(ids[0]!)).toBe('Investigation');
  });

  it('draw their random part uniformly: each of the 32 characters as likely, across refills of the pool', () => {
    const random = pooledRandom();
    const draws = 200_000; // ~195 refills of 1,024 numbers
    const counts = new Array<number>(32).fill(0);
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) outside += 1;
      else counts[Math.floor(x * 32)]! += 1;
    }
    expect(outside).toBe(0);
    // Binomial: 6,250 expected per character, sd ~78; 6 sd allowed.
    for (const count of counts) expect(Math.abs(count - draws / 32)).toBeLessThan(6 * 78);
    // Two generators do not repeat each other (each draws from the system's generator).
    const [a, b] = [pooledRandom(), pooledRandom()];
    expect(Array.from({ length: 8 }, a)).not.toEqual(Array.from({ length: 8 }, b));
  });
});
