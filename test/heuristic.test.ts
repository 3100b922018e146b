import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beyondIsoDay, isoDay } from '../src/pipeline/fallback/dates';
import { graphql } from './gql';
import type { IssueInput } from './gql/graphql';
import { answerWithCode, FakeAnthropic } from './helpers/fakeAnthropic';
import { PYTHON, rng, SALES_CSV, writeChunkTypes, writeGeneratedSales, writeMessyText, writeTrickyCsv } from './helpers/data';
import { ok } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

const RunWith = graphql(`
  mutation HeuristicCompare($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      status
      investigations {
        status
        method
        code
        error
        output
        attempts
        validation {
          valid
          errors
        }
      }
      events {
        type
        data
      }
    }
  }
`);

/**
 * Differences between two results: keys and non-float values must be equal; floats may differ by 1e-9
 * relative, because pandas' C parser (precise_xstrtod) and JavaScript may round a 17-digit string to
 * neighbouring doubles.
 */
function differences(template: unknown, heuristic: unknown, path = '$'): string[] {
  if (typeof template === 'number' && typeof heuristic === 'number') {
    const close = Object.is(template, heuristic) || Math.abs(template - heuristic) <= 1e-9 * Math.max(1, Math.abs(template));
    return close ? [] : [`${path}: template ${template}, heuristic ${heuristic}`];
  }
  if (Array.isArray(template) && Array.isArray(heuristic)) {
    if (template.length !== heuristic.length) return [`${path}: template has ${template.length} items, heuristic ${heuristic.length}`];
    return template.flatMap((t, i) => differences(t, heuristic[i], `${path}[${i}]`));
  }
  if (template && heuristic && typeof template === 'object' && typeof heuristic === 'object') {
    const keys = (o: object) => Object.keys(o).sort();
    if (JSON.stringify(keys(template)) !== JSON.stringify(keys(heuristic))) {
      return [`${path}: template keys ${keys(template).join(',')}, heuristic keys ${keys(heuristic).join(',')}`];
    }
    return keys(template).flatMap((k) => differences((template as any)[k], (heuristic as any)[k], `${path}.${k}`));
  }
  return JSON.stringify(template) === JSON.stringify(heuristic) ? [] : [`${path}: template ${JSON.stringify(template)}, heuristic ${JSON.stringify(heuristic)}`];
}

