import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import type { ApiTokenRow, DatasetRow, InvestigationRow, RunRow } from '../../src/db/schema';
import { openPgStore } from '../../src/db/pg/store';
import { sqliteStore } from '../../src/db/sqliteStore';
import type { Store } from '../../src/db/store';
import { createLogger } from '../../src/logger';
import type { EventBus } from '../../src/runs/bus/eventBus';
import { InProcessBus } from '../../src/runs/bus/inProcess';
import { PgNotifyBus } from '../../src/runs/bus/pgNotify';
import { RunJournal } from '../../src/runs/journal';
import { ProgressStreams } from '../../src/runs/progressStream';
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
  return newRunRow({ tenantId: dataset.tenantId, datasetId: dataset.id, concurrency: 2, codegen: 'TEMPLATE', sandbox: 'AUTO', llmModel: null, fresh: false, charts: true, label: null });
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

/**
 * Where a run's events are written and where they are followed. On PostgreSQL the two are separate pools
 * and listeners, as two processes would have; in-process they share the store and the bus.
 */
export interface EventSite {
  writer: { store: Store; journal: RunJournal };
  reader: { store: Store; streams: ProgressStreams; bus: EventBus };
  /** Drops every event listener's database connection (PostgreSQL only). */
  dropListeners?: () => Promise<void>;
  close(): Promise<void>;
}

const quietLogger = createLogger('silent', false);

export const BUS_BACKENDS: Array<[name: string, open: () => Promise<EventSite>]> = [
  [
    'in-process',
    async () => {
      const { store, close } = await STORE_BACKENDS[0]![1]();
      const bus = new InProcessBus();
      return {
        writer: { store, journal: new RunJournal(store, bus, { committed: () => {} }) },
        reader: { store, bus, streams: new ProgressStreams(store, bus) },
        close: async () => {
          await bus.close();
          await close();
        },
      };
    },
  ],
  [
    'PostgreSQL LISTEN/NOTIFY',
    async () => {
      const postgres = await startPostgres();
      const writer = await openPgStore(postgres.url);
      const writerBus = await PgNotifyBus.start(postgres.url, quietLogger);
      const reader = await openPgStore(postgres.url);
      const readerBus = await PgNotifyBus.start(postgres.url, quietLogger);
      return {
        writer: { store: writer.store, journal: new RunJournal(writer.store, writerBus, { committed: () => {} }) },
        reader: { store: reader.store, bus: readerBus, streams: new ProgressStreams(reader.store, readerBus) },
        dropListeners: async () => {
          const admin = new pg.Client({ connectionString: postgres.url });
          await admin.connect();
          const { rows } = await admin.query(`select pg_terminate_backend(pid) as gone from pg_stat_activity where application_name like 'investigator-events %'`);
          await admin.end();
          if (rows.length !== 2) throw new Error(`expected 2 listeners, terminated ${rows.length}`);
        },
        close: async () => {
          await readerBus.close();
          await writerBus.close();
          await reader.close();
          await writer.close();
          await postgres.stop();
        },
      };
    },
  ],
];
