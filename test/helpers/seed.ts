import { readFileSync } from 'node:fs';
import { graphql } from '../gql';
import { ok } from './graphql';

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
