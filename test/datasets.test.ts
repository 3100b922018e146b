import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { PYTHON, SALES_CSV, salesCsv } from './helpers/data';
import { authHeaders, failure, ok, post } from './helpers/graphql';
import { startServer, type TestServer } from './helpers/server';
import { trickledUpload } from './helpers/uploads';

const CreateDataset = graphql(`
  mutation CreateDataset($name: String!, $csv: String!) {
    createDataset(name: $name, csv: $csv) {
      id
      name
      rowCount
      sizeBytes
      sha256
      createdAt
      columns {
        name
        dtype
        nullCount
      }
    }
  }
`);

const DatasetCount = graphql(`
  query DatasetCount {
    datasets(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

/** pandas' own view of a CSV: dtypes, null counts, row count. */
function pandasProfile(csvPath: string) {
  const script =
    'import pandas as pd, sys, json; df = pd.read_csv(sys.argv[1]); ' +
    'print(json.dumps({"rows": len(df), "columns": [{"name": c, "dtype": str(df[c].dtype), "nullCount": int(df[c].isna().sum())} for c in df.columns]}))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, csvPath], { encoding: 'utf8' }));
}

async function upload(file: Blob, filename: string, name?: string) {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query:
        'mutation($file: File!, $name: String) { uploadDataset(file: $file, name: $name) { id name rowCount sizeBytes sha256 columns { name dtype nullCount } } }',
      variables: { file: null, name },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, filename);
  const res = await fetch(server.url, { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1', ...authHeaders(server.url) } });
  return (await res.json()) as { data?: { uploadDataset: any }; errors?: Array<{ message: string; extensions?: any }> };
}

/** Every file (not directory) below `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

function storedFiles() {
  return readdirSync(join(server.dataDir, 'datasets')).sort();
}

describe('datasets', () => {
  it('uploadDataset stores the file with rows, dtypes and null counts as pandas reads them', async () => {
    const bytes = readFileSync(SALES_CSV);
    const result = await upload(new Blob([bytes]), 'sales.csv');
    expect(result.errors).toBeUndefined();
    const dataset = result.data!.uploadDataset;
    const expected = pandasProfile(SALES_CSV);
    expect(dataset.name).toBe('sales.csv');
    expect(dataset.rowCount).toBe(expected.rows);
    expect(dataset.columns).toEqual(expected.columns);
    expect(dataset.sizeBytes).toBe(bytes.length);
    expect(dataset.sha256).toBe(execFileSync('sha256sum', [SALES_CSV], { encoding: 'utf8' }).split(' ')[0]);
    const stored = readFileSync(join(server.dataDir, 'datasets', `${dataset.sha256}.csv`));
    expect(stored.equals(bytes)).toBe(true);
  });

  it('createDataset takes inline CSV and follows pandas on dtypes, NA strings, quotes, blank lines and a BOM', async () => {
    const csv =
      '\ufeffid,amount,flag,when,note,empty\n' +
      '1,1.5,True,2024-01-01,"a, quoted\nnewline",\n' +
      '2,NA,false,2024-01-02,null,\n' +
      '\n' +
      '3, 7 ,TRUE,n/a,plain,\n' +
      '4,inf,False,2024-01-04,"",NaN\n';
    const path = join(server.dataDir, 'edge.csv');
    writeFileSync(path, csv);
    const { createDataset } = await ok(server.url, CreateDataset, { name: 'edge cases', csv });
    const expected = pandasProfile(path);
    expect(createDataset.rowCount).toBe(expected.rows);
    expect(createDataset.columns).toEqual(expected.columns);
  });

  const dtypeCases: Array<[string, string]> = [
    ['integers with signs and spaces', 'a,b\n 1,+2\n-3 ,4\n'],
    ['integers with a missing value become float64', 'a,b\n1,2\n,4\n'],
    ['floats, exponents, inf and bare dots', 'a,b,c\n1.5,1E5,inf\n2,1e-3,-Infinity\n.5,3,1.\n'],
    ['infinity literals: unpadded are floats, padded are text', 'a,b,c\n1,1,1\n inf,+INF,-Infinity \n'],
    ['booleans in any case, and with a missing value', 'a,b\nTrue,tRUE\nfalse,\nFALSE,False\n'],
    ['NA spellings, and ones pandas keeps as text', 'a,b,c\nNA,None, NA\nnull,n/a,x\n#N/A,<NA>,y\n'],
    ['a column entirely missing', 'a,b\n1,\n2,NaN\n'],
    ['mixed numbers and text', 'a,b\n1,True\nabc,1\n'],
    ['integers beyond int64', 'a,b\n99999999999999999999,1\n1,2\n'],
    ['unsigned 64-bit integers mixed with negatives', 'a,b\n18446744073709551615,1\n-1,2\n'],
    ['mixed line endings', 'a,b\r\n1,2\n3,4\r5,"x\r\ny"\r\n'],
    ['a single column with a quoted empty value and blank lines', 'a\n1\n""\n\n  \n2\n'],
    ['a single column with lines of NBSP, form feed and tab (only the tab line is blank to pandas)', 'a\nx\n\u00a0\n\f\n\t\ny\n'],
  ];
  it.each(dtypeCases)('profiles %s as pandas does', async (label, csv) => {
    const path = join(server.dataDir, `dtypes-${label.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, csv);
    const { createDataset } = await ok(server.url, CreateDataset, { name: label, csv });
    const expected = pandasProfile(path);
    expect(createDataset.rowCount).toBe(expected.rows);
    expect(createDataset.columns).toEqual(expected.columns);
  });

  it('gives a dataset stored before columns files existed its columns file when first used, from its CSV', async () => {
    const csv = 'id,city\n1,Paris\n2,Lyon\n2,Lyon\n3,Nice\n3,Nice\n3,Nice\n';
    const { createDataset } = await ok(server.url, CreateDataset, { name: 'from before columns files', csv });
    const columnsFile = join(server.dataDir, 'datasets', `${createDataset.sha256}.columns-v1`);
    expect(existsSync(columnsFile)).toBe(true);
    rmSync(columnsFile);
    const issue = { type: 'duplicates', description: 'rows repeat', affectedColumns: ['id', 'city'] };
    const run = await post(server.url, 'mutation($i: InvestigateIssuesInput!) { investigateIssues(input: $i) { investigations { status method result { affectedCount } } } }', {
      i: { datasetId: createDataset.id, issues: [issue], wait: true, codegen: 'HEURISTIC' },
    });
    expect(run.errors).toBeUndefined();
    const [investigation] = run.data.investigateIssues.investigations;
    expect(investigation).toMatchObject({ status: 'SUCCEEDED', method: 'HEURISTIC' });
    // Rows 1-2 and 3-5 repeat (pandas' duplicated(keep=False)): five rows.
    expect(investigation.result.affectedCount).toBe(5);
    expect(existsSync(columnsFile)).toBe(true);
  });

  it('names empty header cells as pandas does', async () => {
    const { createDataset } = await ok(server.url, CreateDataset, { name: 'index export', csv: ',a\n0,x\n1,y\n' });
    expect(createDataset.columns.map((c) => c.name)).toEqual(['Unnamed: 0', 'a']);
  });

  const bad: Array<[string, string | Uint8Array, RegExp, number | undefined]> = [
    ['an empty file', '', /empty/i, undefined],
    ['a header without rows', 'a,b,c\n', /header but no data rows/i, undefined],
    ['binary garbage', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), /binary.*NUL byte/i, undefined],
    ['text that is not UTF-8', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xe9, 0x0a]), /not UTF-8.*byte 6/i, undefined],
    ['a row with too many fields', 'a,b\n1,2\n3,4\n5,6,7\n8,9\n', /Line 4 has 3 fields, but the header has 2 columns/, 4],
    ['a row with too few fields', 'a,b,c\n1,2,3\n"multi\nline",5,6\n7,8\n', /Line 5 has 2 fields, but the header has 3 columns/, 5],
    ['an unclosed quote', 'a,b\n1,2\n"open,3\n4,5\n', /quoted field starting on line 3 is never closed/, 3],
    ['text after a closing quote', 'a,b\n1,2\n"x"y,3\n', /Line 3 has a quoted field followed by more text/, 3],
    ['a duplicated column name', 'a,b,a\n1,2,3\n', /names column "a" twice/, undefined],
  ];
  it.each(bad)('refuses %s with an error naming the problem, storing nothing', async (_label, content, message, line) => {
    const before = { datasets: (await ok(server.url, DatasetCount)).datasets.edges.length, files: storedFiles() };
    const viaUpload = await upload(new Blob([content as BlobPart]), 'bad.csv', 'bad');
    expect(viaUpload.data ?? null).toBeNull();
    expect(viaUpload.errors?.[0]?.message).toMatch(message);
    expect(viaUpload.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    if (line !== undefined) expect(viaUpload.errors?.[0]?.extensions?.line).toBe(line);
    if (typeof content === 'string') {
      const viaInline = await failure(server.url, CreateDataset, { name: 'bad', csv: content });
      expect(viaInline.message).toMatch(message);
    }
    expect((await ok(server.url, DatasetCount)).datasets.edges.length).toBe(before.datasets);
    expect(storedFiles()).toEqual(before.files);
    expect(filesUnder(join(server.dataDir, 'partial'))).toEqual([]);
  });

  it('refuses a file over MAX_UPLOAD_MB, by upload or inline, keeping nothing of it', async () => {
    const small = await startServer({ MAX_UPLOAD_MB: '1' });
    try {
      const csv = `a,b\n${'1234567,89\n'.repeat(120_000)}`;
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id } }', variables: { f: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.f'] }));
      form.append('0', new Blob([csv]), 'big.csv');
      const res = await fetch(small.url, { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1', ...authHeaders(small.url) } });
      const body = (await res.json()) as { errors?: Array<{ message: string }> };
      expect(res.status).toBe(413);
      expect(body.errors?.[0]?.message).toMatch(/larger than the 1 MB upload limit/);
      const inline = await failure(small.url, CreateDataset, { name: 'big', csv });
      expect(inline.message).toMatch(/larger than the 1 MB upload limit/);
      expect(readdirSync(join(small.dataDir, 'datasets'))).toEqual([]);
      expect(filesUnder(join(small.dataDir, 'uploads'))).toEqual([]);
    } finally {
      await small.stop();
    }
  });

  it('reads an upload while it arrives, the same as one sent at once', async () => {
    const csv = `id,amount\n${Array.from({ length: 30_000 }, (_, i) => `${i},${(i * 37) % 1000}.5`).join('\n')}\n`;
    const answer = await trickledUpload(server.url, csv, 40, 15);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.uploadDataset).toEqual({ rowCount: 30_000, sha256: createHash('sha256').update(csv).digest('hex') });
  });

  it('keeps nothing of an upload its client abandons half-way, and goes on serving', async () => {
    const before = { datasets: (await ok(server.url, DatasetCount)).datasets.edges.length, files: storedFiles() };
    const csv = `id,amount\n${Array.from({ length: 30_000 }, (_, i) => `${i},${i % 7}`).join('\n')}\n`;
    await expect(trickledUpload(server.url, csv, 40, 10, 20)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect((await ok(server.url, DatasetCount)).datasets.edges.length).toBe(before.datasets);
    expect(storedFiles()).toEqual(before.files);
    expect(filesUnder(join(server.dataDir, 'partial'))).toEqual([]);
    expect(filesUnder(join(server.dataDir, 'uploads'))).toEqual([]);
    const { createDataset } = await ok(server.url, CreateDataset, { name: 'after the abandoned one', csv: 'a\n1\n' });
    expect(createDataset.rowCount).toBe(1);
  });

  it('refuses malformed multipart requests clearly, and a map path through __proto__ changes nothing', async () => {
    const send = async (map: string, variables: object = { f: null }) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id } }', variables }));
      form.append('map', map);
      form.append('0', new Blob([salesCsv()]), 'sales.csv');
      const res = await fetch(server.url, { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1', ...authHeaders(server.url) } });
      return (await res.json()) as { data?: unknown; errors?: Array<{ message: string }> };
    };
    const polluted = await send(JSON.stringify({ 0: ['variables.f', '__proto__.operationName'] }));
    expect(polluted.errors?.[0]?.message).toMatch(/map path "__proto__.operationName" is not in operations/);
    expect(({} as Record<string, unknown>).operationName).toBeUndefined();
    expect((await ok(server.url, DatasetCount)).datasets).toBeTruthy();
    expect((await send('[1]')).errors?.[0]?.message).toMatch(/"map" field must be a JSON object/);
    expect((await send(JSON.stringify({ 0: 'variables.f' }))).errors?.[0]?.message).toMatch(/must be a list of paths/);
    expect((await send(JSON.stringify({ 1: ['variables.f'] }))).errors?.[0]?.message).toMatch(/names file "1"/);
  });

  it('refuses a File argument that is not an uploaded file', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(server.url) },
      body: JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id } }', variables: { f: 'abc' } }),
    });
    const body = (await res.json()) as { errors?: Array<{ message: string }> };
    expect(body.errors?.[0]?.message).toMatch(/must be a file sent with the GraphQL multipart request spec/);
  });

  it('refuses an empty name', async () => {
    const { message } = await failure(server.url, CreateDataset, { name: '  ', csv: salesCsv() });
    expect(message).toMatch(/non-empty name/);
  });
});
