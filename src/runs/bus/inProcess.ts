import type { ProgressEvent } from '../journal';
import { Subscribers, type EventBus } from './eventBus';

/** One process: events are delivered after their commit, directly; nothing can be lost, so no re-reads. */
export class InProcessBus implements EventBus {
  readonly resyncIntervalMs = null;
  private readonly subscribers = new Subscribers();

  async subscribe(runId: string) {
    return this.subscribers.add(runId);
  }

  committed(runId: string, events: ProgressEvent[]) {
    for (const event of events) this.subscribers.deliver(runId, { kind: 'event', event });
  }

  private cancelListener: (runId: string) => void = () => {};

  async sendCancel(runId: string) {
    this.cancelListener(runId);
  }

  onCancel(listener: (runId: string) => void) {
    this.cancelListener = listener;
  }

  onReconnected() {
    // Nothing is ever lost in one process.
  }

  broken(runId: string, reason: string) {
    this.subscribers.deliver(runId, { kind: 'broken', reason });
  }

  async close() {
    this.subscribers.closeAll();
  }
}
