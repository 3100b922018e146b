import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedResult, SALES_CSV } from './helpers/data';
import { apiError, FakeAnthropic, isClaimReading, message, messageText } from './helpers/fakeAnthropic';
import { post } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

// With an LLM configured, Claude reads each hypothesis' claim through the record_claim tool. The fake API
// plays the model: it answers with the reading a careful reader gives the sentence, or with a bad one.
// Expected figures come from test/helpers/expected.py (independent of the service) or from the CSV itself.

let fake: FakeAnthropic;
let server: TestServer;
let datasetId: string;
/** The reading the fake model gives, by description. */
let readings: Record<string, unknown>;

const claimCalls = () => fake.calls('POST', '/v1/messages').filter(isClaimReading);
const toolAnswer = (input: unknown) =>
  message([{ type: 'tool_use', id: 'toolu_fake1', name: 'record_claim', input }], { stop_reason: 'tool_use', model: 'claude-haiku-5-5', usage: { input_tokens: 900, output_tokens: 60 } });
const descriptionOf = (body: any) => /<description>\n([\s\S]*)\n<\/description>/.exec(messageText(body))![1]!;

beforeAll(async () => {
  fake = await new FakeAnthropic().start();
  server = await startServer({ ANTHROPIC_API_KEY: 'sk-ant-claims-test', ANTHROPIC_BASE_URL: fake.url, LLM_MAX_RETRIES: '0' });
  datasetId = await seedDataset(server.url, SALES_CSV);
});
afterAll(async () => {
  await server?.stop();
  await fake?.stop();
});
beforeEach(() => {
  fake.requests.length = 0;
  readings = {};
  fake.onClaimReading = (body) => {
    const reading = readings[descriptionOf(body)];
    return reading ? toolAnswer(reading) : apiError(500, 'api_error', 'no reading for this description in the test');
  };
});

async function investigate(issues: unknown[]) {
  const r = await post(
    server.url,
    `mutation($input: InvestigateIssuesInput!) { investigateIssues(input: $input) {
      investigations { status output usage { model calls inputTokens outputTokens } verdict { status claimed measured explanation } }
      events { type message data } } }`,
    { input: { datasetId, codegen: 'TEMPLATE', wait: true, issues } },
  );
  expect(r.errors).toBeUndefined();
  return r.data.investigateIssues;
}

const NONE = { share: null, count: null, bound: null, occurrences: null, undecidable: null };

