import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { expectedResult, SALES_CSV, writeGeneratedSales } from './helpers/data';
import { failure, ok } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { scriptProcesses, startServer, type TestServer } from './helpers/server';
import { as } from './helpers/tenants';

const Investigate = graphql(`
  mutation Investigate($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      concurrency
      startedAt
      finishedAt
      summary {
        total
        succeeded
        failed
        fallback
        cancelled
      }
      investigations {
        id
        status
        method
        error
        attempts
        code
        output
        executionTimeMs
        issue {
          id: clientId
          type
          affectedColumns
        }
        timings {
          samplingMs
          generationMs
          executionMs
          parsingMs
          totalMs
        }
        sample {
          rows
          estimatedTokens
        }
        validation {
          valid
          errors
        }
      }
      events {
        seq
        type
        investigationId
        data
      }
    }
  }
`);

const RunState = graphql(`
  query RunState($id: ID!) {
    run(id: $id) {
      id
      status
      investigations {
        id
        status
        error
      }
      events {
        seq
        type
        investigationId
        data
      }
    }
  }
`);

const Cancel = graphql(`
  mutation Cancel($id: ID!) {
    cancelRun(id: $id) {
      id
      status
      summary {
        total
        cancelled
      }
      investigations {
        status
      }
      events {
        seq
        type
        data
      }
    }
  }
`);

const Rerun = graphql(`
  mutation Rerun($id: ID!, $code: String, $wait: Boolean) {
    rerunInvestigation(id: $id, code: $code, wait: $wait) {
      id
      status
      method
      code
      output
      error
      run {
        id
        status
        investigations {
          id
        }
      }
    }
  }
`);

const OneInvestigation = graphql(`
  query OneInvestigation($id: ID!) {
    investigation(id: $id) {
      id
      status
      method
      code
      output
    }
  }
`);

let server: TestServer;
let salesId: string;
let generatedPath: string;
let generatedId: string;
let slowId: string;

beforeAll(async () => {
  server = await startServer({ INVESTIGATION_CONCURRENCY: '2' });
  salesId = await seedDataset(server.url, SALES_CSV);
  generatedPath = join(server.dataDir, 'generated.csv');
  writeGeneratedSales(generatedPath, 20_000, { seed: 7 });
  generatedId = await seedDataset(server.url, generatedPath);
  const slowPath = join(server.dataDir, 'slow.csv');
  writeGeneratedSales(slowPath, 60_000, { seed: 3, slowColumn: true });
  slowId = await seedDataset(server.url, slowPath);
});
afterAll(() => server.stop());

function checkAgainstExpected(output: Record<string, any>, expected: Record<string, any>, type: string) {
  for (const key of ['rows_analyzed', 'affected_count', 'affected_percentage', 'affected_rows']) {
    expect(output[key], key).toEqual(expected[key]);
  }
  if (type === 'missing_values') expect(output.missing_by_column).toEqual(expected.missing_by_column);
  if (type === 'duplicates') {
    expect(output.unique_duplicate_ids).toBe(expected.unique_duplicate_ids);
    expect(output.exact_duplicate_rows).toBe(expected.exact_duplicate_rows);
    expect(output.differences_by_column).toEqual(expected.differences_by_column);
    expect(output.keys_with_differences).toBe(expected.keys_with_differences);
    expect(output.are_exact_duplicates).toBe(expected.affected_count > 0 && expected.exact_duplicate_rows === expected.affected_count);
  }
  if (type === 'outliers') {
    for (const key of ['mean', 'std', 'min', 'max']) expect(output[key]).toBeCloseTo(expected[key], 8);
    expect(output.iqr_outlier_count).toBe(expected.iqr_outlier_count);
  }
  if (type === 'categorical_variation') {
    expect(output.total_unique).toBe(expected.total_unique);
    // Each variant's rows (variant_counts, in the variants' order) against the oracle's count of each.
    const groups = output.variation_groups.map(({ variant_counts, ...g }: any) => ({
      ...g,
      variants: [...g.variants].sort(),
      rows: Object.fromEntries(g.variants.map((v: string, i: number) => [v, variant_counts[i]])),
    }));
    expect(groups.sort((a: any, b: any) => String(a.variants).localeCompare(String(b.variants)))).toEqual(expected.groups);
  }
}

