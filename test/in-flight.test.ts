import { describe, expect, it } from 'vitest';
import { InFlight, whenIdleFor } from '../src/util/inFlight';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('waiting for a quiet moment (util/inFlight.ts)', () => {
  it('waits while work is under way and until every counter has been idle for the time asked', async () => {
    const uploads = new InFlight();
    const tasks = new InFlight();
    let finishUpload!: () => void;
    const upload = uploads.track(() => new Promise<void>((resolve) => (finishUpload = resolve)));
    let quietAt: number | null = null;
    const quiet = whenIdleFor(60, [uploads, tasks]).then(() => (quietAt = performance.now()));

    await sleep(150);
    expect(quietAt).toBeNull(); // an upload is under way
    expect(uploads.idleForMs()).toBe(0);
    const taskEnded = tasks.track(() => sleep(30)).then(() => performance.now());
    finishUpload();
    await upload;
    const lastEnded = await taskEnded;
    await quiet;
    // Resolved once both had been idle for 60 ms: counted from the end of the last work, not of the first.
    expect(quietAt! - lastEnded).toBeGreaterThanOrEqual(59);
  });

  it('counts from `since` when nothing has run yet, and counts failed work as ended', async () => {
    const counter = new InFlight();
    await expect(counter.track(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await sleep(10);
    expect(counter.idleForMs()).toBeGreaterThanOrEqual(9); // not still counted as under way
    const since = performance.now();
    await sleep(100); // the counter has been idle for 100 ms, but `since` asks for 80 from now
    const from = performance.now();
    await whenIdleFor(80, [counter], from);
    expect(performance.now() - from).toBeGreaterThanOrEqual(79);
    // Idle long enough already, and `since` long ago: at once.
    const at = performance.now();
    await whenIdleFor(50, [counter], since);
    expect(performance.now() - at).toBeLessThan(50);
  });
});
