import Papa from 'papaparse';
import type { SamplePool } from '../datasets/samplePool';
import { issueTypeModule } from '../issueTypes/registry';
import { seedFrom, seededRandom, shuffled } from '../util/random';
import type { DatasetRef, IssueSpec, Sample } from './types';

export interface SampleBudget {
  /** Tokens, estimated at 2 characters per token. */
  tokens: number;
  minRows: number;
  maxRows: number;
}

export interface Sampler {
  sample(dataset: DatasetRef, issue: IssueSpec, budget: SampleBudget): Promise<Sample>;
}

/** Draws one sample: on this thread from a loaded pool (drawFromPools), or in a worker thread (the app). */
export type SampleDrawer = (dataset: DatasetRef, issue: IssueSpec, budget: SampleBudget) => Promise<Sample>;

/** Samples drawn on this thread from the pools `pools` loads. */
export function drawFromPools(pools: { pool(dataset: DatasetRef): Promise<SamplePool> }): SampleDrawer {
  return async (dataset, issue, budget) => drawSample(await pools.pool(dataset), dataset, issue, budget);
}

export const CHARS_PER_TOKEN = 2;
const TRUNCATION_MARK = '…';
const SAMPLE_CACHE_SIZE = 256;

/**
 * Samples drawn from the dataset's pool (drawSample), remembered: they are deterministic, so the same
 * dataset, issue type, columns and budget reuse one.
 */
export class PoolSampler implements Sampler {
  private readonly cache = new Map<string, Promise<Sample>>();

  constructor(private readonly draw: SampleDrawer) {}

