import type { DashboardEventFragment, DashboardInvestigationFragment, DashboardProgressSubscription, DashboardRunQuery } from './gql/graphql';

export type RunDetail = NonNullable<DashboardRunQuery['run']>;
export type Investigation = DashboardInvestigationFragment;
export type ProgressEvent = DashboardEventFragment;
type LiveEvent = DashboardProgressSubscription['investigationProgress'];

/** A run as the page shows it: what the query returned, then every progress event applied in seq order. */
export interface RunState {
  run: RunDetail;
  lastSeq: number;
}

export function runState(run: RunDetail): RunState {
  return { run, lastSeq: run.events.reduce((max, event) => Math.max(max, event.seq), 0) };
}

/**
 * Applies one event; one already applied (a resubscription after a reconnect replays from afterSeq) changes
 * nothing. An event carries its investigation as it is now, so a card updates without another query.
 */
export function applyEvent(state: RunState, live: LiveEvent): RunState {
  if (live.seq <= state.lastSeq) return state;
  const { investigation, ...event } = live;
  const run: RunDetail = {
    ...state.run,
    events: [...state.run.events, event],
    investigations: investigation ? state.run.investigations.map((i) => (i.id === investigation.id ? investigation : i)) : state.run.investigations,
  };
  return { run, lastSeq: live.seq };
}

export function eventsOf(run: RunDetail, investigationId: string | null): ProgressEvent[] {
  return run.events.filter((event) => event.investigationId === investigationId);
}

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** The run's counts from its investigations as they are now (the page reads the run's stored summary only at its end). */
export function liveSummary(run: RunDetail) {
  const verdicts = (status: string) => run.investigations.filter((i) => i.verdict?.status === status).length;
  return {
    total: run.investigations.length,
    finished: run.investigations.filter((i) => FINISHED.has(i.status)).length,
    failed: run.investigations.filter((i) => i.status === 'FAILED').length,
    confirmed: verdicts('CONFIRMED'),
    refuted: verdicts('REFUTED'),
    inconclusive: verdicts('INCONCLUSIVE'),
  };
}
