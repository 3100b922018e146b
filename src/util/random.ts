import { createHash } from 'node:crypto';

/**
 * A small seeded PRNG (mulberry32): samples are reproducible for the same dataset and issue. An object, so
 * that every generator calls the same `next`: code optimized while calling one generator's closure would be
 * thrown away at the next generator's, a new call target (each upload's sample pool makes one).
 */
export class SeededRandom {
  // Kept as a signed 32-bit integer, the same bits as mulberry32's unsigned one (every use below reads it as
  // int32): an unsigned value above 2^31 would be boxed on the heap at each call.
  private a: number;

  constructor(seed: number) {
    this.a = seed | 0;
  }

  /** The next number in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** A {@link SeededRandom}'s numbers as a function. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

export function seedFrom(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
