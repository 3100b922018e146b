import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import type { DashboardRunRowFragment } from '../gql/graphql';
import { formatTime } from '../format';
import { runHref } from '../router';

export function ErrorMessage({ error }: { error: ApiError | string | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

export function Badge({ value, children }: { value: string; children?: ComponentChildren }) {
  return <span class={`badge badge-${value.toLowerCase()}`}>{children ?? value.toLowerCase()}</span>;
}

/** Runs as a table, newest first: a link each to the run's page. */
export function RunTable({ runs, showDataset }: { runs: DashboardRunRowFragment[]; showDataset: boolean }) {
  if (!runs.length) return <p class="hint">No runs yet.</p>;
  return (
    <table class="runs" data-testid="runs">
      <thead>
        <tr>
          <th>Started</th>
          {showDataset && <th>Dataset</th>}
          <th>Label</th>
          <th>Status</th>
          <th>Investigations</th>
          <th>Verdicts</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>
              <a href={runHref(run.id)}>{formatTime(run.createdAt)}</a>
            </td>
            {showDataset && <td>{run.dataset.name}</td>}
            <td>{run.label ?? ''}</td>
            <td>
              <Badge value={run.status} />
            </td>
            <td>
              {run.summary.succeeded} of {run.summary.total} succeeded{run.summary.failed ? `, ${run.summary.failed} failed` : ''}
            </td>
            <td>
              {run.summary.confirmed} confirmed · {run.summary.refuted} refuted · {run.summary.inconclusive} inconclusive
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
