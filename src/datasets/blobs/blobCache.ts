import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import { moveIntoPlace } from '../../util/files';
import type { BlobStore } from './blobStore';

/** A blob's local file, kept on disk until released. */
export interface BlobLease {
  path: string;
  release(): void;
}

interface Entry {
  bytes: number;
  lastUsed: number;
  leases: number;
}

const PARTIAL = '.partial';

/**
 * Local files of the blob store. A store this process reaches as a directory is read in place; a remote one
 * (S3) is downloaded once per process into DATASET_CACHE_DIR, checked against the sha256 its key promises, and
 * kept while used. Files nobody holds go least recently used first when the cache outgrows DATASET_CACHE_MB.
 */
export class BlobCache {
  private readonly entries = new Map<string, Entry>();
  private readonly downloads = new Map<string, Promise<void>>();
  private readonly removals = new Map<string, Promise<void>>();
  private bytes = 0;
  /** A directory store is read in place: nothing is downloaded or cached. */
  private readonly inPlace: boolean;

  constructor(
    private readonly blobs: BlobStore,
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {
    this.inPlace = blobs.localPath('') !== null;
  }

  /** Opens the store; for a remote one, indexes what the cache kept from earlier runs and removes half-downloaded files. */
  async open() {
    await this.blobs.open();
    if (this.inPlace) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.dir)) {
      const file = join(this.dir, name);
      if (name.endsWith(PARTIAL)) {
        await rm(file, { force: true });
        continue;
      }
      const info = await stat(file);
      this.track(name, info.size, info.mtimeMs);
    }
  }

  /** Stores a file under `key` and removes it; with a remote store the file is kept as the cache's copy. */
  async put(key: string, file: string) {
    await this.blobs.put(key, file);
    if (this.inPlace) {
      await rm(file, { force: true });
      return;
    }
    if (this.entries.has(key)) {
      await rm(file, { force: true });
      return;
    }
    const size = (await stat(file)).size;
    await moveIntoPlace(file, join(this.dir, key));
    this.track(key, size, Date.now());
    await this.evict();
  }

  /**
   * The blob's local file, held until released. `sha256` is the content the key names, when it names one:
   * a downloaded copy that differs is refused, never used.
   */
  async acquire(key: string, sha256?: string): Promise<BlobLease> {
    const local = this.blobs.localPath(key);
    if (local) return { path: local, release: () => {} };
    let entry = this.entries.get(key);
    while (!entry) {
      let download = this.downloads.get(key);
      if (!download) {
        download = this.download(key, sha256).finally(() => this.downloads.delete(key));
        this.downloads.set(key, download);
      }
      await download;
      entry = this.entries.get(key);
    }
    entry.leases++;
    entry.lastUsed = Date.now();
    await this.evict();
    let released = false;
    return {
      path: join(this.dir, key),
      release: () => {
        if (released) return;
        released = true;
        entry.leases--;
        void this.evict();
      },
    };
  }

  private async download(key: string, sha256: string | undefined) {
    const partial = join(this.dir, `${key}.${randomBytes(6).toString('hex')}${PARTIAL}`);
    const started = performance.now();
    try {
      await this.blobs.download(key, partial);
      if (sha256) {
        const actual = await sha256Of(partial);
        if (actual !== sha256) throw new Error(`The dataset file ${key} read from ${this.blobs.description} does not match its sha256 (${actual} instead of ${sha256}); it was not used`);
      }
      const size = (await stat(partial)).size;
      await this.removals.get(key);
      await rename(partial, join(this.dir, key));
      this.track(key, size, Date.now());
      this.logger.info({ key, bytes: size, ms: Math.round(performance.now() - started), store: this.blobs.description }, 'dataset file cached');
    } finally {
      await rm(partial, { force: true });
    }
  }

  private track(key: string, bytes: number, lastUsed: number) {
    const known = this.entries.get(key);
    if (known) {
      known.lastUsed = lastUsed; // the same content again (a download and an upload that raced)
      return;
    }
    this.entries.set(key, { bytes, lastUsed, leases: 0 });
    this.bytes += bytes;
  }

  /** Makes room, least recently used first, never at the expense of a file someone holds. */
  private async evict() {
    while (this.bytes > this.maxBytes) {
      let oldest: [string, Entry] | undefined;
      for (const item of this.entries) if (item[1].leases === 0 && (!oldest || item[1].lastUsed < oldest[1].lastUsed)) oldest = item;
      if (!oldest) return;
      const [key, entry] = oldest;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
      const removal = rm(join(this.dir, key), { force: true }).finally(() => this.removals.delete(key));
      this.removals.set(key, removal);
      await removal;
    }
  }

  /** What the cache holds, for /health and tests (null when files are read in place). */
  state() {
    if (this.inPlace) return null;
    return { files: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, held: [...this.entries.values()].filter((e) => e.leases > 0).length };
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
