import { SeededRandom } from '../util/random';
import { isDictionaryChunk, valueAt, type CsvChunk } from './csv/columnChunker';
import { MISSING, type ValueClasses } from './valueClasses';

/**
 * A bounded set of rows kept at upload, from which each investigation's token-budgeted sample is drawn
 * without reading the dataset again: a seeded uniform reservoir, plus the rows that tend to show issues
 * (missing values per column, numeric extremes per column, one row per distinct value of low-cardinality
 * columns).
 */
export interface SamplePool {
  header: string[];
  /** Every row the pool refers to: [row index, raw fields]. */
  rows: Array<[number, string[]]>;
  uniform: number[];
  nullRows: Record<string, number[]>;
  extremes: Record<string, number[]>;
  valueFirstRows: Record<string, number[]>;
}

const POOL_CHARS = 1_200_000;
const NULL_ROWS_PER_COLUMN = 50;
const EXTREMES_PER_SIDE = 10;
const LOW_CARDINALITY = 200;
const MAX_UNIFORM_ROWS = 20_000;

export class SamplePoolBuilder {
  private readonly random: SeededRandom;
  private header: string[] = [];
  private capacity = 0;
  private seen = 0;
  private uniform = new UniformRows(0, 0);
  private nulls: Reservoir[] = [];
  private lows: Extremes[] = [];
  private highs: Extremes[] = [];
  private firstRows: Array<Array<[number, string[]]> | null> = [];
  private nextCodes: number[] = [];
  /** The uniform reservoir's next row, as a count of rows seen (Li's algorithm L: the rows between are skipped), and its weight. */
  private nextPick = 0;
  private weight = 1;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  onHeader(columns: string[]) {
    this.header = columns;
    this.capacity = Math.max(200, Math.min(MAX_UNIFORM_ROWS, Math.floor(POOL_CHARS / (columns.length * 12))));
    this.uniform = new UniformRows(this.capacity, columns.length);
    this.nulls = columns.map(() => new Reservoir(NULL_ROWS_PER_COLUMN, this.random));
    this.lows = columns.map(() => new Extremes(EXTREMES_PER_SIDE, true));
    this.highs = columns.map(() => new Extremes(EXTREMES_PER_SIDE, false));
    this.firstRows = columns.map(() => []);
    this.nextCodes = columns.map(() => 0);
  }

  /** A chunk of rows as read at upload, each column's values classified in `classes`; column by column. */
  addChunk(chunk: CsvChunk, classes: ValueClasses[]) {
    const rows = new ChunkRows(chunk);
    const before = this.seen;
    this.seen += chunk.rows;
    const uniform = this.uniform;
    uniform.onChunk(chunk);
    // The reservoir's first rows fill it; then the rows Li's algorithm picks replace random ones, put in the
    // order picked (a slot picked twice keeps the later row).
    const fill = Math.min(chunk.rows, this.capacity - uniform.size);
    if (fill > 0) {
      uniform.putFirst(chunk, fill);
      if (uniform.size === this.capacity) this.skipAhead(before + fill);
    }
    const slots: number[] = [];
    const picked: number[] = [];
    while (this.nextPick && this.nextPick <= this.seen) {
      slots.push(Math.floor(this.random.next() * this.capacity));
      picked.push(this.nextPick - 1 - before);
      this.skipAhead(this.nextPick);
    }
    if (slots.length) uniform.replace(slots, picked, chunk);
    classes.forEach((values, c) => this.addColumn(c, values, rows, chunk.rows));
  }

  /** Once the reservoir is full at row count `at`: the row count at which it next takes a row (each row has taken capacity / seen's chance). */
  private skipAhead(at: number) {
    // 1 - random(): in (0, 1]
    this.weight *= Math.exp(Math.log(1 - this.random.next()) / this.capacity);
    this.nextPick = at + Math.floor(Math.log(1 - this.random.next()) / Math.log1p(-this.weight)) + 1;
  }

