import { writeFile } from 'node:fs/promises';
import type { ApiClient } from './client';
import { findOrUpload } from './datasets';
import type { CodegenMode } from './gql/graphql';
import { readIssuesFile } from './issuesFile';
import { DetectIssues, RunProgress, RunResults, StartRun } from './operations';
import { exitCode, type FailureKind } from './outcome';
import { progressView } from './progress';
import { resultsTable, withAbsoluteUrls, writeResults } from './report';

export interface InvestigateOptions {
  issues: string;
  output?: string;
  format?: 'json' | 'csv';
  codegen?: CodegenMode;
  concurrency?: number;
  label?: string;
  /** False with --no-charts; otherwise the server decides. */
  charts?: boolean;
  failOn: Set<FailureKind>;
  progress: boolean;
}

/** Logs to stderr: stdout carries only results. */
const say = (line: string) => process.stderr.write(`${line}\n`);

/** `iterate investigate`: the run's results table on stdout; the exit code says whether it went as hoped (outcome.ts). */
export async function investigate(api: ApiClient, csv: string, options: InvestigateOptions): Promise<number> {
  const issues = await readIssuesFile(options.issues);
  const dataset = await findOrUpload(api, csv);
  say(`${dataset.uploaded ? 'Uploaded' : 'Found'} ${dataset.name} (${dataset.rowCount} rows) as dataset ${dataset.id}`);
  const { investigateIssues: run } = await api.request(StartRun, {
    input: {
      datasetId: dataset.id,
      issues,
      codegen: options.codegen,
      concurrency: options.concurrency,
      label: options.label,
      ...(options.charts === false ? { charts: false } : {}),
      wait: false,
    },
  });
  say(`Run ${run.id}: ${run.investigations.length} investigation${run.investigations.length === 1 ? '' : 's'}`);
  await follow(api, run, options.progress);
  const { run: found } = await api.request(RunResults, { id: run.id });
  if (!found) throw new Error(`Run ${run.id} is gone`);
  const results = withAbsoluteUrls(found, api.url);
  process.stdout.write(`${resultsTable(results)}\n`);
  if (options.output) {
    await writeResults(results, options.output, options.format);
    say(`Wrote ${options.output}`);
  }
  return exitCode(results.investigations, options.failOn);
}

async function follow(api: ApiClient, run: { id: string; investigations: Array<{ id: string; issue: { type: string; affectedColumns: string[] } }> }, show: boolean) {
  const labels = run.investigations.map((i, n) => ({ id: i.id, label: `#${n + 1} ${i.issue.type}${i.issue.affectedColumns.length ? ` (${i.issue.affectedColumns.join(', ')})` : ''}` }));
  const view = show ? progressView(labels) : null;
  try {
    await api.subscribe(RunProgress, { runId: run.id, afterSeq: 0 }, ({ investigationProgress: e }) => {
      view?.event(e);
      return e.type === 'RUN_FINISHED';
    });
  } finally {
    view?.stop();
  }
}

/** `iterate detect`: the proposed hypotheses as an issues file, ready to edit and pass to `iterate investigate`. */
export async function detect(api: ApiClient, csv: string, options: { output?: string }): Promise<number> {
  const dataset = await findOrUpload(api, csv);
  say(`${dataset.uploaded ? 'Uploaded' : 'Found'} ${dataset.name} (${dataset.rowCount} rows) as dataset ${dataset.id}`);
  const { detectIssues } = await api.request(DetectIssues, { datasetId: dataset.id });
  const issues = detectIssues.map(({ options, claim, evidence, ...issue }) => ({ ...issue, ...(options ? { options } : {}), ...(claim ? { claim } : {}), ...(evidence ? { evidence } : {}) }));
  const text = `${JSON.stringify({ dataset: { id: dataset.id, name: dataset.name, rows: dataset.rowCount }, issues }, null, 2)}\n`;
  if (options.output) {
    await writeFile(options.output, text);
    say(`Wrote ${issues.length} hypotheses to ${options.output}`);
  } else process.stdout.write(text);
  return 0;
}
