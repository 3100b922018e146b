import type { IncomingMessage, ServerResponse } from 'node:http';
import { startupStep } from '../http/startup';
import type { Core } from './core';

/** The worker (ROLE=worker and all): takes investigations from the queue, up to WORKER_SLOTS at once. */
export async function startWorker(core: Core): Promise<void> {
  const { config, platform, executor } = core;
  const slots = config.worker.slots ?? Math.max(config.sandbox.maxConcurrent, config.investigationConcurrency * 2);
  await startupStep('taking investigations from the queue', () => platform.queue.consume((job, signal, queued) => executor.run(job, signal, queued), slots));
}

/** A worker alone (ROLE=worker) answers /health and /ready, and nothing else. */
export function answerAsWorker(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message: 'This process is a worker (ROLE=worker): it executes investigations and serves no API; send requests to an API server' }] }));
}