  private addColumn(c: number, values: ValueClasses, rows: ChunkRows, count: number) {
    const { kinds, numbers } = values;
    const codes = values.rowCodes;
    const nulls = this.nulls[c]!;
    const lows = this.lows[c]!;
    const highs = this.highs[c]!;
    if (!codes) this.firstRows[c] = null;
    const first = this.firstRows[c];
    // Nothing missing, no numbers and no new values: no row of this column is kept for it.
    if (!values.anyMissing && !values.anyNumber && !(first && values.added > 0)) return;
    // What a row is compared with, in locals (read again after a row has changed them): the loop runs for every row.
    let lowBar = lows.full ? lows.bar : Number.NaN;
    let highBar = highs.full ? highs.bar : Number.NaN;
    let next = this.nextCodes[c]!;
    for (let r = 0; r < count; r++) {
      const i = codes ? codes[r]! : r;
      if (kinds[i] === MISSING) {
        nulls.offer(rows, r);
        // A missing value has its code too: the values after it are new ones still.
        if (i === next) next = i + 1;
        continue;
      }
      const x = numbers[i]!;
      // A bar is NaN while its list is not full: every number enters (!(x >= NaN) holds).
      // Compared here, and the value passed by its index: a number passed to a call is boxed, and the
      // boxing may be done before the comparison, for every row (200k rows: ~6 MB of garbage).
      if (x === x) {
        if (!(x >= lowBar)) {
          lows.offer(numbers, i, rows, r);
          if (lows.full) lowBar = lows.bar;
        }
        if (!(x <= highBar)) {
          highs.offer(numbers, i, rows, r);
          if (highs.full) highBar = highs.bar;
        }
      }
      // Codes number a column's values in order of first appearance: a row whose code is the next one holds a new value.
      if (i === next) {
        next = i + 1;
        if (!first || this.firstRows[c] === null) continue;
        if (first.length >= LOW_CARDINALITY) this.firstRows[c] = null;
        else first.push(rows.entry(r));
      }
    }
    this.nextCodes[c] = next;
  }

  finish(): SamplePool {
    // The rows the other lists keep (a few hundred), then the uniform reservoir's (most), merged in row order.
    const listed = new Map<number, string[]>();
    const keep = (entries: Array<[number, string[]]>) =>
      entries.map(([i, fields]) => {
        listed.set(i, fields);
        return i;
      });
    const perColumn = (pick: (c: number) => Array<[number, string[]]>) =>
      Object.fromEntries(this.header.map((name, c) => [name, keep(pick(c))]));
    const nullRows = perColumn((c) => this.nulls[c]!.items);
    const extremes = perColumn((c) => [...this.lows[c]!.entries(), ...this.highs[c]!.entries()]);
    const valueFirstRows = perColumn((c) => this.firstRows[c] ?? []);
    const uniform = this.uniform.inRowOrder();
    return { header: this.header, rows: merged(uniform, listed), uniform: uniform.map(([i]) => i), nullRows, extremes, valueFirstRows };
  }
}

/** Both lists' rows in row order, each once: `sorted` is in row order; `others`, in any, may share rows with it. */
function merged(sorted: Array<[number, string[]]>, others: Map<number, string[]>): Array<[number, string[]]> {
  const rest = [...others.entries()].sort((a, b) => a[0] - b[0]);
  const rows: Array<[number, string[]]> = [];
  let k = 0;
  for (const entry of sorted) {
    while (k < rest.length && rest[k]![0] < entry[0]) rows.push(rest[k++]!);
    if (k < rest.length && rest[k]![0] === entry[0]) k++;
    rows.push(entry);
  }
  while (k < rest.length) rows.push(rest[k++]!);
  return rows;
}

