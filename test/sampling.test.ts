import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteStore } from '../src/db/sqliteStore';
import { openDatabase, type Database_ } from '../src/db/client';
import { BlobCache } from '../src/datasets/blobs/blobCache';
import { FsBlobStore } from '../src/datasets/blobs/fsBlobStore';
import { DatasetService } from '../src/datasets/datasetService';
import { createLogger } from '../src/logger';
import { drawFromPools, PoolSampler } from '../src/pipeline/sampling';
import type { DatasetRef, IssueSpec } from '../src/pipeline/types';
import { PYTHON, SALES_CSV } from './helpers/data';
import { removeDataDir, tempDataDir } from './helpers/server';

let dir: string;
let database: Database_;
let datasets: DatasetService;
let sales: DatasetRef;
let sampler: PoolSampler;
const budget = { tokens: 120_000, minRows: 25, maxRows: 1000 };

beforeAll(async () => {
  dir = tempDataDir();
  database = openDatabase(join(dir, 'test.db'));
  const files = new BlobCache(new FsBlobStore(join(dir, 'datasets')), join(dir, 'cache'), 1 << 30, createLogger('silent'));
  await files.open();
  datasets = new DatasetService(sqliteStore(database.db), dir, files, 1 << 30, { datasets: 1000, storageBytes: 2 ** 40 }, createLogger('silent'));
  await datasets.init();
  sales = (await datasets.open(await datasets.create('default', 'sales', createReadStream(SALES_CSV)))).dataset;
  sampler = new PoolSampler(drawFromPools(datasets));
});
afterAll(() => {
  database.close();
  removeDataDir(dir);
});

const issue = (type: string, affectedColumns: string[]): IssueSpec => ({ id: 'x', type, description: 'd', affectedColumns });

/** The sample's rows as records keyed by column, with row_index as a number. */
function parse(csv: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
}

/** Row indices where pandas finds the property, computed by pandas over the whole file. */
function pandasRows(expression: string): Set<number> {
  const script = `import pandas as pd, json, sys; df = pd.read_csv(sys.argv[1]); print(json.dumps([int(i) for i in df.index[${expression}]]))`;
  return new Set(JSON.parse(execFileSync(PYTHON, ['-c', script, SALES_CSV], { encoding: 'utf8' })));
}

