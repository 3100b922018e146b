import type { IncomingMessage, ServerResponse } from 'node:http';
import { startupStep } from '../http/startup';
import { WorkerHeartbeat } from '../runs/workerRegistry';
import type { Core } from './core';
import type { Resources } from './resources';

/**
 * The worker (ROLE=worker and all): takes investigations from the queue, up to WORKER_SLOTS at once, and
 * with a shared queue reports itself in the worker registry every heartbeat.
 */
export async function startWorker(core: Core, resources: Resources): Promise<void> {
  const { config, platform, executor, logger } = core;
  const slots = config.worker.slots ?? Math.max(config.sandbox.maxConcurrent, config.investigationConcurrency * 2);
  let running = 0;
  if (platform.queue.transactional) {
    const heartbeat = new WorkerHeartbeat(platform.store, { id: config.worker.id, slots, intervalMs: config.worker.heartbeatSeconds * 1000 }, () => running, logger.child({ component: 'worker-registry' }));
    await startupStep('joining the worker registry', () => heartbeat.start());
    resources.add('worker registry entry', heartbeat, (h) => h.stop());
  }
  await startupStep('taking investigations from the queue', () =>
    platform.queue.consume(async (job, signal, queued) => {
      running++;
      try {
        await executor.run(job, signal, queued);
      } finally {
        running--;
      }
    }, slots),
  );
}

/** A worker alone (ROLE=worker) answers /health and /ready, and nothing else. */
export function answerAsWorker(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message: 'This process is a worker (ROLE=worker): it executes investigations and serves no API; send requests to an API server' }] }));
}