/**
 * The uniform reservoir's rows, kept by column: a dictionary-encoded column's code, a column kept as texts
 * its text's bytes ({@link SlotTexts}); strings are made at the end, of the rows still there. Most rows a
 * reservoir takes are replaced later: taking one makes no object, and no string but a long text's.
 */
class UniformRows {
  size = 0;
  private readonly rowIndexes: Float64Array;
  /** Per column, each slot's code into `dictionaries[c]`, or -1 when its text is in `texts[c]` (made for a column once it is kept as texts). */
  private readonly codes: Int32Array[];
  private readonly texts: Array<SlotTexts | null>;
  /**
   * Per column, the values of its last dictionary-encoded chunk, which hold every earlier chunk's. A column
   * kept as texts from some chunk on keeps the dictionary it had then (bounded: csv/columnChunker.ts), which
   * the codes of its slots filled before index.
   */
  private readonly dictionaries: Array<readonly string[] | null>;

  constructor(capacity: number, width: number) {
    this.rowIndexes = new Float64Array(capacity);
    this.codes = Array.from({ length: width }, () => new Int32Array(capacity));
    this.texts = Array.from({ length: width }, () => null);
    this.dictionaries = Array.from({ length: width }, () => null);
  }

  /** Before a chunk's rows are put. */
  onChunk(chunk: CsvChunk) {
    chunk.columns.forEach((column, c) => {
      if (isDictionaryChunk(column)) this.dictionaries[c] = column.values;
    });
  }

  /** The chunk's first `count` rows into the next free slots. */
  putFirst(chunk: CsvChunk, count: number) {
    const from = this.size;
    for (let r = 0; r < count; r++) this.rowIndexes[from + r] = chunk.firstRow + r;
    chunk.columns.forEach((column, c) => {
      const codes = this.codes[c]!;
      if (isDictionaryChunk(column)) codes.set(column.codes.subarray(0, count), from);
      else {
        codes.fill(-1, from, from + count);
        const texts = (this.texts[c] ??= new SlotTexts(this.rowIndexes.length));
        for (let r = 0; r < count; r++) texts.set(from + r, column.bytes, column.offsets[r]!, column.offsets[r + 1]!);
      }
    });
    this.size += count;
  }

  /** Row `rows[k]` of the chunk into slot `slots[k]`, for each k in order (a slot named twice keeps the later row). */
  replace(slots: number[], rows: number[], chunk: CsvChunk) {
    for (let k = 0; k < slots.length; k++) this.rowIndexes[slots[k]!] = chunk.firstRow + rows[k]!;
    chunk.columns.forEach((column, c) => {
      const codes = this.codes[c]!;
      if (isDictionaryChunk(column)) {
        for (let k = 0; k < slots.length; k++) codes[slots[k]!] = column.codes[rows[k]!]!;
        return;
      }
      const texts = (this.texts[c] ??= new SlotTexts(this.rowIndexes.length));
      for (let k = 0; k < slots.length; k++) {
        const row = rows[k]!;
        codes[slots[k]!] = -1;
        texts.set(slots[k]!, column.bytes, column.offsets[row]!, column.offsets[row + 1]!);
      }
    });
  }

  /** The reservoir's rows in row order. */
  inRowOrder(): Array<[number, string[]]> {
    // Row index and slot in one number, sorted natively (a comparator costs more than the rest).
    const keys = new Float64Array(this.size);
    for (let slot = 0; slot < this.size; slot++) keys[slot] = this.rowIndexes[slot]! * SLOT_SPAN + slot;
    keys.sort();
    const rows = new Array<[number, string[]]>(this.size);
    for (let k = 0; k < this.size; k++) {
      const slot = keys[k]! % SLOT_SPAN;
      const fields = new Array<string>(this.codes.length);
      for (let c = 0; c < fields.length; c++) {
        const code = this.codes[c]![slot]!;
        fields[c] = code < 0 ? this.texts[c]!.text(slot) : this.dictionaries[c]![code]!;
      }
      rows[k] = [this.rowIndexes[slot]!, fields];
    }
    return rows;
  }
}

