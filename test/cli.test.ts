import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
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

  it('investigate takes the issues file detect wrote as it is, and measures what detect measured', async () => {
    const proposed = join(dir, 'proposed.json');
    expect((await iterate(['detect', csv, '--output', proposed], env)).code).toBe(0);
    const file = JSON.parse(readFileSync(proposed, 'utf8')) as { issues: Array<{ type: string; affectedColumns: string[]; evidence: { affected_count: number } }> };
    const out = join(dir, 'proposed-results.json');
    const ran = await iterate(['investigate', csv, '-i', proposed, '-o', out, '--codegen', 'TEMPLATE', '--fail-on', 'failed'], env);
    expect(ran.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { investigations: Array<{ status: string; issue: { type: string; affectedColumns: string[] }; output: { affected_count: number } }> };
    expect(written.investigations.map((i) => [i.issue.type, i.issue.affectedColumns])).toEqual(file.issues.map((i) => [i.type, i.affectedColumns]));
    expect(written.investigations.map((i) => i.status)).toEqual(file.issues.map(() => 'SUCCEEDED'));
    expect(written.investigations.map((i) => i.output.affected_count)).toEqual(file.issues.map((i) => i.evidence.affected_count));
    // And right, not only alike: the counts made as the file was written.
    const measured = (type: string, column: string) => written.investigations.find((i) => i.issue.type === type && i.issue.affectedColumns[0] === column)?.output.affected_count;
    expect([measured('missing_values', 'amount'), measured('duplicates', 'order_id')]).toEqual([planted.missingAmount, planted.duplicatedRows]);
  }, 90_000);

  it('investigate writes each chart and suggested follow-up with its result: JSON with the charts at URLs the token opens, CSV with a charts column', async () => {
    const issues = join(dir, 'charts.json');
    writeFileSync(issues, JSON.stringify([{ type: 'missing_values', description: 'amount is missing', affectedColumns: ['amount'] }]));
    const out = join(dir, 'charts-results.json');
    expect((await iterate(['investigate', csv, '-i', issues, '-o', out, '--codegen', 'TEMPLATE', '--no-progress'], env)).code).toBe(0);
    const [investigation] = JSON.parse(readFileSync(out, 'utf8')).investigations as Array<{
      artifacts: Array<{ name: string; url: string; sha256: string }>;
      suggestedFollowUps: Array<{ question: string; issue: { type: string; options: { by?: string } | null } }>;
    }>;
    expect(investigation!.artifacts.map((a) => a.name)).toEqual(['missing_by_column.png']);
    const chart = investigation!.artifacts[0]!;
    expect(chart.url.startsWith(new URL('/', server.url).href)).toBe(true);
    const png = Buffer.from(await (await fetch(chart.url, { headers: { authorization: `Bearer ${server.adminToken}` } })).arrayBuffer());
    expect(createHash('sha256').update(png).digest('hex')).toBe(chart.sha256);
    // region is the only other text column, of two values: the breakdown by segment.
    expect(investigation!.suggestedFollowUps.map((f) => [f.issue.type, f.issue.options?.by])).toEqual([['missing_values', 'region']]);

    const csvOut = join(dir, 'charts-results.csv');
    expect((await iterate(['investigate', csv, '-i', issues, '-o', csvOut, '--codegen', 'TEMPLATE', '--no-progress'], env)).code).toBe(0);
    const [row] = Papa.parse<Record<string, string>>(readFileSync(csvOut, 'utf8').trim(), { header: true }).data;
    expect(row!.charts).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/artifacts\/\S+$/);
    expect(row!.follow_ups).toBe(investigation!.suggestedFollowUps.map((f) => f.question).join(' | '));
    expect(row!.follow_ups).toContain('region');
  }, 90_000);

  it('exits 2 when an investigation failed and 4 when a hypothesis stayed inconclusive, as --fail-on says', async () => {
    const failing = join(dir, 'failing.json');
    // A breakdown by a numeric column fails the template, saying so.
    writeFileSync(failing, JSON.stringify([{ type: 'missing_values', description: 'amount is missing', affectedColumns: ['amount'], options: { by: 'amount' } }]));
    const failed = await iterate(['investigate', csv, '-i', failing, '--codegen', 'TEMPLATE', '--no-progress'], env);
    expect(failed.stdout).toMatch(/missing_values.*amount.*FAILED/);
    expect(failed.stdout).toContain('options.by must name a text column');
    expect(failed.code).toBe(2);
    expect((await iterate(['investigate', csv, '-i', failing, '--codegen', 'TEMPLATE', '--no-progress', '--fail-on', 'refuted'], env)).code).toBe(0);

    const cause = join(dir, 'cause.json');
    writeFileSync(cause, JSON.stringify([{ type: 'missing_values', description: 'amount is missing because the till was offline', affectedColumns: ['amount'] }]));
    const unsettled = await iterate(['investigate', csv, '-i', cause, '--codegen', 'TEMPLATE', '--no-progress', '--fail-on', 'failed,refuted,inconclusive'], env);
    expect(unsettled.stdout).toMatch(/missing_values.*amount.*SUCCEEDED.*INCONCLUSIVE/);
    expect(unsettled.code).toBe(4);
    expect((await iterate(['investigate', csv, '-i', cause, '--codegen', 'TEMPLATE', '--no-progress'], env)).code).toBe(0);
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
