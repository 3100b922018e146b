import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnStats } from '../src/analysis/profiler';
import { whitespaceCaseHypothesis } from '../src/analysis/rules';
import { PiiRedactor } from '../src/pipeline/redact';
import { judgeHypothesis } from '../src/pipeline/verdict';
import { graphql } from './gql';
import { expectedResult, rng, SALES_CSV } from './helpers/data';
import { evalDatasets, SALES_PLANTED, score } from './helpers/detectData';
import { answerWithCode, apiError, FakeAnthropic, isClaimReading, message, messageText } from './helpers/fakeAnthropic';
import { failure, ok } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

const Detect = graphql(`
  mutation Detect($datasetId: ID!) {
    detectIssues(datasetId: $datasetId) {
      id: clientId
      type
      description
      affectedColumns
      options
      source
      evidence
    }
  }
`);

const InvestigateDetected = graphql(`
  mutation InvestigateDetected($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      status
      investigations {
        status
        method
        output
        issue {
          id: clientId
          type
          affectedColumns
        }
      }
    }
  }
`);

const JudgeDetectedHypotheses = graphql(`
  mutation JudgeDetectedHypotheses($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      investigations {
        id
        status
        method
        output
        verdict {
          status
          claimed
          measured
          explanation
        }
      }
      events {
        type
        investigationId
        data
      }
    }
  }
`);

type Detected = { id: string; type: string; description: string; affectedColumns: string[]; options?: any; source?: string | null; evidence?: any };

/** "1,093 of 5,012 rows (21.8%)", computed here independently of the service's formatting. */
function shareText(part: number, whole: number): string {
  const p = (part / whole) * 100;
  const pct = p > 0 && p < 0.05 ? '<0.1%' : `${p.toFixed(1)}%`;
  return `${part.toLocaleString('en-US')} of ${whole.toLocaleString('en-US')} rows (${pct})`;
}

const typeAndColumns = (issues: Array<{ type: string; affectedColumns?: readonly string[]; columns?: readonly string[] }>) =>
  issues.map((i) => `${i.type}:${[...(i.affectedColumns ?? i.columns ?? [])].sort().join(',')}`).sort();

let server: TestServer;
let salesId: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'detect-test-'));
  server = await startServer();
  salesId = await seedDataset(server.url, SALES_CSV);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function detect(datasetId: string, s: TestServer = server): Promise<Detected[]> {
  return (await ok(s.url, Detect, { datasetId })).detectIssues as Detected[];
}

