import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, post } from './helpers/graphql';
import { startServer, type TestServer } from './helpers/server';

// A dataset whose fork server takes longer to start than SANDBOX_POOL_START_TIMEOUT_MS (a wide file, under
// a limit below what loading any dataset takes) is given up: its scripts run cold, each within its own
// limit, instead of waiting without end.
let server: TestServer;

beforeAll(async () => {
  // The script itself takes 5-6 s on this file (60,000 columns parsed, searched for a date column, a chart): its limit leaves room under load.
  server = await startServer({ SANDBOX_TIMEOUT_MS: '20000', SANDBOX_POOL_START_TIMEOUT_MS: '300' });
});
afterAll(() => server?.stop());

describe('a fork server that does not start in time', () => {
  it('is given up, and the dataset’s scripts run cold from then on', async () => {
    const columns = Array.from({ length: 60_000 }, (_, i) => `c${i}`);
    const rows = [0, 1, 2].map((r) => columns.map((_, i) => (i % 97 === r ? '' : String((i * 7 + r) % 100))).join(','));
    const path = join(server.dataDir, 'wide.csv');
    writeFileSync(path, `${[columns.join(','), ...rows].join('\n')}\n`);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id } }', variables: { f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([await (await import('node:fs/promises')).readFile(path)]), 'wide.csv');
    const upload = await fetch(server.url, { method: 'POST', body: form, headers: { 'graphql-require-preflight': '1', ...authHeaders(server.url) } });
    const datasetId = ((await upload.json()) as any).data.uploadDataset.id;

    const investigate = async () =>
      (
        await post(
          server.url,
          `mutation { investigateIssues(input: { datasetId: "${datasetId}", codegen: TEMPLATE, wait: true, issues: [{ type: "missing_values", description: "x", affectedColumns: ["c0", "c1"] }] }) { investigations { status method error output } } }`,
        )
      ).data.investigateIssues.investigations[0];
    for (const run of [await investigate(), await investigate()]) {
      expect(run).toMatchObject({ status: 'SUCCEEDED', method: 'TEMPLATE', error: null });
      // c0 is missing in row 0 (0 % 97 === 0), c1 in row 1: counted independently of the service.
      expect(run.output).toMatchObject({ affected_count: 2, affected_rows: [0, 1], missing_by_column: { c0: 1, c1: 1 } });
    }
    const health = (await (await fetch(new URL('/health', server.url))).json()) as { warmPool: Array<{ datasetId: string }> };
    expect(health.warmPool.map((s) => s.datasetId)).not.toContain(datasetId);
  });
});
