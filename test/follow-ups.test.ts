import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON, rng, SALES_CSV } from './helpers/data';
import { answerWithCode, FakeAnthropic, isClaimReading, messageText } from './helpers/fakeAnthropic';
import { ok, request } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { as, tokenFor } from './helpers/tenants';
import { removeDataDir, startServer, tempDataDir, type TestServer } from './helpers/server';

const Investigate = graphql(`
  mutation FollowUpBase($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      investigations {
        id
        status
        code
        output
      }
    }
  }
`);

const FollowUp = graphql(`
  mutation FollowUpStart($id: ID!, $issue: IssueInput!, $codegen: CodegenMode, $wait: Boolean) {
    followUp(investigationId: $id, issue: $issue, codegen: $codegen, wait: $wait) {
      id
      status
      error
      method
      code
      output
      run {
        id
      }
      parent {
        id
      }
    }
  }
`);

const Lineage = graphql(`
  query FollowUpLineage($id: ID!) {
    investigation(id: $id) {
      id
      parent {
        id
      }
      children {
        id
        issue {
          type
          description
        }
      }
    }
    investigations(filter: { parentId: $id }) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const Rerun = graphql(`
  mutation FollowUpRerun($id: ID!) {
    rerunInvestigation(id: $id) {
      id
      parent {
        id
      }
    }
  }
`);

const RerunWith = graphql(`
  mutation FollowUpRerunWith($id: ID!, $code: String) {
    rerunInvestigation(id: $id, code: $code) {
      id
      status
    }
  }
`);

const Suggested = graphql(`
  query FollowUpSuggested($id: ID!) {
    investigation(id: $id) {
      output
      suggestedFollowUps {
        question
        issue {
          type
          description
          affectedColumns
          options
        }
      }
    }
  }
`);

const MISSING_REVENUE = { type: 'missing_values', description: 'revenue has missing values', affectedColumns: ['revenue'] };
const OUTLYING_PRICES = { type: 'outliers', description: 'prices spike where revenue is missing', affectedColumns: ['price'] };

let fake: FakeAnthropic;
let server: TestServer;
let datasetId: string;
const codePrompts = () => fake.calls('POST', '/v1/messages').filter((r) => !isClaimReading(r));

/** The PREVIOUS a template script defines, read back from its code: `PREVIOUS = json.loads("…")`. */
function previousIn(code: string): { investigation_id: string; issue: { type: string; columns: string[] }; output: unknown } {
  const line = code.split('\n').find((l) => l.startsWith('PREVIOUS = json.loads('));
  expect(line, 'a PREVIOUS line in the follow-up code').toBeDefined();
  return JSON.parse(JSON.parse(line!.slice('PREVIOUS = json.loads('.length, -1)));
}

async function base(issue = MISSING_REVENUE) {
  const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: [issue], codegen: 'TEMPLATE', wait: true } });
  const parent = investigateIssues.investigations[0]!;
  expect(parent.status).toBe('SUCCEEDED');
  return parent;
}

beforeAll(async () => {
  fake = await new FakeAnthropic().start();
  server = await startServer({ ANTHROPIC_API_KEY: 'sk-ant-test-follow-ups', ANTHROPIC_BASE_URL: fake.url, CLAIM_READER: 'rules' });
  datasetId = await seedDataset(server.url, SALES_CSV);
});
afterAll(async () => {
  await server?.stop();
  await fake?.stop();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('follow-ups (multi-step investigations)', () => {
  it("runs a follow-up in a new run whose template gets the parent's issue and result, and links the two both ways", async () => {
    const parent = await base();
    const { followUp: child } = await ok(server.url, FollowUp, { id: parent.id, issue: OUTLYING_PRICES, codegen: 'TEMPLATE' });
    expect(child).toMatchObject({ status: 'SUCCEEDED', method: 'TEMPLATE', parent: { id: parent.id } });
    // The context is the parent's stored result, as the API serves it.
    const previous = previousIn(child.code!);
    expect(previous.investigation_id).toBe(parent.id);
    expect(previous.issue).toMatchObject({ type: 'missing_values', columns: ['revenue'] });
    expect(previous.output).toEqual(parent.output);
    // A follow-up is measured on the whole dataset like any investigation: the same as the template alone.
    const alone = await base(OUTLYING_PRICES);
    expect(child.output).toEqual(alone.output);

    const { investigation, investigations } = await ok(server.url, Lineage, { id: parent.id });
    expect(investigation!.parent).toBeNull();
    expect(investigation!.children).toEqual([{ id: child.id, issue: { type: 'outliers', description: OUTLYING_PRICES.description } }]);
    expect(investigations.edges.map((e) => e.node.id)).toEqual([child.id]);
    expect((await ok(server.url, Lineage, { id: child.id })).investigation!.parent).toEqual({ id: parent.id });

    // A rerun of a follow-up follows up the same investigation.
    const { rerunInvestigation } = await ok(server.url, Rerun, { id: child.id });
    expect(rerunInvestigation.parent).toEqual({ id: parent.id });
    expect((await ok(server.url, Lineage, { id: parent.id })).investigation!.children.map((c) => c.id)).toEqual([child.id, rerunInvestigation.id]);
    expect(codePrompts()).toHaveLength(0);
  });

  it("shows the LLM the parent's hypothesis, code and result as data, and does not reuse code cached for the same issue without them", async () => {
    const parent = await base();
    fake.onMessage = () => answerWithCode(`import json\nprint(json.dumps({"issue_type": "outliers", "columns": ["price"], "rows_analyzed": 1, "affected_count": 0, "affected_percentage": 0.0, "affected_rows": []}))`);
    const { followUp: child } = await ok(server.url, FollowUp, { id: parent.id, issue: OUTLYING_PRICES, codegen: 'LLM' });
    expect(child.parent).toEqual({ id: parent.id });
    const afterFollowUp = codePrompts().length;
    const prompt = messageText(codePrompts()[0]!.body);
    const quoted = prompt.slice(prompt.indexOf('<previous_investigation>'), prompt.indexOf('</previous_investigation>'));
    expect(quoted).toContain('"type":"missing_values"');
    expect(quoted).toContain(parent.code!.split('\n').find((l) => l.startsWith('ISSUE = '))!);
    expect(quoted).toContain(`"affected_count":${(parent.output as { affected_count: number }).affected_count}`);
    expect(prompt.indexOf('<previous_investigation>')).toBeLessThan(prompt.indexOf('<dataset_sample'));

    // The same issue investigated on its own is a different request: it is not served the follow-up's cached code.
    await ok(server.url, Investigate, { input: { datasetId, issues: [OUTLYING_PRICES], codegen: 'LLM', wait: true } });
    expect(codePrompts().length).toBeGreaterThan(afterFollowUp);
    expect(messageText(codePrompts()[afterFollowUp]!.body)).not.toContain('<previous_investigation>');
  });

  it('suggests follow-ups from a result, which followUp takes as they are and whose answers check out', async () => {
    const suggestionsOf = async (issue: { type: string; description: string; affectedColumns: string[] }) => {
      const parent = await base(issue);
      const { investigation } = await ok(server.url, Suggested, { id: parent.id });
      return { parent, output: investigation!.output, suggestions: investigation!.suggestedFollowUps };
    };
    // outliers: the values beyond the IQR fences, as out_of_range: as many as the template's own IQR count.
    const outlying = await suggestionsOf(OUTLYING_PRICES);
    expect(outlying.suggestions.map((f) => f.issue.type)).toEqual(['out_of_range', 'outliers', 'outliers']);
    const [fence, bySegment, byDate] = outlying.suggestions;
    expect(fence!.issue).toMatchObject({ type: 'out_of_range', affectedColumns: ['price'], options: { min: outlying.output.iqr_bounds[0], max: outlying.output.iqr_bounds[1] } });
    const { followUp: beyond } = await ok(server.url, FollowUp, { id: outlying.parent.id, issue: fence!.issue, codegen: 'TEMPLATE' });
    expect(beyond.status).toBe('SUCCEEDED');
    expect((beyond.output as { affected_count: number }).affected_count).toBe(outlying.output.iqr_outlier_count);

    // outliers by segment: the first text column of few values (product), counted here by pandas itself.
    expect(bySegment!.issue).toMatchObject({ type: 'outliers', affectedColumns: ['price'], options: { by: 'product' } });
    const { followUp: segments } = await ok(server.url, FollowUp, { id: outlying.parent.id, issue: bySegment!.issue, codegen: 'TEMPLATE' });
    const perProduct = JSON.parse(
      execFileSync(
        PYTHON,
        ['-c', 'import json, sys, pandas as pd; d = pd.read_csv(sys.argv[1]); x = pd.to_numeric(d["price"], errors="coerce"); o = ((x - x.mean()).abs() / x.std()) > 3; print(json.dumps(d.loc[o, "product"].dropna().value_counts().to_dict()))', SALES_CSV],
        { encoding: 'utf8' },
      ),
    );
    expect(segments.output).toMatchObject({ group_column: 'product', outliers_by_group: perProduct });
    expect(Object.values(perProduct).reduce((a: number, b) => a + Number(b), 0)).toBe(outlying.output.outlier_count);

    // outliers by date: per day of the date column, as pandas reads the days here.
    expect(outlying.output.date_column).toBe('date');
    expect(byDate!.issue).toMatchObject({ type: 'outliers', affectedColumns: ['price'], options: { by: 'date' } });
    const { followUp: days } = await ok(server.url, FollowUp, { id: outlying.parent.id, issue: byDate!.issue, codegen: 'TEMPLATE' });
    const perDay = JSON.parse(
      execFileSync(
        PYTHON,
        ['-c', 'import json, sys, pandas as pd; d = pd.read_csv(sys.argv[1]); x = pd.to_numeric(d["price"], errors="coerce"); o = ((x - x.mean()).abs() / x.std()) > 3; print(json.dumps(pd.to_datetime(d.loc[o, "date"]).dt.date.astype(str).value_counts().to_dict()))', SALES_CSV],
        { encoding: 'utf8' },
      ),
    );
    expect(days.output).toMatchObject({ group_column: 'date', outliers_by_group: perDay });

    // duplicates on a key with whole copies among them: whole rows everywhere, counted here by pandas itself.
    const keyed = await suggestionsOf({ type: 'duplicates', description: 'transaction ids repeat', affectedColumns: ['transaction_id'] });
    expect(keyed.suggestions[0]!.issue).toEqual({ type: 'duplicates', description: 'whole rows repeat (a double import)', affectedColumns: [], options: null });
    const { followUp: copies } = await ok(server.url, FollowUp, { id: keyed.parent.id, issue: keyed.suggestions[0]!.issue, codegen: 'TEMPLATE' });
    const wholeCopies = Number(execFileSync(PYTHON, ['-c', 'import pandas as pd, sys; print(int(pd.read_csv(sys.argv[1]).duplicated(keep=False).sum()))', SALES_CSV], { encoding: 'utf8' }));
    expect((copies.output as { affected_count: number }).affected_count).toBe(wholeCopies);

    // What differs between the copies: per column, the keys whose copies differ there, counted here by pandas; the
    // follow-up asks about the column most keys differ in (the first in the file's order on a tie).
    const differing = JSON.parse(
      execFileSync(
        PYTHON,
        ['-c', 'import json, sys, pandas as pd; d = pd.read_csv(sys.argv[1]); r = d[d.duplicated("transaction_id", keep=False)]; print(json.dumps({c: int((r.groupby("transaction_id")[c].nunique(dropna=False) > 1).sum()) for c in d.columns if c != "transaction_id"}))', SALES_CSV],
        { encoding: 'utf8' },
      ),
    ) as Record<string, number>;
    const most = Math.max(...Object.values(differing));
    const column = Object.keys(differing).find((c) => differing[c] === most)!;
    const others = Object.values(differing).filter((n) => n > 0).length - 1;
    expect(most).toBeGreaterThan(0);
    expect(keyed.suggestions).toHaveLength(2);
    expect(keyed.suggestions[1]!.question).toMatch(new RegExp(`^The copies of ${most} of the ${keyed.output.unique_duplicate_ids} repeated transaction_id values differ in ${column} \\(and copies differ in ${others} other column`));
    expect(keyed.suggestions[1]!.issue).toEqual({ type: 'duplicates', description: `rows repeat transaction_id with the same ${column}`, affectedColumns: ['transaction_id', column], options: null });
    const { followUp: agreeing } = await ok(server.url, FollowUp, { id: keyed.parent.id, issue: keyed.suggestions[1]!.issue, codegen: 'TEMPLATE' });
    const repeatingBoth = Number(
      execFileSync(PYTHON, ['-c', 'import pandas as pd, sys; print(int(pd.read_csv(sys.argv[1]).duplicated(["transaction_id", sys.argv[2]], keep=False).sum()))', SALES_CSV, column], { encoding: 'utf8' }),
    );
    expect((agreeing.output as { affected_count: number }).affected_count).toBe(repeatingBoth);
    expect(repeatingBoth).toBeLessThan(keyed.output.affected_count);
    // A key of every column repeats whole rows only: no question about whole copies, nothing differs.
    const header = readFileSync(SALES_CSV, 'utf8').split('\n')[0]!.trim().split(',');
    const everyColumn = await suggestionsOf({ type: 'duplicates', description: 'rows repeat', affectedColumns: header });
    expect(everyColumn.output.affected_count).toBe(wholeCopies);
    expect(everyColumn.suggestions).toEqual([]);

    // categorical_variation: whether the spellings differ in spaces and case only.
    const spelled = await suggestionsOf({ type: 'categorical_variation', description: 'supplier names vary', affectedColumns: ['supplier'] });
    expect(spelled.suggestions.map((f) => f.issue.type)).toEqual(['whitespace_case']);

    // missing values by segment, against pandas; and a breakdown by a column that is not text fails saying so.
    const missing = await suggestionsOf(MISSING_REVENUE);
    const byMissing = missing.suggestions.find((f) => f.issue.options?.by);
    expect(byMissing!.issue).toMatchObject({ type: 'missing_values', affectedColumns: ['revenue'], options: { by: 'product' } });
    const { followUp: missingByProduct } = await ok(server.url, FollowUp, { id: missing.parent.id, issue: byMissing!.issue, codegen: 'TEMPLATE' });
    const expected = JSON.parse(
      execFileSync(PYTHON, ['-c', 'import json, sys, pandas as pd; d = pd.read_csv(sys.argv[1]); print(json.dumps(d.loc[d["revenue"].isna(), "product"].dropna().value_counts().to_dict()))', SALES_CSV], {
        encoding: 'utf8',
      }),
    );
    expect(missingByProduct.output).toMatchObject({ group_column: 'product', missing_by_group: expected });
    const { followUp: numeric } = await ok(server.url, FollowUp, { id: missing.parent.id, issue: { ...MISSING_REVENUE, options: { by: 'price' } }, codegen: 'TEMPLATE' });
    expect(numeric.status).toBe('FAILED');
    expect(numeric.error).toContain('options.by must name a text column; "price" holds float64');
  });

  it('asks whether data collection failed on the day most missing rows fall on, and the follow-up it offers counts the other columns missing', async () => {
    // 30 days × 20 rows; revenue is missing in 14 rows of one day (where units and store often go missing too)
    // and in one row on each of 6 other days: counted as written, the oracle.
    const random = rng(7).next;
    const lines = ['date,store,units,revenue'];
    let missingRevenue = 0;
    let missingOthers = 0;
    const failedDay = '2026-03-17';
    for (let day = 1; day <= 30; day++) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      for (let k = 0; k < 20; k++) {
        const outage = date === failedDay && k < 14;
        const stray = !outage && day % 5 === 0 && k === 3;
        const lost = outage && random() < 0.6;
        const store = lost && k % 2 === 0 ? '' : ['north', 'south', 'east'][k % 3]!;
        const units = lost ? '' : String(1 + Math.floor(random() * 9));
        if (outage || stray) missingRevenue++;
        if (store === '' || units === '') missingOthers++;
        lines.push(`${date},${store},${units},${outage || stray ? '' : (random() * 100).toFixed(2)}`);
      }
    }
    const dir = tempDataDir();
    try {
      const path = join(dir, 'outage.csv');
      writeFileSync(path, `${lines.join('\n')}\n`);
      const outageId = await seedDataset(server.url, path);
      const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId: outageId, issues: [MISSING_REVENUE], codegen: 'TEMPLATE', wait: true } });
      const parent = investigateIssues.investigations[0]!;
      expect(parent.output).toMatchObject({ affected_count: missingRevenue, date_column: 'date' });
      const { investigation } = await ok(server.url, Suggested, { id: parent.id });
      const collection = investigation!.suggestedFollowUps.find((f) => /data collection/.test(f.question));
      expect(collection?.question).toBe(`14 of the ${missingRevenue} rows missing revenue fall on ${failedDay}: did data collection fail that day? Are other columns missing too?`);
      expect(collection!.issue).toEqual({ type: 'missing_values', description: 'values are missing in the other columns', affectedColumns: ['store', 'units'], options: null });
      const { followUp: others } = await ok(server.url, FollowUp, { id: parent.id, issue: collection!.issue, codegen: 'TEMPLATE' });
      expect(others.status).toBe('SUCCEEDED');
      expect((others.output as { affected_count: number }).affected_count).toBe(missingOthers);
      expect(missingOthers).toBeGreaterThan(0);

      // Spread evenly (one missing row a day), nothing suggests a failed day.
      const evenPath = join(dir, 'even.csv');
      writeFileSync(evenPath, `${lines.map((l, i) => (i > 0 && i % 20 === 5 ? l.replace(/,[^,]*$/, ',') : l.replace(/,$/, ',1.00'))).join('\n')}\n`);
      const evenId = await seedDataset(server.url, evenPath);
      const even = (await ok(server.url, Investigate, { input: { datasetId: evenId, issues: [MISSING_REVENUE], codegen: 'TEMPLATE', wait: true } })).investigateIssues.investigations[0]!;
      expect(even.output).toMatchObject({ affected_count: 30 });
      const { investigation: evenInvestigation } = await ok(server.url, Suggested, { id: even.id });
      expect(evenInvestigation!.suggestedFollowUps.filter((f) => /data collection/.test(f.question))).toEqual([]);
    } finally {
      removeDataDir(dir);
    }
  });

  it('refuses to follow up an investigation that has not succeeded, or one that does not exist, saying which', async () => {
    const { rerunInvestigation: failed } = await ok(server.url, RerunWith, { id: (await base()).id, code: 'raise RuntimeError("boom")' });
    expect(failed.status).toBe('FAILED');
    const refused = await request(server.url, FollowUp, { id: failed.id, issue: OUTLYING_PRICES });
    expect(refused.errors?.[0]?.message).toBe(`Investigation ${failed.id} has not succeeded (it is FAILED): a follow-up starts from its result`);
    const missing = await request(server.url, FollowUp, { id: 'inv_01M8ZTWPR90NPYVS27FQ66ZS2W', issue: OUTLYING_PRICES });
    expect(missing.errors?.[0]?.message).toMatch(/inv_01M8ZTWPR90NPYVS27FQ66ZS2W/);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('starts a follow-up once per idempotencyKey: a retry gets the first, another request under the key is refused', async () => {
    const parent = await base();
    const issue = { type: 'outliers', description: 'prices spike after the gap', affectedColumns: ['price'] };
    const mutation = 'mutation($id: ID!, $issue: IssueInput!, $key: String, $wait: Boolean) { followUp(investigationId: $id, issue: $issue, idempotencyKey: $key, wait: $wait) { id status } }';
    const first = await as(server, server.adminToken!, mutation, { id: parent.id, issue, key: 'follow-once', wait: false });
    const retry = await as(server, server.adminToken!, mutation, { id: parent.id, issue, key: 'follow-once' });
    expect(retry.data.followUp.id).toBe(first.data.followUp.id);
    expect(retry.data.followUp.status).toBe('SUCCEEDED'); // the retry waits, as wait defaults to true
    const other = await as(server, server.adminToken!, mutation, { id: parent.id, issue: { ...issue, description: 'another question' }, key: 'follow-once' });
    expect(other.errors?.[0]?.message).toBe('idempotencyKey "follow-once" was already used for a different followUp request; use a new key for a new request');
    expect((await ok(server.url, Lineage, { id: parent.id })).investigation!.children.map((c) => c.id)).toEqual([first.data.followUp.id]);
  });

  it('follows up only within its tenant: another tenant’s investigation is not found, and its lineage is not shown', async () => {
    const parent = await base();
    const elsewhere = await tokenFor(server, 'elsewhere');
    const issue = { type: 'outliers', description: 'prices spike', affectedColumns: ['price'] };
    const refused = await as(server, elsewhere, 'mutation($id: ID!, $issue: IssueInput!) { followUp(investigationId: $id, issue: $issue) { id } }', { id: parent.id, issue });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused.errors?.[0]?.message).toContain(parent.id);
    const { followUp: child } = await ok(server.url, FollowUp, { id: parent.id, issue, codegen: 'TEMPLATE' });
    const seen = await as(server, elsewhere, 'query($id: ID!) { investigation(id: $id) { id } investigations(filter: { parentId: $id }) { edges { node { id } } } }', { id: parent.id });
    expect(seen.data).toEqual({ investigation: null, investigations: { edges: [] } });
    expect((await ok(server.url, Lineage, { id: parent.id })).investigation!.children.map((c) => c.id)).toContain(child.id);
  });
});
