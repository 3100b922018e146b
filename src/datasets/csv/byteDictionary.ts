/**
 * Distinct byte strings, each numbered in order of first appearance, found by their bytes: a field is
 * looked up without being decoded into a string. An open-addressing table on typed arrays whose slots hold
 * an entry's number beside its hash, so that a probe reads one cache line (mostly distinct columns make
 * every lookup a cache miss); the bytes of every entry are kept in one arena. Strings of up to 8 bytes
 * (most fields) are also kept packed in two integers, compared without a loop.
 */
export class ByteDictionary {
  size = 0;
  /** True when the last {@link code} call added its bytes. */
  added = false;
  /** Pairs (entry number + 1, hash); 0 marks a free slot. */
  private slots = new Int32Array(32);
  private hashes = new Int32Array(8);
  private low = new Int32Array(8);
  private high = new Int32Array(8);
  private offsets = new Int32Array(9);
  private arena = new Uint8Array(64);

  /** The bytes the entries hold. */
  get bytes() {
    return this.offsets[this.size]!;
  }

  /** The number of bytes [start, end) of `bytes`, adding them when new. */
  code(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    let low = 0;
    let high = 0;
    let h: number;
    if (length <= 8) {
      const middle = length < 4 ? end : start + 4;
      let i = start;
      for (; i < middle; i++) low = (low << 8) | bytes[i]!;
      for (; i < end; i++) high = (high << 8) | bytes[i]!;
      h = Math.imul(low ^ Math.imul(high ^ length, 0x9e3779b1), 0x85ebca6b);
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
        if (this.offsets[code + 1]! - this.offsets[code]! === length && (length <= 8 ? this.low[code] === low && this.high[code] === high : this.equals(code, bytes, start, end))) {
          this.added = false;
          return code;
        }
      }
      slot = (slot + 1) & mask;
    }
    this.added = true;
    return this.add(slot, h, low, high, bytes, start, end);
  }

  private equals(code: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.offsets[code]! - start;
    const arena = this.arena;
    for (let i = start; i < end; i++) if (arena[from + i] !== bytes[i]) return false;
    return true;
  }

  private add(slot: number, hash: number, low: number, high: number, bytes: Uint8Array, start: number, end: number): number {
    const code = this.size;
    if (code + 1 === this.hashes.length) {
      const size = this.hashes.length * 2;
      this.hashes = grown(this.hashes, size);
      this.low = grown(this.low, size);
      this.high = grown(this.high, size);
      this.offsets = grown(this.offsets, size + 1);
    }
    const from = this.offsets[code]!;
    const to = from + (end - start);
    if (to > this.arena.length) this.arena = grown(this.arena, Math.max(this.arena.length * 2, to));
    for (let i = start; i < end; i++) this.arena[from + i - start] = bytes[i]!;
    this.offsets[code + 1] = to;
    this.hashes[code] = hash;
    this.low[code] = low;
    this.high[code] = high;
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
