import type { InvestigationRow } from '../../db/schema';
import { jobOf } from '../executor';
import type { JobHandler, RunQueue } from './runQueue';

/** One process: what the window queued starts at once, here (the run's window bounds how many at once). */
export class InProcessQueue implements RunQueue {
  readonly transactional = false;
  private handler: JobHandler | null = null;

  committed(queued: InvestigationRow[]) {
    if (!this.handler) throw new Error('the in-process queue has no executor');
    for (const inv of queued) void this.handler(jobOf(inv), undefined, inv);
  }

  async consume(handler: JobHandler) {
    this.handler = handler;
  }

  async pause() {}

  async close() {}
}
