// Applies pending migrations to the database the configuration chooses: PostgreSQL when DATABASE_URL is
// set, else DATABASE_FILE (or DATA_DIR/investigator.db). The server also applies them at start; this lets
// setup create the database ahead of time.
import { loadConfig } from '../src/config';
import { openStore } from '../src/db/openStore';

const config = loadConfig();
const { close } = await openStore(config);
await close();
console.log(`database ready: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.databaseFile}`);