describe('detectIssues on the sample dataset', () => {
  it('proposes exactly the planted issues (missing revenue, repeated transaction ids, price outliers, supplier spellings)', async () => {
    const issues = await detect(salesId);
    expect(typeAndColumns(issues)).toEqual(typeAndColumns(SALES_PLANTED));
    expect(issues.map((i) => i.id)).toEqual([
      'detected-missing_values-revenue',
      'detected-duplicates-transaction_id',
      'detected-outliers-price',
      'detected-categorical_variation-supplier',
    ]);
    expect(issues.every((i) => i.source === 'PROFILE')).toBe(true);
    // Not proposed: customer_id (a foreign key that repeats), dates, revenue (its extremes are price's rows).
    expect(issues.find((i) => i.affectedColumns.includes('customer_id'))).toBeUndefined();
  });

  it("carries figures equal to an independent computation, in the descriptions with thousands separators", async () => {
    const issues = await detect(salesId);
    const byType = Object.fromEntries(issues.map((i) => [i.type, i]));

    const missing = expectedResult(SALES_CSV, 'missing_values', ['revenue']);
    expect(byType.missing_values!.description).toBe(`revenue is missing in ${shareText(missing.affected_count, missing.rows_analyzed)}`);
    expect(byType.missing_values!.description).toBe('revenue is missing in 1,093 of 5,012 rows (21.8%)');
    expect(byType.missing_values!.evidence).toMatchObject({ affected_count: missing.affected_count, rows_analyzed: 5012 });

    const dup = expectedResult(SALES_CSV, 'duplicates', ['transaction_id']);
    expect(byType.duplicates!.evidence).toMatchObject({
      affected_count: dup.affected_count,
      unique_duplicate_ids: dup.unique_duplicate_ids,
      exact_duplicate_rows: dup.exact_duplicate_rows,
    });
    expect(byType.duplicates!.description).toContain(`repeats ${dup.unique_duplicate_ids} values across ${shareText(dup.affected_count, 5012)}`);

    const out = expectedResult(SALES_CSV, 'outliers', ['price']);
    const ev = byType.outliers!.evidence;
    expect(ev.affected_count).toBe(out.affected_count);
    expect(ev.iqr_outlier_count).toBe(out.iqr_outlier_count);
    expect(ev.mean).toBeCloseTo(out.mean, 9);
    expect(ev.std).toBeCloseTo(out.std, 9);
    expect([ev.min, ev.max]).toEqual([out.min, out.max]);
    expect(byType.outliers!.description).toContain(`${shareText(out.affected_count, 5012)} are more than 3 standard deviations`);
    expect(ev.iqr_outlier_count).toBe(out.iqr_outlier_count);
    // The value standing farthest apart is the column's largest, and the others' range ends below it.
    expect(ev.isolated_high[0]).toBe(out.max);
    expect(ev.bulk_range[1]).toBeLessThan(out.max);
    expect(byType.outliers!.description).toContain('9,999.99');
    // revenue = price × quantity: its extremes follow price's, and only price is proposed.
    expect(issues.filter((i) => i.type === 'outliers').map((i) => i.affectedColumns)).toEqual([['price']]);

    const cat = expectedResult(SALES_CSV, 'categorical_variation', ['supplier']);
    expect(byType.categorical_variation!.evidence).toMatchObject({
      affected_count: cat.affected_count,
      total_unique: cat.total_unique,
      total_variation_groups: cat.groups.length,
    });
    expect(byType.categorical_variation!.description).toContain(`${shareText(cat.affected_count, 5012)} hold a non-canonical spelling`);
    expect(byType.categorical_variation!.description).toContain('"ACME CORP"');
  });

  it('each hypothesis can be investigated as it is, and the investigation finds the figures it was proposed on', async () => {
    const issues = await detect(salesId);
    const { investigateIssues: run } = await ok(server.url, InvestigateDetected, {
      input: {
        datasetId: salesId,
        codegen: 'TEMPLATE',
        wait: true,
        issues: issues.map(({ id, type, description, affectedColumns, options }) => ({ id, type, description, affectedColumns, options })),
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    run.investigations.forEach((inv, k) => {
      expect(inv.issue.id).toBe(issues[k]!.id);
      expect(inv.output.affected_count).toBe(issues[k]!.evidence.affected_count);
    });
  });

  it('answers an unknown dataset id with NOT_FOUND', async () => {
    const error = await failure(server.url, Detect, { datasetId: 'ds_01NOPE' });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Dataset "ds_01NOPE" does not exist');
  });
});

describe('whole rows repeated', () => {
  const upload = async (csv: string) => (await ok(server.url, graphql(`mutation Upload($csv: String!) { createDataset(name: "rows", csv: $csv) { id } }`), { csv })).createDataset.id;
  const wholeRows = (issues: Detected[]) => issues.filter((i) => i.type === 'duplicates' && i.affectedColumns.length === 0);

  it('are proposed where chance would hardly repeat a row, and not where rows share a few common values', async () => {
    const random = rng(5);
    // People with few attributes, most of them without a wage: equal rows are chance, not copies.
    const people = Array.from({ length: 3000 }, () => [random.next() < 0.5 ? '' : (8 + random.next() * 30).toFixed(2), 10 + random.int(8), random.pick(['F', 'M'])]);
    expect(wholeRows(await detect(await upload(['wage,education,sex', ...people.map((r) => r.join(','))].join('\n'))))).toEqual([]);
    // Matched sets: two controls share their stratum's age, parity and education by design (a quarter of the rows equal).
    const matched = Array.from({ length: 80 }, (_, s) => {
      const [age, parity, education] = [20 + random.int(20), 1 + random.int(5), random.pick(['0-5yrs', '6-11yrs', '12+ yrs'])];
      return [[s, age, parity, education, 1, random.int(3)], [s, age, parity, education, 0, 0], [s, age, parity, education, 0, random.int(2)]];
    }).flat();
    const equalRows = matched.filter((r, i) => matched.some((o, j) => j !== i && o.join() === r.join())).length;
    expect(equalRows).toBeGreaterThan(0.1 * matched.length);
    expect(wholeRows(await detect(await upload(['stratum,age,parity,education,case,induced', ...matched.map((r) => r.join(','))].join('\n'))))).toEqual([]);
    // Measurements with many distinct values, three rows entered twice: copies.
    const records = Array.from({ length: 300 }, (_, i) => [(1000 + random.next() * 4000).toFixed(1), (40 + random.next() * 60).toFixed(2), 15 + random.int(30)]);
    for (const k of [10, 50, 90]) records.splice(k + 1, 0, [...records[k]!]);
    const copies = wholeRows(await detect(await upload(['weight,length,age', ...records.map((r) => r.join(','))].join('\n'))));
    expect(copies.map((i) => i.evidence.affected_count)).toEqual([6]);
  });
});

describe('precision and recall on datasets with planted issues', () => {
  it('proposes every planted issue and few others', async () => {
    let tp = 0;
    let proposed = 0;
    let planted = 0;
    const lines: string[] = [];
    for (const dataset of evalDatasets(dir)) {
      const id = dataset.path === SALES_CSV ? salesId : await seedDataset(server.url, dataset.path);
      const issues = await detect(id);
      const s = score(issues, dataset.planted);
      tp += s.truePositives;
      proposed += s.proposed;
      planted += s.planted;
      lines.push(
        `${dataset.name.padEnd(20)} planted ${s.planted}  proposed ${s.proposed}  precision ${s.precision.toFixed(2)}  recall ${s.recall.toFixed(2)}` +
          (s.falsePositives.length ? `  false: ${typeAndColumns(s.falsePositives).join(' ')}` : ''),
      );
      expect(s.missed, `${dataset.name} missed`).toEqual([]);
    }
    const precision = (proposed ? tp / proposed : 1);
    const recall = tp / planted;
    lines.push(`${'overall'.padEnd(20)} planted ${planted}  proposed ${proposed}  precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}`);
    console.log(`detectIssues, profile rules only:\n${lines.join('\n')}`);
    expect(recall).toBe(1);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe('every hypothesis, investigated as it is, confirms its own figures', () => {
  it('on the sample dataset and on every generated one: unique ids, every investigation SUCCEEDED and CONFIRMED', async () => {
    for (const dataset of evalDatasets(dir)) {
      const datasetId = dataset.path === SALES_CSV ? salesId : await seedDataset(server.url, dataset.path);
      const issues = await detect(datasetId);
      const ids = issues.map((i) => i.id);
      expect(new Set(ids).size, `${dataset.name}: ids ${ids.join(', ')}`).toBe(ids.length);
      const { investigateIssues: run } = await ok(server.url, JudgeDetectedHypotheses, {
        input: {
          datasetId,
          codegen: 'TEMPLATE',
          wait: true,
          issues: issues.map(({ id, type, description, affectedColumns, options }) => ({ id, type, description, affectedColumns, options })),
        },
      });
      run.investigations.forEach((inv, k) => {
        const issue = issues[k]!;
        const failed = run.events.filter((e) => e.investigationId === inv.id && /FAILED/.test(e.type)).map((e) => JSON.stringify(e.data));
        const what = `${dataset.name} ${issue.id}: ${issue.description}`;
        expect(inv.status, `${what}\n${failed.join('\n')}`).toBe('SUCCEEDED');
        expect(inv.verdict?.status, `${what}\n${inv.verdict?.explanation}`).toBe('CONFIRMED');
        // A claimed share is the template's exactly: the measured percentage is that of the evidence's count.
        const ev = issue.evidence;
        if (typeof ev?.affected_count === 'number' && /\d%\)/.test(issue.description)) {
          expect(inv.verdict!.measured, `${what}\n${inv.verdict?.explanation}`).toBeCloseTo((ev.affected_count / ev.rows_analyzed) * 100, 9);
        }
      });
    }
  });

  it('whitespace_case counts the case variants its template counts, and a date column with stray numbers gets no numeric range', async () => {
    const crm = evalDatasets(dir).find((d) => d.name === 'crm.csv')!;
    const issues = await detect(await seedDataset(server.url, crm.path));
    const city = issues.find((i) => i.id === 'detected-whitespace_case-city')!;
    expect(city.evidence.case_variant_count).toBeGreaterThan(city.evidence.whitespace_count);
    expect(city.evidence.affected_count).toBe(city.evidence.whitespace_count + city.evidence.case_variant_count);
    expect(city.description).toContain(`city has ${shareText(city.evidence.affected_count, 3000)} to clean`);
    const signup = issues.filter((i) => i.affectedColumns.includes('signup'));
    expect(signup.map((i) => i.id)).toEqual(['detected-invalid_format-signup', 'detected-out_of_range-signup']);
    expect(signup.find((i) => i.type === 'out_of_range')!.options ?? null).toBeNull();
  });
});

describe('whitespace_case without an exact measurement', () => {
  it("claims the profile's padded text values as a lower bound, which the verdict reads as one", () => {
    const column = { name: 'contact', whitespaceCount: 40, whitespaceExamples: [' ann@example.com', '12  Main St'] } as ColumnStats;
    const h = whitespaceCaseHypothesis(column, null, 1000, new PiiRedactor(true))!;
    expect(h.description).toBe(
      'contact has at least 40 of 1,000 rows with leading, trailing or repeated whitespace (e.g. " [EMAIL]" and "12  Main St"), besides any letter-case variants',
    );
    expect(h.evidence).toEqual({ rows_analyzed: 1000, affected_count_at_least: 40, examples: [' [EMAIL]', '12  Main St'] });
    const judged = (affected: number) =>
      judgeHypothesis(h, { status: 'SUCCEEDED', output: { rows_analyzed: 1000, affected_count: affected, affected_percentage: affected / 10 } }).status;
    expect([judged(40), judged(400), judged(39)]).toEqual(['CONFIRMED', 'CONFIRMED', 'REFUTED']);
  });
});

/** Personal data of the crm dataset (test/helpers/detectData.ts): its e-mail addresses (the local parts too) and phone numbers. */
const RAW_PII = /@example\.|accounts-payable|7946 \d{4}/i;

describe('personal data in detected hypotheses', () => {
  it('shows example values redacted in descriptions and evidence (REDACT_PII defaults to true)', async () => {
    const crm = evalDatasets(dir).find((d) => d.name === 'crm.csv')!;
    const issues = await detect(await seedDataset(server.url, crm.path));
    const shown = JSON.stringify(issues);
    expect(shown).not.toMatch(RAW_PII);
    expect(issues.find((i) => i.id === 'detected-whitespace_case-contact')!.description).toMatch(/\[EMAIL\].*\[PHONE\]|\[PHONE\].*\[EMAIL\]/);
    const owner = issues.find((i) => i.id === 'detected-categorical_variation-owner')!;
    expect(owner.description).toContain('"[EMAIL]" also written "[EMAIL]"');
    expect(owner.evidence.variation_groups[0]).toMatchObject({ canonical: '[EMAIL]', variants: ['[EMAIL]', '[EMAIL]'] });
  });
});

describe('detectIssues with Claude', () => {
  let fake: FakeAnthropic;
  let llmServer: TestServer;
  let llmSalesId: string;
  const detectCalls = () => fake.calls('POST', '/v1/messages').filter((r) => !isClaimReading(r));

  beforeAll(async () => {
    fake = await new FakeAnthropic().start();
    llmServer = await startServer({
      ANTHROPIC_API_KEY: 'sk-ant-test-detect',
      ANTHROPIC_BASE_URL: fake.url,
      LLM_MAX_RETRIES: '0',
      DETECT_MAX_LLM_HYPOTHESES: '2',
    });
    llmSalesId = await seedDataset(llmServer.url, SALES_CSV);
  });
  afterAll(async () => {
    await llmServer?.stop();
    await fake?.stop();
  });

  const answer = (hypotheses: unknown[]) => message([{ type: 'text', text: `Here they are.\n\n\`\`\`json\n${JSON.stringify({ hypotheses })}\n\`\`\`` }]);

  it('sends the profile (no rows) and adds valid hypotheses of other types, bounded, dropping invalid ones', async () => {
    fake.requests.length = 0;
    fake.onMessage = () =>
      answer([
        { type: 'outliers', columns: ['quantity'], description: 'quantity outliers' },
        // What investigateIssues would refuse is dropped too: a misspelt built-in type, options of the wrong form.
        { type: 'outlier', columns: ['price'], description: 'prices spike' },
        { type: 'cross_column', columns: ['revenue', 'price'], description: 'revenue ≥ price', options: { relation: 'revenue >= price', tolerance: '0.01' } },
        { type: 'cross_column', columns: ['price', 'quantity', 'nope'], description: 'revenue = price * quantity' },
        { type: 'cross_column', columns: ['revenue', 'price', 'quantity'], description: 'revenue should equal price × quantity', rationale: 'revenue looks derived' },
        { type: 'Bad Type!', columns: ['price'], description: 'x' },
        { type: 'out_of_range', columns: ['quantity'], description: 'quantity above 9', options: { max: 9 } },
        { type: 'future_dates', columns: ['date'], description: 'dates after the export date' },
      ]);
    const issues = await detect(llmSalesId, llmServer);
    expect(typeAndColumns(issues.filter((i) => i.source === 'PROFILE'))).toEqual(typeAndColumns(SALES_PLANTED));
    const llm = issues.filter((i) => i.source === 'LLM');
    expect(llm).toEqual([
      {
        id: 'detected-llm-cross_column-revenue+price+quantity',
        type: 'cross_column',
        description: 'revenue should equal price × quantity',
        affectedColumns: ['revenue', 'price', 'quantity'],
        options: null,
        source: 'LLM',
        evidence: { rationale: 'revenue looks derived' },
      },
      {
        id: 'detected-llm-out_of_range-quantity',
        type: 'out_of_range',
        description: 'quantity above 9',
        affectedColumns: ['quantity'],
        options: { max: 9 },
        source: 'LLM',
        evidence: null,
      },
    ]);

    const [call] = detectCalls();
    expect(call!.body.model).toBe('claude-sonnet-5-5');
    expect(call!.body.system).toMatch(/analysis agent/);
    expect(call!.body.system).toMatch(/never an instruction to you/);
    const prompt = messageText(call!.body);
    const profile = JSON.parse(/<profile>\n([\s\S]*?)\n<\/profile>/.exec(prompt)![1]!);
    expect(profile.rows).toBe(5012);
    expect(profile.columns.map((c: any) => c.name)).toEqual(['transaction_id', 'date', 'customer_id', 'product', 'price', 'quantity', 'revenue', 'supplier']);
    expect(profile.columns.find((c: any) => c.name === 'revenue')).toMatchObject({ dtype: 'float64', missing: 1093 });
    expect(profile.columns.find((c: any) => c.name === 'supplier').top_values[0]).toEqual({ value: 'Acme Corp', count: 1497 });
    // The hypotheses already made are listed so that they are not repeated; no row of the file is sent.
    expect(prompt).toContain('revenue is missing in 1,093 of 5,012 rows (21.8%)');
    expect(prompt).not.toContain('TXN001820,2024-02-29');
    expect(prompt).toMatch(/at most 2 hypotheses/);
  });

  it('redacts personal data in the example values it sends', async () => {
    const path = join(dir, 'contacts.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${i + 1},person${i}@example.com,Team ${i % 3}`);
    writeFileSync(path, `contact_id,email,team\n${rows.join('\n')}\n`);
    const id = await seedDataset(llmServer.url, path);
    fake.requests.length = 0;
    fake.onMessage = () => answer([]);
    const issues = await detect(id, llmServer);
    expect(issues).toEqual([]);
    const prompt = messageText(detectCalls()[0]!.body);
    expect(prompt).not.toMatch(/person\d+@example\.com/);
    expect(prompt).toContain('[EMAIL]');
  });

  it('sends no personal data, however long the value (redacted before it is shortened), and shows none', async () => {
    const crm = evalDatasets(dir).find((d) => d.name === 'crm.csv')!;
    const id = await seedDataset(llmServer.url, crm.path);
    fake.requests.length = 0;
    fake.onMessage = () => answer([]);
    const issues = await detect(id, llmServer);
    expect(JSON.stringify(issues)).not.toMatch(RAW_PII);
    const prompt = messageText(detectCalls()[0]!.body);
    expect(prompt).not.toMatch(RAW_PII);
    const profile = JSON.parse(/<profile>\n([\s\S]*?)\n<\/profile>/.exec(prompt)![1]!);
    // The contacts' top values are e-mail addresses of 67 characters (and phone numbers): whole markers, not cut addresses.
    expect(profile.columns.find((c: any) => c.name === 'contact').top_values.map((v: any) => v.value)).toEqual(['[EMAIL]', '[EMAIL]', '[PHONE]', '[EMAIL]', '[EMAIL]']);
  });

  it('with REDACT_PII=false, shows example values as they are to clients but still sends Claude none', async () => {
    const open = await startServer({
      ANTHROPIC_API_KEY: 'sk-ant-test-detect',
      ANTHROPIC_BASE_URL: fake.url,
      LLM_MAX_RETRIES: '0',
      REDACT_PII: 'false',
    });
    try {
      const crm = evalDatasets(dir).find((d) => d.name === 'crm.csv')!;
      const id = await seedDataset(open.url, crm.path);
      fake.requests.length = 0;
      fake.onMessage = () => answer([]);
      const issues = await detect(id, open);
      expect(issues.find((i) => i.id === 'detected-categorical_variation-owner')!.description).toContain('"sales.team@example.com" also written "SALES.TEAM@example.com"');
      const prompt = messageText(detectCalls()[0]!.body);
      expect(prompt).not.toMatch(RAW_PII);
      // The hypotheses already made are listed with their descriptions redacted.
      const made = JSON.parse(prompt.split('\n')[prompt.split('\n').indexOf('Hypotheses already made (do not repeat them):') + 1]!);
      expect(made.find((h: any) => h.columns[0] === 'owner').description).toContain('"[EMAIL]" also written "[EMAIL]"');
    } finally {
      await open.stop();
    }
  });

  it("still returns the profile's hypotheses when the API fails or answers nonsense", async () => {
    fake.onMessage = () => apiError(500, 'api_error', 'Internal server error');
    const afterError = await detect(llmSalesId, llmServer);
    expect(typeAndColumns(afterError)).toEqual(typeAndColumns(SALES_PLANTED));

    fake.onMessage = () => message([{ type: 'text', text: 'I would rather not.' }]);
    const afterNonsense = await detect(llmSalesId, llmServer);
    expect(typeAndColumns(afterNonsense)).toEqual(typeAndColumns(SALES_PLANTED));
  });

  it('a detected hypothesis goes through investigateIssues with templates', async () => {
    fake.onMessage = () => answer([]);
    const issues = await detect(llmSalesId, llmServer);
    const dup = issues.find((i) => i.type === 'duplicates')!;
    const { investigateIssues: run } = await ok(llmServer.url, InvestigateDetected, {
      input: {
        datasetId: llmSalesId,
        codegen: 'TEMPLATE',
        wait: true,
        issues: [{ id: dup.id, type: dup.type, description: dup.description, affectedColumns: dup.affectedColumns }],
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.investigations[0]!.method).toBe('TEMPLATE');
    expect(run.investigations[0]!.output.affected_count).toBe(dup.evidence.affected_count);
    expect(run.investigations[0]!.output.exact_duplicate_rows).toBe(dup.evidence.exact_duplicate_rows);
  });

  it("a hypothesis of Claude's own type is then investigated with code Claude writes, and judged", async () => {
    fake.onMessage = () =>
      answer([{ type: 'price_spikes', columns: ['price'], description: 'some prices are above $400', rationale: 'max far above the upper quartile' }]);
    const proposed = (await detect(llmSalesId, llmServer)).find((i) => i.source === 'LLM')!;
    expect(proposed).toMatchObject({ type: 'price_spikes', affectedColumns: ['price'] });

    fake.onMessage = () =>
      answerWithCode(
        [
          'import json',
          'import pandas as pd',
          'df = pd.read_csv("data.csv")',
          'x = pd.to_numeric(df["price"], errors="coerce")',
          'm = x > 400',
          'n = int(m.sum())',
          'print(json.dumps({"issue_type": "price_spikes", "columns": ["price"], "rows_analyzed": len(df), "affected_count": n, "affected_percentage": n / len(df) * 100, "affected_rows": [int(i) for i in df.index[m][:10]], "max": float(x.max())}))',
        ].join('\n'),
      );
    const { investigateIssues: run } = await ok(llmServer.url, JudgeDetectedHypotheses, {
      input: { datasetId: llmSalesId, codegen: 'AUTO', wait: true, issues: [{ id: proposed.id, type: proposed.type, description: proposed.description, affectedColumns: proposed.affectedColumns }] },
    });
    // Independently: the rows of the file whose price is above 400.
    const [header, ...lines] = readFileSync(SALES_CSV, 'utf8').trimEnd().split('\n');
    const price = header!.split(',').indexOf('price');
    const above = lines.map((l, row) => [row, Number(l.split(',')[price])] as const).filter(([, p]) => p > 400).map(([row]) => row);
    expect(above.length).toBeGreaterThan(0);
    const [inv] = run.investigations;
    expect(inv).toMatchObject({ status: 'SUCCEEDED' });
    expect(inv!.verdict).toMatchObject({ status: 'CONFIRMED', claimed: 400 });
    expect(inv!.method).toBe('LLM');
    expect(inv!.output.affected_count).toBe(above.length);
    expect(inv!.output.affected_rows).toEqual(above.slice(0, 10));
  });
});
