import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** The README's `iterate` command lines, as printed. */
const iterateLines = blocks('sh').flatMap((b) => b.split('\n')).filter((line) => line.startsWith('iterate '));

describe('the README’s examples', () => {
  it('runs its iterate commands as printed: detect writes the issues file, investigate runs it and writes the results', async () => {
    expect(iterateLines.map((l) => l.split(' ')[1])).toEqual(['detect', 'investigate']);
    // A directory of its own with the repository's examples/ in it, and `iterate` on the PATH as `npm link` puts it.
    const dir = mkdtempSync(join(tmpdir(), 'readme-cli-'));
    try {
      symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
      mkdirSync(join(dir, 'bin'));
      writeFileSync(join(dir, 'bin', 'iterate'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'iterate.mjs')}" "$@"\n`, { mode: 0o755 });
      const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, ITERATE_SERVER: server.url, ITERATE_TOKEN: server.adminToken! };
      for (const line of iterateLines) await promisify(execFile)('bash', ['-c', line.replace(/\s+#.*$/, '')], { cwd: dir, env });
      const proposed = JSON.parse(readFileSync(join(dir, 'issues.json'), 'utf8')) as { issues: unknown[] };
      expect(proposed.issues.length).toBeGreaterThan(2);
      const rows = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
      expect(rows.length).toBe(proposed.issues.length + 1);
      expect(rows.slice(1).every((row) => row.includes(',SUCCEEDED,'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true });
    }
  }, 120_000);

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
