import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { useSession } from '../context';
import { formatTime } from '../format';
import { CancelRun, RunProgress, RunQuery } from '../operations';
import { datasetHref } from '../router';
import { applyEvent, eventsOf, liveSummary, runState, type RunState } from '../runState';
import { Badge, ErrorMessage } from './common';
import { EventList } from './EventList';
import { InvestigationCard } from './InvestigationCard';

const LIVE = new Set(['QUEUED', 'RUNNING']);

/** A run, live: the stored state first, then every progress event from the subscription as it happens. */
export function RunView({ id }: { id: string }) {
  const { api } = useSession();
  const [state, setState] = useState<RunState | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let current = true;
    api.request(RunQuery, { id }).then(({ run }) => {
      if (!current) return;
      if (!run) return setError(`No run ${id}`);
      const initial = runState(run);
      setState(initial);
      if (!LIVE.has(run.status)) return;
      stop = api.subscribe(
        RunProgress,
        { runId: id, afterSeq: initial.lastSeq },
        {
          next: ({ investigationProgress }) => setState((s) => (s ? applyEvent(s, investigationProgress) : s)),
          error: setError,
          // The run's own fields (status, finishedAt) are not in the events: read them once it has finished.
          complete: () => current && setVersion((v) => v + 1),
        },
      );
    }, setError);
    return () => {
      current = false;
      stop?.();
    };
  }, [api, id, version]);

  if (!state) return error ? <ErrorMessage error={error} /> : <p class="loading">Loading…</p>;
  const { run } = state;
  const summary = liveSummary(run);
  return (
    <>
      <section class="card">
        <h1>
          Run {run.label ? `“${run.label}”` : ''} <Badge value={run.status} />
          {LIVE.has(run.status) && (
            <button type="button" class="secondary cancel" onClick={() => api.request(CancelRun, { id }).catch(setError)}>
              Cancel run
            </button>
          )}
        </h1>
        <p class="hint">
          on <a href={datasetHref(run.dataset.id)}>{run.dataset.name}</a> · started {formatTime(run.startedAt ?? run.createdAt)} · finished {formatTime(run.finishedAt)} · code {run.codegen.toLowerCase()} · sandbox{' '}
          {run.sandbox.toLowerCase()} · charts {run.charts ? 'on' : 'off'}
        </p>
        <progress max={summary.total} value={summary.finished} data-testid="run-progress" />
        <p data-testid="run-summary">
          {summary.finished} of {summary.total} finished · {summary.confirmed} confirmed · {summary.refuted} refuted · {summary.inconclusive} inconclusive
          {summary.failed ? ` · ${summary.failed} failed` : ''}
        </p>
        <ErrorMessage error={error} />
        <EventList run={run} events={eventsOf(run, null)} />
      </section>
      {run.investigations.map((investigation, index) => (
        <InvestigationCard key={investigation.id} number={index + 1} run={run} investigation={investigation} />
      ))}
    </>
  );
}
