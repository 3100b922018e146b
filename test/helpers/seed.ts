import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { graphql } from '../gql';
import { SALES_CSV } from './data';
import { ok } from './graphql';
import { startServer, type TestServer } from './server';

const SeedDataset = graphql(`
  mutation SeedDataset($name: String!, $csv: String!) {
    createDataset(name: $name, csv: $csv) {
      id
      rowCount
    }
  }
`);

/** Stores a CSV file as a dataset and returns its id. */
export async function seedDataset(url: string, path: string, name = path.split('/').pop()!): Promise<string> {
  const { createDataset } = await ok(url, SeedDataset, { name, csv: readFileSync(path, 'utf8') });
  return createDataset.id;
}

export const CORE_ISSUES = [
  { id: 'revenue-missing', type: 'missing_values', description: 'revenue has ~22% missing values', affectedColumns: ['revenue'] },
  { id: 'ids-repeat', type: 'duplicates', description: 'transaction ids repeat', affectedColumns: ['transaction_id'] },
  { id: 'price-spikes', type: 'outliers', description: 'prices spike', affectedColumns: ['price'] },
  { id: 'supplier-spellings', type: 'categorical_variation', description: 'supplier names are spelled several ways', affectedColumns: ['supplier'] },
];

/**
 * A missing_values script for the sales data that first sleeps `seconds` (a long investigation to kill,
 * cancel or restart things under); it measures what the template measures.
 */
export const sleepingScript = (seconds: number) => `
import json
import pandas as pd
__import__("time").sleep(${seconds})  # past the import check, as the deadlines test does
df = pd.read_csv("data.csv")
mask = df["revenue"].isna()
n = int(mask.sum())
print(json.dumps({"issue_type": "missing_values", "columns": ["revenue"], "rows_analyzed": len(df), "affected_count": n,
                  "affected_percentage": n / len(df) * 100, "affected_rows": [int(i) for i in df.index[mask][:10]],
                  "missing_count": n, "missing_by_column": {"revenue": n}}))
`;

/**
 * A real server with examples/sales.csv loaded, for the tests of the calling file: started before them,
 * stopped after them. Read `sales.server` and `sales.datasetId` inside tests and hooks.
 */
export function salesServer(env: Record<string, string> = {}) {
  const sales = {} as { server: TestServer; datasetId: string };
  beforeAll(async () => {
    sales.server = await startServer(env);
    sales.datasetId = await seedDataset(sales.server.url, SALES_CSV);
  });
  afterAll(() => sales.server?.stop());
  return sales;
}
