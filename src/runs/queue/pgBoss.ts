import { sql } from 'drizzle-orm';
import { fromDrizzle, PgBoss } from 'pg-boss';
import type { InvestigationRow } from '../../db/schema';
import type { Logger } from '../../logger';
import { jobOf, type InvestigationJob } from '../executor';
import type { JobHandler, RunQueue } from './runQueue';

const QUEUE = 'investigations';

export interface PgBossQueueOptions {
  /** A worker that sends no heartbeat for this long has its jobs tried again elsewhere (JOB_HEARTBEAT_SECONDS, ≥ 10). */
  heartbeatSeconds: number;
  /** Claims before an investigation fails (JOB_MAX_ATTEMPTS); pg-boss retries once more, for that failure to be recorded. */
  maxAttempts: number;
}

/**
 * The queue shared by every process of a deployment, on PostgreSQL (pg-boss). Jobs are inserted by the
 * journal entry that queues them, inside its transaction; workers are woken by NOTIFY and poll every second
 * as a backstop; a job whose worker stops sending heartbeats is retried on another.
 */
export class PgBossQueue implements RunQueue {
  readonly transactional = true;
  private working = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
  ) {}

  static async start(url: string, options: PgBossQueueOptions, logger: Logger): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: url,
      application_name: 'investigator-queue',
      useListenNotify: true,
      schedule: false,
      superviseIntervalSeconds: 1,
      monitorIntervalSeconds: 1,
    });
    boss.on('error', (err) => logger.error({ err }, 'the job queue reported an error'));
    await boss.start();
    if (!(await boss.getQueue(QUEUE))) {
      await boss.createQueue(QUEUE, { heartbeatSeconds: options.heartbeatSeconds, retryLimit: options.maxAttempts, notify: true }).catch(async (err) => {
        if (!(await boss.getQueue(QUEUE))) throw err; // another process created it meanwhile
      });
    }
    return new PgBossQueue(boss, logger);
  }

  /** Inserts the jobs within the journal entry's transaction (a drizzle transaction on the same database). */
  async enqueueWithin(tx: Parameters<typeof fromDrizzle>[0], queued: InvestigationRow[]) {
    const db = fromDrizzle(tx, sql);
    for (const inv of queued) await this.boss.send(QUEUE, jobOf(inv), { db });
  }

  committed() {
    // Inserted by the journal's transaction.
  }

  async consume(handler: JobHandler, slots: number) {
    this.working = true;
    await this.boss.work<InvestigationJob>(
      QUEUE,
      { localConcurrency: slots, batchSize: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 1 },
      async ([job]) => {
        if (job) await handler(job.data, job.signal);
      },
    );
    this.logger.info({ slots }, 'taking investigations from the queue');
  }

  async pause() {
    if (this.working) await this.boss.offWork(QUEUE, { wait: false });
  }

  async close(graceMs: number) {
    await this.boss.stop({ graceful: this.working, timeout: Math.max(graceMs, 1000), close: true });
  }
}
