import { describe, expect, it } from 'vitest';
import { draftOf, selectedIssues } from '../dashboard/src/hypotheses';
import { applyEvent, liveSummary, runState, type RunDetail } from '../dashboard/src/runState';

// The dashboard's logic that runs in the page without the server: hypotheses as edited, and events applied.

const investigation = (id: string, status: string, verdict: string | null = null) =>
  ({ id, status, verdict: verdict && { status: verdict, claimed: null, measured: null, explanation: '' } }) as unknown as RunDetail['investigations'][number];

const run = (events: number[]) =>
  ({
    id: 'run_1',
    investigations: [investigation('inv_1', 'RUNNING'), investigation('inv_2', 'PENDING')],
    events: events.map((seq) => ({ seq, type: 'LOG', message: '', timestamp: '', investigationId: null, data: null })),
    summary: { total: 2, succeeded: 0, failed: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
  }) as unknown as RunDetail;

const live = (seq: number, changed?: RunDetail['investigations'][number]) => ({
  seq,
  type: 'INVESTIGATION_SUCCEEDED' as const,
  message: '',
  timestamp: '',
  investigationId: changed?.id ?? null,
  data: null,
  investigation: changed ?? null,
});

describe('a run as events arrive', () => {
  it('starts after the stored events and applies each new one once, in the order given', () => {
    let state = runState(run([1, 2, 3]));
    expect(state.lastSeq).toBe(3);
    state = applyEvent(state, live(3, investigation('inv_1', 'FAILED')));
    expect(state.run.investigations[0]!.status).toBe('RUNNING'); // already applied: a replay after a reconnect
    state = applyEvent(state, live(4, investigation('inv_1', 'SUCCEEDED', 'CONFIRMED')));
    state = applyEvent(state, live(4, investigation('inv_1', 'FAILED')));
    expect(state.run.investigations.map((i) => i.status)).toEqual(['SUCCEEDED', 'PENDING']);
    expect(state.run.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(liveSummary(state.run)).toEqual({ total: 2, finished: 1, failed: 0, confirmed: 1, refuted: 0, inconclusive: 0 });
  });
});

describe('hypotheses as edited', () => {
  const detected = { type: 'outliers', description: 'prices spike', affectedColumns: ['price'], options: { threshold: 3 }, source: 'PROFILE' as const, evidence: { z: 4 } };

  it('sends back a detected hypothesis as it came, with the edits made', () => {
    const draft = { ...draftOf(detected), description: ' prices spike a lot ', columns: 'price,  quantity ,' };
    expect(selectedIssues([draft])).toEqual({
      issues: [{ type: 'outliers', description: 'prices spike a lot', affectedColumns: ['price', 'quantity'], options: { threshold: 3 }, source: 'PROFILE', evidence: { z: 4 } }],
      errors: [],
    });
  });

  it('names each hypothesis that cannot be sent, and what is wrong with it; unselected ones are not checked', () => {
    const drafts = [
      { ...draftOf(detected), options: '{"threshold": 3' },
      { ...draftOf(detected), options: '[1, 2]' },
      { ...draftOf(detected), description: '  ' },
      { ...draftOf(detected), type: '' },
      { ...draftOf(detected), type: '', selected: false },
      { ...draftOf(detected), columns: '', options: '' },
    ];
    const { issues, errors } = selectedIssues(drafts);
    expect(errors).toEqual([
      expect.stringMatching(/^Hypothesis 1: options is not JSON \(/),
      'Hypothesis 2: options must be a JSON object, like {"by": "region"}',
      'Hypothesis 3: the description is empty',
      'Hypothesis 4: the type is empty',
    ]);
    expect(issues).toEqual([{ type: 'outliers', description: 'prices spike', affectedColumns: [], source: 'PROFILE', evidence: { z: 4 } }]);
    expect(selectedIssues([{ ...draftOf(detected), selected: false }]).errors).toEqual(['Select at least one hypothesis to investigate']);
  });
});
