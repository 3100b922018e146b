import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import type { InvestigateIssuesInput } from './gql/graphql';
import { expectedResult, SALES_CSV } from './helpers/data';
import { answerWithCode, apiError, FakeAnthropic, isClaimReading, runLikeCodeExecution, type ExecutionOptions } from './helpers/fakeAnthropic';
import { authFetch, ok } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { removeDataDir, startServer, tempDataDir, type TestServer } from './helpers/server';

const RemoteRun = graphql(`
  mutation RemoteRun($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      status
      usage {
        calls
        inputTokens
      }
      investigations {
        id
        status
        method
        error
        attempts
        output
        usage {
          calls
        }
        artifacts {
          name
          bytes
          sha256
          width
          height
          url
        }
      }
      events {
        type
        message
        data
      }
    }
  }
`);

const RemoteRerun = graphql(`
  mutation RemoteRerun($id: ID!, $code: String) {
    rerunInvestigation(id: $id, code: $code) {
      status
      method
      error
      artifacts {
        name
      }
      run {
        sandbox
        events {
          type
          message
        }
      }
    }
  }
`);

const RemoteStart = graphql(`
  mutation RemoteStart($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
    }
  }
`);

const RemoteCancel = graphql(`
  mutation RemoteCancel($id: ID!) {
    cancelRun(id: $id) {
      status
    }
  }
`);

const KEY = 'sk-ant-remote-sandbox-test';
let fake: FakeAnthropic;
let server: TestServer;
let salesId: string;
let execution: ExecutionOptions = {};
const messageCalls = () => fake.calls('POST', '/v1/messages').filter((r) => !isClaimReading(r));
const executionCalls = () => messageCalls().filter((r) => Array.isArray(r.body.tools));

beforeAll(async () => {
  fake = await new FakeAnthropic().start();
  server = await startServer({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, LLM_MAX_RETRIES: '0' });
  salesId = await seedDataset(server.url, SALES_CSV);
});
afterAll(async () => {
  await server?.stop();
  await fake?.stop();
});
beforeEach(() => {
  fake.requests.length = 0;
  execution = {};
  fake.onMessage = (body) => runLikeCodeExecution(fake, body, execution);
});

/** Why the run's first FALLBACK_USED event says the heuristic had to answer. */
function fallbackReason(run: { events: Array<{ type: string; data?: any }> }): string | undefined {
  return run.events.find((e) => e.type === 'FALLBACK_USED' && e.data.fallback === 'HEURISTIC')?.data.reason;
}

async function investigate(input: Partial<InvestigateIssuesInput>, s = server) {
  const { investigateIssues } = await ok(s.url, RemoteRun, {
    input: { datasetId: salesId, wait: true, codegen: 'TEMPLATE', sandbox: 'ANTHROPIC', issues: [], ...input } as InvestigateIssuesInput,
  });
  return investigateIssues;
}