/**
 * The texts of a column's reservoir slots: each of up to SLOT_TEXT_BYTES as UTF-8 bytes in the slot's own
 * place in one buffer, a longer one as a string. A text taken and replaced before the end is never made a
 * string (a 200k-row upload's id column: ~50k strings, of which ~14k remain, each surviving a collection or
 * two and promoted before it died); long texts are few per megabyte, and kept as they were.
 */
class SlotTexts {
  private readonly bytes: Buffer;
  /** Per slot, its text's length in `bytes`; -1 when it is in `long`. */
  private readonly lengths: Int32Array;
  private readonly long = new Map<number, string>();

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafeSlow(capacity * SLOT_TEXT_BYTES);
    this.lengths = new Int32Array(capacity);
  }

  set(slot: number, from: Buffer, start: number, end: number) {
    const length = end - start;
    if (length > SLOT_TEXT_BYTES) {
      this.lengths[slot] = -1;
      this.long.set(slot, from.toString('utf8', start, end));
      return;
    }
    if (this.lengths[slot] === -1) this.long.delete(slot);
    this.lengths[slot] = length;
    // Short ids: a loop is cheaper than a call into C++.
    for (let i = start, to = slot * SLOT_TEXT_BYTES; i < end; i++) this.bytes[to++] = from[i]!;
  }

  text(slot: number): string {
    const length = this.lengths[slot]!;
    if (length < 0) return this.long.get(slot)!;
    return this.bytes.toString('utf8', slot * SLOT_TEXT_BYTES, slot * SLOT_TEXT_BYTES + length);
  }
}

/** The longest text a reservoir slot keeps as bytes (ids, UUIDs, codes, names, dates). */
const SLOT_TEXT_BYTES = 48;

/** More than any slot number (MAX_UNIFORM_ROWS). */
const SLOT_SPAN = 1 << 15;

class Reservoir {
  items: Array<[number, string[]]> = [];
  private seen = 0;
  constructor(
    private readonly size: number,
    private readonly random: SeededRandom,
  ) {}
  offer(rows: ChunkRows, row: number) {
    this.seen += 1;
    if (this.items.length < this.size) this.items.push(rows.entry(row));
    else {
      const j = Math.floor(this.random.next() * this.seen);
      if (j < this.size) this.items[j] = rows.entry(row);
    }
  }
}

/** The `size` lowest (or highest) values seen. */
class Extremes {
  private items: Array<{ value: number; entry: [number, string[]] }> = [];
  /** The value a new one must beat once the list is full. */
  bar = 0;
  full = false;
  constructor(
    private readonly size: number,
    private readonly lowest: boolean,
  ) {}
  /** Offered only a value that enters (`numbers[index]`): any while not `full`, else one beyond `bar`. */
  offer(numbers: Float64Array, index: number, rows: ChunkRows, row: number) {
    const value = numbers[index]!;
    let i = this.items.length;
    while (i > 0 && (this.lowest ? value < this.items[i - 1]!.value : value > this.items[i - 1]!.value)) i--;
    this.items.splice(i, 0, { value, entry: rows.entry(row) });
    if (this.items.length > this.size) this.items.pop();
    this.full = this.items.length === this.size;
    this.bar = this.items[this.items.length - 1]!.value;
  }
  entries() {
    return this.items.map((x) => x.entry);
  }
}

/** A chunk's rows, made strings only when kept, and once however many lists keep them. */
class ChunkRows {
  private readonly kept = new Map<number, [number, string[]]>();
  constructor(private readonly chunk: CsvChunk) {}

  entry(row: number): [number, string[]] {
    let entry = this.kept.get(row);
    if (!entry) this.kept.set(row, (entry = [this.chunk.firstRow + row, this.chunk.columns.map((column) => valueAt(column, row))]));
    return entry;
  }
}
