import { seededRandom } from '../util/random';
import { valueAt, type CsvChunk } from './csv/columnChunker';
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

export class SamplePoolBuilder {
  private readonly random: () => number;
  private header: string[] = [];
  private capacity = 0;
  private seen = 0;
  private uniform: Array<[number, string[]]> = [];
  private nulls: Reservoir[] = [];
  private lows: Extremes[] = [];
  private highs: Extremes[] = [];
  private firstRows: Array<Array<[number, string[]]> | null> = [];
  private nextCodes: number[] = [];

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  onHeader(columns: string[]) {
    this.header = columns;
    this.capacity = Math.max(200, Math.min(20_000, Math.floor(POOL_CHARS / (columns.length * 12))));
    this.nulls = columns.map(() => new Reservoir(NULL_ROWS_PER_COLUMN, this.random));
    this.lows = columns.map(() => new Extremes(EXTREMES_PER_SIDE, true));
    this.highs = columns.map(() => new Extremes(EXTREMES_PER_SIDE, false));
    this.firstRows = columns.map(() => []);
    this.nextCodes = columns.map(() => 0);
  }

  /** A chunk of rows as read at upload, each column's values classified in `classes`. */
  addChunk(chunk: CsvChunk, classes: ValueClasses[]) {
    const width = chunk.columns.length;
    const rowCodes = classes.map((c) => c.rowCodes);
    const current = new CurrentRow(chunk);
    for (let r = 0; r < chunk.rows; r++) {
      current.move(r);
      this.seen += 1;
      if (this.uniform.length < this.capacity) this.uniform.push(current.entry());
      else {
        const j = Math.floor(this.random() * this.seen);
        if (j < this.capacity) this.uniform[j] = current.entry();
      }
      for (let c = 0; c < width; c++) {
        const codes = rowCodes[c];
        const i = codes ? codes[r]! : r;
        const values = classes[c]!;
        if (values.kinds[i] === MISSING) {
          this.nulls[c]!.offer(current);
          continue;
        }
        const x = values.numbers[i]!;
        if (!Number.isNaN(x)) {
          this.lows[c]!.offer(x, current);
          this.highs[c]!.offer(x, current);
        }
        const first = this.firstRows[c];
        if (!first) continue;
        // Codes number a column's values in order of first appearance: a row whose code is the next one holds a new value.
        if (!codes) this.firstRows[c] = null;
        else if (i === this.nextCodes[c]) {
          this.nextCodes[c] = i + 1;
          if (first.length >= LOW_CARDINALITY) this.firstRows[c] = null;
          else first.push(current.entry());
        }
      }
    }
  }

  finish(): SamplePool {
    const rows = new Map<number, string[]>();
    const keep = (entries: Array<[number, string[]]>) =>
      entries.map(([i, fields]) => {
        rows.set(i, fields);
        return i;
      });
    const perColumn = (pick: (c: number) => Array<[number, string[]]>) =>
      Object.fromEntries(this.header.map((name, c) => [name, keep(pick(c))]));
    const uniform = keep(this.uniform).sort((a, b) => a - b);
    const nullRows = perColumn((c) => this.nulls[c]!.items);
    const extremes = perColumn((c) => [...this.lows[c]!.entries(), ...this.highs[c]!.entries()]);
    const valueFirstRows = perColumn((c) => this.firstRows[c] ?? []);
    return {
      header: this.header,
      rows: [...rows.entries()].sort((a, b) => a[0] - b[0]),
      uniform,
      nullRows,
      extremes,
      valueFirstRows,
    };
  }
}

class Reservoir {
  items: Array<[number, string[]]> = [];
  private seen = 0;
  constructor(
    private readonly size: number,
    private readonly random: () => number,
  ) {}
  offer(row: CurrentRow) {
    this.seen += 1;
    if (this.items.length < this.size) this.items.push(row.entry());
    else {
      const j = Math.floor(this.random() * this.seen);
      if (j < this.size) this.items[j] = row.entry();
    }
  }
}

/** The `size` lowest (or highest) values seen. */
class Extremes {
  private items: Array<{ value: number; entry: [number, string[]] }> = [];
  /** The value a new one must beat once the list is full. */
  private bar = 0;
  private full = false;
  constructor(
    private readonly size: number,
    private readonly lowest: boolean,
  ) {}
  offer(value: number, row: CurrentRow) {
    if (this.full && (this.lowest ? !(value < this.bar) : !(value > this.bar))) return;
    let i = this.items.length;
    while (i > 0 && (this.lowest ? value < this.items[i - 1]!.value : value > this.items[i - 1]!.value)) i--;
    this.items.splice(i, 0, { value, entry: row.entry() });
    if (this.items.length > this.size) this.items.pop();
    this.full = this.items.length === this.size;
    this.bar = this.items[this.items.length - 1]!.value;
  }
  entries() {
    return this.items.map((x) => x.entry);
  }
}

/** The row being read: it becomes strings only when kept, once however many lists keep it. */
class CurrentRow {
  private row = 0;
  private kept: [number, string[]] | null = null;
  constructor(private readonly chunk: CsvChunk) {}

  move(row: number) {
    this.row = row;
    this.kept = null;
  }

  entry(): [number, string[]] {
    const r = this.row;
    return (this.kept ??= [this.chunk.firstRow + r, this.chunk.columns.map((column) => valueAt(column, r))]);
  }
}

