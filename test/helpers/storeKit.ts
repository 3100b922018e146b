import { join } from 'node:path';
import { openDatabase } from '../../src/db/client';
import type { ApiTokenRow, DatasetRow, InvestigationRow, RunRow } from '../../src/db/schema';
import { openPgStore } from '../../src/db/pg/store';
import { sqliteStore } from '../../src/db/sqliteStore';
import type { Store } from '../../src/db/store';
import { newInvestigationRow, newRunRow } from '../../src/runs/rows';
import { newId } from '../../src/util/ids';
import { startPostgres } from './postgres';
import { removeDataDir, tempDataDir } from './server';

/** A store of one backend, fresh and empty, and how to dispose of it. */
export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

/** Every backend the store contract runs against. */
export const STORE_BACKENDS: Array<[name: string, open: () => Promise<OpenedStore>]> = [
  [
    'SQLite',
    async () => {
      const dir = tempDataDir();
      const database = openDatabase(join(dir, 'store.db'));
      return {
        store: sqliteStore(database.db),
        close: async () => {
          database.close();
          removeDataDir(dir);
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const postgres = await startPostgres();
      const { store, close } = await openPgStore(postgres.url);
      return {
        store,
        close: async () => {
          await close();
          await postgres.stop();
        },
      };
    },
  ],
];

/** Seed builders: rows as the services store them, with what a test cares about overridden. */
export function datasetRow(tenantId: string, overrides: Partial<DatasetRow> = {}): DatasetRow {
  const id = newId('Dataset');
  return { id, tenantId, name: 'sales', fileName: `${id}.csv`, sizeBytes: 100, sha256: 'a'.repeat(64), rowCount: 3, columns: [], createdAt: new Date(), ...overrides };
}

export function runRow(dataset: DatasetRow): RunRow {
  return newRunRow({ tenantId: dataset.tenantId, datasetId: dataset.id, concurrency: 2, codegen: 'TEMPLATE', sandbox: 'AUTO', llmModel: null, fresh: false, label: null });
}

export function investigationRows(run: RunRow, count: number): InvestigationRow[] {
  return Array.from({ length: count }, (_, i) =>
    newInvestigationRow(run, { id: `issue-${i}`, type: 'missing_values', description: `issue ${i}`, affectedColumns: ['revenue'] }, i),
  );
}

export function apiTokenRow(tenantId: string, overrides: Partial<ApiTokenRow> = {}): ApiTokenRow {
  return { id: newId('ApiToken'), tenantId, name: 't', role: 'MEMBER', secretSha256: 'b'.repeat(64), createdAt: new Date(), expiresAt: null, lastUsedAt: null, revokedAt: null, ...overrides };
}

/** A stored dataset with a stored run of `investigations` investigations. */
export async function seedRun(store: Store, tenantId: string, investigations = 2) {
  const dataset = datasetRow(tenantId);
  await store.datasets.insertWithinQuota(dataset, { datasets: 1e9, storageBytes: 1e15 });
  const run = runRow(dataset);
  const rows = investigationRows(run, investigations);
  await store.runs.create(run, rows);
  return { dataset, run, investigations: rows };
}