describe("Anthropic's code execution sandbox", () => {
  it('uploads the dataset once, reuses one container per run, and gives the numbers of the whole dataset', async () => {
    const run = await investigate({ issues: CORE_ISSUES, concurrency: 1 });
    expect(run.status).toBe('SUCCEEDED');
    for (const [i, issue] of CORE_ISSUES.entries()) {
      const expected = expectedResult(SALES_CSV, issue.type, issue.affectedColumns);
      expect(run.investigations[i]!.output.affected_count).toBe(expected.affected_count);
      expect(run.investigations[i]!.output.affected_rows).toEqual(expected.affected_rows);
    }
    const calls = executionCalls();
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      expect(call.body.model).toBe('claude-sonnet-5-5');
      expect(call.body.tools).toEqual([{ type: 'code_execution_20250825', name: 'code_execution' }]);
      expect(call.headers['anthropic-beta']).toBeUndefined();
      const uploads = call.body.messages[0].content.filter((b: any) => b.type === 'container_upload');
      expect(uploads).toHaveLength(2); // the dataset and the script
    }
    expect(calls[0]!.body.container).toBeUndefined();
    for (const call of calls.slice(1)) expect(call.body.container).toBe('container_fake1');

    for (const upload of fake.calls('POST', '/v1/files')) expect(upload.headers['anthropic-beta']).toBeUndefined();
    const datasetUploads = [...fake.files.values()].filter((f) => f.filename.endsWith('.csv'));
    expect(datasetUploads).toHaveLength(1);
    expect(datasetUploads[0]!.content).toBe(readFileSync(SALES_CSV, 'utf8'));
    // Scripts are deleted once they ran; the dataset stays for reuse.
    const scripts = [...fake.files.values()].filter((f) => f.filename.endsWith('.py'));
    await new Promise((r) => setTimeout(r, 100));
    expect(scripts.length).toBe(4);
    expect(scripts.every((f) => f.deleted)).toBe(true);
    expect(datasetUploads[0]!.deleted).toBe(false);

    // A second run: the same file, a new container.
    fake.requests.length = 0;
    execution = { container: 'container_fake2' };
    const again = await investigate({ issues: [CORE_ISSUES[0]!] });
    expect(again.status).toBe('SUCCEEDED');
    expect(fake.calls('POST', '/v1/files').filter((r) => /filename="[^"]+\.csv"/.test(r.raw))).toHaveLength(0);
    expect(executionCalls()[0]!.body.container).toBeUndefined();
    expect(again.investigations[0]!.usage!.calls).toBe(1);
  });

  it("downloads the charts the scripts saved, within the limits, keeps them as the investigation's artifacts and deletes them on the API's side", async () => {
    const before = new Set(fake.files.keys());
    const run = await investigate({ issues: CORE_ISSUES, concurrency: 1 });
    expect(run.status).toBe('SUCCEEDED');
    const expected: Record<string, string[]> = {
      missing_values: ['missing_by_column.png', 'missing_by_date.png'],
      duplicates: ['duplicate_keys.png'],
      outliers: ['distribution.png'],
      categorical_variation: ['variation_groups.png'],
    };
    const returned = [...fake.files.entries()].filter(([id]) => id.startsWith('file_out') && !before.has(id));
    for (const inv of run.investigations) {
      expect(inv.artifacts.map((a) => a.name)).toEqual(expected[inv.output.issue_type]);
      for (const artifact of inv.artifacts) {
        // The bytes the container wrote, as the API returned them, are the bytes served.
        const served = Buffer.from(await (await authFetch(new URL(artifact.url, server.url))).arrayBuffer());
        const sent = returned.filter(([, f]) => f.filename === artifact.name).map(([, f]) => f.content as Buffer);
        expect(sent.some((b) => Buffer.compare(b, served) === 0)).toBe(true);
        expect(artifact).toMatchObject({ bytes: served.length, sha256: createHash('sha256').update(served).digest('hex'), width: 800, height: 450 });
      }
    }
    expect(fake.calls('GET', /^\/v1\/files\/file_out\d+\/content$/)).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 100));
    expect(returned.length).toBe(5);
    expect(returned.every(([, f]) => f.deleted)).toBe(true);
  });

  it('hands over at most SANDBOX_OUTPUT_FILES files, none too large, asking the API only about those, and names the others', async () => {
    const base = await investigate({ issues: [CORE_ISSUES[0]!] });
    const before = new Set(fake.files.keys());
    fake.requests.length = 0;
    // Charts under names that sort differently by code point than by a locale (".dot", "B", "a b"), one file over
    // SANDBOX_OUTPUT_FILE_BYTES (2 MiB by default), a symlink, and a last stderr line with no newline.
    const code = `
import json
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(2, 1), dpi=40)
ax.plot([1, 2])
for name in [".dot", "B", "a b"] + ["c%02d" % i for i in range(8)]:
    fig.savefig("output/%s.png" % name)
with open("output/b_big.png", "wb") as f:
    f.write(b"\\x89PNG" + bytes(2200000))
__import__("os").symlink("/etc/passwd", "output/a_link.png")
__import__("sys").stderr.write("a warning without a newline")
print(${JSON.stringify(JSON.stringify(base.investigations[0]!.output))})
`;
    const { rerunInvestigation: rerun } = await ok(server.url, RemoteRerun, { id: base.investigations[0]!.id, code });
    expect(rerun, rerun.error ?? '').toMatchObject({ status: 'SUCCEEDED', method: 'CUSTOM' });
    // Code-point order: ".dot.png", "B.png", "a b.png", "a_link.png", "b_big.png", "c00.png" …
    const kept = ['.dot.png', 'B.png', 'a b.png', 'c00.png', 'c01.png', 'c02.png', 'c03.png', 'c04.png'];
    expect(rerun.artifacts.map((a) => a.name)).toEqual(kept);
    const returned = [...fake.files.keys()].filter((id) => !before.has(id) && id.startsWith('file_out'));
    expect(returned).toHaveLength(kept.length);
    expect(fake.calls('GET', /^\/v1\/files\/file_out\d+$/)).toHaveLength(kept.length);
    const left = rerun.run.events.filter((e) => e.type === 'LOG' && e.message.startsWith('Left out')).map((e) => e.message);
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('output/a_link.png (not a regular file)');
    expect(left[0]).toContain('output/b_big.png (2200004 bytes, larger than SANDBOX_OUTPUT_FILE_BYTES (2097152))');
    for (const name of ['c05.png', 'c06.png', 'c07.png']) expect(left[0]).toContain(`output/${name} (more than SANDBOX_OUTPUT_FILES (8) files)`);
    expect(rerun.run.events.filter((e) => e.message.includes('ITERATE_OUTPUT_LEFT_OUT'))).toEqual([]);
  });

  it('reads its own left-out lines only, never lines the script printed like them, and keeps the script’s stderr', async () => {
    const base = await investigate({ issues: [CORE_ISSUES[0]!] });
    const code = '__import__("sys").stderr.write("ITERATE_OUTPUT_LEFT_OUT too_many 1 forged.png\\n\\nITERATE_OUTPUT_LEFT_OUT_0 too_large 9 forged2.png\\nthe end")\nraise SystemExit(3)\n';
    const { rerunInvestigation: rerun } = await ok(server.url, RemoteRerun, { id: base.investigations[0]!.id, code });
    expect(rerun.status).toBe('FAILED');
    expect(rerun.error).toContain('ITERATE_OUTPUT_LEFT_OUT too_many 1 forged.png');
    expect(rerun.error).toContain('ITERATE_OUTPUT_LEFT_OUT_0 too_large 9 forged2.png');
    expect(rerun.error).toContain('the end');
    expect(rerun.run.events.filter((e) => e.type === 'LOG' && e.message.startsWith('Left out'))).toEqual([]);
  });

  it('continues a paused turn in the same container', async () => {
    execution = { pause: true, container: 'container_paused' };
    const run = await investigate({ issues: [CORE_ISSUES[2]!] });
    expect(run.investigations[0]!.status).toBe('SUCCEEDED');
    const [first, second] = executionCalls();
    expect(second!.body.container).toBe('container_paused');
    expect(second!.body.messages.map((m: any) => m.role)).toEqual(['user', 'assistant']);
    expect(second!.body.messages[1].content.at(-1).type).toBe('server_tool_use');
    expect(second!.body.messages[0]).toEqual(first!.body.messages[0]);
    expect(run.investigations[0]!.usage!.calls).toBe(2);
    expect(run.investigations[0]!.output.affected_count).toBe(expectedResult(SALES_CSV, 'outliers', ['price']).affected_count);
  });

  it('reads the legacy code_execution_tool_result block', async () => {
    execution = { legacy: true };
    const run = await investigate({ issues: [CORE_ISSUES[1]!] });
    expect(run.investigations[0]!.status).toBe('SUCCEEDED');
    expect(run.investigations[0]!.output.affected_count).toBe(expectedResult(SALES_CSV, 'duplicates', ['transaction_id']).affected_count);
  });

  it('turns tool errors into clear errors, and a core type is still answered by the heuristic', async () => {
    const expected = expectedResult(SALES_CSV, 'missing_values', ['revenue']);
    execution = { toolError: 'execution_time_exceeded' };
    const slow = await investigate({ issues: [CORE_ISSUES[0]!] });
    expect(fallbackReason(slow)).toBe("The script ran past the code execution tool's time limit (execution_time_exceeded)");
    expect(slow.investigations[0]).toMatchObject({ status: 'SUCCEEDED', method: 'HEURISTIC', error: null });
    expect(slow.investigations[0]!.output.affected_count).toBe(expected.affected_count);

    execution = { toolError: 'unavailable' };
    const down = await investigate({ issues: [CORE_ISSUES[0]!] });
    expect(fallbackReason(down)).toBe("Anthropic's code execution tool is unavailable (unavailable)");
    expect(down.investigations[0]!.method).toBe('HEURISTIC');

    fake.onMessage = (body) =>
      Array.isArray(body.tools)
        ? runLikeCodeExecution(fake, body, execution)
        : answerWithCode('import json\nimport pandas as pd\nprint(json.dumps({}))');
    const other = await investigate({ codegen: 'LLM', fresh: true, issues: [{ type: 'negative_prices', description: 'x', affectedColumns: ['price'] }] });
    expect(other.investigations[0]!.status).toBe('FAILED'); // no heuristic for it
    expect(other.investigations[0]!.method).toBe('LLM');
    expect(other.investigations[0]!.error).toMatch(/unavailable/);
  });

  it('reruns user code in the container and reports its failure with the stderr', async () => {
    const base = await investigate({ issues: [CORE_ISSUES[0]!] });
    const { rerunInvestigation } = await ok(server.url, RemoteRerun, {
      id: base.investigations[0]!.id,
      code: 'import pandas as pd\nraise RuntimeError("boom inside the container")\n',
    });
    expect(rerunInvestigation.status).toBe('FAILED');
    expect(rerunInvestigation.method).toBe('CUSTOM');
    expect(rerunInvestigation.error).toMatch(/exit code 1[\s\S]*RuntimeError: boom inside the container/);
    expect(rerunInvestigation.run.sandbox).toBe('ANTHROPIC');
  });

  it('writes the code with the LLM and runs it remotely; a failed run is repaired like a local one', async () => {
    let codegenCalls = 0;
    fake.onMessage = (body) => {
      if (Array.isArray(body.tools)) return runLikeCodeExecution(fake, body, execution);
      codegenCalls += 1;
      return codegenCalls === 1
        ? answerWithCode('import pandas as pd\nprint(pd.read_csv("data.csv")["nope"].sum())')
        : answerWithCode(`import json\nimport pandas as pd\ndf = pd.read_csv("data.csv")\nm = df["revenue"].isna()\nn = int(m.sum())\nprint(json.dumps({"issue_type": "missing_values", "columns": ["revenue"], "rows_analyzed": len(df), "affected_count": n, "affected_percentage": n / len(df) * 100, "affected_rows": [int(i) for i in df.index[m][:10]], "missing_count": n, "missing_by_column": {"revenue": n}}))`);
    };
    const run = await investigate({ codegen: 'LLM', fresh: true, issues: [CORE_ISSUES[0]!] });
    const [inv] = run.investigations;
    expect(inv!.status).toBe('SUCCEEDED');
    expect(inv!.method).toBe('LLM');
    expect(inv!.attempts).toBe(2);
    expect(inv!.output.affected_count).toBe(expectedResult(SALES_CSV, 'missing_values', ['revenue']).affected_count);
    expect(inv!.usage!.calls).toBe(4); // two generations, two executions
  });

  it('fails clearly when the API is down, without asking for a repair', async () => {
    fake.onMessage = () => apiError(529, 'overloaded_error', 'Overloaded');
    const run = await investigate({ issues: [CORE_ISSUES[0]!] });
    expect(fallbackReason(run)).toBe('The Anthropic API refused code execution (529 overloaded_error): Overloaded');
    expect(run.investigations[0]!.attempts).toBe(1);
    expect(run.investigations[0]!.method).toBe('HEURISTIC');
  });
});

