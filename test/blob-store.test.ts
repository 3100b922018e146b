import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCache } from '../src/datasets/blobs/blobCache';
import { BlobNotFoundError, type BlobStore } from '../src/datasets/blobs/blobStore';
import { FsBlobStore } from '../src/datasets/blobs/fsBlobStore';
import { S3BlobStore } from '../src/datasets/blobs/s3BlobStore';
import { createLogger } from '../src/logger';
import { startS3, type S3Server } from './helpers/s3';

// What every blob store must do (a shared directory, S3), then this process's cache in front of a remote one.

let s3: S3Server;
let work: string;
beforeAll(async () => {
  s3 = await startS3();
  // s3rver accepts requests signed with its own fixed key pair; the SDK reads them from the environment.
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  work = mkdtempSync(join(tmpdir(), 'blob-store-test-'));
});
afterAll(async () => {
  await s3?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
let files = 0;
function fileWith(bytes: Buffer): string {
  const path = join(work, `source-${files++}`);
  writeFileSync(path, bytes);
  return path;
}

const s3Store = (prefix: string) => new S3BlobStore({ url: `s3://${s3.bucket}/${prefix}`, endpoint: s3.endpoint, region: 'us-east-1' });

const BACKENDS: Array<[string, () => BlobStore]> = [
  ['a directory', () => new FsBlobStore(join(work, `fs-${randomBytes(4).toString('hex')}`))],
  ['S3 (s3rver)', () => s3Store(`contract-${randomBytes(4).toString('hex')}`)],
];

describe.each(BACKENDS)('the blob store contract, on %s', (_name, make) => {
  let store: BlobStore;
  beforeAll(async () => {
    store = make();
    await store.open();
  });

  it('gives back the bytes stored under a key, byte for byte, and leaves the source file in place', async () => {
    const bytes = randomBytes(7 * 1024 * 1024 + 13); // above S3's 5 MB part size: a multipart upload
    const source = fileWith(bytes);
    await store.put(`${sha256(bytes)}.csv`, source);
    expect(readFileSync(source).equals(bytes)).toBe(true);
    const copy = join(work, `copy-${files++}`);
    await store.download(`${sha256(bytes)}.csv`, copy);
    expect(sha256(readFileSync(copy))).toBe(sha256(bytes));
  });

  it('keeps the first bytes of a key: storing it again changes nothing', async () => {
    const first = Buffer.from('a,b\n1,2\n');
    await store.put('same-key.csv', fileWith(first));
    await store.put('same-key.csv', fileWith(Buffer.from('something else entirely\n')));
    const copy = join(work, `copy-${files++}`);
    await store.download('same-key.csv', copy);
    expect(readFileSync(copy).equals(first)).toBe(true);
  });

  it('refuses a key it never stored with BlobNotFoundError, naming the key and the store', async () => {
    const error = await store.download('never-stored.csv', join(work, `copy-${files++}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobNotFoundError);
    expect((error as Error).message).toContain('never-stored.csv');
    expect((error as Error).message).toContain(store.description);
  });

  it('reads in place only where the store is a directory of this host', async () => {
    const bytes = Buffer.from('x\n1\n');
    await store.put('in-place.csv', fileWith(bytes));
    const local = store.localPath('in-place.csv');
    if (store instanceof FsBlobStore) expect(readFileSync(local!).equals(bytes)).toBe(true);
    else expect(local).toBeNull();
  });
});

it('refuses to open an S3 store whose bucket does not exist, naming DATASET_STORE', async () => {
  const store = new S3BlobStore({ url: 's3://no-such-bucket/x', endpoint: s3.endpoint, region: 'us-east-1' });
  await expect(store.open()).rejects.toThrow(/DATASET_STORE=s3:\/\/no-such-bucket\/x cannot be reached/);
});

/** The S3 store, counting downloads (what the cache should spare). */
function countingS3(prefix: string) {
  const store = s3Store(prefix);
  const counted = { downloads: 0 };
  const original = store.download.bind(store);
  store.download = async (key, destination) => {
    counted.downloads++;
    return original(key, destination);
  };
  return { store, counted };
}

describe('the cache of a remote store', () => {
  const logger = createLogger('silent');

  it('downloads a file once for concurrent readers, checks its sha256, and keeps it across restarts', async () => {
    const { store, counted } = countingS3('cache-once');
    const bytes = randomBytes(300_000);
    const key = `${sha256(bytes)}.csv`;
    await store.put(key, fileWith(bytes));
    const dir = join(work, 'cache-once');
    const cache = new BlobCache(store, dir, 10 << 20, logger);
    await cache.open();
    const leases = await Promise.all(Array.from({ length: 5 }, () => cache.acquire(key, sha256(bytes))));
    expect(counted.downloads).toBe(1);
    expect(new Set(leases.map((l) => l.path)).size).toBe(1);
    expect(sha256(readFileSync(leases[0]!.path))).toBe(sha256(bytes));
    for (const lease of leases) lease.release();

    // A process that starts again finds its copy (and drops a half-downloaded file).
    writeFileSync(join(dir, `${key}.0a0b0c.partial`), 'half');
    const again = new BlobCache(store, dir, 10 << 20, logger);
    await again.open();
    const lease = await again.acquire(key, sha256(bytes));
    expect(counted.downloads).toBe(1);
    expect(readdirSync(dir)).toEqual([key]);
    lease.release();
  });

  it('refuses a download whose bytes do not match the sha256 its key promises, and keeps nothing of it', async () => {
    const { store } = countingS3('cache-corrupt');
    const promised = sha256(Buffer.from('the real content\n'));
    await store.put(`${promised}.csv`, fileWith(Buffer.from('tampered content\n')));
    const dir = join(work, 'cache-corrupt');
    const cache = new BlobCache(store, dir, 10 << 20, logger);
    await cache.open();
    await expect(cache.acquire(`${promised}.csv`, promised)).rejects.toThrow(/does not match its sha256 .*it was not used/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the least recently used files beyond its size, never one still held', async () => {
    const { store, counted } = countingS3('cache-lru');
    const blobs = [0, 1, 2].map(() => randomBytes(400_000));
    for (const b of blobs) await store.put(`${sha256(b)}.csv`, fileWith(b));
    const keys = blobs.map((b) => `${sha256(b)}.csv`);
    const dir = join(work, 'cache-lru');
    const cache = new BlobCache(store, dir, 1_000_000, logger); // room for two
    await cache.open();

    const held = await cache.acquire(keys[0]!);
    (await cache.acquire(keys[1]!)).release();
    (await cache.acquire(keys[2]!)).release(); // over the limit: key 1 goes, key 0 is held
    expect(readdirSync(dir).sort()).toEqual([keys[0], keys[2]].sort());
    expect(cache.state()).toMatchObject({ files: 2, bytes: 800_000, held: 1 });
    expect(readFileSync(held.path).equals(blobs[0]!)).toBe(true);
    held.release();

    const downloads = counted.downloads;
    (await cache.acquire(keys[1]!)).release(); // downloaded again; now key 0 is the oldest unheld
    expect(counted.downloads).toBe(downloads + 1);
    expect(readdirSync(dir).sort()).toEqual([keys[1], keys[2]].sort());
  });

  it('keeps an uploaded file as its copy: the process that stored it never downloads it', async () => {
    const { store, counted } = countingS3('cache-put');
    const dir = join(work, 'cache-put');
    const cache = new BlobCache(store, dir, 10 << 20, logger);
    await cache.open();
    const bytes = randomBytes(100_000);
    const source = fileWith(bytes);
    await cache.put(`${sha256(bytes)}.csv`, source);
    expect(existsSync(source)).toBe(false);
    const lease = await cache.acquire(`${sha256(bytes)}.csv`, sha256(bytes));
    expect(counted.downloads).toBe(0);
    expect(statSync(lease.path).size).toBe(bytes.length);
    lease.release();
    // And the store has it for every other process.
    const copy = join(work, `copy-${files++}`);
    await store.download(`${sha256(bytes)}.csv`, copy);
    expect(readFileSync(copy).equals(bytes)).toBe(true);
  });

  it('reads a directory store in place: no copy, nothing in the cache directory', async () => {
    const storeDir = join(work, 'in-place-store');
    const cacheDir = join(work, 'in-place-cache');
    const cache = new BlobCache(new FsBlobStore(storeDir), cacheDir, 10 << 20, logger);
    await cache.open();
    const bytes = Buffer.from('a\n1\n');
    const source = fileWith(bytes);
    await cache.put('k.csv', source);
    expect(existsSync(source)).toBe(false);
    expect((await cache.acquire('k.csv')).path).toBe(join(storeDir, 'k.csv'));
    expect(existsSync(cacheDir)).toBe(false);
  });
});