describe.each([
  ['the sample dataset (sales.csv)', () => ({ id: salesId, path: SALES_CSV })],
  ['a generated 20k-row dataset', () => ({ id: generatedId, path: generatedPath })],
])('the four core issue types on %s', (_label, dataset) => {
  it('produce exactly the RESULTS.md numbers over the whole dataset', async () => {
    const { id, path } = dataset();
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: { datasetId: id, issues: CORE_ISSUES, codegen: 'TEMPLATE', wait: true },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.summary).toEqual({ total: 4, succeeded: 4, failed: 0, fallback: 0, cancelled: 0 });
    for (const [i, inv] of run.investigations.entries()) {
      const issue = CORE_ISSUES[i]!;
      expect(inv.issue).toEqual({ id: issue.id, type: issue.type, affectedColumns: issue.affectedColumns });
      expect(inv.status, inv.error ?? '').toBe('SUCCEEDED');
      expect(inv.method).toBe('TEMPLATE');
      expect(inv.attempts).toBe(1);
      expect(inv.validation).toEqual({ valid: true, errors: [] });
      expect(inv.output.issue_type).toBe(issue.type);
      expect(inv.output.columns).toEqual(issue.affectedColumns);
      checkAgainstExpected(inv.output, expectedResult(path, issue.type, issue.affectedColumns), issue.type);
      expect(inv.executionTimeMs).toBeGreaterThan(0);
      expect(inv.timings!.totalMs).toBeGreaterThanOrEqual(inv.timings!.executionMs!);
      expect(inv.sample!.rows).toBeGreaterThanOrEqual(25);
      expect(inv.sample!.estimatedTokens).toBeLessThanOrEqual(120_000);
    }
    const seqs = run.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(run.events[0]!.type).toBe('RUN_STARTED');
    expect(run.events.at(-1)!.type).toBe('RUN_FINISHED');
    expect(run.events.at(-1)!.data.status).toBe('SUCCEEDED');
  });
});

describe('investigateIssues', () => {
  it('fails only the investigation whose column does not exist or whose type has no template', async () => {
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: {
        datasetId: salesId,
        codegen: 'TEMPLATE',
        wait: true,
        issues: [
          CORE_ISSUES[0]!,
          { type: 'outliers', description: 'no such column', affectedColumns: ['nope'] },
          { type: 'seasonality', description: 'sales are seasonal', affectedColumns: ['date'] },
          { type: 'outliers', description: 'two columns', affectedColumns: ['price', 'quantity'] },
        ],
      },
    });
    expect(run.status).toBe('PARTIAL');
    const [fine, missingColumn, noTemplate, twoColumns] = run.investigations;
    expect(fine!.status).toBe('SUCCEEDED');
    expect(missingColumn!.status).toBe('FAILED');
    expect(missingColumn!.error).toMatch(/Column "nope" not found/);
    expect(noTemplate!.status).toBe('FAILED');
    expect(noTemplate!.error).toMatch(/no template for issue type "seasonality"/);
    expect(twoColumns!.error).toMatch(/exactly one numeric column/);
    expect(run.summary).toMatchObject({ total: 4, succeeded: 1, failed: 3 });
  });

  it('without an LLM configured, AUTO uses templates and a type without one fails saying so', async () => {
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: { datasetId: salesId, wait: true, issues: [{ type: 'typos', description: 'x', affectedColumns: ['product'] }] },
    });
    expect(run.status).toBe('FAILED');
    expect(run.investigations[0]!.error).toMatch(/no template.*no LLM is configured/);
  });

  it.each([
    ['an unknown dataset', { datasetId: 'ds_nope', issues: CORE_ISSUES }, /Dataset "ds_nope" does not exist/, 'NOT_FOUND'],
    ['no issues', { issues: [] }, /at least one issue/, 'BAD_USER_INPUT'],
    ['concurrency 0', { issues: CORE_ISSUES, concurrency: 0 }, /concurrency must be between 1 and/, 'BAD_USER_INPUT'],
    ['codegen LLM without a key', { issues: CORE_ISSUES, codegen: 'LLM' }, /ANTHROPIC_API_KEY/, 'BAD_USER_INPUT'],
    ['an issue id used twice', { issues: [CORE_ISSUES[0], CORE_ISSUES[0]] }, /used by another issue/, 'BAD_USER_INPUT'],
    ['an empty type', { issues: [{ type: ' ', description: 'x', affectedColumns: [] }] }, /type must not be empty/, 'BAD_USER_INPUT'],
  ] as const)('refuses %s with a clear error', async (_label, input, message, code) => {
    const error = await failure(server.url, Investigate, { input: { datasetId: salesId, ...input } as any });
    expect(error.message).toMatch(message);
    expect(error.code).toBe(code);
  });

  it('never runs more investigations at once than the run’s concurrency', async () => {
    const issues = [...CORE_ISSUES, ...CORE_ISSUES].map((issue, i) => ({ ...issue, id: `i${i}` }));
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: { datasetId: generatedId, issues, concurrency: 3, wait: true },
    });
    expect(run.concurrency).toBe(3);
    let running = 0;
    let most = 0;
    for (const e of run.events) {
      if (e.type === 'INVESTIGATION_STARTED') most = Math.max(most, ++running);
      if (e.type === 'INVESTIGATION_SUCCEEDED' || e.type === 'INVESTIGATION_FAILED') running--;
    }
    expect(most).toBe(3);
    expect(run.summary.succeeded).toBe(8);
  });

  it('uses INVESTIGATION_CONCURRENCY when the input gives none, and answers at once without wait', async () => {
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: { datasetId: salesId, issues: CORE_ISSUES },
    });
    expect(run.concurrency).toBe(2);
    expect(['QUEUED', 'RUNNING']).toContain(run.status);
    expect(run.finishedAt).toBeNull();
    expect(await waitForRun(run.id)).toBe('SUCCEEDED');
  });
});

