import { defineConfig } from 'drizzle-kit';

// The PostgreSQL schema's migrations (DATABASE_URL set); drizzle.config.ts has the embedded SQLite ones.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './drizzle/pg',
  casing: 'snake_case',
  strict: true,
});
