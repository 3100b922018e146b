import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SALES_CSV } from './helpers/data';
import { authHeaders, post } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { ROOT, startServer, type TestServer } from './helpers/server';

// The README's examples, run as printed: the only change is a real dataset's, run's and investigation's id
// in place of the placeholders `ds_…`, `run_…` and `inv_…` (one that succeeded, made here: followUp needs
// one), and the test server's address in place of localhost:4000.
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
const graphqlBlocks = blocks('graphql');
const curlBlocks = blocks('sh').filter((b) => /^curl /m.test(b) && !b.includes('scripts/') && !b.includes('export '));

let server: TestServer;
let datasetId: string;
let runId: string;
let investigationId: string;
let artifactId: string;

beforeAll(async () => {
  server = await startServer();
  datasetId = await seedDataset(server.url, SALES_CSV);
  const done = await post(server.url, 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { investigations { id status } } }', {
    input: { datasetId, issues: [{ type: 'missing_values', description: 'revenue is missing', affectedColumns: ['revenue'] }], codegen: 'TEMPLATE', wait: true },
  });
  expect(done.data.investigateIssues.investigations[0].status).toBe('SUCCEEDED');
  investigationId = done.data.investigateIssues.investigations[0].id;
  const charts = await post(server.url, 'query($id: ID!) { investigation(id: $id) { artifacts { id } } }', { id: investigationId });
  artifactId = charts.data.investigation.artifacts[0].id;
});
afterAll(() => server?.stop());

const example = (word: string) => {
  const found = graphqlBlocks.filter((b) => b.trimStart().startsWith(word));
  expect(found.length, `README examples starting with ${word}`).toBeGreaterThan(0);
  return found;
};
const filled = (block: string) =>
  block.replaceAll('"ds_…"', JSON.stringify(datasetId)).replaceAll('"run_…"', JSON.stringify(runId)).replaceAll('"inv_…"', JSON.stringify(investigationId));

describe('the README’s examples', () => {
  it('runs its curl commands against the server', async () => {
    expect(curlBlocks.length).toBeGreaterThanOrEqual(2);
    const address = new URL(server.url).host;
    for (const block of curlBlocks) {
      // Not execFileSync: the server runs in this process and must answer meanwhile.
      const env = { ...process.env, TOKEN: server.adminToken! };
      if (block.includes('/artifacts/')) {
        const dir = mkdtempSync(join(tmpdir(), 'readme-chart-'));
        await promisify(execFile)('bash', ['-c', block.replaceAll('localhost:4000', address).replaceAll('art_…', artifactId)], { cwd: dir, env });
        const [file] = readdirSync(dir);
        expect(readFileSync(join(dir, file!)).subarray(1, 4).toString(), block).toBe('PNG');
        rmSync(dir, { recursive: true });
        continue;
      }
      const { stdout } = await promisify(execFile)('bash', ['-c', block.replaceAll('localhost:4000', address)], { cwd: ROOT, env });
      const answer = JSON.parse(stdout);
      expect(answer.errors, block).toBeUndefined();
      expect(Object.values(answer.data)[0], block).toMatchObject({ id: expect.stringMatching(/^ds_/) });
    }
  });

  it('runs its mutations, then follows the run with its subscription and reads it with its query', async () => {
    const mutations = example('mutation');
    for (const mutation of mutations) {
      const r = await post(server.url, filled(mutation));
      expect(r.errors, mutation).toBeUndefined();
      if (r.data.investigateIssues) runId = r.data.investigateIssues.id;
    }
    expect(runId).toMatch(/^run_/);

    const [subscription] = example('subscription');
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: authHeaders(server.url) });
    const events: any[] = [];
    try {
      for await (const event of client.iterate({ query: filled(subscription!) })) {
        expect(event.errors).toBeUndefined();
        events.push(event.data!.investigationProgress);
      }
    } finally {
      await client.dispose();
    }
    expect(events.at(-1).type).toBe('RUN_FINISHED');
    expect(events.filter((e) => e.investigation).every((e) => e.investigation.id.startsWith('inv_'))).toBe(true);

    for (const query of example('query')) {
      const r = await post(server.url, filled(query));
      expect(r.errors, query).toBeUndefined();
      const run = r.data.run;
      expect(run.status).toBe('SUCCEEDED');
      expect(run.investigations.map((i: any) => i.result.__typename)).toEqual(['MissingValuesResult', 'DuplicatesResult', 'CrossColumnResult']);
      expect(run.investigations[1].issue.clientId).toBe('ids');
    }
  });
});
