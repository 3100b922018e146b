import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { expectedResult, PYTHON, SALES_CSV } from './helpers/data';
import { authFetch, ok } from './helpers/graphql';
import { CORE_ISSUES, seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';
import { tokenFor } from './helpers/tenants';

const Investigate = graphql(`
  mutation ChartsInvestigate($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      investigations {
        id
        status
        method
        code
        output
        artifacts {
          id
          name
          mimeType
          bytes
          sha256
          width
          height
          url
          investigation {
            id
          }
        }
      }
    }
  }
`);

const Rerun = graphql(`
  mutation ChartsRerun($id: ID!, $code: String) {
    rerunInvestigation(id: $id, code: $code) {
      id
      status
      method
      error
      output
      artifacts {
        name
        bytes
        sha256
        url
      }
      run {
        events {
          type
          message
          investigationId
        }
      }
    }
  }
`);

const TEMPLATE_CHARTS: Record<string, string[]> = {
  missing_values: ['missing_by_column.png', 'missing_by_date.png'],
  duplicates: ['duplicate_keys.png'],
  outliers: ['distribution.png'],
  categorical_variation: ['variation_groups.png'],
};

const issues = CORE_ISSUES.map(({ id: _id, ...issue }) => issue);

/** Width, height and format as Pillow (Debian's python3-pil) decodes the whole image: an oracle independent of ours. */
function decodedImage(bytes: Buffer): { format: string; width: number; height: number } {
  const out = execFileSync(
    PYTHON,
    ['-c', 'import io, json, sys; from PIL import Image; i = Image.open(io.BytesIO(sys.stdin.buffer.read())); i.load(); print(json.dumps({"format": i.format, "width": i.width, "height": i.height}))'],
    { input: bytes },
  );
  return JSON.parse(out.toString());
}

async function download(server: TestServer, url: string, init: RequestInit = {}) {
  const res = await authFetch(new URL(url, server.url), init);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A user's script: a missing_values result, and files of every kind in output/ (the limits below keep three). */
const SAVING_SCRIPT = `
import json
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
df = pd.read_csv("data.csv")
for name in ("a_first", "c_second", "d_third"):
    fig, ax = plt.subplots(figsize=(3, 2), dpi=50)
    ax.plot([1, 3, 2])
    fig.savefig("output/%s.png" % name)
with open("output/0_notes.txt", "w") as f:
    f.write("not a chart")
with open("output/b_big.png", "wb") as f:
    f.write(b"\\x89PNG" + bytes(300000))
__import__("os").symlink("/etc/passwd", "output/1_link.png")
mask = df["revenue"].isna()
n = int(mask.sum())
print(json.dumps({"issue_type": "missing_values", "columns": ["revenue"], "rows_analyzed": len(df), "affected_count": n,
                  "affected_percentage": n / len(df) * 100, "affected_rows": [int(i) for i in df.index[mask][:10]],
                  "missing_count": n, "missing_by_column": {"revenue": n}}))
`;
const LIMITS = { SANDBOX_OUTPUT_FILES: '3', SANDBOX_OUTPUT_FILE_BYTES: '262144' };

describe.each([
  ['warm (trusted workers for templates, a forked child for user code)', { SANDBOX_WARM: 'true' }],
  ['cold (a fresh sandbox per script)', { SANDBOX_WARM: 'false' }],
])('charts, %s', (_, env) => {
  let server: TestServer;
  let datasetId: string;
  beforeAll(async () => {
    server = await startServer({ ...env, ...LIMITS });
    datasetId = await seedDataset(server.url, SALES_CSV);
  });
  afterAll(() => server?.stop());

  it('every core template draws its charts, kept with the result and served as PNG with the stored size and SHA-256', async () => {
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues, codegen: 'TEMPLATE', wait: true } });
    for (const inv of investigateIssues.investigations) {
      expect(inv, inv.id).toMatchObject({ status: 'SUCCEEDED', method: 'TEMPLATE' });
      const type = inv.output.issue_type as string;
      // Exactly its own charts: a trusted worker's directory is emptied between templates.
      expect(inv.artifacts.map((a) => a.name)).toEqual(TEMPLATE_CHARTS[type]);
      expect(inv.output.chart_errors).toBeUndefined();
      for (const artifact of inv.artifacts) {
        const { res, bytes } = await download(server, artifact.url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/png');
        expect(artifact).toMatchObject({ mimeType: 'image/png', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
        expect(decodedImage(bytes)).toEqual({ format: 'PNG', width: artifact.width, height: artifact.height });
        expect([artifact.width, artifact.height]).toEqual([800, 450]);
        expect(artifact.investigation.id).toBe(inv.id);
      }
    }
  });

  it('the other built-in templates draw theirs when they find something', async () => {
    const others = [
      { type: 'out_of_range', description: 'prices above 500', affectedColumns: ['price'], options: { max: 500 } },
      { type: 'whitespace_case', description: 'stray spaces and case', affectedColumns: [] },
      { type: 'invalid_format', description: 'ids and quantities', affectedColumns: ['customer_id', 'quantity'], options: { expected: 'integer' } },
      { type: 'cross_column', description: 'revenue = price * quantity', affectedColumns: ['revenue', 'price', 'quantity'] },
    ];
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: others, codegen: 'TEMPLATE', wait: true } });
    expect(investigateIssues.investigations.map((i) => [i.status, i.output.affected_count > 0, i.artifacts.map((a) => a.name)])).toEqual([
      ['SUCCEEDED', true, ['out_of_range.png']],
      ['SUCCEEDED', true, ['whitespace_case.png']],
      ['SUCCEEDED', true, ['invalid_by_column.png']],
      ['SUCCEEDED', true, ['relation.png']],
    ]);
    for (const inv of investigateIssues.investigations) {
      const { bytes } = await download(server, inv.artifacts[0]!.url);
      expect(decodedImage(bytes)).toEqual({ format: 'PNG', width: 800, height: 450 });
    }
  });

  it('a breakdown (options.by) draws its groups too, beside the template’s own charts', async () => {
    const breakdowns = [
      { type: 'missing_values', description: 'revenue missing by product', affectedColumns: ['revenue'], options: { by: 'product' } },
      { type: 'outliers', description: 'price outliers by supplier', affectedColumns: ['price'], options: { by: 'supplier' } },
    ];
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: breakdowns, codegen: 'TEMPLATE', wait: true } });
    const [missing, outlying] = investigateIssues.investigations;
    expect(Object.keys(missing!.output.missing_by_group).length).toBeGreaterThan(1);
    expect(Object.keys(outlying!.output.outliers_by_group).length).toBeGreaterThan(0);
    expect(missing!.artifacts.map((a) => a.name)).toEqual([...TEMPLATE_CHARTS.missing_values!, 'missing_by_group.png']);
    expect(outlying!.artifacts.map((a) => a.name)).toEqual([...TEMPLATE_CHARTS.outliers!, 'outliers_by_group.png']);
    for (const inv of [missing!, outlying!]) {
      const { bytes } = await download(server, inv.artifacts.at(-1)!.url);
      expect(decodedImage(bytes)).toEqual({ format: 'PNG', width: 800, height: 450 });
      expect(inv.output.chart_errors).toBeUndefined();
    }
  });

  it("keeps a user's PNG files within SANDBOX_OUTPUT_FILES and SANDBOX_OUTPUT_FILE_BYTES, and says why it left out the others", async () => {
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: [issues[0]!], codegen: 'TEMPLATE', wait: true } });
    const { rerunInvestigation: rerun } = await ok(server.url, Rerun, { id: investigateIssues.investigations[0]!.id, code: SAVING_SCRIPT });
    expect(rerun).toMatchObject({ status: 'SUCCEEDED', method: 'CUSTOM' });
    // In name order: 0_notes.txt, 1_link.png, a_first.png, b_big.png, c_second.png, d_third.png.
    expect(rerun.artifacts.map((a) => a.name)).toEqual(['a_first.png', 'c_second.png']);
    for (const artifact of rerun.artifacts) {
      const { bytes } = await download(server, artifact.url);
      expect(decodedImage(bytes)).toEqual({ format: 'PNG', width: 150, height: 100 });
    }
    const left = rerun.run.events.filter((e) => e.type === 'LOG' && e.message.startsWith('Left out')).map((e) => e.message);
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('output/1_link.png (not a regular file)');
    expect(left[0]).toContain('output/b_big.png (300004 bytes, larger than SANDBOX_OUTPUT_FILE_BYTES (262144))');
    expect(left[0]).toContain('output/d_third.png (more than SANDBOX_OUTPUT_FILES (3) files)');
    expect(left[0]).toContain('output/0_notes.txt (not a PNG image (only PNG charts are kept))');
    expect(left[0]).not.toContain('root:');
  });

  it('a chart that cannot be drawn is left out and named in chart_errors; the result stands', async () => {
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: [issues[0]!], codegen: 'TEMPLATE', wait: true } });
    const original = investigateIssues.investigations[0]!;
    const broken = original.code!.replace('ax.set_ylabel("rows missing")', 'ax.set_ylabel("rows missing", color="no-such-color")');
    expect(broken).not.toBe(original.code);
    const { rerunInvestigation: rerun } = await ok(server.url, Rerun, { id: original.id, code: broken });
    expect(rerun.status).toBe('SUCCEEDED');
    expect(rerun.artifacts.map((a) => a.name)).toEqual(['missing_by_date.png']);
    expect(rerun.output.chart_errors).toEqual([expect.stringMatching(/^missing_by_column: ValueError: .*no-such-color/)]);
    const { chart_errors: _errors, ...rest } = rerun.output;
    expect(rest).toEqual(original.output);
  });
});

