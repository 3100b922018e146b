import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { post } from './helpers/graphql';
import { startPostgres, type Postgres } from './helpers/postgres';
import { seedDataset, sleepingScript } from './helpers/seed';
import { removeDataDir, spawnServer, tempDataDir, type ChildServer } from './helpers/server';

// PostgreSQL restarting (an upgrade, a failover) cuts every connection of every process at once.

describe('PostgreSQL restarting under a running investigation', () => {
  let postgres: Postgres;
  let root: string;
  let server: ChildServer;
  beforeAll(async () => {
    postgres = await startPostgres();
    root = tempDataDir();
    server = await spawnServer(join(root, 'all'), { DATABASE_URL: postgres.url, AUTH: 'off', LOG_LEVEL: 'info', TENANT_REQUESTS_PER_MINUTE: '0' });
  }, 120_000);
  afterAll(async () => {
    if (server && server.process.exitCode === null) {
      server.process.kill('SIGTERM');
      await server.exited;
    }
    await postgres?.stop();
    if (root) removeDataDir(root);
  }, 60_000);

  it('keeps the server up, records the investigation once the database is back, and serves afterwards', async () => {
    const datasetId = await seedDataset(server.url, SALES_CSV);
    const first = await post(
      server.url,
      `mutation($d: ID!) { investigateIssues(input: { datasetId: $d, codegen: TEMPLATE, wait: true, issues: [{ type: "missing_values", description: "revenue is missing", affectedColumns: ["revenue"] }] }) { investigations { id output } } }`,
      { d: datasetId },
    );
    const template = first.data.investigateIssues.investigations[0];
    const rerun = post(server.url, 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status errorCode output } }', { id: template.id, code: sleepingScript(4) });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    postgres.restart();

    const { data } = await rerun;
    expect(server.process.exitCode).toBeNull();
    expect(data.rerunInvestigation).toMatchObject({ status: 'SUCCEEDED', errorCode: null });
    expect(data.rerunInvestigation.output.affected_count).toBe(template.output.affected_count);
    // Every connection was cut, and each part of the process said so and carried on.
    const logs = server.logs.join('\n');
    expect(logs).toMatch(/a PostgreSQL connection of the store was lost/);
    expect(logs).toMatch(/the event listener is connected to PostgreSQL again/);
    const after = await post(server.url, `mutation($d: ID!) { investigateIssues(input: { datasetId: $d, codegen: TEMPLATE, wait: true, issues: [{ type: "duplicates", description: "ids repeat", affectedColumns: ["transaction_id"] }] }) { status } }`, { d: datasetId });
    expect(after.data.investigateIssues.status).toBe('SUCCEEDED');
  }, 90_000);
});
