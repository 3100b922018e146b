import { describe, expect, it } from 'vitest';
import { EventLoopSlices } from '../src/util/eventLoop';

/** Runs for `ms` without giving way. */
function spin(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('a long loop on the event loop (util/eventLoop.ts)', () => {
  it('gives way to other work once it has run for its slice, and not before', async () => {
    const slices = new EventLoopSlices(250);
    let ran = false;
    setImmediate(() => (ran = true));
    await slices.giveWay(); // at once: its slice has just begun
    expect(ran).toBe(false);
    spin(300);
    await slices.giveWay();
    expect(ran).toBe(true);
    // A new slice began when it gave way.
    let again = false;
    setImmediate(() => (again = true));
    await slices.giveWay();
    expect(again).toBe(false);
  });
});
