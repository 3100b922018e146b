import { describe, expect, it } from 'vitest';
import { ByteDictionary, viewOf } from '../src/datasets/csv/byteDictionary';
import { seededRandom } from '../src/util/random';

/**
 * Byte strings that differ from one another in one byte, in length alone, or only by zero bytes: what a
 * lookup that skipped a byte, or compared packed bytes without their length, would confuse (strings of up to
 * 16 bytes are compared packed in four integers).
 */
function nearbyStrings(random: () => number): Buffer[] {
  const alphabet = [0, 1, 44, 48, 49, 97, 98, 255];
  const byte = () => alphabet[Math.floor(random() * alphabet.length)]!;
  const out: Buffer[] = [];
  for (let length = 0; length <= 40; length++) {
    for (let base = 0; base < 3; base++) {
      const bytes = Buffer.from(Array.from({ length }, byte));
      out.push(bytes, Buffer.concat([bytes, Buffer.from([0])]), Buffer.concat([Buffer.from([0]), bytes]));
      for (let p = 0; p < length; p++) {
        const changed = Buffer.from(bytes);
        changed[p] = changed[p] === 0 ? 1 : 0;
        out.push(changed);
      }
    }
  }
  return out;
}

describe('ByteDictionary', () => {
  it('numbers byte strings in order of first appearance, as a Map of their texts does', () => {
    const random = seededRandom(7);
    const distinct = nearbyStrings(random);
    // Each string looked up several times, at an offset inside a larger buffer: with room after it (read four
    // bytes at a time) or at the buffer's very end (read byte by byte), the same string either way.
    const lookups = Array.from({ length: 30_000 }, () => distinct[Math.floor(random() * distinct.length)]!);
    const dictionary = new ByteDictionary();
    const oracle = new Map<string, number>();
    for (const bytes of lookups) {
      const after = random() < 0.5 ? Buffer.from('q'.repeat(16)) : Buffer.alloc(0);
      const padded = Buffer.concat([Buffer.from('xyz'), bytes, after]);
      const key = bytes.toString('latin1');
      const expected = oracle.get(key) ?? oracle.size;
      const isNew = !oracle.has(key);
      oracle.set(key, expected);
      expect(dictionary.code(padded, 3, 3 + bytes.length, viewOf(padded))).toBe(expected);
      expect(dictionary.added).toBe(isNew);
    }
    expect(dictionary.size).toBe(oracle.size);
    expect(dictionary.bytes).toBe([...oracle.keys()].reduce((sum, key) => sum + key.length, 0));
  });

  it('tells apart strings of the same bytes but for zero bytes or length', () => {
    const dictionary = new ByteDictionary();
    const variants = ['', '\0', '\0\0', 'a', '\0a', 'a\0', 'abcd', '\0abcd', 'abcd\0', 'abcdefghijklmnop', '\0bcdefghijklmnop', 'abcdefghijklmnopq', 'abcdefghijklmnop\0'];
    const lookUp = (v: string) => {
      const bytes = Buffer.from(v, 'latin1');
      return dictionary.code(bytes, 0, v.length, viewOf(bytes));
    };
    const codes = variants.map(lookUp);
    expect(codes).toEqual(variants.map((_, i) => i));
    expect(variants.map(lookUp)).toEqual(codes);
  });
});
