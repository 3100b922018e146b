import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/store';
import { ALL_TENANTS } from '../src/db/stores/tenancy';
import { WorkerDirectory } from '../src/runs/workerRegistry';
import { newInvestigationRow } from '../src/runs/rows';
import { apiTokenRow, datasetRow, runRow, seedRun, STORE_BACKENDS, type OpenedStore } from './helpers/storeKit';

// What every Store must do, whatever its engine: the same tests run against each backend.

const PAGE = { limit: 10, inverted: false };

describe.each(STORE_BACKENDS)('the store contract, on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: Store;
  beforeAll(async () => {
    opened = await open();
    store = opened.store;
  });
  afterAll(() => opened?.close());

  it('numbers a run’s events 1, 2, 3, … without gap or repeat, also when journal entries race', async () => {
    const { run } = await seedRun(store, 'numbers');
    const sizes = Array.from({ length: 30 }, (_, i) => 1 + (i % 3));
    const entries = await Promise.all(
      sizes.map(async (size, i) =>
        (await store.runs.journal(
          run.id,
          Array.from({ length: size }, (_, k) => ({ runId: run.id, investigationId: null, type: 'LOG' as const, message: `entry ${i} event ${k}`, timestamp: new Date(), data: { i, k } })),
          {},
        )).events,
      ),
    );
    const total = sizes.reduce((a, b) => a + b, 0);
    const stored = await store.events.after(run.id, 0);
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each entry's events are consecutive, in the order given.
    for (const [i, rows] of entries.entries()) {
      expect(rows.map((r) => r.message)).toEqual(Array.from({ length: sizes[i]! }, (_, k) => `entry ${i} event ${k}`));
      expect(rows.map((r) => r.seq - rows[0]!.seq)).toEqual(rows.map((_, k) => k));
    }
    expect((await store.runs.byId(run.id, ALL_TENANTS))!.lastSeq).toBe(total);
    expect((await store.events.after(run.id, total - 2)).map((e) => e.seq)).toEqual([total - 1, total]);
  });

  it('applies a journal entry’s change with its events, and nothing of an entry that fails', async () => {
    const { run, investigations } = await seedRun(store, 'changes');
    const startedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    await store.runs.journal(run.id, [{ runId: run.id, investigationId: investigations[0]!.id, type: 'INVESTIGATION_STARTED', message: 'go', timestamp: startedAt, data: null }], {
      run: { status: 'RUNNING', startedAt },
      investigations: [{ id: investigations[0]!.id, patch: { status: 'RUNNING', startedAt, output: { affected_count: 3, nested: [1, null, 'x'] } } }],
    });
    expect(await store.runs.byId(run.id, ALL_TENANTS)).toMatchObject({ status: 'RUNNING', startedAt, lastSeq: 1 });
    const [first, second] = await store.investigations.byRunIds([run.id]);
    expect(first).toMatchObject({ status: 'RUNNING', startedAt, output: { affected_count: 3, nested: [1, null, 'x'] } });
    expect(second).toMatchObject({ status: 'PENDING', startedAt: null });

    // An entry for a run that does not exist fails as a whole: the investigation keeps its state.
    await expect(
      store.runs.journal('run_missing', [{ runId: 'run_missing', investigationId: null, type: 'LOG', message: 'x', timestamp: new Date(), data: null }], {
        investigations: [{ id: second!.id, patch: { status: 'FAILED' } }],
      }),
    ).rejects.toThrow();
    expect((await store.investigations.byIds([second!.id], ALL_TENANTS))[0]!.status).toBe('PENDING');
    expect(await store.events.after('run_missing', 0)).toEqual([]);
  });

  it('lets a run’s window queue at most its concurrency, in input order, one more as each ends, also when ends race', async () => {
    const { run, investigations: invs } = await seedRun(store, 'window', 6); // concurrency 2
    const event = (type: 'LOG' | 'INVESTIGATION_SUCCEEDED' | 'INVESTIGATION_FAILED', investigationId: string | null = null) => ({
      runId: run.id,
      investigationId,
      type,
      message: type,
      timestamp: new Date(),
      data: null,
    });
    const end = (i: number, status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED') =>
      store.runs.journal(run.id, [event(`INVESTIGATION_${status}`, invs[i]!.id)], { investigations: [{ id: invs[i]!.id, patch: { status } }] });
    const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();
    const position = (id: string) => invs.findIndex((i) => i.id === id);

    // A LOG moves nothing; the start queues the first two.
    expect((await store.runs.journal(run.id, [event('LOG')], {})).queued).toEqual([]);
    const started = await store.runs.journal(run.id, [event('LOG')], { run: { status: 'RUNNING' } });
    expect(started.queued.map((i) => position(i.id))).toEqual([0, 1]);
    expect(started.queued.every((i) => i.queuedAt instanceof Date)).toBe(true);
    // Two ends racing each let exactly one more go: 2 and 3, never the same one twice.
    const [a, b] = await Promise.all([end(0), end(1, 'FAILED')]);
    expect([...a.queued, ...b.queued].map((i) => position(i.id)).sort()).toEqual([2, 3]);
    expect(a.queued).toHaveLength(1);
    const stored = await store.investigations.byRunIds([run.id]);
    expect(stored.filter((i) => i.queuedAt).map((i) => i.position)).toEqual([0, 1, 2, 3]);
    // A claim applies only while its condition holds; one that does not writes nothing.
    const claim = () =>
      store.runs.journal(run.id, [event('LOG', invs[2]!.id)], { investigations: [{ id: invs[2]!.id, patch: { status: 'RUNNING' }, ifStatus: ['PENDING'] }] });
    expect((await claim()).applied).toBe(true);
    const lastSeq = (await store.runs.byId(run.id, ALL_TENANTS))!.lastSeq;
    expect(await claim()).toEqual({ applied: false, stopRequested: null, run: null, events: [], queued: [] });
    expect((await store.runs.byId(run.id, ALL_TENANTS))!.lastSeq).toBe(lastSeq);

    expect(ids((await end(2)).queued)).toEqual(ids([invs[4]!]));
    await end(3);
    expect(ids((await end(4)).queued)).toEqual([]);
    // The entry that ends the last open investigation ends the run, with RUN_FINISHED after its own events.
    const last = await end(5);
    expect(last.events.map((e) => e.type)).toEqual(['INVESTIGATION_SUCCEEDED', 'RUN_FINISHED']);
    expect(last.events[1]!.data).toMatchObject({ status: 'PARTIAL', summary: { total: 6, succeeded: 5, failed: 1 } });
    expect(last.events[1]!.seq).toBe(last.events[0]!.seq + 1);
    expect(await store.runs.byId(run.id, ALL_TENANTS)).toMatchObject({ status: 'PARTIAL', lastSeq: last.events[1]!.seq });
    expect((await store.runs.byId(run.id, ALL_TENANTS))!.finishedAt).toBeInstanceOf(Date);
  });

  it('lets one executor claim an investigation at a time, and fences off the writes of an earlier claim', async () => {
    const { run, investigations: [inv] } = await seedRun(store, 'claims', 1);
    const log = (message: string) => [{ runId: run.id, investigationId: inv!.id, type: 'LOG' as const, message, timestamp: new Date(), data: null }];
    const claim = (seenClaims: number, workerId: string) => store.runs.journal(run.id, log(`claim by ${workerId}`), { claim: { investigationId: inv!.id, seenClaims, workerId } });
    // Two workers that saw the same state race for it: exactly one wins.
    const [a, b] = await Promise.all([claim(0, 'w1'), claim(0, 'w2')]);
    expect([a.applied, b.applied].sort()).toEqual([false, true]);
    const first = a.applied ? 'w1' : 'w2';
    expect((await store.investigations.byIds([inv!.id], ALL_TENANTS))[0]).toMatchObject({ status: 'RUNNING', claims: 1, workerId: first });
    // The first claim's writes go through until a later claim takes the investigation over (its worker was lost).
    expect((await store.runs.journal(run.id, log('progress'), { fence: { investigationId: inv!.id, claims: 1 } })).applied).toBe(true);
    expect((await claim(1, 'w3')).applied).toBe(true);
    const lastSeq = (await store.runs.byId(run.id, ALL_TENANTS))!.lastSeq;
    const late = await store.runs.journal(run.id, log('late'), { fence: { investigationId: inv!.id, claims: 1 }, investigations: [{ id: inv!.id, patch: { status: 'SUCCEEDED' } }] });
    expect(late.applied).toBe(false);
    expect((await store.runs.byId(run.id, ALL_TENANTS))!.lastSeq).toBe(lastSeq);
    expect((await store.investigations.byIds([inv!.id], ALL_TENANTS))[0]).toMatchObject({ status: 'RUNNING', claims: 2, workerId: 'w3' });
    // An ended investigation cannot be claimed.
    await store.runs.journal(run.id, [], { fence: { investigationId: inv!.id, claims: 2 }, investigations: [{ id: inv!.id, patch: { status: 'SUCCEEDED' } }] });
    expect((await claim(2, 'w4')).applied).toBe(false);
  });

  it('refuses a claim while the tenant runs as many investigations as it may, over all its runs, also when claims race', async () => {
    const one = await seedRun(store, 'busy', 2);
    const two = await seedRun(store, 'busy', 1);
    const other = await seedRun(store, 'idle', 1);
    const claim = (inv: { id: string; runId: string; tenantId: string }) =>
      store.runs.journal(inv.runId, [], {
        claim: { investigationId: inv.id, seenClaims: 0, workerId: 'w', tenantLimit: { tenantId: inv.tenantId, running: 2 } },
      });
    // Three of one tenant race for its two slots: exactly two win, the third is told the tenant is busy.
    const raced = await Promise.all([...one.investigations, ...two.investigations].map(claim));
    expect(raced.filter((r) => r.applied)).toHaveLength(2);
    const busy = raced.filter((r) => !r.applied);
    expect(busy).toEqual([{ applied: false, tenantBusy: true, stopRequested: null, run: null, events: [], queued: [] }]);
    // Another tenant is not affected.
    expect((await claim(other.investigations[0]!)).applied).toBe(true);
    // Once one of the two ends, the third gets its slot.
    const running = (await store.investigations.byRunIds([one.run.id, two.run.id])).filter((i) => i.status === 'RUNNING');
    const waiting = (await store.investigations.byRunIds([one.run.id, two.run.id])).find((i) => i.status === 'PENDING')!;
    await store.runs.journal(running[0]!.runId, [], { investigations: [{ id: running[0]!.id, patch: { status: 'SUCCEEDED' } }] });
    expect((await claim(waiting)).applied).toBe(true);
  });

  it('queues nothing more for a run asked to stop, and ends it as asked once nothing of it is open', async () => {
    const { run, investigations: invs } = await seedRun(store, 'stop', 3);
    const started = await store.runs.journal(run.id, [], { run: { status: 'RUNNING' } });
    expect(started.queued).toHaveLength(2);
    const now = new Date();
    const cancelled = await store.runs.journal(
      run.id,
      invs.map((inv) => ({ runId: run.id, investigationId: inv.id, type: 'INVESTIGATION_CANCELLED' as const, message: 'cancelled', timestamp: now, data: null })),
      { run: { stopRequested: 'CANCELLED' }, investigations: invs.map((inv) => ({ id: inv.id, patch: { status: 'CANCELLED' as const } })) },
    );
    expect(cancelled.queued).toEqual([]);
    expect(cancelled.events.at(-1)).toMatchObject({ type: 'RUN_FINISHED', data: { status: 'CANCELLED' } });
    expect((await store.runs.byId(run.id, ALL_TENANTS))!.status).toBe('CANCELLED');
  });

  it('shows a tenant only its own records, in lists, counts and lookups', async () => {
    const mine = await seedRun(store, 'scope-a', 3);
    const theirs = await seedRun(store, 'scope-b', 1);
    expect(await store.runs.byId(theirs.run.id, 'scope-a')).toBeUndefined();
    expect(await store.runs.byIds([mine.run.id, theirs.run.id], 'scope-a')).toEqual([expect.objectContaining({ id: mine.run.id })]);
    expect(await store.datasets.byIds([theirs.dataset.id], 'scope-a')).toEqual([]);
    expect(await store.investigations.byIds([theirs.investigations[0]!.id], 'scope-a')).toEqual([]);
    expect(await store.datasets.count({ tenantId: 'scope-a' })).toBe(1);
    expect(await store.investigations.count({ tenantId: 'scope-a' })).toBe(3);
    expect((await store.investigations.page({ tenantId: 'scope-a', runId: mine.run.id }, PAGE)).map((i) => i.position)).toEqual([0, 1, 2]);
    expect((await store.runs.page({ tenantId: 'scope-b' }, PAGE)).map((r) => r.id)).toEqual([theirs.run.id]);
    expect(await store.runs.byId(theirs.run.id, ALL_TENANTS)).toMatchObject({ tenantId: 'scope-b' });
    expect((await store.datasets.bySha256('a'.repeat(64), 'scope-b'))!.id).toBe(theirs.dataset.id);
  });

  it('keeps a follow-up’s parent and lists a parent’s follow-ups, oldest first, within its tenant', async () => {
    const { dataset, investigations } = await seedRun(store, 'lineage', 1);
    const parent = investigations[0]!;
    const children = [];
    for (let k = 0; k < 2; k++) {
      const run = runRow(dataset);
      const child = newInvestigationRow(run, { id: `f${k}`, type: 'outliers', description: 'follow-up', affectedColumns: ['price'] }, 0, null, parent.id);
      await store.runs.create(run, [child]);
      children.push(child);
    }
    expect((await store.investigations.byIds([children[1]!.id], 'lineage'))[0]!.parentId).toBe(parent.id);
    expect((await store.investigations.page({ tenantId: 'lineage', parentId: parent.id }, PAGE)).map((i) => i.id)).toEqual(children.map((c) => c.id));
    expect(await store.investigations.count({ tenantId: 'lineage', parentId: parent.id })).toBe(2);
    expect(await store.investigations.page({ tenantId: 'someone-else', parentId: parent.id }, PAGE)).toEqual([]);
  });

  it('stores an investigation’s artifacts with its journal entry, bytes intact, listed without them and read only within its tenant', async () => {
    const { run, investigations } = await seedRun(store, 'charts', 2);
    const [inv, other] = investigations;
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    const artifact = (name: string, content: Buffer, investigationId = inv!.id) => ({
      id: `art_${name}_${run.id}`,
      tenantId: 'charts',
      investigationId,
      name,
      mimeType: 'image/png',
      sizeBytes: content.length,
      sha256: 'f'.repeat(64),
      width: 800,
      height: 450,
      content,
      createdAt: new Date(Date.UTC(2026, 0, 2)),
    });
    const rows = [artifact('b.png', bytes), artifact('a.png', Buffer.from([0, 255, 0]))];
    await store.runs.journal(run.id, [{ runId: run.id, investigationId: inv!.id, type: 'INVESTIGATION_SUCCEEDED', message: 'done', timestamp: new Date(), data: null }], {
      investigations: [{ id: inv!.id, patch: { status: 'SUCCEEDED' } }],
      artifacts: rows,
    });
    // An entry that does not apply (fenced off) stores none of its artifacts.
    const fenced = await store.runs.journal(run.id, [], { fence: { investigationId: other!.id, claims: 99 }, artifacts: [artifact('c.png', bytes, other!.id)] });
    expect(fenced.applied).toBe(false);

    const listed = await store.artifacts.ofInvestigations([inv!.id, other!.id], 'charts');
    expect(listed.map((a) => a.name)).toEqual(['a.png', 'b.png']);
    expect(listed[0]).not.toHaveProperty('content');
    expect(listed[1]).toMatchObject({ sizeBytes: 70_000, width: 800, height: 450, createdAt: new Date(Date.UTC(2026, 0, 2)) });
    const read = await store.artifacts.byId(rows[0]!.id, 'charts');
    expect(Buffer.compare(read!.content, bytes)).toBe(0);
    expect(await store.artifacts.byId(rows[0]!.id, 'someone-else')).toBeUndefined();
    expect(await store.artifacts.ofInvestigations([inv!.id], 'someone-else')).toEqual([]);
  });

  it('stores datasets within the tenant’s quota of datasets and bytes, also when uploads race', async () => {
    const quota = { datasets: 100, storageBytes: 450 };
    const results = await Promise.all(Array.from({ length: 10 }, () => store.datasets.insertWithinQuota(datasetRow('quota', { sizeBytes: 100 }), quota)));
    expect(results.filter((r) => r === 'stored').length).toBe(4); // 4 × 100 ≤ 450 < 5 × 100
    expect(results.filter((r) => r === 'bytes').length).toBe(6);
    expect(await store.datasets.tenantStorage('quota')).toEqual({ datasets: 4, bytes: 400 });
    expect(await store.datasets.insertWithinQuota(datasetRow('quota', { sizeBytes: 1 }), { datasets: 4, storageBytes: 1e9 })).toBe('datasets');
  });

  it('lets exactly one of concurrent requests claim an idempotency key, and keeps its result', async () => {
    const scope = { tenantId: 'idem', operation: 'uploadDataset', key: 'k' };
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.idempotency.claim(scope, 'fp')));
    expect(claims.filter(Boolean).length).toBe(1);
    await store.idempotency.complete(scope, 'ds_result');
    expect(await store.idempotency.record(scope)).toMatchObject({ fingerprint: 'fp', resultId: 'ds_result' });
    await store.idempotency.release(scope); // a completed key is kept
    expect(await store.idempotency.claim(scope, 'fp')).toBe(false);
    const open = { ...scope, key: 'open' };
    await store.idempotency.claim(open, 'fp');
    await store.idempotency.release(open);
    expect(await store.idempotency.record(open)).toBeUndefined();
    await store.idempotency.prune(new Date(Date.now() + 60_000));
    expect(await store.idempotency.record(scope)).toBeUndefined();
  });

  it('keeps API tokens: revoked ones leave the list and stop counting as a usable administrator', async () => {
    const admin = apiTokenRow('tokens', { role: 'ADMIN' });
    await store.apiTokens.insert(admin);
    await store.apiTokens.insert(apiTokenRow('tokens'));
    expect((await store.apiTokens.list('tokens', false)).length).toBe(2);
    expect(await store.apiTokens.hasUsableAdmin(new Date())).toBe(true);
    const revokedAt = new Date();
    expect(await store.apiTokens.revoke(admin.id, revokedAt)).toMatchObject({ id: admin.id, revokedAt });
    expect((await store.apiTokens.list('tokens', false)).map((t) => t.role)).toEqual(['MEMBER']);
    expect((await store.apiTokens.list('tokens', true)).length).toBe(2);
    expect(await store.apiTokens.hasUsableAdmin(new Date())).toBe(false);
    expect(await store.apiTokens.revoke('tok_missing', revokedAt)).toBeUndefined();
  });

  it('caches code and claim readings by key, counting hits, and replaces them on a new put', async () => {
    expect(await store.codeCache.take('key')).toBeNull();
    await store.codeCache.put({ key: 'key', model: 'm', issueType: 'duplicates', code: 'print(1)' });
    expect(await store.codeCache.take('key')).toBe('print(1)');
    await store.codeCache.put({ key: 'key', model: 'm', issueType: 'duplicates', code: 'print(2)' });
    expect(await store.codeCache.take('key')).toBe('print(2)');
    expect(await store.claimReadings.take('key')).toBeNull();
    await store.claimReadings.put({ key: 'key', model: 'm', reading: { polarity: 'RULE', share: { value: 23.5 } } });
    expect(await store.claimReadings.take('key')).toEqual({ polarity: 'RULE', share: { value: 23.5 } });
    await store.claimReadings.put({ key: 'key', model: 'm', reading: { polarity: 'PROBLEM' } });
    expect(await store.claimReadings.take('key')).toEqual({ polarity: 'PROBLEM' });
  });

  it('keeps one dismissal per dataset, type and columns: a second add returns the first', async () => {
    const dataset = datasetRow('t1');
    await store.datasets.insertWithinQuota(dataset, { datasets: 10, storageBytes: 1e9 });
    const row = (id: string, type: string, columns: string[], at: number) => ({
      id,
      datasetId: dataset.id,
      issueType: type,
      columnsKey: JSON.stringify([...columns].sort()),
      affectedColumns: columns,
      reason: id === 'dis_1' ? 'a known extreme' : null,
      createdAt: new Date(at),
    });
    const first = await store.dismissals.add(row('dis_1', 'outliers', ['price'], 1000));
    expect(first).toMatchObject({ id: 'dis_1', reason: 'a known extreme', affectedColumns: ['price'] });
    expect(await store.dismissals.add(row('dis_2', 'outliers', ['price'], 2000))).toMatchObject({ id: 'dis_1' });
    await store.dismissals.add(row('dis_3', 'cross_column', ['b', 'a'], 3000));
    expect(await store.dismissals.add(row('dis_4', 'cross_column', ['a', 'b'], 4000))).toMatchObject({ id: 'dis_3', affectedColumns: ['b', 'a'] });
    expect((await store.dismissals.ofDatasets([dataset.id])).map((d) => d.id)).toEqual(['dis_1', 'dis_3']);
    expect(await store.dismissals.ofDatasets([])).toEqual([]);
    expect((await store.dismissals.byId('dis_3'))?.createdAt.getTime()).toBe(3000);
    await store.dismissals.remove('dis_1');
    expect((await store.dismissals.ofDatasets([dataset.id])).map((d) => d.id)).toEqual(['dis_3']);
    expect(await store.dismissals.byId('dis_1')).toBeUndefined();
  });

  it('keeps the worker registry: a heartbeat replaces the row but not its start, and lost workers are forgotten', async () => {
    const startedAt = new Date(Date.now() - 60_000);
    const seen = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);
    await store.workers.report({ id: 'w-b', slots: 2, running: 0, startedAt, lastSeenAt: seen(30) });
    await store.workers.report({ id: 'w-a', slots: 4, running: 1, startedAt, lastSeenAt: seen(7200) });
    await store.workers.report({ id: 'w-b', slots: 3, running: 2, startedAt: new Date(), lastSeenAt: seen(1) });
    const rows = await store.workers.list();
    expect(rows.map((r) => [r.id, r.slots, r.running])).toEqual([['w-a', 4, 1], ['w-b', 3, 2]]);
    expect(rows[1]!.startedAt.getTime()).toBe(startedAt.getTime());
    expect(Math.abs(rows[1]!.lastSeenAt.getTime() - seen(1).getTime())).toBeLessThan(1000);
    // What an API server shows: w-a missed more than three heartbeats of 10 s.
    const directory = new WorkerDirectory(store, 10_000);
    await directory.start();
    expect(directory.state()).toMatchObject({ alive: 1, slots: 3, running: 2, list: [{ id: 'w-a', alive: false }, { id: 'w-b', alive: true }] });
    directory.stop();
    expect(await store.workers.forgetUnseenSince(seen(3600))).toBe(1);
    await store.workers.remove('w-b');
    expect(await store.workers.list()).toEqual([]);
  });
});
