import pg from 'pg';
import { CONTROL_CHANNEL, decodeEventNotice, EVENTS_CHANNEL } from '../../db/pg/notifications';
import type { Logger } from '../../logger';
import type { ProgressEvent } from '../journal';
import { Subscribers, type EventBus } from './eventBus';

const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 10_000;
/** A notice lost without the connection dropping is not expected; this bounds how long one would go unseen. */
const RESYNC_INTERVAL_MS = 5_000;

/**
 * Events across processes: one dedicated connection per process LISTENs on the channel the PostgreSQL
 * store's journal NOTIFYs inside its transactions, and routes each notice to this process's subscribers.
 * When the connection drops it reconnects, and every subscriber re-reads the store (a `gap`).
 */
export class PgNotifyBus implements EventBus {
  readonly resyncIntervalMs = RESYNC_INTERVAL_MS;
  private readonly subscribers = new Subscribers();
  private client: pg.Client | null = null;
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private cancelListener: (runId: string) => void = () => {};
  private reconnectedListener: () => void = () => {};

  private constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly applicationName: string,
  ) {}

  /**
   * Connected and listening, or it throws (a start-up failure names the database, never the URL).
   * `process` names this process in the connection's application_name (pg_stat_activity).
   */
  static async start(url: string, logger: Logger, process = 'investigator'): Promise<PgNotifyBus> {
    const bus = new PgNotifyBus(url, logger, `investigator-events ${process}`.slice(0, 63));
    await bus.listen();
    return bus;
  }

  async subscribe(runId: string) {
    return this.subscribers.add(runId);
  }

  committed(_runId: string, _events: ProgressEvent[]) {
    // Announced by the journal's own transaction.
  }

  /**
   * A hint: a worker that misses it (its listener reconnecting) still stops at its next journal entry,
   * which returns the run's stopRequested.
   */
  async sendCancel(runId: string) {
    this.cancelListener(runId);
    await this.client?.query('select pg_notify($1, $2)', [CONTROL_CHANNEL, JSON.stringify({ cancel: runId })]).catch((err: Error) =>
      this.logger.warn({ err: err.message, runId }, 'could not announce a cancel; workers stop at their next journal entry'),
    );
  }

  onCancel(listener: (runId: string) => void) {
    this.cancelListener = listener;
  }

  onReconnected(listener: () => void) {
    this.reconnectedListener = listener;
  }

  broken(runId: string, reason: string) {
    this.subscribers.deliver(runId, { kind: 'broken', reason });
  }

  async close() {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.subscribers.closeAll();
    await this.client?.end().catch(() => {});
  }

  private async listen() {
    const client = new pg.Client({ connectionString: this.url, application_name: this.applicationName });
    client.on('notification', (n) => {
      if (n.channel === CONTROL_CHANNEL) return this.controlNotice(n.payload);
      if (n.channel !== EVENTS_CHANNEL) return;
      const notice = decodeEventNotice(n.payload);
      if (!notice) return this.logger.warn({ channel: n.channel }, 'ignored a notice this version cannot read');
      if ('event' in notice) this.subscribers.deliver(notice.event.runId, { kind: 'event', event: notice.event });
      else this.subscribers.deliver(notice.runId, { kind: 'gap' });
    });
    // A connection that fails emits 'error' then 'end'; the reconnection starts from 'end'.
    client.on('error', (err) => this.logger.warn({ err: err.message }, 'the event listener lost its connection to PostgreSQL'));
    client.on('end', () => {
      if (this.client === client) this.client = null;
      if (!this.closing) this.reconnect(RECONNECT_FIRST_MS);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      await client.query(`LISTEN ${CONTROL_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw err;
    }
    this.client = client;
  }

  private controlNotice(payload: string | undefined) {
    try {
      const message = JSON.parse(payload ?? '') as { cancel?: unknown };
      if (typeof message.cancel === 'string') this.cancelListener(message.cancel);
    } catch {
      this.logger.warn('ignored a control notice this version cannot read');
    }
  }

  private reconnect(delayMs: number) {
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      if (this.closing) return;
      try {
        await this.listen();
        this.logger.info('the event listener is connected to PostgreSQL again');
        this.subscribers.deliverToAll({ kind: 'gap' });
        this.reconnectedListener();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, retryInMs: delayMs }, 'the event listener cannot reconnect to PostgreSQL yet');
        this.reconnect(Math.min(delayMs * 2, RECONNECT_MAX_MS));
      }
    }, delayMs);
    this.reconnectTimer.unref();
  }
}
