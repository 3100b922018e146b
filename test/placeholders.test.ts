import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from './helpers/graphql';
import { startServer, type TestServer } from './helpers/server';

// Placeholders standing for missing values ("." / "unknown" among real values): proposed by detectIssues,
// counted by missing_values' options.placeholders alike in the pandas template and the heuristic.
let server: TestServer;
let datasetId: string;

const colours = ['blue', 'brown', 'green', 'grey', 'hazel'];
const rows: string[][] = [];
for (let i = 0; i < 60; i++) {
  const eye = i % 17 === 3 ? '.' : i % 23 === 5 ? ' unknown' : i % 29 === 7 ? '' : colours[i % colours.length]!;
  rows.push([`P${i}`, eye, i % 2 ? '+' : '-', String(20 + (i % 40)), `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`]);
}
const CSV = ['id,eye_color,sign,age,seen', ...rows.map((r) => r.join(','))].join('\n');
// Independent count: rows whose eye colour is empty, ".", or "unknown" once spaces are trimmed.
const expectedMissing = rows.filter((r) => ['', '.', 'unknown'].includes(r[1]!.trim())).length;
const expectedPlaceholders = rows.filter((r) => ['.', 'unknown'].includes(r[1]!.trim())).length;

beforeAll(async () => {
  server = await startServer();
  const r = await post(server.url, 'mutation($csv: String!) { createDataset(name: "people", csv: $csv) { id } }', { csv: CSV });
  datasetId = r.data.createDataset.id;
});
afterAll(() => server?.stop());

async function investigate(codegen: string, options: Record<string, unknown>) {
  const r = await post(
    server.url,
    `mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { investigations { status method output verdict { status } } } }`,
    { input: { datasetId, codegen, wait: true, issues: [{ type: 'missing_values', description: 'eye colour is missing', affectedColumns: ['eye_color'], options }] } },
  );
  expect(r.errors).toBeUndefined();
  return r.data.investigateIssues.investigations[0];
}

describe('placeholders standing for missing values', () => {
  it('are proposed by detectIssues with the figure the investigation finds, and not in a column of symbols', async () => {
    const r = await post(server.url, 'mutation($id: ID!) { detectIssues(datasetId: $id) { type affectedColumns options description evidence } }', { id: datasetId });
    const proposals = r.data.detectIssues.filter((i: any) => i.type === 'missing_values');
    expect(proposals.map((i: any) => i.affectedColumns)).toEqual([['eye_color']]);
    expect(proposals[0].options).toEqual({ placeholders: ['.', 'unknown'] });
    expect(proposals[0].evidence).toMatchObject({ affected_count: expectedMissing, empty_count: expectedMissing - expectedPlaceholders });
    const investigation = await investigate('TEMPLATE', proposals[0].options);
    expect(investigation.output.affected_count).toBe(expectedMissing);
  });

  it('are counted alike by the pandas template and the heuristic', async () => {
    const template = await investigate('TEMPLATE', { placeholders: ['.', 'unknown'] });
    const heuristic = await investigate('HEURISTIC', { placeholders: ['.', 'unknown'] });
    expect([template.method, heuristic.method]).toEqual(['TEMPLATE', 'HEURISTIC']);
    expect(template.output.missing_by_column).toEqual({ eye_color: expectedMissing });
    const { redactions: _a, ...t } = template.output;
    const { redactions: _b, ...h } = heuristic.output;
    expect(h).toEqual(t);
    // Without the option, only the empty cells count.
    expect((await investigate('TEMPLATE', {})).output.affected_count).toBe(expectedMissing - expectedPlaceholders);
  });

  it.each([[['1']], [['true']], [['  ']], ['.']])('refuses placeholders that are not texts pandas keeps as written (%j)', async (placeholders) => {
    const r = await post(server.url, 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { id } }', {
      input: { datasetId, issues: [{ type: 'missing_values', description: 'x', affectedColumns: ['eye_color'], options: { placeholders } }] },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/options\.placeholders/);
  });
});

