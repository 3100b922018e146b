import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { post } from './helpers/graphql';
import { salesServer } from './helpers/seed';

// The client-breaking bugs of issue 10, each checked the way a client meets it: a document sent over HTTP.
const sales = salesServer();

const RUN_FIELDS = `id status investigations {
  status error errorCode output
  issue { id clientId type description affectedColumns options source evidence }
}`;

async function investigate(issues: string, extra = '') {
  const r = await post(sales.server.url, `mutation { investigateIssues(input: { datasetId: "${sales.datasetId}", wait: true, ${extra} issues: [${issues}] }) { ${RUN_FIELDS} } }`);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.investigateIssues;
}

async function refusal(issue: string, codegen = 'TEMPLATE') {
  const r = await post(sales.server.url, `mutation { investigateIssues(input: { datasetId: "${sales.datasetId}", codegen: ${codegen}, issues: [${issue}] }) { id } }`);
  expect(r.data?.investigateIssues ?? null, 'the mutation must be refused').toBeNull();
  return { message: r.errors![0]!.message, code: r.errors![0]!.extensions?.code };
}

/** sales.csv's rows, as an independent oracle (papaparse, not the service's reader). */
const salesRows = () => Papa.parse<Record<string, string>>(readFileSync(SALES_CSV, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('JSON written as a literal in the document', () => {
  it('works exactly like the same value in variables (options of the README example)', async () => {
    const issue = (options: string) =>
      `{ id: "rel", type: "cross_column", description: "revenue = price × quantity", affectedColumns: ["revenue", "price", "quantity"], options: ${options} }`;
    const inline = await investigate(issue('{ tolerance: 0.01, relative_tolerance: 0.000001 }'));
    const viaVariables = await post(
      sales.server.url,
      `mutation($options: JSON) { investigateIssues(input: { datasetId: "${sales.datasetId}", wait: true, issues: [{ id: "rel", type: "cross_column", description: "revenue = price × quantity", affectedColumns: ["revenue", "price", "quantity"], options: $options }] }) { ${RUN_FIELDS} } }`,
      { options: { tolerance: 0.01, relative_tolerance: 0.000001 } },
    );
    expect(inline.investigations[0].status).toBe('SUCCEEDED');
    expect(inline.investigations[0].issue.options).toEqual({ tolerance: 0.01, relative_tolerance: 0.000001 });
    expect(inline.investigations[0].output).toEqual(viaVariables.data.investigateIssues.investigations[0].output);
  });

  it('keeps nested objects, lists and variables inside a literal', async () => {
    const r = await post(
      sales.server.url,
      `mutation($max: JSON) { investigateIssues(input: { datasetId: "${sales.datasetId}", wait: true, issues: [{ type: "out_of_range", description: "prices too high", affectedColumns: ["price"], options: { bounds: { price: { max: $max } }, note: ["a", 1, null] } }] }) { ${RUN_FIELDS} } }`,
      { max: 500 },
    );
    const inv = r.data.investigateIssues.investigations[0];
    expect(inv.status).toBe('SUCCEEDED');
    const above = salesRows().filter((row) => row.price !== '' && Number(row.price) > 500).length;
    expect(inv.output.affected_count).toBe(above);
    expect(inv.output.ignored_options).toEqual(['note']);
  });
});

describe('ids a normalizing cache can key on', () => {
  it('gives every issue a globally unique id and keeps the client’s own as clientId', async () => {
    const issues = `{ id: "a", type: "missing_values", description: "revenue missing", affectedColumns: ["revenue"] }
      { type: "duplicates", description: "ids repeat", affectedColumns: ["transaction_id"] }`;
    const [first, second] = [await investigate(issues), await investigate(issues)];
    const ids = [...first.investigations, ...second.investigations].map((i: any) => i.issue.id);
    expect(new Set(ids).size).toBe(4);
    expect(first.investigations.map((i: any) => i.issue.clientId)).toEqual(['a', 'issue-2']);
    expect(second.investigations.map((i: any) => i.issue.clientId)).toEqual(['a', 'issue-2']);
    const again = await post(sales.server.url, `{ run(id: "${first.id}") { investigations { issue { id } } } }`);
    expect(again.data.run.investigations.map((i: any) => i.issue.id)).toEqual(ids.slice(0, 2));
  });

  it('gives detectIssues’ hypotheses ids unique across calls, with stable clientIds', async () => {
    const detect = async () => (await post(sales.server.url, `mutation { detectIssues(datasetId: "${sales.datasetId}") { id clientId } }`)).data.detectIssues;
    const [a, b] = [await detect(), await detect()];
    expect(a.length).toBeGreaterThan(0);
    expect(new Set([...a, ...b].map((i: any) => i.id)).size).toBe(a.length + b.length);
    expect(b.map((i: any) => i.clientId)).toEqual(a.map((i: any) => i.clientId));
  });
});

describe('options checked when the mutation is called', () => {
  it.each([
    ['cross_column', '["revenue", "price"]', '{ tolerance: "small" }', 'options.tolerance', /must be a non-negative number; got "small"/],
    ['cross_column', '["revenue", "price"]', '{ relative_tolerance: -1 }', 'options.relative_tolerance', /non-negative number; got -1/],
    ['cross_column', '["revenue", "price"]', '{ relation: "  " }', 'options.relation', /non-empty string/],
    ['invalid_format', '["price"]', '{ expected: "zipcode" }', 'options.expected', /one of number, date, email, boolean, integer; got "zipcode"/],
    ['invalid_format', '["price"]', '{ pattern: 5 }', 'options.pattern', /regular expression; got 5/],
    ['out_of_range', '["price"]', '{ max: true }', 'options.max', /a number, or a date string.*; got true/],
    ['out_of_range', '["price"]', '{ min: "soon" }', 'options.min', /got "soon"/],
    ['out_of_range', '["price"]', '{ bounds: [1] }', 'options.bounds', /be an object mapping columns to \{"min": …, "max": …\}.*; got \[1\]/],
    ['out_of_range', '["price"]', '{ bounds: { quantity: { max: 3 } } }', 'options.bounds', /must name investigated columns \(price\); got the key "quantity"/],
    ['out_of_range', '["price"]', '{ bounds: { price: { max: "x" } } }', 'options.bounds.price.max', /got "x"/],
    ['out_of_range', '["price"]', '{ bounds: { price: { top: 3 } } }', 'options.bounds.price', /"min" and\/or "max"/],
  ])('%s %s with %s names issues[0].%s', async (type, columns, options, key, message) => {
    const error = await refusal(`{ type: "${type}", description: "x", affectedColumns: ${columns}, options: ${options} }`);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(`issues[0].${key} must `);
    expect(error.message).toMatch(message);
  });

  it('names the right issue of several', async () => {
    const error = await refusal(`{ type: "missing_values", description: "x", affectedColumns: ["revenue"] }
      { type: "cross_column", description: "x", affectedColumns: ["revenue", "price"], options: { tolerance: [] } }`);
    expect(error.message).toMatch(/^issues\[1\]\.options\.tolerance must be a non-negative number; got \[\]/);
  });

  it('lists keys a type does not read as ignored_options, for every type, in templates and the heuristic alike', async () => {
    for (const codegen of ['TEMPLATE', 'HEURISTIC']) {
      const run = await investigate(
        `{ type: "missing_values", description: "x", affectedColumns: ["revenue"], options: { threshold: 3, tolerance: 1 } }
         { type: "outliers", description: "x", affectedColumns: ["price"], options: { z: 2 } }
         { type: "duplicates", description: "x", affectedColumns: ["transaction_id"] }`,
        `codegen: ${codegen},`,
      );
      expect(run.investigations.map((i: any) => i.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
      expect(run.investigations.map((i: any) => i.output.ignored_options ?? null)).toEqual([['threshold', 'tolerance'], ['z'], null]);
    }
  });
});

describe('columns a type cannot investigate', () => {
  it('fails outliers on a text column with a clear reason instead of an empty REFUTED', async () => {
    const run = await investigate(`{ type: "outliers", description: "suppliers spike", affectedColumns: ["supplier"] }`);
    const [inv] = run.investigations;
    expect(inv).toMatchObject({ status: 'FAILED', errorCode: 'COLUMN_TYPE_UNSUPPORTED', output: null });
    expect(inv.error).toBe(
      'Cannot investigate outliers on column "supplier": it holds text, not numbers: none of its values is a number, so there is nothing to measure (outliers needs a numeric column)',
    );
  });
});

describe('detectIssues’ hypotheses sent back as they are', () => {
  it('investigates every one, keeping its source and evidence', async () => {
    const detected = (
      await post(sales.server.url, `mutation { detectIssues(datasetId: "${sales.datasetId}") { id clientId type description affectedColumns options source evidence } }`)
    ).data.detectIssues;
    const r = await post(
      sales.server.url,
      `mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) { ${RUN_FIELDS} } }`,
      { input: { datasetId: sales.datasetId, wait: true, issues: detected } },
    );
    expect(r.errors).toBeUndefined();
    const investigations = r.data.investigateIssues.investigations;
    expect(investigations.map((i: any) => i.status)).toEqual(detected.map(() => 'SUCCEEDED'));
    investigations.forEach((inv: any, i: number) => {
      expect(inv.issue).toMatchObject({ clientId: detected[i].clientId, source: 'PROFILE', evidence: detected[i].evidence });
      expect(inv.issue.id).not.toBe(detected[i].id);
    });
  });
});

describe('issue types', () => {
  it.each([
    ['missing_value', 'missing_values'],
    ['Duplicates', 'duplicates'],
    ['outlier', 'outliers'],
    ['categorical-variation', 'categorical_variation'],
    ['whitespace_cases', 'whitespace_case'],
  ])('suggests the built-in type a misspelt %s means', async (given, meant) => {
    const error = await refusal(`{ type: "${given}", description: "x", affectedColumns: ["revenue"] }`, 'AUTO');
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(`did you mean "${meant}"?`);
  });

  it('leaves a hypothesis of another type alone: without an LLM it fails with NO_TEMPLATE', async () => {
    const run = await investigate(`{ type: "seasonality", description: "sales are seasonal", affectedColumns: ["date"] }
      { type: "duplicate_invoices", description: "x", affectedColumns: ["transaction_id"] }
      { type: "outliers", description: "x", affectedColumns: ["nope"] }`);
    expect(run.investigations.map((i: any) => i.errorCode)).toEqual(['NO_TEMPLATE', 'NO_TEMPLATE', 'COLUMN_NOT_FOUND']);
  });
});

describe('pages', () => {
  it.each([
    ['runs(first: 101)', /first must be between 0 and 100; got 101/],
    ['investigations(last: 1000, before: "inv_01M8W9C008M2965ZQZ67S9HQ60")', /last must be between 0 and 100; got 1000/],
    ['runs(after: "garbage")', /after must be a cursor this list returned.*got "garbage"/],
    ['investigations(after: "run_01M8W9C008M2965ZQZ67S9HQ60")', /after must be a cursor this list returned \(an id such as inv_…\)/],
    ['datasets(before: "ds_x")', /before must be a cursor/],
  ])('refuses %s with BAD_USER_INPUT', async (field, message) => {
    const r = await post(sales.server.url, `{ ${field} { edges { cursor } } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it('pages up to the maximum, with the whole list’s totalCount', async () => {
    const r = await post(sales.server.url, `{ investigations(first: 100) { totalCount edges { cursor } } runs(first: 1) { totalCount edges { cursor } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.investigations.totalCount).toBeGreaterThanOrEqual(r.data.investigations.edges.length);
    expect(r.data.runs.edges).toHaveLength(1);
    expect(r.data.runs.totalCount).toBeGreaterThan(1);
  });
});

describe('typed results of valid outputs', () => {
  it('carry nulls the result schema allows (an outlier whose id is missing)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},C${i},10`);
    const csv = `id,customer_id,price\n${rows.join('\n')}\n30,,1000\n`;
    const created = await post(sales.server.url, 'mutation($csv: String!) { createDataset(name: "null-id", csv: $csv) { id } }', { csv });
    const datasetId = created.data.createDataset.id;
    for (const codegen of ['TEMPLATE', 'HEURISTIC']) {
      const r = await post(
        sales.server.url,
        `mutation { investigateIssues(input: { datasetId: "${datasetId}", codegen: ${codegen}, wait: true, issues: [{ type: "outliers", description: "x", affectedColumns: ["price"] }] }) {
          investigations { status result { ... on OutliersResult { outlierCount exampleOutliers { row values { key value } } } } } } }`,
      );
      expect(r.errors).toBeUndefined();
      const [inv] = r.data.investigateIssues.investigations;
      expect(inv.result).toEqual({
        outlierCount: 1,
        exampleOutliers: [{ row: 30, values: [{ key: 'price', value: 1000 }, { key: 'id', value: 30 }, { key: 'customer_id', value: null }] }],
      });
    }
  });
});
