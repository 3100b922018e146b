import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a synchronous transaction callback receives; store functions take either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * better-sqlite3's transaction functions, made once per connection (drizzle's `db.transaction` makes both
 * its wrapper and better-sqlite3's anew on every call, and every journal entry is a transaction). The work
 * uses `db` itself: on one connection, its statements are the transaction's.
 */
export function transactions(db: Db) {
  const run = db.$client.transaction((work: () => unknown) => work());
  return {
    deferred: <T>(work: () => T): T => run(work) as T,
    immediate: <T>(work: () => T): T => run.immediate(work) as T,
  };
}

export interface Database_ {
  db: Db;
  close(): void;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

/**
 * Opens the SQLite file in WAL mode and applies pending drizzle-kit migrations.
 * Foreign keys are off during migration: drizzle-kit's table rebuilds would otherwise cascade
 * (drizzle#5782), and a foreign_key_check afterwards catches anything a migration broke.
 */
export function openDatabase(file: string, onStatement?: (sql: string) => void): Database_ {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: 5000, verbose: onStatement ? (sql) => onStatement(String(sql)) : undefined });
  // Only the server's user may read it (its WAL and shared-memory files get the same mode from SQLite).
  chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle({ client: sqlite, schema, casing: 'snake_case' });
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  const violations = sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) throw new Error(`Foreign key violations after migration: ${JSON.stringify(violations)}`);
  return { db, close: () => sqlite.close() };
}
