import type { App } from './app';
import { ConfigError, loadConfig } from './config';
import { HttpServer } from './http/server';
import { startupFailureLine } from './http/startup';
import { createLogger } from './logger';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
const logger = createLogger(config.logLevel, config.redactPii);

// Listen first: loading and building the app takes seconds, and meanwhile /health answers (ready: false)
// and a busy port is told at once. A start-up failure is one line on stderr, no stack trace.
let app: App;
try {
  const http = new HttpServer(config.browser, config.http);
  const { url } = await http.listen(config.port, config.host);
  logger.info({ url }, 'listening; starting');
  const { openLocalSandbox } = await import('./pipeline/sandbox/local');
  const localSandbox = await openLocalSandbox(config, logger);
  // The upload path warms up while the app loads (the parsing thread's share on the other core).
  const uploadPathWarmUp = config.role === 'worker' ? undefined : import('./datasets/warmUp').then((m) => m.warmUpUploadPath(logger));
  uploadPathWarmUp?.catch(() => {}); // heard by the app (compose/warmUp.ts), unless it failed to load first
  const { buildApp } = await import('./app');
  app = await buildApp(config, { logger, http, localSandbox, uploadPathWarmUp });
  await app.start();
} catch (err) {
  console.error(startupFailureLine(err));
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
