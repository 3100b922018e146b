import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { rng } from './helpers/data';
import { ok } from './helpers/graphql';
import { ROOT, startServer, tempDataDir, removeDataDir, type TestServer } from './helpers/server';

const CountDatasets = graphql(`
  query CliTestDatasets {
    datasets {
      totalCount
    }
  }
`);

const BIN = join(ROOT, 'bin', 'iterate.mjs');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would (the built bin), without blocking this process, where the server runs. */
function iterate(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

let server: TestServer;
let dir: string;
let env: Record<string, string>;
let csv: string;
/** What the file holds, counted as it is written: the oracle. */
const planted = { rows: 400, missingAmount: 0, duplicatedRows: 0 };

beforeAll(async () => {
  server = await startServer();
  dir = tempDataDir();
  env = { ITERATE_SERVER: server.url, ITERATE_TOKEN: server.adminToken! };
  const random = rng(21).next;
  const lines = ['order_id,amount,region'];
  const idCounts = new Map<number, number>();
  for (let i = 0; i < planted.rows; i++) {
    // ids 0..389, the last ten rows repeating ten earlier ids
    const id = i < 390 ? i : (i - 390) * 7;
    idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
    const missing = random() < 0.1;
    if (missing) planted.missingAmount++;
    lines.push(`A${String(id).padStart(5, '0')},${missing ? '' : (10 + random() * 90).toFixed(2)},${['north', 'south'][i % 2]}`);
  }
  planted.duplicatedRows = [...idCounts.values()].filter((n) => n > 1).reduce((sum, n) => sum + n, 0);
  csv = join(dir, 'orders.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await server?.stop();
  removeDataDir(dir);
});

describe('the iterate CLI', () => {
  it('detect writes the hypotheses as an issues file, measured on the whole file', async () => {
    const out = join(dir, 'issues.json');
    const ran = await iterate(['detect', csv, '--output', out], env);
    expect(ran.stderr).toContain('Uploaded orders.csv (400 rows)');
    expect(ran.code).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.dataset.rows).toBe(planted.rows);
    const missing = file.issues.find((i: { type: string; affectedColumns: string[] }) => i.type === 'missing_values' && i.affectedColumns[0] === 'amount');
    expect(missing.evidence.affected_count).toBe(planted.missingAmount);
    const duplicates = file.issues.find((i: { type: string }) => i.type === 'duplicates');
    expect(duplicates.affectedColumns).toEqual(['order_id']);
    expect(duplicates.evidence.affected_count).toBe(planted.duplicatedRows);
  });

  it('investigate finds the uploaded file by its content, follows the run, prints and writes the results, and exits 3 on a refuted hypothesis', async () => {
    const issues = join(dir, 'claims.json');
    writeFileSync(
      issues,
      JSON.stringify([
        { type: 'missing_values', description: 'amount is missing', affectedColumns: ['amount'], claim: { comparator: 'EQ', measure: 'AFFECTED_ROWS', value: planted.missingAmount } },
        { type: 'duplicates', description: 'order ids repeat in 3 rows', affectedColumns: ['order_id'], claim: { comparator: 'EQ', measure: 'AFFECTED_ROWS', value: 3 } },
      ]),
    );
    const out = join(dir, 'results.json');
    const ran = await iterate(['investigate', csv, '--issues', issues, '--output', out, '--codegen', 'TEMPLATE'], env);
    expect(ran.stderr).toContain('Found orders.csv (400 rows)');
    expect((await ok(server.url, CountDatasets)).datasets.totalCount).toBe(1);
    // Progress, one line per step when stderr is not a terminal.
    expect(ran.stderr).toMatch(/#1 missing_values \(amount\): running\n[^]*#1 missing_values \(amount\): succeeded/);
    expect(ran.stdout).toMatch(/missing_values.*amount.*SUCCEEDED.*TEMPLATE.*CONFIRMED/);
    expect(ran.stdout).toMatch(/duplicates.*order_id.*SUCCEEDED.*TEMPLATE.*REFUTED/);
    expect(ran.code).toBe(3);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.investigations.map((i: { output: { affected_count: number } }) => i.output.affected_count)).toEqual([planted.missingAmount, planted.duplicatedRows]);
  }, 90_000);

  it('investigate writes CSV, and exits 0 when told to fail on nothing', async () => {
    const issues = join(dir, 'plain.json');
    writeFileSync(issues, JSON.stringify({ issues: [{ type: 'duplicates', description: 'ids repeat', affectedColumns: ['order_id'], claim: { comparator: 'EQ', measure: 'AFFECTED_ROWS', value: 3 } }] }));
    const out = join(dir, 'results.csv');
    const ran = await iterate(['investigate', csv, '-i', issues, '-o', out, '--fail-on', 'none', '--no-progress'], env);
    expect(ran.stderr).not.toContain('running');
    expect(ran.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').trim(), { header: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'duplicates', columns: 'order_id', status: 'SUCCEEDED', verdict: 'REFUTED', affected_count: String(planted.duplicatedRows) });
  }, 90_000);

  it('says what is wrong, in one line and with exit code 1, for a bad issues file, a bad token or no server', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ type: 'outliers', affectedColumns: ['amount'] }]));
    const badFile = await iterate(['investigate', csv, '-i', bad], env);
    expect(badFile.code).toBe(1);
    expect(badFile.stderr).toMatch(/^iterate: The issues file .*bad\.json is not a list of issues: at 0\.description/m);

    const badToken = await iterate(['detect', csv], { ...env, ITERATE_TOKEN: 'not-a-token' });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/^iterate: .*token/im);

    const noServer = await iterate(['detect', csv], { ...env, ITERATE_SERVER: 'http://127.0.0.1:9/graphql' });
    expect(noServer.code).toBe(1);
    expect(noServer.stderr).toMatch(/^iterate: Cannot reach http:\/\/127\.0\.0\.1:9\/graphql/m);

    const badOption = await iterate(['investigate', csv, '-i', bad, '--fail-on', 'sometimes'], env);
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain('--fail-on takes failed, refuted, inconclusive or none, not sometimes');
  }, 60_000);
});
