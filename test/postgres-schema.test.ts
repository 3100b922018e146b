import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sqliteConfig from '../drizzle.config';
import pgConfig from '../drizzle.pg.config';
import { openDatabase } from '../src/db/client';
import { startPostgres, type Postgres } from './helpers/postgres';
import { removeDataDir, ROOT, tempDataDir } from './helpers/server';

// The PostgreSQL schema (src/db/pg/schema.ts, drizzle/pg) is the SQLite one (src/db/schema.ts, drizzle/)
// in PostgreSQL's types: checked on the real databases, a fresh cluster of Debian's PostgreSQL and a file.

let postgres: Postgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(() => postgres?.stop());

describe('the PostgreSQL schema', () => {
  it('migrates a fresh cluster to the tables, columns and nullability of the SQLite database', async () => {
    const pool = new pg.Pool({ connectionString: postgres.url });
    try {
      await migrate(drizzle({ client: pool }), { migrationsFolder: join(ROOT, 'drizzle', 'pg') });
      const { rows } = await pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
        "select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'",
      );
      const inPostgres = rows.map((r) => `${r.table_name}.${r.column_name} ${r.is_nullable === 'YES' ? 'null' : 'not null'}`).sort();

      const dir = tempDataDir();
      const sqlite = openDatabase(join(dir, 'schema.db'));
      try {
        const client = (sqlite.db as unknown as { $client: { prepare(sql: string): { all(): Array<Record<string, unknown>> } } }).$client;
        const tables = client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all();
        const inSqlite = tables
          .flatMap(({ name }) =>
            client.prepare(`pragma table_info(${JSON.stringify(name)})`).all().map((c) => `${String(name)}.${String(c.name)} ${c.notnull || c.pk ? 'not null' : 'null'}`),
          )
          .sort();
        expect(inPostgres).toEqual(inSqlite);
        expect(inPostgres.length).toBeGreaterThan(60);
      } finally {
        sqlite.close();
        removeDataDir(dir);
      }
    } finally {
      await pool.end();
    }
  });

  it.each([
    ['SQLite', sqliteConfig],
    ['PostgreSQL', pgConfig],
  ])('has its %s migrations generated from its schema (drizzle-kit finds nothing to add)', (_name, config) => {
    const scratch = mkdtempSync(join(tmpdir(), 'iterate-migrations-'));
    try {
      // The project's config, with its schema at its absolute path and its output in a scratch copy.
      const out = join(scratch, 'out');
      const otherDialect = config === sqliteConfig ? join(ROOT, String(pgConfig.out)) : null; // drizzle/pg is inside drizzle/
      cpSync(join(ROOT, String(config.out)), out, { recursive: true, filter: (src) => src !== otherDialect });
      const file = join(scratch, 'config.mjs');
      // drizzle-kit reads `out` relative to the working directory.
      writeFileSync(file, `export default ${JSON.stringify({ ...config, schema: join(ROOT, String(config.schema)), out: relative(ROOT, out) })};\n`);
      const output = execFileSync(join(ROOT, 'node_modules', '.bin', 'drizzle-kit'), ['generate', '--config', file], { cwd: ROOT, encoding: 'utf8' });
      expect(output).toMatch(/No schema changes, nothing to migrate/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});
