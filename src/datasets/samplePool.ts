import { seededRandom } from '../util/random';
import { detached, isMissing, toNumber } from './pandasSemantics';

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
  private firstRows: Array<Map<string, [number, string[]]> | null> = [];

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  onHeader(columns: string[]) {
    this.header = columns;
    this.capacity = Math.max(200, Math.min(20_000, Math.floor(POOL_CHARS / (columns.length * 12))));
    this.nulls = columns.map(() => new Reservoir(NULL_ROWS_PER_COLUMN, this.random));
    this.lows = columns.map(() => new Extremes(EXTREMES_PER_SIDE, (a, b) => a < b));
    this.highs = columns.map(() => new Extremes(EXTREMES_PER_SIDE, (a, b) => a > b));
    this.firstRows = columns.map(() => new Map());
  }

  add(fields: string[], row: number) {
    let kept: [number, string[]] | null = null;
    // Rows are copied only when kept, so the pool never holds on to the parser's chunks.
    const entry = () => (kept ??= [row, fields.map(detached)]);
    this.seen += 1;
    if (this.uniform.length < this.capacity) this.uniform.push(entry());
    else {
      const j = Math.floor(this.random() * this.seen);
      if (j < this.capacity) this.uniform[j] = entry();
    }
    for (let c = 0; c < fields.length; c++) {
      const raw = fields[c]!;
      if (isMissing(raw)) {
        this.nulls[c]!.offer(entry);
        continue;
      }
      const x = toNumber(raw);
      if (!Number.isNaN(x)) {
        this.lows[c]!.offer(x, entry);
        this.highs[c]!.offer(x, entry);
      }
      const first = this.firstRows[c];
      if (first && !first.has(raw)) {
        if (first.size >= LOW_CARDINALITY) this.firstRows[c] = null;
        else first.set(detached(raw), entry());
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
    const valueFirstRows = perColumn((c) => [...(this.firstRows[c]?.values() ?? [])]);
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
  offer(entry: () => [number, string[]]) {
    this.seen += 1;
    if (this.items.length < this.size) this.items.push(entry());
    else {
      const j = Math.floor(this.random() * this.seen);
      if (j < this.size) this.items[j] = entry();
    }
  }
}

/** The `size` most extreme values seen, by `better`. */
class Extremes {
  private items: Array<{ value: number; entry: [number, string[]] }> = [];
  constructor(
    private readonly size: number,
    private readonly better: (a: number, b: number) => boolean,
  ) {}
  offer(value: number, entry: () => [number, string[]]) {
    const worst = this.items[this.items.length - 1];
    if (this.items.length >= this.size && worst && !this.better(value, worst.value)) return;
    let i = this.items.length;
    while (i > 0 && this.better(value, this.items[i - 1]!.value)) i--;
    this.items.splice(i, 0, { value, entry: entry() });
    if (this.items.length > this.size) this.items.pop();
  }
  entries() {
    return this.items.map((x) => x.entry);
  }
}
