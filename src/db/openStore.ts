import { openDatabase, type Db } from './client';
import type { PgStoreOptions } from './pg/store';
import { sqliteStore } from './sqliteStore';
import type { Store } from './store';

export interface OpenedStore {
  store: Store;
  /** The embedded database's connection, when the store is SQLite (tests simulate its faults through it). */
  sqlite: Db | null;
  close(): Promise<void>;
}

/** The store the configuration chooses, migrated: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export async function openStore(
  config: { databaseUrl?: string; databaseFile: string },
  onSql?: (sql: string) => void,
  pgOptions?: PgStoreOptions,
): Promise<OpenedStore> {
  if (config.databaseUrl) {
    const { openPgStore } = await import('./pg/store'); // the embedded default never loads PostgreSQL's driver
    return { ...(await openPgStore(config.databaseUrl, pgOptions)), sqlite: null };
  }
  const database = openDatabase(config.databaseFile, onSql);
  return { store: sqliteStore(database.db), sqlite: database.db, close: async () => database.close() };
}