describe('GET /artifacts/<id>', () => {
  let server: TestServer;
  let artifact: { url: string; sha256: string };
  beforeAll(async () => {
    server = await startServer();
    const datasetId = await seedDataset(server.url, SALES_CSV);
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: [issues[2]!], codegen: 'TEMPLATE', wait: true } });
    artifact = investigateIssues.investigations[0]!.artifacts[0]!;
  });
  afterAll(() => server?.stop());

  it('needs a credential, and serves only its tenant’s artifacts (another tenant’s answer 404, as a missing one)', async () => {
    const anonymous = await fetch(new URL(artifact.url, server.url));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(new URL(artifact.url, server.url), { headers: { authorization: 'Bearer not-a-token' } });
    expect(wrong.status).toBe(401);
    const other = await fetch(new URL(artifact.url, server.url), { headers: { authorization: `Bearer ${await tokenFor(server, 'elsewhere')}` } });
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: string }).error).toMatch(/^No artifact/);
    expect((await download(server, '/artifacts/art_00000000000000000000000000')).res.status).toBe(404);
  });

  it('answers HEAD without a body, 304 to its ETag (the SHA-256), and 405 to other methods', async () => {
    const head = await download(server, artifact.url, { method: 'HEAD' });
    expect(head.res.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(head.res.headers.get('etag')).toBe(`"${artifact.sha256}"`);
    const again = await download(server, artifact.url, { headers: { 'if-none-match': `"${artifact.sha256}"` } });
    expect(again.res.status).toBe(304);
    expect((await download(server, artifact.url, { method: 'DELETE' })).res.status).toBe(405);
  });
});