describe('placeholder dates', () => {
  const day = (i: number) => new Date(Date.UTC(2015, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const dated = Array.from({ length: 120 }, (_, i) => [`E${i}`, i % 31 === 4 ? '1970-01-01' : i === 77 ? '9999-12-31' : day(i)]);
  // Independent count: the rows holding a placeholder date.
  const placeholderRows = dated.filter(([, d]) => d === '1970-01-01' || d === '9999-12-31').length;

  async function detectOn(csv: string) {
    const created = await post(server.url, 'mutation($csv: String!) { createDataset(name: "dates", csv: $csv) { id } }', { csv });
    const id = created.data.createDataset.id;
    const r = await post(server.url, 'mutation($id: ID!) { detectIssues(datasetId: $id) { type affectedColumns description options } }', { id });
    return { id, issues: r.data.detectIssues.filter((i: any) => i.type === 'out_of_range') };
  }

  it('are proposed with bounds that make out_of_range count exactly them', async () => {
    const { id, issues } = await detectOn(['event,happened', ...dated.map((r) => r.join(','))].join('\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0].description).toContain(`placeholder dates standing for unknown ones in ${placeholderRows} of 120 rows`);
    expect(issues[0].description).toMatch(/"1970-01-01" \(\d+\), "9999-12-31" \(1\)/);
    expect(issues[0].options).toEqual({ min: day(0), max: day(119) });
    const r = await post(server.url, 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { investigations { output verdict { status } } } }', {
      input: { datasetId: id, codegen: 'TEMPLATE', wait: true, issues: [{ ...issues[0], affectedColumns: issues[0].affectedColumns }] },
    });
    const [investigation] = r.data.investigateIssues.investigations;
    expect(investigation.output.affected_count).toBe(placeholderRows);
    expect(investigation.verdict.status).toBe('CONFIRMED');
  });

  it('are not the first day of a yearly series that starts on the epoch', async () => {
    const yearly = Array.from({ length: 40 }, (_, i) => `car${i},${1970 + (i % 13)}-01-01`);
    const { issues } = await detectOn(['name,year', ...yearly].join('\n'));
    expect(issues).toEqual([]);
  });
});

describe('zeros standing for measurements not taken', () => {
  // Continuous sizes around 5 with a few exact zeros; beside them, counts and amounts where zero is a value.
  const sized = Array.from({ length: 400 }, (_, i) => {
    const size = i % 97 === 13 ? '0' : (4 + ((i * 37) % 300) / 100).toFixed(2);
    const visits = String(i % 9 === 0 ? 0 : 3 + (i % 5));
    const spend = i % 61 === 2 ? '0' : ((i * 13) % 900 / 10 + 0.05).toFixed(2);
    return [`S${i}`, size, visits, spend];
  });
  // Independent count: rows whose size is written as 0.
  const zeroRows = sized.filter((r) => r[1] === '0').length;
  const smallestOther = Math.min(...sized.filter((r) => r[1] !== '0').map((r) => Number(r[1])));

  it('are proposed in a column of continuous measurements far from zero, with a bound that makes out_of_range count exactly them', async () => {
    const created = await post(server.url, 'mutation($csv: String!) { createDataset(name: "sizes", csv: $csv) { id } }', {
      csv: ['item,size,visits,spend', ...sized.map((r) => r.join(','))].join('\n'),
    });
    const id = created.data.createDataset.id;
    const r = await post(server.url, 'mutation($id: ID!) { detectIssues(datasetId: $id) { type affectedColumns description options evidence } }', { id });
    const proposals = r.data.detectIssues.filter((i: any) => i.type === 'out_of_range');
    expect(proposals.map((i: any) => i.affectedColumns)).toEqual([['size']]);
    expect(proposals[0].options).toEqual({ min: smallestOther });
    expect(proposals[0].evidence).toMatchObject({ zero_count: zeroRows, smallest_other: smallestOther });
    expect(proposals[0].description).toContain(`size is 0 in ${zeroRows} of 400 rows`);
    const run = await post(server.url, 'mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { investigations { output verdict { status } } } }', {
      input: { datasetId: id, codegen: 'TEMPLATE', wait: true, issues: [{ type: 'out_of_range', description: proposals[0].description, affectedColumns: ['size'], options: proposals[0].options }] },
    });
    const [investigation] = run.data.investigateIssues.investigations;
    expect(investigation.output.affected_count).toBe(zeroRows);
    expect(investigation.verdict.status).toBe('CONFIRMED');
  });
});
