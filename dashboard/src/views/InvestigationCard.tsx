import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { formatMs } from '../format';
import { FollowUp, RerunInvestigation } from '../operations';
import { navigate, runHref } from '../router';
import type { IssueInput } from '../gql/graphql';
import { draftOf, issueOf, type Draft } from '../hypotheses';
import { eventsOf, type Investigation, type RunDetail } from '../runState';
import { Chart } from './Chart';
import { Badge, ErrorMessage } from './common';
import { EventList } from './EventList';
import { HypothesisEditor } from './HypothesisEditor';

/** One investigation of a run: live status, verdict, figures, charts, follow-ups, and its code to edit and re-run. */
export function InvestigationCard({ number, run, investigation }: { number: number; run: RunDetail; investigation: Investigation }) {
  const { issue, verdict, timings } = investigation;
  const events = eventsOf(run, investigation.id);
  const latest = events[events.length - 1];
  return (
    <section class="card investigation" data-testid="investigation" data-status={investigation.status} data-id={investigation.id}>
      <h2>
        {number}. {issue.type}
        {issue.affectedColumns.length ? ` on ${issue.affectedColumns.join(', ')}` : ''} <Badge value={investigation.status} />
        {verdict && <Badge value={verdict.status}>{verdict.status.toLowerCase()}</Badge>}
      </h2>
      <p class="description">{issue.description}</p>
      {verdict && <p data-testid="verdict">{verdict.explanation}</p>}
      <p class="hint" data-testid="timings">
        {investigation.method ? `${investigation.method.toLowerCase()} · ` : ''}
        {investigation.attempts} attempt{investigation.attempts === 1 ? '' : 's'} · generation {formatMs(timings?.generationMs)} · execution {formatMs(timings?.executionMs)} · total{' '}
        {formatMs(timings?.totalMs)}
        {latest && investigation.status === 'RUNNING' ? ` · ${latest.message}` : ''}
      </p>
      <ErrorMessage error={investigation.error} />
      <Lineage investigation={investigation} />
      {investigation.output && <Figures output={investigation.output} />}
      {investigation.artifacts.length > 0 && (
        <div class="charts">
          {investigation.artifacts.map((artifact) => (
            <Chart key={artifact.id} artifact={artifact} />
          ))}
        </div>
      )}
      <FollowUps investigation={investigation} />
      <EventList run={run} events={events} />
      {investigation.code != null && <CodeEditor investigation={investigation} />}
    </section>
  );
}

/** The result's figures as a table (numbers, texts, and small maps such as missing_by_column); the whole JSON below it. */
function Figures({ output }: { output: Record<string, unknown> }) {
  const shown = Object.entries(output).flatMap(([key, value]) => {
    const text = figureText(value);
    return text === null ? [] : [[key, text] as const];
  });
  return (
    <>
      <table class="figures" data-testid="figures">
        <tbody>
          {shown.map(([key, text]) => (
            <tr key={key}>
              <th>{key}</th>
              <td>{text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Result JSON</summary>
        <pre>{JSON.stringify(output, null, 2)}</pre>
      </details>
    </>
  );
}

const MAP_ENTRIES_SHOWN = 20;

/** A figure as the table shows it, or null for values only the JSON shows (lists, nested objects). */
function figureText(value: unknown): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return value.toLocaleString(undefined, { maximumFractionDigits: 4 });
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (!entries.length || entries.length > MAP_ENTRIES_SHOWN || entries.some(([, v]) => typeof v === 'object' && v !== null)) return null;
  return entries.map(([k, v]) => `${k}: ${figureText(v)}`).join(' · ');
}

function Lineage({ investigation }: { investigation: Investigation }) {
  if (!investigation.parent && !investigation.children.length) return null;
  return (
    <p class="hint">
      {investigation.parent && (
        <>
          follows up <a href={runHref(investigation.parent.run.id)}>an investigation</a>{' '}
        </>
      )}
      {investigation.children.map((child, i) => (
        <a key={child.id} href={runHref(child.run.id)}>
          {i === 0 ? 'followed up' : ''} #{i + 1}{' '}
        </a>
      ))}
    </p>
  );
}

/**
 * The questions the result raises, each to follow up as it is or edited first, and a follow-up of one's own:
 * followUp starts it in a new run, linked to this investigation, and the page follows it live.
 */
function FollowUps({ investigation }: { investigation: Investigation }) {
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (investigation.status !== 'SUCCEEDED') return null;
  const edit = (next: Draft | null) => {
    setError(null);
    setDraft(next);
  };
  const follow = async (issue: IssueInput) => {
    setBusy(true);
    setError(null);
    try {
      const { followUp } = await api.request(FollowUp, { investigationId: investigation.id, issue });
      navigate(runHref(followUp.run.id));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const followDraft = () => {
    const outcome = issueOf(draft!, 'The follow-up');
    if ('error' in outcome) setError(outcome.error);
    else void follow(outcome.issue);
  };
  const { issue } = investigation;
  return (
    <div class="follow-ups">
      {investigation.suggestedFollowUps.length > 0 && <h3>Questions this raises</h3>}
      <ul>
        {investigation.suggestedFollowUps.map((suggestion) => (
          <li key={suggestion.question}>
            {suggestion.question}{' '}
            <button type="button" class="secondary" disabled={busy} onClick={() => follow(suggestion.issue)}>
              Follow up
            </button>{' '}
            {/* One draft at a time: another is opened once this one is sent or closed, so no edit is lost. */}
            {!draft && (
              <button type="button" class="link" onClick={() => edit(draftOf({ ...suggestion.issue, source: 'USER' }))}>
                Edit first
              </button>
            )}
          </li>
        ))}
      </ul>
      {draft ? (
        <div class="follow-up-editor" data-testid="follow-up-editor">
          <ul class="hypotheses">
            <HypothesisEditor draft={draft} selectable={false} onChange={(change) => edit({ ...draft, ...change })} onRemove={() => edit(null)} />
          </ul>
          <div class="actions">
            <button type="button" disabled={busy} onClick={followDraft}>
              {busy ? 'Starting…' : 'Follow up with this'}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="link" onClick={() => edit(draftOf({ type: issue.type, description: '', affectedColumns: issue.affectedColumns, source: 'USER' }))}>
          Ask a follow-up of your own
        </button>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}

/** The code that ran, editable: re-running starts a new run with it (method CUSTOM when changed). */
function CodeEditor({ investigation }: { investigation: Investigation }) {
  const { api } = useSession();
  const [code, setCode] = useState(investigation.code ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rerun = async () => {
    setBusy(true);
    setError(null);
    try {
      const edited = code !== investigation.code;
      // At once (wait: false): the new run's page follows it live.
      const { rerunInvestigation } = await api.request(RerunInvestigation, { id: investigation.id, ...(edited ? { code } : {}) });
      navigate(runHref(rerunInvestigation.run.id));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="code">
      <summary>Code</summary>
      <textarea name="code" spellcheck={false} rows={Math.min(30, code.split('\n').length + 1)} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
      <div class="actions">
        <button type="button" onClick={rerun} disabled={busy}>
          {busy ? 'Re-running…' : code === investigation.code ? 'Re-run' : 'Re-run with this code'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </details>
  );
}
