import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../src/runs/journal';
import { StorageError } from '../src/errors';
import { BUS_BACKENDS, seedRun, type EventSite } from './helpers/storeKit';

/** Everything a stream yields until it ends (or the error it ends with). */
function collect(stream: AsyncIterable<ProgressEvent>) {
  const events: ProgressEvent[] = [];
  const done = (async () => {
    for await (const event of stream) events.push(event);
  })().then(
    () => null,
    (err: unknown) => err,
  );
  return { events, done };
}

const seqs = (events: ProgressEvent[]) => events.map((e) => e.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each(BUS_BACKENDS)('the event bus, %s', (_name, open) => {
  let site: EventSite;
  beforeAll(async () => {
    site = await open();
  }, 60_000);
  afterAll(() => site?.close());

  const finish = (runId: string) =>
    site.writer.journal.record(runId, [{ type: 'RUN_FINISHED', message: 'done' }], { run: { status: 'SUCCEEDED', finishedAt: new Date() } });

  it('gives streams opened before and during a run every event, 1..n in order, while journal entries race', async () => {
    const { run } = await seedRun(site.writer.store, 'acme');
    const early = collect(site.reader.streams.stream(run.id, 0));
    let written = 0;
    const write = async (writer: number, entries: number) => {
      for (let i = 0; i < entries; i++) {
        const count = 1 + ((writer + i) % 3);
        await site.writer.journal.record(run.id, Array.from({ length: count }, (_, k) => ({ type: 'LOG' as const, message: `w${writer} e${i} #${k}` })));
        written += count;
      }
    };
    await write(0, 5);
    const midway = written;
    const late = collect(site.reader.streams.stream(run.id, midway));
    await Promise.all([1, 2, 3, 4].map((w) => write(w, 40)));
    await finish(run.id);
    written += 1;

    expect(await early.done).toBeNull();
    expect(await late.done).toBeNull();
    expect(seqs(early.events)).toEqual(oneTo(written));
    expect(seqs(late.events)).toEqual(oneTo(written).slice(midway));
    expect(early.events.at(-1)!.type).toBe('RUN_FINISHED');
    // What was streamed is what is stored, field by field.
    expect(early.events).toEqual(await site.reader.store.events.after(run.id, 0));
  });

  it('delivers an event too big to travel in a notice whole', async () => {
    const { run } = await seedRun(site.writer.store, 'acme');
    const stream = collect(site.reader.streams.stream(run.id, 0));
    const rows = Array.from({ length: 2000 }, (_, i) => ({ row: i, value: `value ${i} ${'x'.repeat(i % 17)}` }));
    await site.writer.journal.record(run.id, [{ type: 'LOG', message: 'small' }]);
    await site.writer.journal.record(run.id, [{ type: 'LOG', message: 'big', data: { rows } }]);
    await site.writer.journal.record(run.id, [{ type: 'LOG', message: 'small again' }]);
    await finish(run.id);
    expect(await stream.done).toBeNull();
    expect(stream.events.map((e) => e.message)).toEqual(['small', 'big', 'small again', 'done']);
    expect(JSON.stringify(stream.events[1]!.data).length).toBeGreaterThan(8000);
    expect(stream.events[1]!.data).toEqual({ rows });
  });

  it('ends its streams with the error when this process can no longer record the run', async () => {
    const { run } = await seedRun(site.writer.store, 'acme');
    const stream = collect(site.reader.streams.stream(run.id, 0));
    await site.writer.journal.record(run.id, [{ type: 'LOG', message: 'before' }]);
    await expect.poll(() => stream.events.length).toBe(1);
    site.reader.bus.broken(run.id, 'the disk is full');
    const err = await stream.done;
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toBe('the disk is full');
  });

  it('catches up on what was committed while its listener was disconnected', async (ctx) => {
    if (!site.dropListeners) return ctx.skip();
    const { run } = await seedRun(site.writer.store, 'acme');
    const stream = collect(site.reader.streams.stream(run.id, 0));
    for (let i = 0; i < 5; i++) await site.writer.journal.record(run.id, [{ type: 'LOG', message: `before ${i}` }]);
    await expect.poll(() => stream.events.length).toBe(5);
    await site.dropListeners();
    for (let i = 0; i < 5; i++) await site.writer.journal.record(run.id, [{ type: 'LOG', message: `while away ${i}` }]);
    await finish(run.id);
    expect(await stream.done).toBeNull();
    expect(seqs(stream.events)).toEqual(oneTo(11));
    // And the listener serves new streams afterwards.
    const { run: next } = await seedRun(site.writer.store, 'acme');
    const after = collect(site.reader.streams.stream(next.id, 0));
    await site.writer.journal.record(next.id, [{ type: 'LOG', message: 'live' }]);
    await finish(next.id);
    expect(await after.done).toBeNull();
    expect(after.events.map((e) => e.message)).toEqual(['live', 'done']);
  });
});
