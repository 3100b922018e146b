import type { InvestigationRow, InvestigationStatus, RunRow, RunStatus } from '../db/schema';
import type { JournalChange, UnnumberedEvent } from '../db/store';

export interface RunSummary {
  total: number;
  succeeded: number;
  failed: number;
  fallback: number;
  cancelled: number;
  pending: number;
  running: number;
  confirmed: number;
  refuted: number;
  inconclusive: number;
}

export function summarize(investigations: Pick<InvestigationRow, 'status' | 'method' | 'verdict'>[]): RunSummary {
  const count = (p: (i: (typeof investigations)[number]) => boolean) => investigations.filter(p).length;
  return {
    total: investigations.length,
    succeeded: count((i) => i.status === 'SUCCEEDED'),
    failed: count((i) => i.status === 'FAILED'),
    fallback: count((i) => i.status === 'SUCCEEDED' && i.method === 'HEURISTIC'),
    cancelled: count((i) => i.status === 'CANCELLED'),
    pending: count((i) => i.status === 'PENDING'),
    running: count((i) => i.status === 'RUNNING'),
    confirmed: count((i) => i.verdict?.status === 'CONFIRMED'),
    refuted: count((i) => i.verdict?.status === 'REFUTED'),
    inconclusive: count((i) => i.verdict?.status === 'INCONCLUSIVE'),
  };
}

const OPEN: InvestigationStatus[] = ['PENDING', 'RUNNING'];
const ENDED: InvestigationStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/**
 * How a run ends once none of its investigations is open: all succeeded, none, or some; a run asked to
 * stop ends so when the stop ended something (cancelled investigations, or failed ones when interrupted).
 */
export function runOutcome(summary: RunSummary, stopRequested: RunRow['stopRequested']): RunStatus {
  if (summary.cancelled > 0 || (stopRequested === 'INTERRUPTED' && summary.failed > 0)) return stopRequested ?? 'CANCELLED';
  return summary.succeeded === summary.total ? 'SUCCEEDED' : summary.succeeded === 0 ? 'FAILED' : 'PARTIAL';
}

/** Whether a journal entry can move the run's window or end it: it starts or stops the run, or ends an investigation. */
export function movesWindow(change: JournalChange): boolean {
  return (
    change.run?.status === 'RUNNING' ||
    change.run?.stopRequested != null ||
    (change.investigations ?? []).some(({ patch }) => patch.status !== undefined && ENDED.includes(patch.status))
  );
}

/** What the window is decided from, of each of the run's investigations. */
export type WindowInvestigation = Pick<InvestigationRow, 'id' | 'status' | 'queuedAt' | 'position' | 'method' | 'verdict'>;

export interface WindowStep {
  /** Investigations to queue now, in order. */
  queue: string[];
  /** The run's end, when nothing of it is open any more. */
  finish: RunStatus | null;
}

/**
 * The run's window, decided from its state after a journal entry: at most `concurrency` investigations
 * queued or running at once, taken in input order; nothing new once the run is asked to stop; the run ends
 * with the entry that ends its last open investigation. Every store applies it inside that entry's
 * transaction, so concurrent entries (from any process) cannot both take the same place.
 */
export function windowStep(run: Pick<RunRow, 'status' | 'concurrency' | 'stopRequested'>, investigations: WindowInvestigation[]): WindowStep {
  if (run.status !== 'QUEUED' && run.status !== 'RUNNING') return { queue: [], finish: null };
  const open = investigations.filter((i) => OPEN.includes(i.status));
  if (!open.length) return { queue: [], finish: runOutcome(summarize(investigations), run.stopRequested) };
  if (run.status !== 'RUNNING' || run.stopRequested) return { queue: [], finish: null };
  const free = run.concurrency - open.filter((i) => i.queuedAt).length;
  const waiting = open.filter((i) => i.status === 'PENDING' && !i.queuedAt).sort((a, b) => a.position - b.position);
  return { queue: waiting.slice(0, Math.max(0, free)).map((i) => i.id), finish: null };
}

/** The event that ends a run, written in the same entry as its last investigation's end. */
export function runFinishedEvent(runId: string, status: RunStatus, summary: RunSummary, timestamp: Date): UnnumberedEvent {
  return {
    runId,
    investigationId: null,
    type: 'RUN_FINISHED',
    message: `Run ${status.toLowerCase()}: ${summary.succeeded} of ${summary.total} investigations succeeded`,
    timestamp,
    data: { status, summary },
  };
}

/** What a store writes for the window's step after an entry, from the run's state within that entry's transaction. */
export function windowWrites<T extends WindowInvestigation>(
  run: RunRow,
  investigations: T[],
  now: Date,
): { queued: T[]; finishEvent: UnnumberedEvent | null; runPatch: Pick<RunRow, 'status' | 'finishedAt'> | null } {
  const step = windowStep(run, investigations);
  const queued = step.queue.map((id) => ({ ...investigations.find((i) => i.id === id)!, queuedAt: now }));
  if (!step.finish) return { queued, finishEvent: null, runPatch: null };
  return { queued, finishEvent: runFinishedEvent(run.id, step.finish, summarize(investigations), now), runPatch: { status: step.finish, finishedAt: now } };
}
