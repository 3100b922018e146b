/**
 * Codes rows by their text exactly (equal texts, equal codes; codes in order of first appearance) when most
 * texts are distinct, as in an id column: rows are sorted by a 32-bit hash of their text (two 16-bit radix
 * passes, which read memory in order), and only rows whose hashes are equal are compared as texts. With a
 * million mostly distinct rows this is a few times faster than a hash table, whose every lookup misses the
 * cache. `hashes` holds each row's hash; `textOf(row)` is called for rows sharing a hash and once per code.
 */
export function codeRowsExactly(hashes: Int32Array, textOf: (row: number) => string): { values: string[]; codes: Int32Array } {
  const rows = hashes.length;
  const { order, sorted } = rowsByHash(hashes);
  const first = new Int32Array(rows);
  for (let i = 0; i < rows; ) {
    let j = i + 1;
    while (j < rows && sorted[j] === sorted[i]) j++;
    if (j - i === 1) first[order[i]!] = order[i]!;
    else {
      // Rows in a run are in ascending order (the sort is stable): the first with a text is its first row.
      const firstWith = new Map<string, number>();
      for (let k = i; k < j; k++) {
        const row = order[k]!;
        const text = textOf(row);
        const seen = firstWith.get(text);
        if (seen === undefined) firstWith.set(text, row);
        first[row] = seen ?? row;
      }
    }
    i = j;
  }
  let distinct = 0;
  for (let row = 0; row < rows; row++) if (first[row] === row) distinct += 1;
  const values = new Array<string>(distinct);
  const codes = new Int32Array(rows);
  let next = 0;
  for (let row = 0; row < rows; row++) {
    if (first[row] === row) {
      codes[row] = next;
      values[next++] = textOf(row);
    } else codes[row] = codes[first[row]!]!;
  }
  return { values, codes };
}

/** Row numbers ordered by hash (as unsigned), rows with equal hashes in ascending order, and the hashes in that order. */
function rowsByHash(hashes: Int32Array): { order: Int32Array; sorted: Int32Array } {
  const rows = hashes.length;
  const counts = new Int32Array(65537);
  const pass = (from: Int32Array, rowOf: (k: number) => number, shift: number) => {
    const order = new Int32Array(rows);
    const sorted = new Int32Array(rows);
    counts.fill(0);
    for (let k = 0; k < rows; k++) counts[((from[k]! >>> shift) & 0xffff) + 1]! += 1;
    for (let d = 0; d < 65536; d++) counts[d + 1]! += counts[d]!;
    for (let k = 0; k < rows; k++) {
      const at = counts[(from[k]! >>> shift) & 0xffff]!++;
      order[at] = rowOf(k);
      sorted[at] = from[k]!;
    }
    return { order, sorted };
  };
  const byLow = pass(hashes, (k) => k, 0);
  return pass(byLow.sorted, (k) => byLow.order[k]!, 16);
}

/** A 32-bit hash of bytes [start, end) (FNV-1a, then a final mix so that the low bits vary too). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 13);
}