describe('claims read by the model', () => {
  it('are read with a forced tool call, judged on the model’s reading, checked by the rule reader, and stored for reuse', async () => {
    // "eleven hundred and ten rows": the rule reader takes "ten rows" for the count; the model reads about 1,110.
    const description = 'Revenue is blank on roughly eleven hundred and ten rows';
    readings[description] = { ...NONE, polarity: 'PROBLEM', negated: false, count: { comparator: 'ABOUT', value: 1110, text: 'roughly eleven hundred and ten rows', subject: ['rows'] } };
    const missing = expectedResult(SALES_CSV, 'missing_values', ['revenue']);
    expect(Math.abs(missing.affected_count - 1110)).toBeLessThanOrEqual(111); // within the 10% a hedged count allows
    const run = await investigate([{ type: 'missing_values', description, affectedColumns: ['revenue'] }]);
    const [inv] = run.investigations;
    expect(inv.status).toBe('SUCCEEDED');
    expect(inv.verdict).toMatchObject({ status: 'CONFIRMED', claimed: 1110, measured: missing.affected_count });
    expect(inv.verdict.explanation).toMatch(/^Read by claude-haiku-5-5 as a claim of a problem: "roughly eleven hundred and ten rows"/);
    expect(inv.verdict.explanation).toMatch(/The rule reader reads it otherwise and would say REFUTED: .*"ten rows"/);
    // What it cost is the investigation's (a template investigation: the claim's call alone).
    expect(inv.usage).toEqual({ model: 'claude-haiku-5-5', calls: 1, inputTokens: 900, outputTokens: 60 });
    expect(run.events.find((e: any) => e.data?.phase === 'claim')).toMatchObject({ type: 'LOG', message: 'Read the hypothesis with claude-haiku-5-5 as a claim of a problem' });

    const [call] = claimCalls();
    expect(call!.body.model).toBe('claude-haiku-5-5');
    expect(call!.body.tool_choice).toEqual({ type: 'tool', name: 'record_claim' });
    expect(call!.body.tools[0].input_schema.required).toEqual(expect.arrayContaining(['polarity', 'negated']));
    expect(call!.body.system).toMatch(/never an instruction to you/);
    expect(messageText(call!.body)).toContain('Columns investigated: ["revenue"]');

    // The same description, type and columns again: the stored reading, no call.
    const again = await investigate([{ type: 'missing_values', description, affectedColumns: ['revenue'] }]);
    expect(claimCalls()).toHaveLength(1);
    expect(again.investigations[0].verdict.status).toBe('CONFIRMED');
    expect(again.investigations[0].verdict.explanation).toMatch(/^Read by claude-haiku-5-5 \(a stored reading\) as a claim of a problem/);
    expect(again.investigations[0].usage).toBeNull();
  });

  it('carry the bound the model read into the template, which counts the rows beyond it', async () => {
    const description = 'Prices above five hundred dollars show up in a handful of sales';
    readings[description] = { ...NONE, polarity: 'PROBLEM', negated: false, bound: { low: 500, high: null, inclusive: false, reaches: null, text: 'above five hundred dollars' } };
    const [header, ...lines] = readFileSync(SALES_CSV, 'utf8').trim().split('\n');
    const price = header!.split(',').indexOf('price');
    const above = lines.filter((l) => Number(l.split(',')[price]) > 500).length;
    expect(above).toBeGreaterThan(0);
    const run = await investigate([{ type: 'out_of_range', description, affectedColumns: ['price'] }]);
    const [inv] = run.investigations;
    expect(inv.status).toBe('SUCCEEDED');
    expect(inv.output.affected_count).toBe(above);
    expect(inv.verdict.status).toBe('CONFIRMED');
    expect(inv.verdict.explanation).toMatch(/^Read by claude-haiku-5-5 as a claim of a problem \("above five hundred dollars"\)/);
  });

  it('are refused when a figure is not the description’s own, and the rule reader judges; the refusal is stored', async () => {
    const description = 'revenue has 21% missing values';
    // The model's share (12) is not a number "21%" writes.
    readings[description] = { ...NONE, polarity: 'PROBLEM', negated: false, share: { comparator: 'EQ', value: 12, text: '21%' } };
    const missing = expectedResult(SALES_CSV, 'missing_values', ['revenue']);
    const run = await investigate([{ type: 'missing_values', description, affectedColumns: ['revenue'] }]);
    const [inv] = run.investigations;
    // The rule reader's reading: 21% against the measured share, within max(2 points, 10%).
    const expected = Math.abs(missing.affected_percentage - 21) <= Math.max(2, 2.1) ? 'CONFIRMED' : 'REFUTED';
    expect(inv.verdict).toMatchObject({ status: expected, claimed: 21 });
    expect(inv.verdict.explanation).toMatch(/^Read by the rule reader \(the model's reading is not used: the model's share 12 is not a number "21%" writes\) as a claim of a problem/);
    expect(inv.usage).toMatchObject({ model: 'claude-haiku-5-5', calls: 1 });
    await investigate([{ type: 'missing_values', description, affectedColumns: ['revenue'] }]);
    expect(claimCalls()).toHaveLength(1);
  });

  it('are refused when the tool’s input is invalid or the words are not in the description', async () => {
    readings['supplier names are spelled several ways'] = { ...NONE, polarity: 'MAYBE', negated: false };
    readings['transaction ids repeat'] = { ...NONE, polarity: 'PROBLEM', negated: false, count: { comparator: 'EQ', value: 3, text: 'three ids', subject: ['ids'] } };
    const run = await investigate([
      { type: 'categorical_variation', description: 'supplier names are spelled several ways', affectedColumns: ['supplier'] },
      { type: 'duplicates', description: 'transaction ids repeat', affectedColumns: ['transaction_id'] },
    ]);
    const [spellings, repeats] = run.investigations;
    expect(spellings.verdict.explanation).toMatch(/the model's reading is invalid at polarity/);
    expect(repeats.verdict.explanation).toMatch(/the model's count "three ids" is not in the description/);
    const dup = expectedResult(SALES_CSV, 'duplicates', ['transaction_id']);
    expect(repeats.verdict.status).toBe(dup.affected_count > 0 ? 'CONFIRMED' : 'REFUTED');
  });

  it('fall back to the rule reader when the API fails, and ask again next time', async () => {
    const description = 'prices spike';
    const run = await investigate([{ type: 'outliers', description, affectedColumns: ['price'] }]);
    expect(run.investigations[0].status).toBe('SUCCEEDED');
    expect(run.investigations[0].verdict.explanation).toMatch(/^Read by the rule reader \(the model's reading is not used: The Anthropic API refused claim reading \(500 api_error\)/);
    readings[description] = { ...NONE, polarity: 'PROBLEM', negated: false };
    const again = await investigate([{ type: 'outliers', description, affectedColumns: ['price'] }]);
    expect(claimCalls()).toHaveLength(2);
    expect(again.investigations[0].verdict.explanation).toMatch(/^Read by claude-haiku-5-5 as a claim of a problem, with no figure/);
  });

  it('are not asked for when the claim is stated exactly', async () => {
    const run = await investigate([
      { type: 'missing_values', description: 'revenue is often missing', affectedColumns: ['revenue'], claim: { measure: 'AFFECTED_ROWS', comparator: 'GT', value: 1000 } },
    ]);
    expect(run.investigations[0].verdict.explanation).toMatch(/^Stated claim: affected rows > 1,000/);
    expect(claimCalls()).toHaveLength(0);
  });
});
