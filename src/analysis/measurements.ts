import { categoricalVariation } from '../pipeline/fallback/categoricalVariation';
import { duplicates } from '../pipeline/fallback/duplicates';
import { outlierFigures } from '../pipeline/fallback/outliers';
import type { Scan } from '../pipeline/fallback/scan';
import { whitespaceCase } from '../pipeline/fallback/whitespaceCase';
import type { DatasetRef, IssueSpec } from '../pipeline/types';
import { columnShape, explainedOutliers, type MeasuredOutliers } from './rules/outliers';
import { runShared } from './sharedScan';

/**
 * What the detection rules measure on the whole dataset, as data rather than closures, so that a measurement
 * runs in whichever worker thread is free (detectionWork.ts): a heuristic fallback computation (TypeScript
 * equal to the pandas template) on some columns, the shape of a numeric column's tails and zeros, or which
 * accepted outlying columns' extremes derive from another's.
 */
export type Measurement =
  | { kind: 'computation'; type: keyof typeof COMPUTATIONS; columns: string[] }
  | { kind: 'columnShape'; column: string }
  | { kind: 'explainedOutliers'; accepted: MeasuredOutliers[] };

/** A measurement's outcome as plain data (it may cross threads): its value, or its error's name and message. */
export type Measured = { value: unknown } | { error: { name: string; message: string } };

/** The heuristic fallback's computations the rules measure with (outliers: its figures, without the examples, which read every column). */
const COMPUTATIONS = {
  duplicates,
  outliers: (issue: IssueSpec, dataset: DatasetRef) => outlierFigures(issue, dataset),
  categorical_variation: categoricalVariation,
  whitespace_case: whitespaceCase,
};

/** The columns a measurement reads first (none: every column, as whole-row duplicates do). */
export function measuredColumns(m: Measurement): string[] {
  switch (m.kind) {
    case 'computation':
      return m.columns;
    case 'columnShape':
      return [m.column];
    case 'explainedOutliers':
      return m.accepted.map((a) => a.name);
  }
}

/** Whether a measurement reads every column of the dataset (whole-row duplicates compare every column's values). */
export function readsEveryColumn(m: Measurement): boolean {
  return m.kind === 'computation' && m.type === 'duplicates';
}

function measure(m: Measurement, dataset: DatasetRef, scan: Scan): Promise<unknown> {
  switch (m.kind) {
    case 'computation':
      return COMPUTATIONS[m.type]({ id: 'detect', type: m.type, description: '', affectedColumns: m.columns }, dataset, scan);
    case 'columnShape':
      return columnShape(dataset, m.column);
    case 'explainedOutliers':
      return explainedOutliers(dataset, m.accepted);
  }
}

/** Runs the measurements in this thread, in shared passes over the dataset (sharedScan.ts), each failing on its own. */
export async function measureHere(dataset: DatasetRef, signal: AbortSignal, list: readonly Measurement[]): Promise<Measured[]> {
  const outcomes = await runShared(dataset, signal, list.map((m) => (scan: Scan) => measure(m, dataset, scan)));
  return outcomes.map((o) => (o.status === 'fulfilled' ? { value: o.value } : failed(o.reason)));
}

export function failed(err: unknown): Measured {
  const e = err as Error | undefined;
  return { error: { name: e?.name ?? 'Error', message: e?.message ?? String(err) } };
}

/** The value measured, or its error thrown again. */
export function valueOf(outcome: Measured): unknown {
  if ('error' in outcome) throw Object.assign(new Error(outcome.error.message), { name: outcome.error.name });
  return outcome.value;
}
