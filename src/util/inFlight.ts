/** Counts work under way, and how long there has been none (what a background job waits for before it runs). */
export class InFlight {
  private count = 0;
  private lastEnded = performance.now();

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
      this.lastEnded = performance.now();
    }
  }

  /** Milliseconds since the last work ended (since this counter was made, if none has run); 0 while some is under way. */
  idleForMs(): number {
    return this.count > 0 ? 0 : performance.now() - this.lastEnded;
  }
}

/** Resolves once every counter has been idle for `ms` together, counting from `since` (a performance.now()) at the earliest. */
export async function whenIdleFor(ms: number, counters: InFlight[], since = -Infinity): Promise<void> {
  for (;;) {
    const idle = Math.min(performance.now() - since, ...counters.map((c) => c.idleForMs()));
    if (idle >= ms) return;
    await new Promise((resolve) => setTimeout(resolve, Math.max(10, ms - idle)));
  }
}
