import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/util/random';

/** mulberry32 written over BigInt, modulo 2^32 at each step: an independent statement of the generator. */
function mulberry32Reference(seed: number): () => number {
  const M = 1n << 32n;
  const u32 = (x: bigint) => ((x % M) + M) % M;
  const imul = (x: bigint, y: bigint) => u32(x * y);
  let a = u32(BigInt(seed));
  return () => {
    a = u32(a + 0x6d2b79f5n);
    let t = a;
    t = imul(t ^ (t >> 15n), t | 1n);
    t = t ^ u32(t + imul(t ^ (t >> 7n), t | 61n));
    return Number(t ^ (t >> 14n)) / 2 ** 32;
  };
}

describe('seededRandom', () => {
  it('gives mulberry32 numbers, for seeds on both sides of 2^31', () => {
    for (const seed of [0, 1, 42, 2 ** 31 - 1, 2 ** 31, 3_000_000_000, 2 ** 32 - 1]) {
      const ours = seededRandom(seed);
      const reference = mulberry32Reference(seed);
      const a = Array.from({ length: 2000 }, ours);
      const b = Array.from({ length: 2000 }, reference);
      expect(a).toEqual(b);
    }
  });
});
