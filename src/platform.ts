import type { Config } from './config';
import type { Db } from './db/client';
import { openStore } from './db/openStore';
import type { Store } from './db/store';
import { startupStep } from './http/startup';
import type { Logger } from './logger';
import type { EventBus } from './runs/bus/eventBus';
import { InProcessBus } from './runs/bus/inProcess';
import { PgNotifyBus } from './runs/bus/pgNotify';

/** The backends the configuration chooses, once, at start: nothing above them names one. */
export interface Platform {
  store: Store;
  bus: EventBus;
  /** The embedded database's connection, when the store is SQLite (tests simulate its faults through it). */
  sqlite: Db | null;
  /** Disposes in reverse order of opening. */
  close(): Promise<void>;
}

/** Without DATABASE_URL: the SQLite file and an in-process bus. With it: PostgreSQL, and LISTEN/NOTIFY between processes. */
export async function openPlatform(config: Config, logger: Logger, onSql?: (sql: string) => void): Promise<Platform> {
  const database = await startupStep(config.databaseUrl ? 'connecting to PostgreSQL (DATABASE_URL)' : `opening the database ${config.databaseFile}`, () =>
    openStore(config, onSql),
  );
  let bus: EventBus;
  try {
    bus = config.databaseUrl
      ? await startupStep('listening for events on PostgreSQL (DATABASE_URL)', () => PgNotifyBus.start(config.databaseUrl!, logger.child({ component: 'event-bus' })))
      : new InProcessBus();
  } catch (err) {
    await database.close();
    throw err;
  }
  return {
    store: database.store,
    bus,
    sqlite: database.sqlite,
    async close() {
      await bus.close();
      await database.close();
    },
  };
}