  sample(dataset: DatasetRef, issue: IssueSpec, budget: SampleBudget): Promise<Sample> {
    const key = JSON.stringify([dataset.id, issue.type, issue.affectedColumns, budget]);
    let sample = this.cache.get(key);
    if (!sample) {
      sample = this.draw(dataset, issue, budget);
      sample.catch(() => this.cache.delete(key));
      this.cache.set(key, sample);
      if (this.cache.size > SAMPLE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return sample;
  }
}

/**
 * Draws a seeded, representative sample from the dataset's pool: up to half of the rows are ones that
 * show the issue (missing cells, extreme values, repeated keys, rare spellings), the rest uniform. The
 * sample is the same for the same dataset and issue. It never exceeds the token budget: rows are dropped
 * first (down to `minRows`), then long cells are cut, then columns the issue doesn't name.
 */
export function drawSample(pool: SamplePool, dataset: DatasetRef, issue: IssueSpec, budget: SampleBudget): Sample {
  const rows = new Map(pool.rows);
  const random = seededRandom(seedFrom(dataset.sha256, issue.type, ...issue.affectedColumns));
  const target = Math.min(budget.maxRows, pool.uniform.length + rows.size);

  const showing = shuffled([...rowsShowingIssue(pool, rows, dataset, issue)], random);
  const showingSet = new Set(showing);
  const uniform = shuffled(
    pool.uniform.filter((i) => !showingSet.has(i)),
    random,
  );
  const fromShowing = Math.max(Math.ceil(target / 2), target - uniform.length);
  const priority = [...showing.slice(0, fromShowing), ...uniform].slice(0, target);

  const budgetChars = budget.tokens * CHARS_PER_TOKEN;
  let columns = pool.header.map((_, i) => i);
  let cellCap = Infinity;
  let chosen = fitRows(priority, rows, pool.header, columns, cellCap, budgetChars);
  const minRows = Math.min(budget.minRows, priority.length);
  if (chosen.length < minRows) {
    // Even the minimum doesn't fit: cut long cells shorter and shorter, then drop the columns the issue
    // doesn't name, last first, until the minimum does.
    const base = priority.slice(0, minRows);
    for (cellCap = 256; cellCap > 8 && chosen.length < minRows; cellCap = Math.floor(cellCap / 2)) {
      chosen = fitRows(base, rows, pool.header, columns, cellCap, budgetChars);
    }
    if (chosen.length < minRows) {
      const named = new Set(issue.affectedColumns);
      columns = [...columns.filter((c) => named.has(pool.header[c]!)), ...columns.filter((c) => !named.has(pool.header[c]!))];
      columns = fitColumns(base, rows, pool.header, columns, cellCap, budgetChars);
      chosen = fitRows(base, rows, pool.header, columns, cellCap, budgetChars);
    }
  }
  const ordered = chosen.sort((a, b) => a - b);
  const csv = render(ordered, rows, pool.header, columns, cellCap);
  return {
    rows: ordered.length,
    estimatedTokens: Math.ceil(csv.length / CHARS_PER_TOKEN),
    csv,
    rowIndices: ordered,
  };
}

/** Rows that show the issue, as the issue type's module finds them; a type without a rule: every kind of interesting row. */
function rowsShowingIssue(
  pool: SamplePool,
  rows: Map<number, string[]>,
  dataset: DatasetRef,
  issue: IssueSpec,
): Set<number> {
  const columns = issue.affectedColumns.filter((c) => pool.header.includes(c));
  const positions = columns.map((c) => pool.header.indexOf(c));
  const listed = (lists: Record<string, number[]>) => columns.flatMap((c) => lists[c] ?? []);
  const showing = issueTypeModule(issue.type)?.showingRows;
  if (showing) return new Set(showing({ pool, rows, dataset, columns, positions, listed }));
  return new Set([...listed(pool.nullRows), ...listed(pool.extremes), ...listed(pool.valueFirstRows)]);
}

/** The longest prefix of `priority` whose rendering fits in `budgetChars`. */
function fitRows(
  priority: number[],
  rows: Map<number, string[]>,
  header: string[],
  columns: number[],
  cellCap: number,
  budgetChars: number,
): number[] {
  let used = renderLine(['row_index', ...columns.map((c) => header[c]!)]).length + 1;
  const out: number[] = [];
  for (const i of priority) {
    const line = renderLine([String(i), ...columns.map((c) => cut(rows.get(i)![c]!, cellCap))]);
    if (used + line.length + 1 > budgetChars) break;
    used += line.length + 1;
    out.push(i);
  }
  return out;
}

/**
 * The longest prefix of `columns` (at least one) with which every row of `base` fits in `budgetChars`, in
 * one pass over the columns' rendered widths: a CSV line is its fields, each quoted on its own, joined by
 * commas. (Dropping one column at a time and rendering again took 21 minutes on 60,000 columns.)
 */
function fitColumns(base: number[], rows: Map<number, string[]>, header: string[], columns: number[], cellCap: number, budgetChars: number): number[] {
  let used = renderLine(['row_index']).length + 1 + base.reduce((n, i) => n + renderLine([String(i)]).length + 1, 0);
  const kept: number[] = [];
  for (const c of columns) {
    const cells = [header[c]!, ...base.map((i) => cut(rows.get(i)![c]!, cellCap))];
    const width = cells.reduce((n, cell) => n + renderLine([cell]).length + 1, 0);
    if (kept.length && used + width > budgetChars) break;
    used += width;
    kept.push(c);
  }
  return kept;
}

function render(
  indices: number[],
  rows: Map<number, string[]>,
  header: string[],
  columns: number[],
  cellCap: number,
): string {
  const lines = [renderLine(['row_index', ...columns.map((c) => header[c]!)])];
  for (const i of indices) lines.push(renderLine([String(i), ...columns.map((c) => cut(rows.get(i)![c]!, cellCap))]));
  return `${lines.join('\n')}\n`;
}

function renderLine(fields: string[]): string {
  return Papa.unparse([fields], { newline: '\n' });
}

function cut(value: string, cap: number): string {
  return value.length <= cap ? value : value.slice(0, Math.max(1, cap)) + TRUNCATION_MARK;
}
