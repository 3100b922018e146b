import { mkdir } from 'node:fs/promises';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import type { Config } from './config';
import { BlobCache } from './datasets/blobs/blobCache';
import type { BlobStore } from './datasets/blobs/blobStore';
import { FsBlobStore } from './datasets/blobs/fsBlobStore';
import type { Db } from './db/client';
import { openStore, type OpenedStore } from './db/openStore';
import type { Store } from './db/store';
import type { RateLimiterFactory } from './http/rate-limit';
import { startupStep } from './http/startup';
import type { Logger } from './logger';
import type { EventBus } from './runs/bus/eventBus';
import { InProcessBus } from './runs/bus/inProcess';
import { InProcessQueue } from './runs/queue/inProcess';
import type { RunQueue } from './runs/queue/runQueue';

/** The backends the configuration chooses, once, at start: nothing above them names one. */
export interface Platform {
  store: Store;
  bus: EventBus;
  queue: RunQueue;
  /** Dataset files: the blob store (a directory or S3), read through this process's copies. */
  datasetFiles: BlobCache;
  /** Counters of limits (TENANT_REQUESTS_PER_MINUTE): global to the deployment when processes share one. */
  rateLimiter: RateLimiterFactory;
  /** The embedded database's connection, when the store is SQLite (tests simulate its faults through it). */
  sqlite: Db | null;
  /** Disposes in reverse order of opening; running jobs get `graceMs` to end. */
  close(graceMs: number): Promise<void>;
}

/** rate-limiter-flexible's table of counters (its own shape, outside the service's schema and migrations). */
const RATE_LIMIT_TABLE = 'rate_limiter_counters';

function sharedCountersTable(pool: pg.Pool): Promise<void> {
  return new Promise((resolve, reject) => {
    new RateLimiterPostgres({ storeClient: pool, tableName: RATE_LIMIT_TABLE, points: 1, duration: 1, clearExpiredByTimeout: false }, (err?: unknown) =>
      err ? reject(err) : resolve(),
    );
  });
}

/**
 * Without DATABASE_URL: the SQLite file, an in-process queue and bus. With it: PostgreSQL, a pg-boss queue
 * whose jobs the journal inserts in its own transactions, and LISTEN/NOTIFY between processes.
 */
export async function openPlatform(config: Config, logger: Logger, onSql?: (sql: string) => void): Promise<Platform> {
  // Before anything creates directories inside it (with modes of their own): the sandbox's user must
  // traverse DATA_DIR to reach its scratch space, without listing it.
  await startupStep(`creating DATA_DIR ${config.dataDir}`, () => mkdir(config.dataDir, { recursive: true, mode: 0o711 }));
  const files = await openDatasetFiles(config, logger);
  try {
    const platform = await openDatabasePlatform(config, logger, onSql);
    return { ...platform, datasetFiles: files.cache, close: async (graceMs) => {
      await platform.close(graceMs);
      files.close();
    } };
  } catch (err) {
    files.close();
    throw err;
  }
}

async function openDatasetFiles(config: Config, logger: Logger): Promise<{ cache: BlobCache; close(): void }> {
  const settings = config.datasets;
  let store: BlobStore & { close?(): void };
  if (settings.store.kind === 'fs') store = new FsBlobStore(settings.store.dir);
  else {
    const { S3BlobStore } = await import('./datasets/blobs/s3BlobStore');
    store = new S3BlobStore(settings.store);
  }
  const cache = new BlobCache(store, settings.cacheDir, settings.cacheMaxBytes, logger.child({ component: 'dataset-files' }));
  try {
    await startupStep(`opening the dataset store ${store.description}`, () => cache.open());
  } catch (err) {
    store.close?.();
    throw err;
  }
  return { cache, close: () => store.close?.() };
}

async function openDatabasePlatform(config: Config, logger: Logger, onSql?: (sql: string) => void): Promise<Omit<Platform, 'datasetFiles'>> {
  const url = config.databaseUrl;
  if (!url) {
    const database = await startupStep(`opening the database ${config.databaseFile}`, () => openStore(config, onSql));
    const bus = new InProcessBus();
    const queue = new InProcessQueue();
    const rateLimiter: RateLimiterFactory = (points, duration) => new RateLimiterMemory({ points, duration });
    return { store: database.store, bus, queue, rateLimiter, sqlite: database.sqlite, close: () => database.close() };
  }
  // Loaded only here: the embedded default starts without them (pg-boss, pg and drizzle's pg driver take ~0.4 s to load).
  const [{ PgBossQueue }, { PgNotifyBus }, { default: pg }] = await Promise.all([import('./runs/queue/pgBoss'), import('./runs/bus/pgNotify'), import('pg')]);
  const opened: Array<{ close(graceMs: number): Promise<void> }> = [];
  const closeAll = async (graceMs: number) => {
    for (const resource of opened.reverse()) await resource.close(graceMs);
  };
  try {
    const queue = await startupStep('starting the job queue on PostgreSQL (DATABASE_URL)', () =>
      PgBossQueue.start(url, { heartbeatSeconds: config.worker.heartbeatSeconds, maxAttempts: config.worker.maxAttempts }, logger.child({ component: 'queue' })),
    );
    opened.push(queue);
    const database: OpenedStore = await startupStep('connecting to PostgreSQL (DATABASE_URL)', () =>
      openStore(config, onSql, {
        enqueueWithin: (tx, queued) => queue.enqueueWithin(tx, queued),
        onConnectionLost: (err) => logger.warn({ err: err.message }, 'a PostgreSQL connection of the store was lost; the next query opens another'),
      }),
    );
    opened.push(database);
    const bus = await startupStep('listening for events on PostgreSQL (DATABASE_URL)', () => PgNotifyBus.start(url, logger.child({ component: 'event-bus' }), `${config.role} ${config.worker.id}`));
    opened.push(bus);
    const limits = new pg.Pool({ connectionString: url, max: 4, application_name: 'investigator-limits' });
    limits.on('error', (err) => logger.warn({ err: err.message }, 'a PostgreSQL connection of the request counters was lost; the next query opens another'));
    opened.push({ close: () => limits.end() });
    await startupStep('preparing the shared request counters on PostgreSQL (DATABASE_URL)', () => sharedCountersTable(limits));
    const rateLimiter: RateLimiterFactory = (points, duration) =>
      new RateLimiterPostgres({
        storeClient: limits,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: `requests-${points}-${duration}`,
        points,
        duration,
        // PostgreSQL out of reach: each process counts alone until it is back.
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    return { store: database.store, bus, queue, rateLimiter, sqlite: null, close: closeAll };
  } catch (err) {
    await closeAll(0);
    throw err;
  }
}