describe('the remote sandbox under concurrency and loss', () => {
  it('shares one upload and one container among parallel investigations of a run', async () => {
    fake.uploadDelayMs = 200;
    try {
      const dir = tempDataDir();
      const path = join(dir, 'parallel.csv');
      writeFileSync(path, readFileSync(SALES_CSV, 'utf8').replace('Initech', 'Initech Ltd'));
      const datasetId = await seedDataset(server.url, path);
      removeDataDir(dir);
      execution = { container: 'container_parallel' };
      const run = await investigate({ datasetId, issues: CORE_ISSUES, concurrency: 4 });
      expect(run.investigations.map((i) => i.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
      expect(fake.calls('POST', '/v1/files').filter((r) => /filename="[^"]+\.csv"/.test(r.raw))).toHaveLength(1);
      const containers = executionCalls().map((c) => c.body.container);
      expect(containers.filter((c) => c === undefined)).toHaveLength(1);
      expect(containers.filter((c) => c === 'container_parallel')).toHaveLength(3);
    } finally {
      fake.uploadDelayMs = 0;
    }
  });

  it("does not fail others when the investigation that started the dataset's upload is cancelled", async () => {
    // Scripts upload at once, the dataset takes 3 s: the second investigation joins the first's upload, which
    // is then cancelled with its investigation. Each step waits for what it needs, not for a fixed time.
    fake.datasetUploadDelayMs = 3000;
    const dir = tempDataDir();
    const datasetUploads = () => fake.calls('POST', '/v1/files').filter((r) => /filename="[^"]+\.csv"/.test(r.raw));
    try {
      const path = join(dir, 'cancel.csv');
      writeFileSync(path, readFileSync(SALES_CSV, 'utf8').replace('Globex', 'Globex Inc'));
      const datasetId = await seedDataset(server.url, path);
      const first = await ok(server.url, RemoteStart, { input: { datasetId, issues: [CORE_ISSUES[0]!], codegen: 'TEMPLATE', sandbox: 'ANTHROPIC' } });
      await expect.poll(() => datasetUploads().length, { timeout: 20_000 }).toBe(1);
      const scriptUploads = fake.calls('POST', '/v1/files').length;
      const second = investigate({ datasetId, issues: [CORE_ISSUES[2]!] });
      // The second's script is uploaded: it goes on to the dataset, whose upload it joins.
      await expect.poll(() => fake.calls('POST', '/v1/files').length, { timeout: 20_000 }).toBe(scriptUploads + 1);
      await new Promise((r) => setTimeout(r, 300));
      await ok(server.url, RemoteCancel, { id: first.investigateIssues.id });
      const run = await second;
      expect(run.investigations[0]!.status).toBe('SUCCEEDED');
      expect(run.investigations[0]!.output.affected_count).toBe(expectedResult(path, 'outliers', ['price']).affected_count);
      expect(datasetUploads()).toHaveLength(1);
    } finally {
      fake.datasetUploadDelayMs = null;
      removeDataDir(dir);
    }
  });

  it('starts a new container when the run\'s one has expired', async () => {
    let n = 0;
    fake.onMessage = (body) => {
      const reply = runLikeCodeExecution(fake, body, { container: `container_gen${++n}` });
      fake.containers.clear(); // every container expires right after its first use
      return reply;
    };
    const run = await investigate({ issues: [CORE_ISSUES[0]!, CORE_ISSUES[2]!], concurrency: 1 });
    expect(run.investigations.map((i) => i.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(executionCalls().map((c) => c.body.container)).toEqual([undefined, 'container_gen1', undefined]);
  });

  it('uploads the dataset again when the stored file is gone on the API side', async () => {
    await investigate({ issues: [CORE_ISSUES[0]!] });
    for (const file of fake.files.values()) if (file.filename.endsWith('.csv')) file.deleted = true;
    fake.requests.length = 0;
    const run = await investigate({ issues: [CORE_ISSUES[0]!] });
    expect(run.investigations[0]!.status).toBe('SUCCEEDED');
    expect(fake.calls('POST', '/v1/files').filter((r) => /filename="[^"]+\.csv"/.test(r.raw))).toHaveLength(1);
  });

  it('refuses imports outside the allowlist in the container too', async () => {
    const base = await investigate({ issues: [CORE_ISSUES[0]!] });
    const { rerunInvestigation } = await ok(server.url, RemoteRerun, {
      id: base.investigations[0]!.id,
      code: 'import socket\nprint(socket.gethostname())\n',
    });
    expect(rerunInvestigation.status).toBe('FAILED');
    expect(rerunInvestigation.error).toMatch(/imports "socket", which the sandbox does not allow/);
  });
});

describe('choosing and checking the remote sandbox', () => {
  it('is used by AUTO when the local sandbox is unavailable', async () => {
    const s = await startServer({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, PYTHON_BIN: '/usr/bin/no-such-python' });
    try {
      const datasetId = await seedDataset(s.url, SALES_CSV);
      const run = await investigate({ datasetId, sandbox: 'AUTO', issues: [CORE_ISSUES[0]!] }, s);
      expect(run.investigations[0]!.status).toBe('SUCCEEDED');
      expect(run.events.find((e) => e.type === 'EXECUTION_STARTED')!.message).toMatch(/Anthropic's code execution/);
      const health = (await (await fetch(new URL('/health', s.url))).json()) as any;
      expect(health.sandbox.available).toBe(false);
      expect(health.remoteSandbox).toMatchObject({ available: true, details: { capabilityChecked: true } });
      expect(fake.calls('GET', '/v1/models/claude-sonnet-5-5').length).toBeGreaterThan(0);
    } finally {
      await s.stop();
    }
  });

  it("refuses when the model's capabilities say it has no code execution", async () => {
    const s = await startServer({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, CODEGEN_MODEL: 'claude-text-only' });
    try {
      const datasetId = await seedDataset(s.url, SALES_CSV);
      const run = await investigate({ datasetId, issues: [CORE_ISSUES[0]!] }, s);
      expect(fallbackReason(run)).toMatch(/claude-text-only does not support the code execution tool/);
      expect(executionCalls()).toHaveLength(0);
    } finally {
      await s.stop();
    }
  });

  it('deletes the uploaded dataset when ANTHROPIC_FILE_RETENTION_HOURS is 0', async () => {
    const s = await startServer({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_FILE_RETENTION_HOURS: '0' });
    try {
      const datasetId = await seedDataset(s.url, SALES_CSV);
      const run = await investigate({ datasetId, issues: [CORE_ISSUES[0]!] }, s);
      expect(run.investigations[0]!.status).toBe('SUCCEEDED');
      await new Promise((r) => setTimeout(r, 200));
      const uploaded = fake.calls('POST', '/v1/files').length;
      expect(uploaded).toBe(2);
      expect([...fake.files.values()].slice(-2).every((f) => f.deleted)).toBe(true);
    } finally {
      await s.stop();
    }
  });
});
