/** Numbers the distinct pairs of ints in order of first appearance (open addressing on typed arrays), up to `expected` pairs. */
export class PairIds {
  private firsts: Int32Array;
  private seconds: Int32Array;
  private slots: Int32Array;
  size = 0;

  constructor(expected: number) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this.slots = new Int32Array(capacity).fill(-1);
    this.firsts = new Int32Array(capacity / 2);
    this.seconds = new Int32Array(capacity / 2);
  }

  id(a: number, b: number): number {
    const mask = this.slots.length - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0) break;
      if (this.firsts[id] === a && this.seconds[id] === b) return id;
      slot = (slot + 1) & mask;
    }
    if (this.size === this.firsts.length) throw new Error(`PairIds: more than the ${this.firsts.length} pairs it was made for`);
    const id = this.size++;
    this.slots[slot] = id;
    this.firsts[id] = a;
    this.seconds[id] = b;
    return id;
  }
}
