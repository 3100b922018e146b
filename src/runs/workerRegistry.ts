import type { Store } from '../db/store';
import type { WorkerRow } from '../db/schema';
import type { Logger } from '../logger';

/** A worker unseen for this many heartbeats is reported lost; after FORGET_AFTER_MS its row is removed. */
const LOST_AFTER_BEATS = 3;
const FORGET_AFTER_MS = 3_600_000;

/** A worker process's entry in the registry: written at start, every heartbeat, and removed at stop. */
export class WorkerHeartbeat {
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = new Date();

  constructor(
    private readonly store: Store,
    private readonly worker: { id: string; slots: number; intervalMs: number },
    /** Investigations this process executes now. */
    private readonly running: () => number,
    private readonly logger: Logger,
  ) {}

  async start() {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch((err: unknown) => this.logger.warn({ err: String(err) }, 'the worker heartbeat could not be written')), this.worker.intervalMs);
    this.timer.unref();
  }

  private async beat() {
    const now = new Date();
    await this.store.workers.report({ id: this.worker.id, slots: this.worker.slots, running: this.running(), startedAt: this.startedAt, lastSeenAt: now });
    const forgotten = await this.store.workers.forgetUnseenSince(new Date(now.getTime() - FORGET_AFTER_MS));
    if (forgotten) this.logger.info({ workers: forgotten }, 'forgot workers unseen for an hour');
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.store.workers.remove(this.worker.id);
  }
}

export interface WorkerState {
  id: string;
  slots: number;
  running: number;
  startedAt: string;
  lastSeenAt: string;
  /** False once it missed LOST_AFTER_BEATS heartbeats: killed, frozen or cut off. */
  alive: boolean;
}

/** The workers as an API server sees them (for /health), read again every heartbeat interval. */
export class WorkerDirectory {
  private snapshot: { workers: WorkerState[]; readAt: string | null } = { workers: [], readAt: null };
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly intervalMs: number,
  ) {}

  async start() {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  private async refresh() {
    const now = Date.now();
    const rows = await this.store.workers.list();
    this.snapshot = { workers: rows.map((row) => describe(row, now, this.intervalMs)), readAt: new Date(now).toISOString() };
  }

  state() {
    const alive = this.snapshot.workers.filter((w) => w.alive);
    return { alive: alive.length, slots: alive.reduce((n, w) => n + w.slots, 0), running: alive.reduce((n, w) => n + w.running, 0), readAt: this.snapshot.readAt, list: this.snapshot.workers };
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }
}

function describe(row: WorkerRow, now: number, intervalMs: number): WorkerState {
  return {
    id: row.id,
    slots: row.slots,
    running: row.running,
    startedAt: row.startedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    alive: now - row.lastSeenAt.getTime() <= LOST_AFTER_BEATS * intervalMs,
  };
}