describe('the token-budgeted sample', () => {
  it('stays within the budget, has at least 25 rows, and is the same every time', async () => {
    const a = await sampler.sample(sales, issue('missing_values', ['revenue']), budget);
    const b = await sampler.sample(sales, issue('missing_values', ['revenue']), budget);
    expect(a).toEqual(b);
    expect(a.rows).toBeGreaterThanOrEqual(25);
    expect(a.estimatedTokens).toBe(Math.ceil(a.csv.length / 2));
    expect(a.estimatedTokens).toBeLessThanOrEqual(budget.tokens);
    const rows = parse(a.csv);
    expect(rows.map((r) => Number(r.row_index))).toEqual(a.rowIndices);
    expect(a.rowIndices).toEqual([...a.rowIndices].sort((x, y) => x - y));
    expect(a.rowIndices).not.toEqual(a.rowIndices.map((_, i) => i)); // not the head of the file
    expect(a.rowIndices.at(-1)).toBeGreaterThan(sales.rowCount / 2);
  });

  it('over-represents the rows that show the issue', async () => {
    const missing = pandasRows("df['revenue'].isna()");
    const sample = await sampler.sample(sales, issue('missing_values', ['revenue']), budget);
    const share = sample.rowIndices.filter((i) => missing.has(i)).length / sample.rows;
    expect(share).toBeGreaterThan((missing.size / sales.rowCount) * 1.5);

    const duplicated = pandasRows("df.duplicated(subset=['transaction_id'], keep=False)");
    const dupSample = await sampler.sample(sales, issue('duplicates', ['transaction_id']), budget);
    expect(dupSample.rowIndices.filter((i) => duplicated.has(i)).length).toBe(duplicated.size);

    const spikes = pandasRows("(df['price'] - df['price'].mean()).abs() / df['price'].std() > 3");
    const outlierSample = await sampler.sample(sales, issue('outliers', ['price']), budget);
    for (const row of spikes) expect(outlierSample.rowIndices).toContain(row);

    const variants = await sampler.sample(sales, issue('categorical_variation', ['supplier']), budget);
    const suppliers = new Set(parse(variants.csv).map((r) => r.supplier));
    expect(suppliers).toEqual(new Set(['Acme Corp', 'ACME CORP', 'Acme Corp.', 'Globex', 'Initech', 'Umbrella Ltd', 'TechSupply Inc', 'Tech Supply Inc.']));
  });

  it('keeps at least 25 rows when quoting inflates cells, and when the header alone is wide', async () => {
    const quoted = `{"key": "value", "other": "x"}`;
    const header = Array.from({ length: 50 }, (_, i) => `column_with_a_rather_long_name_${i}`);
    const csv = [header.join(','), ...Array.from({ length: 200 }, () => header.map(() => `"${quoted.replaceAll('"', '""')}"`).join(','))].join('\n');
    const wide = (await datasets.open(await datasets.create('default', 'json cells', (async function* () { yield Buffer.from(csv); })()))).dataset;
    for (const tokens of [5000, 1500]) {
      const sample = await sampler.sample(wide, issue('missing_values', ['column_with_a_rather_long_name_7']), { tokens, minRows: 25, maxRows: 1000 });
      expect(sample.rows).toBe(25);
      expect(sample.estimatedTokens).toBeLessThanOrEqual(tokens);
      expect(Object.keys(parse(sample.csv)[0]!)).toContain('column_with_a_rather_long_name_7');
    }
  });

  it('drops the columns the issue does not name, in one pass, on a file of 60,000 columns and 3 rows', async () => {
    const columns = Array.from({ length: 60_000 }, (_, i) => `c${i}`);
    const csv = [columns.join(','), ...[0, 1, 2].map((r) => columns.map((_, i) => (i * 7 + r) % 100).join(','))].join('\n');
    const wide = (await datasets.open(await datasets.create('default', '60k columns', (async function* () { yield Buffer.from(csv); })()))).dataset;
    const sample = await sampler.sample(wide, issue('missing_values', ['c59999']), { tokens: 120_000, minRows: 25, maxRows: 1000 });
    expect(sample.rows).toBe(3);
    expect(sample.estimatedTokens).toBeLessThanOrEqual(120_000);
    const kept = Object.keys(parse(sample.csv)[0]!);
    // The named column first, then as many others, in file order, as fit: the budget is nearly used.
    expect(kept.slice(0, 2)).toEqual(['row_index', 'c59999']);
    expect(kept.slice(2, 5)).toEqual(['c0', 'c1', 'c2']);
    expect(sample.csv.length).toBeGreaterThan(0.95 * 120_000 * 2);
    expect(sample.csv.split('\n')[1]!.split(',')[1]).toBe(String((59999 * 7) % 100));
  });

  it('keeps at least 25 rows under a tiny budget by cutting long cells, and never exceeds it', async () => {
    const long = 'x'.repeat(5000);
    const csv = ['id,text,value', ...Array.from({ length: 200 }, (_, i) => `${i},"${long}",${i % 7}`)].join('\n');
    const wide = (await datasets.open(await datasets.create('default', 'wide', (async function* () { yield Buffer.from(csv); })()))).dataset;
    const sample = await sampler.sample(wide, issue('outliers', ['value']), { tokens: 2000, minRows: 25, maxRows: 1000 });
    expect(sample.rows).toBe(25);
    expect(sample.estimatedTokens).toBeLessThanOrEqual(2000);
    expect(parse(sample.csv)[0]!.text).toMatch(/^x+…$/);
  });
});
