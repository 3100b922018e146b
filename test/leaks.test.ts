import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { post } from './helpers/graphql';
import { salesServer, seedDataset } from './helpers/seed';

// What clients read never carries the host's paths, internal error text or terminal escapes.
const sales = salesServer();

const investigate = async (datasetId: string, codegen: string) =>
  (
    await post(
      sales.server.url,
      `mutation { investigateIssues(input: { datasetId: "${datasetId}", codegen: ${codegen}, wait: true, issues: [{ type: "missing_values", description: "x", affectedColumns: ["revenue"] }] }) {
        investigations { id status errorCode error attemptHistory { error } } } }`,
    )
  ).data.investigateIssues.investigations[0];

describe('no leaks', () => {
  it('masks faults of the service (a dataset file gone) with a reference, naming no host path', async () => {
    // Its own content: files are stored under their sha256, and the sales dataset's must stay.
    const lostCsv = join(sales.server.dataDir, 'lost.csv');
    const salesText = readFileSync(SALES_CSV, 'utf8').trimEnd();
    writeFileSync(lostCsv, `${salesText}\n${salesText.split('\n').at(-1)}\n`);
    const lostId = await seedDataset(sales.server.url, lostCsv, 'lost.csv');
    const sha = createHash('sha256').update(readFileSync(lostCsv)).digest('hex');
    const dir = join(sales.server.dataDir, 'datasets');
    const lostFiles = readdirSync(dir).filter((f) => f.startsWith(sha));
    expect(lostFiles).toEqual([`${sha}.columns-v1`, `${sha}.csv`, `${sha}.pool.json`]);
    for (const f of lostFiles) rmSync(join(dir, f));
    for (const codegen of ['TEMPLATE', 'HEURISTIC']) {
      const inv = await investigate(lostId, codegen);
      expect(inv.status).toBe('FAILED');
      expect(inv.errorCode).toBe('INTERNAL');
      expect(inv.error).toMatch(/Internal error \(ref [0-9a-f]{8}\); the server log has the details/);
      expect(JSON.stringify(inv)).not.toContain(sales.server.dataDir);
      expect(JSON.stringify(inv)).not.toMatch(/ENOENT|\/tmp\//);
    }
    const detect = await post(sales.server.url, `mutation { detectIssues(datasetId: "${lostId}") { id } }`);
    expect(detect.errors?.[0]?.message).toMatch(/^Internal error \(ref [0-9a-f]{8}\)/);
    expect(detect.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', ref: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });

  it('stores what a script wrote to stderr as plain text: no terminal escapes or control characters', async () => {
    const original = await investigate(sales.datasetId, 'TEMPLATE');
    const code = 'raise ValueError("\\x1b[31mred\\x1b[0m \\x1b]0;title\\x07<b>bold</b>\\x08 tab\\tend")';
    const r = await post(sales.server.url, 'mutation($id: ID!, $code: String) { rerunInvestigation(id: $id, code: $code) { status errorCode error } }', {
      id: original.id,
      code,
    });
    const rerun = r.data.rerunInvestigation;
    expect(rerun).toMatchObject({ status: 'FAILED', errorCode: 'SCRIPT_ERROR' });
    expect(rerun.error).toContain('red <b>bold</b> tab\tend');
    expect(rerun.error).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