/** Timestamps over ten days (some on a day of their own, some with a slash), values with spikes, notes often missing. */
function writeTimestamps(path: string) {
  const r = rng(29);
  const lines = ['at,value,note,kind'];
  for (let i = 0; i < 3000; i++) {
    const day = 1 + r.int(10);
    const time = `${String(r.int(24)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}`;
    const at = r.next() < 0.1 ? `2024/03/${day}` : `2024-03-${String(day).padStart(2, '0')} ${time}`;
    const value = r.next() < 0.01 ? 5000 + r.int(5000) : 40 + r.int(20);
    lines.push([at, value, r.next() < 0.2 ? '' : `note ${r.int(50)}`, r.pick(['a', 'b', 'c'])].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const issue = (type: string, affectedColumns: string[], options?: Record<string, unknown>): IssueInput => ({
  type,
  affectedColumns,
  description: `${type} in ${affectedColumns.join(', ') || 'whole rows'}`,
  ...(options ? { options } : {}),
});

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'heuristic-'));
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the heuristic fallback', () => {
  const datasets: Array<{ name: string; write: (path: string) => void; issues: IssueInput[] }> = [
    {
      name: 'the sample dataset (sales.csv)',
      write: () => {},
      issues: [
        ...CORE_ISSUES.map(({ type, affectedColumns }) => issue(type, affectedColumns)),
        issue('missing_values', ['price', 'revenue', 'supplier', 'date']),
        issue('duplicates', []),
        issue('duplicates', ['customer_id', 'product']),
        issue('outliers', ['quantity']),
        issue('outliers', ['revenue']),
        issue('categorical_variation', ['product']),
        issue('categorical_variation', ['customer_id']),
        issue('whitespace_case', []),
        issue('whitespace_case', ['supplier', 'product', 'price']),
        issue('invalid_format', ['transaction_id', 'date', 'customer_id', 'product', 'price', 'quantity', 'revenue', 'supplier']),
        issue('invalid_format', ['customer_id', 'quantity'], { expected: 'integer', pattern: 'C\\d{4}' }),
      ],
    },
    {
      name: 'a generated 8,000-row sales file with a high-cardinality text column',
      write: (path) => writeGeneratedSales(path, 8000, { seed: 11, slowColumn: true }),
      issues: [
        issue('missing_values', ['revenue', 'note']),
        issue('duplicates', ['transaction_id']),
        issue('duplicates', ['date', 'product']),
        issue('outliers', ['price']),
        issue('outliers', ['quantity']),
        issue('categorical_variation', ['supplier']),
        issue('categorical_variation', ['note']),
        issue('whitespace_case', []),
        issue('invalid_format', ['transaction_id', 'date', 'price', 'revenue', 'note']),
        issue('invalid_format', ['transaction_id'], { pattern: 'T\\d{7}' }),
        // Breakdowns (options.by): per supplier, and per note (thousands of distinct texts, ties broken by value).
        issue('missing_values', ['revenue'], { by: 'supplier' }),
        issue('missing_values', ['revenue'], { by: 'note' }),
        issue('outliers', ['price'], { by: 'supplier' }),
        issue('outliers', ['quantity'], { by: 'date' }),
      ],
    },
    {
      // Breakdowns by a date-like column of timestamps count per day, not per timestamp.
      name: 'a generated file of timestamps',
      write: (path) => writeTimestamps(path),
      issues: [
        issue('outliers', ['value'], { by: 'at' }),
        issue('missing_values', ['note'], { by: 'at' }),
        issue('missing_values', ['note'], { by: 'kind' }),
      ],
    },
    {
      name: 'a generated file of pandas edge cases',
      write: (path) => writeTrickyCsv(path),
      issues: [
        issue('missing_values', ['score', 'name', 'when', 'mixed']),
        // A breakdown by a column of mixed date formats (and texts that are no date): date-like or not, as the template decides.
        issue('missing_values', ['score'], { by: 'when' }),
        issue('outliers', ['score'], { by: 'when' }),
        issue('duplicates', ['id']),
        issue('duplicates', ['name', 'flag']),
        issue('duplicates', []),
        issue('outliers', ['score']),
        issue('outliers', ['big']),
        issue('outliers', ['mixed']),
        issue('outliers', ['cnt']),
        issue('categorical_variation', ['name']),
        issue('categorical_variation', ['mixed']),
        issue('categorical_variation', ['when']),
        issue('categorical_variation', ['flag']),
        issue('categorical_variation', ['score']),
        issue('whitespace_case', []),
        issue('whitespace_case', ['name', 'mixed', 'flag', 'score', 'big']),
        issue('invalid_format', ['name', 'score', 'flag', 'when', 'mixed', 'big']),
        issue('invalid_format', ['when', 'mixed'], { expected: 'date' }),
        issue('invalid_format', ['flag', 'name'], { expected: 'boolean', pattern: '[A-Z][a-z]+' }),
      ],
    },
    {
      name: 'a generated wide file of messy Unicode text, typed by pandas in chunks',
      write: (path) => writeMessyText(path),
      issues: [
        issue('whitespace_case', []),
        issue('whitespace_case', ['label', 'team', 'qty', 'ratio', 'answer', 'flag', 'f20']),
        issue('invalid_format', ['amount', 'day', 'email', 'reply', 'code', 'label', 'flag']),
        issue('invalid_format', ['code', 'team'], { pattern: '[A-Z]{2}-\\d{4}' }),
        issue('invalid_format', ['amount', 'day'], { expected: 'integer' }),
        issue('invalid_format', ['day', 'reply'], { expected: 'date' }),
      ],
    },
    {
      name: 'a generated file whose text columns pandas types as numbers or booleans in some chunks',
      write: (path) => writeChunkTypes(path),
      issues: [
        issue('missing_values', ['flag', 'amount']),
        // Breakdowns by columns whose chunks pandas types as numbers or booleans: str() of what it holds.
        issue('missing_values', ['flag', 'amount'], { by: 'mix' }),
        issue('outliers', ['amount'], { by: 'flag' }),
        issue('duplicates', ['code']),
        issue('duplicates', ['flag', 'boolint']),
        issue('duplicates', ['mix', 'big', 'padded', 'boolnan']),
        issue('outliers', ['amount']),
        // Not outliers on 'flag': no value of it is a number, so the investigation fails before any code runs.
        issue('outliers', ['boolint']),
        issue('outliers', ['padded']),
        issue('categorical_variation', ['code']),
        issue('categorical_variation', ['flag']),
        issue('categorical_variation', ['mix']),
        issue('categorical_variation', ['padded']),
        issue('categorical_variation', ['when']),
      ],
    },
    {
      // More than 65,536 ids, most distinct: the upload keeps this column's texts row by row, coded exactly when read (columnFile.ts).
      name: 'a generated sales file of 150,000 rows, its ids mostly distinct',
      write: (path) => writeGeneratedSales(path, 150_000, { seed: 7 }),
      issues: [
        issue('duplicates', ['transaction_id']),
        issue('duplicates', ['transaction_id', 'supplier']),
        issue('duplicates', []),
        issue('missing_values', ['revenue']),
        issue('outliers', ['price']),
        issue('categorical_variation', ['supplier']),
      ],
    },
  ];

  for (const dataset of datasets) {
    it(`gives the templates' results on ${dataset.name}`, async () => {
      let path = SALES_CSV;
      if (dataset.name !== datasets[0]!.name) {
        path = join(dir, `${dataset.name.length}.csv`);
        dataset.write(path);
      }
      const datasetId = await seedDataset(server.url, path);
      const run = async (codegen: 'TEMPLATE' | 'HEURISTIC') =>
        (await ok(server.url, RunWith, { input: { datasetId, issues: dataset.issues, codegen, wait: true } })).investigateIssues;
      const [template, heuristic] = [await run('TEMPLATE'), await run('HEURISTIC')];
      expect(template.status).toBe('SUCCEEDED');
      expect(heuristic.status).toBe('SUCCEEDED');
      dataset.issues.forEach((issue, i) => {
        const [t, h] = [template.investigations[i]!, heuristic.investigations[i]!];
        expect(t.method).toBe('TEMPLATE');
        expect(h).toMatchObject({ method: 'HEURISTIC', code: null, validation: { valid: true, errors: [] } });
        expect(differences(t.output, h.output), `${issue.type} ${JSON.stringify(issue.affectedColumns)}`).toEqual([]);
      });
      // A heuristic answer asked for directly is not a fallback.
      expect(heuristic.events.filter((e) => e.type === 'FALLBACK_USED')).toEqual([]);
    });
  }

  it("reads a date's day as pd.to_datetime does, or says it cannot", () => {
    const values = [
      '2024-01-05', '2024-1-5', '05/01/2024', '13/01/2024', '01/13/24', '2024-02-30', '2023-02-29', '2024-02-29 23:59:59',
      '2024-01-05 25:00', '2024-01-05 23:60', '2024-01-05 23:59:60', '1500-01-01', '1677-09-21', '1677-09-22', '2262-04-11',
      '2262-04-12', '  2024-01-05 ', 'not a date', '', '2024-03', '20240105', '5 Mar 2024', 'today', '2024-01-05T10:00:00+02:00', '12',
    ];
    // Each value after a plain ISO date, as the template's column would hold it.
    const script = `import json, sys\nimport pandas as pd\nout = []\nfor v in json.loads(sys.argv[1]):\n    d = pd.to_datetime(pd.Series(["2024-01-01", v]), errors="coerce")\n    try:\n        out.append(None if pd.isna(d.iloc[1]) else d.dt.strftime("%Y-%m-%d").iloc[1])\n    except AttributeError:\n        out.append("object")\nprint(json.dumps(out))`;
    const pandas = JSON.parse(execFileSync(PYTHON, ['-c', script, JSON.stringify(values)], { encoding: 'utf8' })) as Array<string | null>;
    values.forEach((value, i) => {
      if (beyondIsoDay(value)) expect(['2024-03', '20240105', '5 Mar 2024', 'today', '2024-01-05T10:00:00+02:00', '12']).toContain(value);
      else expect(isoDay(value), value).toBe(pandas[i]);
    });
  });

  it('compares what it should: a changed count or float is a difference', () => {
    expect(differences({ a: 1, b: [0.1, 'x'] }, { a: 1, b: [0.1 + 1e-12, 'x'] })).toEqual([]);
    expect(differences({ a: 1 }, { a: 2 })).toHaveLength(1);
    expect(differences({ b: [0.1] }, { b: [0.1001] })).toHaveLength(1);
    expect(differences({ a: 1 }, { a: 1, extra: 0 })).toHaveLength(1);
  });

  it('answers a core type when execution keeps failing after the allowed attempts, and says why', async () => {
    const fake = await new FakeAnthropic().start();
    // Without the warm pool, starting Python and importing pandas alone takes longer than 100 ms.
    const slow = await startServer({
      SANDBOX_WARM: 'false',
      SANDBOX_TIMEOUT_MS: '100',
      ANTHROPIC_API_KEY: 'sk-ant-heuristic-test',
      ANTHROPIC_BASE_URL: fake.url,
      LLM_MAX_ATTEMPTS: '2',
    });
    try {
      fake.onMessage = () =>
        answerWithCode('import json\nimport pandas as pd\ndf = pd.read_csv("data.csv")\nprint(json.dumps({"rows": len(df)}))');
      const datasetId = await seedDataset(slow.url, SALES_CSV);
      const { investigateIssues: run } = await ok(slow.url, RunWith, {
        input: {
          datasetId,
          codegen: 'LLM',
          sandbox: 'LOCAL',
          fresh: true,
          wait: true,
          issues: [issue('missing_values', ['revenue']), issue('price_typos', ['price'])],
        },
      });
      const [core, other] = run.investigations;
      expect(core).toMatchObject({ status: 'SUCCEEDED', method: 'HEURISTIC', code: null, attempts: 3 });
      const fallbacks = run.events.filter((e) => e.type === 'FALLBACK_USED').map((e) => e.data.fallback);
      expect(fallbacks).toEqual(['TEMPLATE', 'HEURISTIC']);
      const reason = run.events.find((e) => e.data?.fallback === 'HEURISTIC')!.data.reason;
      expect(reason).toMatch(/time limit/);
      const template = (await ok(server.url, RunWith, { input: { datasetId: await seedDataset(server.url, SALES_CSV), issues: [issue('missing_values', ['revenue'])], codegen: 'TEMPLATE', wait: true } })).investigateIssues;
      expect(differences(template.investigations[0]!.output, core!.output)).toEqual([]);

      expect(other!.status).toBe('FAILED'); // no heuristic for it: every attempt's error is reported
      expect(other!.error!.match(/Attempt \d \(LLM\):.*time limit/g)).toHaveLength(2);
    } finally {
      await slow.stop();
      await fake.stop();
    }
  });
});
