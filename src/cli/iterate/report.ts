import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import Table from 'cli-table3';
import Papa from 'papaparse';
import type { CliRunResultsQuery } from './gql/graphql';

export type RunResults = NonNullable<CliRunResultsQuery['run']>;
type Investigation = RunResults['investigations'][number];

const affected = (i: Investigation) => {
  const output = i.output as { affected_count?: unknown; affected_percentage?: unknown } | null;
  return typeof output?.affected_count === 'number' ? { count: output.affected_count, percentage: Number(output.affected_percentage) } : null;
};

const figure = (x: number | null | undefined) => (x === null || x === undefined ? '' : Number.isInteger(x) ? String(x) : x.toFixed(2));

/** One row per investigation, as the table and the CSV output show it. */
function rows(run: RunResults) {
  return run.investigations.map((i, n) => {
    const a = affected(i);
    return {
      n: n + 1,
      id: i.id,
      type: i.issue.type,
      columns: i.issue.affectedColumns.join(', '),
      status: i.status,
      method: i.method ?? '',
      verdict: i.verdict?.status ?? '',
      claimed: figure(i.verdict?.claimed),
      measured: figure(i.verdict?.measured),
      affected_count: a ? a.count : '',
      affected_percentage: a ? figure(a.percentage) : '',
      time_ms: figure(i.executionTimeMs),
      error: i.error ?? '',
      charts: i.artifacts.map((a) => a.url).join(' '),
      follow_ups: i.suggestedFollowUps.map((f) => f.question).join(' | '),
    };
  });
}

/** The results as a table for a terminal. */
export function resultsTable(run: RunResults): string {
  const table = new Table({ head: ['#', 'type', 'columns', 'status', 'method', 'verdict', 'claimed', 'measured', 'affected', 'ms'], style: { head: [], border: [] } });
  for (const r of rows(run)) {
    const affectedText = r.affected_count === '' ? '' : `${r.affected_count} (${r.affected_percentage}%)`;
    table.push([r.n, r.type, r.columns, r.status, r.method, r.verdict, r.claimed, r.measured, affectedText, r.time_ms]);
  }
  const failures = run.investigations.flatMap((i, n) => (i.error ? [`#${n + 1} ${i.issue.type}: ${i.error}`] : []));
  return [`Run ${run.id} on ${run.dataset.name} (${run.dataset.rowCount} rows): ${run.status}`, table.toString(), ...failures].join('\n');
}

/** The results with each chart's url made absolute (the server answers a path), so a written file can be used elsewhere. */
export function withAbsoluteUrls(run: RunResults, server: string): RunResults {
  return {
    ...run,
    investigations: run.investigations.map((i) => ({ ...i, artifacts: i.artifacts.map((a) => ({ ...a, url: new URL(a.url, server).href })) })),
  };
}

/** Writes the results to `path`: CSV when it ends in .csv (or `format` says so), else JSON with every output whole. */
export async function writeResults(run: RunResults, path: string, format?: 'json' | 'csv') {
  const asCsv = (format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'json')) === 'csv';
  const text = asCsv ? Papa.unparse(rows(run).map(({ n: _n, ...row }) => row)) : JSON.stringify(run, null, 2);
  await writeFile(path, `${text}\n`);
}