const FollowUp = graphql(`
  mutation ChartsFollowUp($id: ID!, $issue: IssueInput!) {
    followUp(investigationId: $id, issue: $issue) {
      code
      artifacts {
        name
      }
      run {
        charts
      }
    }
  }
`);

describe("a run's charts", () => {
  let server: TestServer;
  let datasetId: string;
  beforeAll(async () => {
    server = await startServer();
    datasetId = await seedDataset(server.url, SALES_CSV);
  });
  afterAll(() => server?.stop());

  it('charts: false draws none, and a follow-up keeps the choice', async () => {
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: [issues[2]!], codegen: 'TEMPLATE', charts: false, wait: true } });
    const [inv] = investigateIssues.investigations;
    expect(inv).toMatchObject({ status: 'SUCCEEDED', artifacts: [] });
    expect(inv!.code).toContain('\nCHARTS = False');
    const { followUp } = await ok(server.url, FollowUp, { id: inv!.id, issue: issues[0]! });
    expect(followUp).toMatchObject({ artifacts: [], run: { charts: false } });
    expect(followUp.code).toContain('\nCHARTS = False');
  });
});

describe('CHARTS=false', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ CHARTS: 'false' });
  });
  afterAll(() => server?.stop());

  it('the templates draw nothing and say so in their code; the results are the same', async () => {
    const datasetId = await seedDataset(server.url, SALES_CSV);
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues, codegen: 'TEMPLATE', wait: true } });
    for (const inv of investigateIssues.investigations) {
      expect(inv.status).toBe('SUCCEEDED');
      expect(inv.code).toContain('\nCHARTS = False');
      expect(inv.artifacts).toEqual([]);
      const { type, affectedColumns } = issues.find((i) => i.type === inv.output.issue_type)!;
      expect(inv.output.affected_count).toBe(expectedResult(SALES_CSV, type, affectedColumns).affected_count);
    }
  });

  it('a run may still ask for them (charts: true)', async () => {
    const datasetId = await seedDataset(server.url, SALES_CSV);
    const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: [issues[1]!], codegen: 'TEMPLATE', charts: true, wait: true } });
    expect(investigateIssues.investigations[0]!.artifacts.map((a) => a.name)).toEqual(['duplicate_keys.png']);
  });
});
