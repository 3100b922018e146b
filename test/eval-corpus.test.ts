import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCorpus, hypotheses, judgments, type CorpusReport } from './helpers/corpus';
import { startServer, type TestServer } from './helpers/server';

// The evaluation corpus of real public datasets (eval/README.md), judged by hand, through a real server:
// detectIssues on each dataset, every hypothesis investigated with templates and its verdict compared.
let server: TestServer;
let report: CorpusReport;
beforeAll(async () => {
  server = await startServer();
  report = await evaluateCorpus(server.url);
}, 240_000);
afterAll(() => server?.stop());

describe('the evaluation corpus', () => {
  it('is at least 10 real datasets and 80 hypotheses, each dataset judged and each hypothesis with a careful verdict', () => {
    expect(Object.keys(judgments()).length).toBeGreaterThanOrEqual(10);
    expect(hypotheses().length).toBeGreaterThanOrEqual(80);
    for (const h of hypotheses()) expect(['problem', 'rule'], h.id).toContain(h.polarity);
    expect(new Set(hypotheses().map((h) => h.id)).size).toBe(hypotheses().length);
  });

  it('detection: every proposal judged, precision ≥ 0.9 and recall ≥ 0.85', () => {
    expect(report.unjudged).toEqual([]);
    expect(report.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('verdicts: agreement with the careful human ≥ 0.95', () => {
    expect(report.agreement).toBeGreaterThanOrEqual(0.95);
  });
});
