// npm run bench: end-to-end wall times through the real server (GraphQL in, results stored), as JSON.
import { openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SALES_CSV, writeGeneratedSales } from '../test/helpers/data';
import { CORE_ISSUES } from '../test/helpers/seed';
import { startServer } from '../test/helpers/server';

const server = await startServer();
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function upload(path: string): Promise<{ id: string; ms: number }> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id } }', variables: { f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', await openAsBlob(path), 'data.csv');
  const t = performance.now();
  const res = await fetch(server.url, { method: 'POST', body: form });
  const body = (await res.json()) as { data: { uploadDataset: { id: string } } };
  return { id: body.data.uploadDataset.id, ms: performance.now() - t };
}

async function timedRun(datasetId: string, issues: unknown[]) {
  const t = performance.now();
  const { investigateIssues: run } = await gql(
    `mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { status investigations { issue { type } status executionTimeMs timings { totalMs } } } }`,
    { i: { datasetId, issues, wait: true } },
  );
  return {
    wallMs: Math.round(performance.now() - t),
    status: run.status,
    investigations: run.investigations.map((i: any) => ({
      type: i.issue.type,
      status: i.status,
      executionMs: Math.round(i.executionTimeMs),
      totalMs: Math.round(i.timings.totalMs),
    })),
  };
}

const SIX_ISSUES = [
  ...CORE_ISSUES,
  { id: 'all-missing', type: 'missing_values', description: 'price or quantity missing', affectedColumns: ['price', 'quantity', 'revenue'] },
  { id: 'whole-rows', type: 'duplicates', description: 'rows repeat', affectedColumns: [] },
];

const results: Record<string, unknown> = { concurrency: Number(process.env.INVESTIGATION_CONCURRENCY ?? 0) || 'cores' };
const sales = await upload(SALES_CSV);
results.salesFourIssues = await timedRun(sales.id, CORE_ISSUES);

const bigPath = join(server.dataDir, 'generated-1m.csv');
writeGeneratedSales(bigPath, 1_000_000, { seed: 42 });
const big = await upload(bigPath);
results.generated1MUploadMs = Math.round(big.ms);
results.generated1MSixIssues = await timedRun(big.id, SIX_ISSUES.map((i) => ({ ...i, affectedColumns: i.affectedColumns.filter((c) => c !== 'customer_id') })));
clearInterval(sampler);
results.serverPeakRssMb = Math.round(peakRss / 1048576);
console.log(JSON.stringify(results, null, 2));
await server.stop();
await rm(bigPath, { force: true });