describe('cancelRun', () => {
  it('kills the running sandbox, never starts pending investigations, and ends everything CANCELLED', async () => {
    const slow = { type: 'categorical_variation', description: 'notes vary', affectedColumns: ['note'] };
    const { investigateIssues: started } = await ok(server.url, Investigate, {
      input: {
        datasetId: slowId,
        concurrency: 1,
        issues: [slow, { ...CORE_ISSUES[0]!, id: 'b' }, { ...CORE_ISSUES[1]!, id: 'c' }].map((x, i) => ({ ...x, id: `c${i}` })),
      },
    });
    for (let i = 0; i < 200; i++) {
      const { run } = await ok(server.url, RunState, { id: started.id });
      if (run!.events.some((e) => e.type === 'EXECUTION_STARTED')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const before = Date.now();
    const { cancelRun } = await ok(server.url, Cancel, { id: started.id });
    expect(Date.now() - before).toBeLessThan(5000);
    expect(cancelRun.status).toBe('CANCELLED');
    expect(cancelRun.investigations.map((i) => i.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(cancelRun.summary).toEqual({ total: 3, cancelled: 3 });
    const types = cancelRun.events.map((e) => e.type);
    expect(types.filter((t) => t === 'INVESTIGATION_CANCELLED')).toHaveLength(3);
    expect(types.filter((t) => t === 'INVESTIGATION_STARTED')).toHaveLength(1);
    expect(types.at(-1)).toBe('RUN_FINISHED');
    expect(cancelRun.events.at(-1)!.data.status).toBe('CANCELLED');
    expect(scriptProcesses(server.uidBase)).toEqual([]);
    // Cancelling again changes nothing.
    const again = await ok(server.url, Cancel, { id: started.id });
    expect(again.cancelRun.events).toHaveLength(cancelRun.events.length);
  });
});

describe('rerunInvestigation', () => {
  it('runs edited code as a new CUSTOM investigation in a new run and leaves the original untouched', async () => {
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: { datasetId: salesId, issues: [CORE_ISSUES[0]!], wait: true },
    });
    const original = run.investigations[0]!;
    const code =
      'import json, pandas as pd\n' +
      'df = pd.read_csv("data.csv")\n' +
      'm = df["revenue"].isna() & (df["quantity"] > 5)\n' +
      'rows = [int(i) for i in df.index[m]]\n' +
      'print(json.dumps({"issue_type": "missing_values", "columns": ["revenue"], "rows_analyzed": len(df), ' +
      '"affected_count": len(rows), "affected_percentage": len(rows) / len(df) * 100, "affected_rows": rows[:10], ' +
      '"missing_count": len(rows), "missing_by_column": {"revenue": len(rows)}}))\n';
    const { rerunInvestigation: custom } = await ok(server.url, Rerun, { id: original.id, code });
    expect(custom.status, custom.error ?? '').toBe('SUCCEEDED');
    expect(custom.method).toBe('CUSTOM');
    expect(custom.code).toBe(code);
    expect(custom.run.id).not.toBe(run.id);
    expect(custom.run.status).toBe('SUCCEEDED');
    expect(custom.run.investigations).toHaveLength(1);
    expect(custom.output.affected_count).toBeLessThan(original.output.affected_count);

    const { rerunInvestigation: same } = await ok(server.url, Rerun, { id: original.id });
    expect(same.method).toBe('TEMPLATE');
    expect(same.code).toBe(original.code);
    expect(same.output).toEqual(original.output);

    const { investigation } = await ok(server.url, OneInvestigation, { id: original.id });
    expect(investigation).toEqual({ id: original.id, status: 'SUCCEEDED', method: 'TEMPLATE', code: original.code, output: original.output });
  });

  it('reports a script that prints no JSON, fails, or does not compile, with what it printed on stderr', async () => {
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: { datasetId: salesId, issues: [CORE_ISSUES[2]!], wait: true },
    });
    const id = run.investigations[0]!.id;
    const { rerunInvestigation: silent } = await ok(server.url, Rerun, { id, code: 'print("no json here")\n' });
    expect(silent.status).toBe('FAILED');
    expect(silent.error).toMatch(/printed no line holding a JSON object/);
    const { rerunInvestigation: crashed } = await ok(server.url, Rerun, {
      id,
      code: 'import pandas as pd\ndf = pd.read_csv("data.csv")\nprint(df["no such column"].sum())\n',
    });
    expect(crashed.status).toBe('FAILED');
    expect(crashed.error).toMatch(/exit code 1\. stderr: .*KeyError: 'no such column'/s);
    // A syntax error, found by the parser or (ast.parse accepts a top-level return) only by the compiler: its line.
    const { rerunInvestigation: unparsable } = await ok(server.url, Rerun, { id, code: 'import pandas as pd\nprint((1, 2\n' });
    expect(unparsable.status).toBe('FAILED');
    expect(unparsable.error).toMatch(/stderr: SyntaxError: .*\(line 2\)/s);
    const { rerunInvestigation: uncompilable } = await ok(server.url, Rerun, { id, code: 'import json\nprint(json.dumps({}))\nreturn 1\n' });
    expect(uncompilable.status).toBe('FAILED');
    expect(uncompilable.error).toMatch(/stderr: SyntaxError: 'return' outside function \(line 3\)/);
  });

  it('reruns once per idempotencyKey: a retry gets the first rerun, other code under the key is refused', async () => {
    const { investigateIssues: run } = await ok(server.url, Investigate, { input: { datasetId: salesId, issues: [CORE_ISSUES[1]!], wait: true } });
    const original = run.investigations[0]!;
    const mutation = 'mutation($id: ID!, $code: String, $key: String) { rerunInvestigation(id: $id, code: $code, idempotencyKey: $key) { id status run { id } } }';
    const first = await as(server, server.adminToken!, mutation, { id: original.id, key: 'rerun-once' });
    const retry = await as(server, server.adminToken!, mutation, { id: original.id, key: 'rerun-once' });
    expect(first.data.rerunInvestigation.status).toBe('SUCCEEDED');
    expect(retry.data.rerunInvestigation).toEqual(first.data.rerunInvestigation);
    const edited = await as(server, server.adminToken!, mutation, { id: original.id, code: `${original.code}\n# edited\n`, key: 'rerun-once' });
    expect(edited.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(edited.errors?.[0]?.message).toContain('was already used for a different rerunInvestigation request');
  });

  it('answers at once with wait: false, the new investigation not yet finished, and runs it to the end', async () => {
    const { investigateIssues: run } = await ok(server.url, Investigate, {
      input: { datasetId: salesId, issues: [CORE_ISSUES[0]!], wait: true },
    });
    const original = run.investigations[0]!;
    // Edited code that outlasts any answer sent at once (time is not among the allowed imports).
    const code = `${original.code}\nimport datetime\nuntil = datetime.datetime.now() + datetime.timedelta(seconds=3)\nwhile datetime.datetime.now() < until:\n    pass\n`;
    const { rerunInvestigation: started } = await ok(server.url, Rerun, { id: original.id, code, wait: false });
    expect(['PENDING', 'RUNNING']).toContain(started.status);
    expect(started.output).toBeNull();
    expect(await waitForRun(started.run.id)).toBe('SUCCEEDED');
    const { investigation } = await ok(server.url, OneInvestigation, { id: started.id });
    expect(investigation!.output).toEqual(original.output);
  });
});

async function waitForRun(id: string): Promise<string> {
  for (;;) {
    const { run } = await ok(server.url, RunState, { id });
    if (!['QUEUED', 'RUNNING'].includes(run!.status)) return run!.status;
    await new Promise((r) => setTimeout(r, 50));
  }
}
