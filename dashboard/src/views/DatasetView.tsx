import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { formatBytes } from '../format';
import { blankDraft, draftOf, selectedIssues, type Draft } from '../hypotheses';
import { DatasetQuery, DetectIssues, StartRun } from '../operations';
import { navigate, runHref } from '../router';
import { useLoad } from '../useLoad';
import { ErrorMessage, RunTable } from './common';
import { HypothesisEditor } from './HypothesisEditor';

/** One dataset: its columns, hypotheses to detect, edit and investigate, and its past runs. */
export function DatasetView({ id }: { id: string }) {
  const { api } = useSession();
  const { data, error } = useLoad(() => api.request(DatasetQuery, { id }), [id]);
  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <p class="loading">Loading…</p>;
  const dataset = data.dataset;
  if (!dataset) return <ErrorMessage error={`No dataset ${id}`} />;
  return (
    <>
      <section class="card">
        <h1 data-testid="dataset-name">{dataset.name}</h1>
        <p class="hint" data-testid="dataset-summary">
          {dataset.rowCount.toLocaleString()} rows · {dataset.columns.length} columns · {formatBytes(dataset.sizeBytes)} · sha256 {dataset.sha256.slice(0, 12)}…
        </p>
        <p class="columns">
          {dataset.columns.map((column) => (
            <span key={column.name} class="column">
              {column.name} <small>{column.dtype}</small>
            </span>
          ))}
        </p>
      </section>
      <Hypotheses datasetId={dataset.id} columns={dataset.columns.map((c) => c.name)} />
      <section class="card">
        <h2>Runs on this dataset</h2>
        <RunTable runs={dataset.runs.edges.map((e) => e.node)} showDataset={false} />
      </section>
    </>
  );
}

function Hypotheses({ datasetId, columns }: { datasetId: string; columns: string[] }) {
  const { api } = useSession();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [detected, setDetected] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [label, setLabel] = useState('');
  const [charts, setCharts] = useState(true);

  const detect = async () => {
    setBusy('Detecting…');
    setErrors([]);
    try {
      const { detectIssues } = await api.request(DetectIssues, { datasetId });
      setDrafts(detectIssues.map(draftOf));
      setDetected(true);
    } catch (err) {
      setErrors([(err as Error).message]);
    } finally {
      setBusy(null);
    }
  };

  const start = async () => {
    const { issues, errors: invalid } = selectedIssues(drafts);
    setErrors(invalid);
    if (invalid.length) return;
    setBusy('Starting…');
    try {
      const { investigateIssues } = await api.request(StartRun, { input: { datasetId, issues, charts, ...(label.trim() ? { label: label.trim() } : {}) } });
      navigate(runHref(investigateIssues.id));
    } catch (err) {
      setErrors([(err as Error).message]);
      setBusy(null);
    }
  };

  const update = (key: number, change: Partial<Draft>) => setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));

  return (
    <section class="card">
      <h2>Hypotheses</h2>
      <div class="actions">
        <button type="button" onClick={detect} disabled={busy !== null}>
          {detected ? 'Detect again' : 'Detect hypotheses'}
        </button>
        <button type="button" class="secondary" onClick={() => setDrafts((all) => [...all, blankDraft()])}>
          Add a hypothesis
        </button>
        {busy && <span class="hint">{busy}</span>}
      </div>
      {detected && !drafts.length && <p class="hint">Nothing to propose for this dataset: add your own hypothesis.</p>}
      <datalist id="columns">
        {columns.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <ol class="hypotheses" data-testid="hypotheses">
        {drafts.map((draft) => (
          <HypothesisEditor key={draft.key} draft={draft} onChange={(change) => update(draft.key, change)} onRemove={() => setDrafts((all) => all.filter((d) => d.key !== draft.key))} />
        ))}
      </ol>
      {drafts.length > 0 && (
        <div class="actions">
          <input type="text" name="label" placeholder="Label for the run (optional)" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
          <label class="inline">
            <input type="checkbox" name="charts" checked={charts} onChange={(e) => setCharts(e.currentTarget.checked)} /> charts
          </label>
          <button type="button" onClick={start} disabled={busy !== null}>
            Investigate {drafts.filter((d) => d.selected).length} selected
          </button>
        </div>
      )}
      {errors.map((message) => (
        <ErrorMessage key={message} error={message} />
      ))}
    </section>
  );
}
