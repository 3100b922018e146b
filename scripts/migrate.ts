// Applies pending migrations to DATABASE_FILE (or DATA_DIR/investigator.db). The server also applies
// them at start; this lets setup create the database ahead of time.
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';

const config = loadConfig();
openDatabase(config.databaseFile).close();
console.log(`database ready: ${config.databaseFile}`);
