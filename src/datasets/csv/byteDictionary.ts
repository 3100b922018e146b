/**
 * Distinct byte strings, each numbered in order of first appearance, found by their bytes: a field is
 * looked up without being decoded into a string. An open-addressing table on typed arrays whose slots hold
 * an entry's number beside its hash, so that a probe reads one cache line (mostly distinct columns make
 * every lookup a cache miss); the bytes of every entry are kept in one arena. Strings of up to 16 bytes
 * (most fields: numbers, dates, categories) are also kept packed in four integers, read four bytes at a
 * time and compared without a loop (a byte loop's exit mispredicts whenever lengths vary: dates and names
 * cost 35–40 ns a field that way, 20 ns packed).
 */
export class ByteDictionary {
  size = 0;
  /** True when the last {@link code} call added its bytes. */
  added = false;
  /** Pairs (entry number + 1, hash); 0 marks a free slot. */
  private slots = new Int32Array(32);
  private hashes = new Int32Array(8);
  /** Per entry of up to 16 bytes, its bytes packed in four integers (little-endian, zero past its length). */
  private words = new Int32Array(32);
  private offsets = new Int32Array(9);
  private arena = new Uint8Array(64);

  /** The bytes the entries hold. */
  get bytes() {
    return this.offsets[this.size]!;
  }

  /**
   * The number of bytes [start, end) of `bytes`, adding them when new; `view` is `viewOf(bytes)`, made
   * once by a caller that looks up many fields in one buffer.
   */
  code(bytes: Uint8Array, start: number, end: number, view: DataView): number {
    const length = end - start;
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    let h: number;
    if (length <= 8 && start + 8 <= view.byteLength) {
      w0 = view.getInt32(start, true) & MASKS[4 * length]!;
      w1 = view.getInt32(start + 4, true) & MASKS[4 * length + 1]!;
      h = Math.imul(w0 ^ Math.imul(w1 ^ length, 0x9e3779b1), 0x85ebca6b);
    } else if (length <= 16) {
      if (start + 16 <= view.byteLength) {
        w0 = view.getInt32(start, true) & MASKS[4 * length]!;
        w1 = view.getInt32(start + 4, true) & MASKS[4 * length + 1]!;
        w2 = view.getInt32(start + 8, true) & MASKS[4 * length + 2]!;
        w3 = view.getInt32(start + 12, true) & MASKS[4 * length + 3]!;
      } else {
        // Too near the buffer's end to read whole words: the same packing, byte by byte.
        for (let i = start; i < end; i++) {
          const k = i - start;
          const b = bytes[i]! << (8 * (k & 3));
          if (k < 4) w0 |= b;
          else if (k < 8) w1 |= b;
          else if (k < 12) w2 |= b;
          else w3 |= b;
        }
      }
      h = Math.imul(w0 ^ Math.imul(w1 ^ length, 0x9e3779b1), 0x85ebca6b);
      if (length > 8) h = Math.imul(h ^ w2 ^ Math.imul(w3, 0x27d4eb2f), 0x165667b1);
    } else {
      h = 0x811c9dc5 ^ length;
      for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 13;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const entry = slots[2 * slot]!;
      if (entry === 0) break;
      if (slots[2 * slot + 1] === h) {
        const code = entry - 1;
        if (this.offsets[code + 1]! - this.offsets[code]! === length && (length <= 16 ? this.packedEquals(code, length, w0, w1, w2, w3) : this.equals(code, bytes, start, end))) {
          this.added = false;
          return code;
        }
      }
      slot = (slot + 1) & mask;
    }
    this.added = true;
    return this.add(slot, h, w0, w1, w2, w3, bytes, start, end);
  }

  private packedEquals(code: number, length: number, w0: number, w1: number, w2: number, w3: number): boolean {
    const words = this.words;
    return words[4 * code] === w0 && words[4 * code + 1] === w1 && (length <= 8 || (words[4 * code + 2] === w2 && words[4 * code + 3] === w3));
  }

  private equals(code: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.offsets[code]! - start;
    const arena = this.arena;
    for (let i = start; i < end; i++) if (arena[from + i] !== bytes[i]) return false;
    return true;
  }

  private add(slot: number, hash: number, w0: number, w1: number, w2: number, w3: number, bytes: Uint8Array, start: number, end: number): number {
    const code = this.size;
    if (code + 1 === this.hashes.length) {
      const size = this.hashes.length * 2;
      this.hashes = grown(this.hashes, size);
      this.words = grown(this.words, 4 * size);
      this.offsets = grown(this.offsets, size + 1);
    }
    const from = this.offsets[code]!;
    const to = from + (end - start);
    if (to > this.arena.length) this.arena = grown(this.arena, Math.max(this.arena.length * 2, to));
    for (let i = start; i < end; i++) this.arena[from + i - start] = bytes[i]!;
    this.offsets[code + 1] = to;
    this.hashes[code] = hash;
    this.words[4 * code] = w0;
    this.words[4 * code + 1] = w1;
    this.words[4 * code + 2] = w2;
    this.words[4 * code + 3] = w3;
    this.slots[2 * slot] = code + 1;
    this.slots[2 * slot + 1] = hash;
    this.size = code + 1;
    if (this.size > this.slots.length >> 2) this.rehash();
    return code;
  }

  private rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let code = 0; code < this.size; code++) {
      const hash = this.hashes[code]!;
      let slot = hash & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = code + 1;
      slots[2 * slot + 1] = hash;
    }
    this.slots = slots;
  }
}

function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/** Per length 0–16, the masks keeping a field's bytes in each of its four words (little-endian), the rest zero. */
const MASKS = new Int32Array(17 * 4);
for (let length = 0; length <= 16; length++) {
  for (let w = 0; w < 4; w++) {
    const n = Math.max(0, Math.min(4, length - 4 * w));
    MASKS[4 * length + w] = n === 4 ? -1 : (1 << (8 * n)) - 1;
  }
}

/** A view of `bytes` for {@link ByteDictionary.code}, which reads four of them at once. */
export const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
