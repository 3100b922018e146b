import type { Config } from './config';
import { composeApi, GRAPHQL_PATH } from './compose/api';
import { composeCore } from './compose/core';
import { Resources } from './compose/resources';
import type { DatasetLease } from './datasets/datasetService';
import { answerAsWorker, startWorker } from './compose/worker';
import type { Db } from './db/client';
import { HTTP_DRAIN_MS, HttpServer } from './http/server';
import { createLogger, type Logger } from './logger';
import { closeLocalSandbox, openLocalSandbox, type LocalSandbox } from './pipeline/sandbox/local';
import { openPlatform } from './platform';
import type { Services } from './services';

export interface App {
  services: Services;
  /** The embedded database's connection, when it is SQLite (tests simulate its faults through it). */
  sqlite: Db | null;
  logger: Logger;
  /**
   * Listens on `port` (0 picks a free one), unless the HttpServer given to buildApp already listens, and
   * resolves with the address it serves once GraphQL answers there.
   */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Finishes or interrupts runs, closes connections and the database. */
  stop(): Promise<void>;
}

export interface BuildOptions {
  logger?: Logger;
  /** Called with every SQL statement run (tests count them). */
  onSql?: (sql: string) => void;
  /** A server already listening (main.ts listens first, so /health answers while the app is built). */
  http?: HttpServer;
  /** The local sandbox, opened already (main.ts opens it first, so its start-up probe runs while the app loads). */
  localSandbox?: LocalSandbox;
  /** The upload path's warm-up, started already (main.ts starts it first too). */
  uploadPathWarmUp?: Promise<DatasetLease>;
}

/**
 * The whole service, wired from its configuration; nothing listens until start() (unless `options.http` does).
 * One composition per role: every role opens the platform and the core; `api` adds the API, `worker` takes
 * investigations from the queue, `all` does both. Everything opened is closed in reverse order by stop().
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel, config.redactPii);
  const resources = new Resources(logger);
  try {
    const localSandbox = resources.add('local sandbox', options.localSandbox ?? (await openLocalSandbox(config, logger)), closeLocalSandbox);
    const platform = resources.add('platform', await openPlatform(config, logger, options.onSql), (p) => p.close(config.shutdownGraceMs));
    const core = await composeCore(config, platform, localSandbox, resources, logger, options.uploadPathWarmUp);
    const http = options.http ?? new HttpServer(config.browser, config.http);
    const handle = config.role === 'worker' ? answerAsWorker : await composeApi(core, http, resources);
    if (config.role === 'worker') resources.add('HTTP server', http, (server) => server.close(HTTP_DRAIN_MS));
    if (config.role !== 'api') await startWorker(core, resources);
    return {
      services: core.services,
      sqlite: platform.sqlite,
      logger,
      async start(port = config.port, host = config.host) {
        const address = await http.listen(port, host);
        // Ready once the sandbox probe has answered (migrations and the seed dataset are done by now).
        http.serve({ handle, health: core.health, ready: core.ready });
        const url = `${address.url}${GRAPHQL_PATH}`;
        logger.info({ url }, 'serving');
        return { url, port: address.port };
      },
      async stop() {
        await core.drain();
        await resources.closeAll();
        logger.info('stopped');
      },
    };
  } catch (err) {
    await resources.closeAll();
    throw err;
  }
}
