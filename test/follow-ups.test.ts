import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { SALES_CSV } from './helpers/data';
import { answerWithCode, FakeAnthropic, isClaimReading, messageText } from './helpers/fakeAnthropic';
import { ok, request } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

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
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: [OUTLYING_PRICES], codegen: 'LLM', wait: true } });
    expect(investigateIssues.investigations[0]!.status).toBeDefined();
    expect(codePrompts().length).toBeGreaterThan(afterFollowUp);
    expect(messageText(codePrompts()[afterFollowUp]!.body)).not.toContain('<previous_investigation>');
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
});
