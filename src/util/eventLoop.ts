import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets a long loop on the event loop give way to other work (I/O callbacks: /health, queries, subscriptions)
 * once it has run for `sliceMs`: a file of 60,000 columns is profiled and written column by column, and
 * none of its steps is long, but all of them together would hold the server for a second or more.
 */
export class EventLoopSlices {
  private started = performance.now();

  constructor(private readonly sliceMs = 20) {}

  async giveWay(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await nextTurn();
    this.started = performance.now();
  }
}
