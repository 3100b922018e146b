import { createReadStream } from 'node:fs';
import { access, chmod, copyFile, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import type { DatasetRow } from '../db/schema';
import type { Store } from '../db/store';
import type { TenantScope } from '../db/stores/tenancy';
import { DISK_FULL_MESSAGE, InputError, isDiskFull, NotFoundError, QuotaError, StorageError } from '../errors';
import type { Logger } from '../logger';
import type { DatasetRef } from '../pipeline/types';
import { newId } from '../util/ids';
import { InFlight } from '../util/inFlight';
import { processDirName, staleProcessDirs } from '../util/processDirs';
import type { BlobCache, BlobLease } from './blobs/blobCache';
import { BlobNotFoundError, csvKey, datasetBlobKeys } from './blobs/blobStore';
import { ingestCsv } from './ingest';
import type { SamplePool } from './samplePool';

const MAX_NAME_LENGTH = 255;
const POOL_CACHE_SIZE = 8;
const COLUMNS_FILES_REMEMBERED = 10_000;

/** What is known of an upload before it is read: where it is being written whole, and its size or more. */
export interface UploadedFile {
  /** The file on this host the bytes are, once read: linked into place instead of being written again. */
  path: string;
  /** The request's Content-Length, when it had one. */
  sizeHint?: number;
}

/** A dataset's files on this host, kept until released. */
export interface DatasetLease {
  dataset: DatasetRef;
  release(): void;
}

/**
 * Datasets: a CSV in the blob store under its sha256, its profile (rows, columns, dtypes, null counts) in the
 * database, and a sample pool beside the CSV. An upload is streamed once; it is stored whole or not at all.
 */
export class DatasetService {
  private readonly partialRoot: string;
  private readonly partialDir: string;
  private readonly pools = new Map<string, Promise<SamplePool>>();
  /**
   * Columns files this process has seen on disk: checked once, not at every open (an investigation opens its
   * dataset; the check was a file-system round trip on each). A columns file, named by its CSV's content, is
   * only ever removed with the last dataset that has that content, which is then never opened again.
   */
  private readonly columnsFilesSeen = new Set<string>();
  /** The CSV files being read (uploads, columns files rebuilt from a CSV): a background warm-up waits until there are none. */
  readonly reading = new InFlight();

  constructor(
    private readonly store: Store,
    dataDir: string,
    /** The dataset files every process of a deployment reads (DATASET_DIR or DATASET_STORE), through this host's copies. */
    private readonly files: BlobCache,
    private readonly maxUploadBytes: number,
    private readonly quotas: { datasets: number; storageBytes: number },
    private readonly logger: Logger,
  ) {
    this.partialRoot = join(dataDir, 'partial');
    this.partialDir = join(this.partialRoot, processDirName());
  }

  /** Creates the directories and removes what crashed processes left half-written. */
  async init() {
    for (const stale of await staleProcessDirs(this.partialRoot)) await rm(stale, { recursive: true, force: true });
    await mkdir(this.partialDir, { recursive: true, mode: 0o700 });
  }

  /**
   * Stores the CSV `source` gives; `upload`, when its bytes are an upload's (what is known of it beforehand).
   */
  async create(tenantId: string, name: string, source: AsyncIterable<Uint8Array>, upload?: UploadedFile): Promise<DatasetRow> {
    const cleanName = name.trim();
    if (!cleanName) throw new InputError('A dataset needs a non-empty name');
    if (cleanName.length > MAX_NAME_LENGTH) throw new InputError(`A dataset name may have at most ${MAX_NAME_LENGTH} characters`);
    return this.reading.track(() => this.ingest(tenantId, cleanName, source, upload));
  }

  private async ingest(tenantId: string, cleanName: string, source: AsyncIterable<Uint8Array>, upload?: UploadedFile): Promise<DatasetRow> {
    const started = performance.now();
    const room = await this.roomFor(tenantId);
    const id = newId('Dataset');
    const partial = join(this.partialDir, `${id}.csv`);
    const poolPartial = join(this.partialDir, `${id}.pool.json`);
    const columnsPartial = join(this.partialDir, `${id}.columns`);
    try {
      const { read, columns, pool } = await ingestCsv(source, {
        destination: upload ? undefined : partial,
        sizeHint: upload?.sizeHint,
        columnsFile: columnsPartial,
        maxBytes: Math.min(this.maxUploadBytes, room),
        tooLarge: room < this.maxUploadBytes ? () => this.storageExceeded(tenantId) : undefined,
      });
      // The upload's file is linked while the pool is serialized; both end before a failure removes their files.
      await allOrFirstFailure([upload && linkOrCopy(upload.path, partial), writeFile(poolPartial, JSON.stringify(pool), { mode: 0o600 })]);
      const keys = datasetBlobKeys(csvKey(read.sha256));
      await allOrFirstFailure([this.files.put(keys.pool, poolPartial), this.files.put(keys.columns, columnsPartial), this.files.put(keys.csv, partial)]);
      const row: DatasetRow = {
        id,
        tenantId,
        name: cleanName,
        fileName: keys.csv,
        sizeBytes: read.sizeBytes,
        sha256: read.sha256,
        rowCount: read.rowCount,
        columns,
        createdAt: new Date(),
      };
      // Checked again with the size known, atomically: concurrent uploads cannot overrun the quota together.
      const stored = await this.store.datasets.insertWithinQuota(row, this.quotas);
      if (stored === 'datasets') throw this.tooManyDatasets(tenantId, this.quotas.datasets);
      if (stored === 'bytes') throw this.storageExceeded(tenantId);
      this.logger.info({ datasetId: id, rows: row.rowCount, bytes: row.sizeBytes, ms: Math.round(performance.now() - started) }, 'dataset stored');
      return row;
    } catch (err) {
      // Blobs already stored stay: their keys name their content, which another dataset may share.
      await Promise.all([partial, poolPartial, columnsPartial].map((f) => rm(f, { force: true })));
      if (isDiskFull(err)) {
        this.logger.error({ err, tenantId }, 'no space left to store a dataset');
        throw new StorageError(DISK_FULL_MESSAGE, { http: { status: 507 } });
      }
      throw err;
    }
  }

  /** The bytes the tenant may still store; refuses when it has as many datasets as it may. */
  private async roomFor(tenantId: string): Promise<number> {
    const used = await this.store.datasets.tenantStorage(tenantId);
    if (used.datasets >= this.quotas.datasets) throw this.tooManyDatasets(tenantId, used.datasets);
    if (used.bytes >= this.quotas.storageBytes) throw this.storageExceeded(tenantId);
    return this.quotas.storageBytes - used.bytes;
  }

  private tooManyDatasets(tenantId: string, datasets: number) {
    return new QuotaError(`Tenant ${JSON.stringify(tenantId)} has ${datasets} datasets, the most it may keep (TENANT_MAX_DATASETS)`);
  }

  private storageExceeded(tenantId: string) {
    return new QuotaError(
      `The file does not fit in tenant ${JSON.stringify(tenantId)}'s storage quota of ${Math.round(this.quotas.storageBytes / 1048576)} MB (TENANT_MAX_STORAGE_MB)`,
    );
  }

  /** Loads a CSV from disk unless the tenant has a dataset with the same content (used to seed the demo). */
  async ensureFromFile(tenantId: string, path: string): Promise<DatasetRow> {
    const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
    return (await this.store.datasets.bySha256(sha256, tenantId)) ?? this.create(tenantId, basename(path), createReadStream(path));
  }

  /** The dataset, if `scope` may see it; another tenant's is as absent as one that never existed. */
  async get(id: string, scope: TenantScope): Promise<DatasetRow> {
    const row = await this.find(id, scope);
    if (!row) throw new NotFoundError('Dataset', id);
    return row;
  }

  async find(id: string, scope: TenantScope): Promise<DatasetRow | undefined> {
    return (await this.store.datasets.byIds([id], scope))[0];
  }

  /** The dataset's files on this host (downloaded first when the store is remote), held until released. */
  async open(row: DatasetRow): Promise<DatasetLease> {
    const keys = datasetBlobKeys(row.fileName);
    const leases: BlobLease[] = [];
    const release = () => leases.splice(0).forEach((lease) => lease.release());
    try {
      const csv = await this.files.acquire(keys.csv, row.fileName === csvKey(row.sha256) ? row.sha256 : undefined);
      leases.push(csv);
      const pool = await this.files.acquire(keys.pool);
      leases.push(pool);
      const columns = await this.columnsFile(keys.columns, csv.path, row);
      leases.push(columns);
      const dataset: DatasetRef = {
        id: row.id,
        name: row.name,
        path: csv.path,
        poolPath: pool.path,
        columnsPath: columns.path,
        sha256: row.sha256,
        rowCount: row.rowCount,
        columns: row.columns,
      };
      return { dataset, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  /** The dataset's columns file; one uploaded before columns files existed gets it now, from its CSV, once. */
  private async columnsFile(key: string, csvPath: string, row: DatasetRow): Promise<BlobLease> {
    const existing = await this.files.acquire(key).catch((err: unknown) => {
      if (err instanceof BlobNotFoundError) return null;
      throw err;
    });
    if (existing && (this.columnsFilesSeen.has(existing.path) || (await exists(existing.path)))) {
      if (this.columnsFilesSeen.size >= COLUMNS_FILES_REMEMBERED) this.columnsFilesSeen.clear();
      this.columnsFilesSeen.add(existing.path);
      return existing;
    }
    existing?.release();
    const partial = join(this.partialDir, `${randomUUID()}.columns`);
    try {
      await this.reading.track(() => ingestCsv(createReadStream(csvPath), { columnsFile: partial, maxBytes: Number.POSITIVE_INFINITY }));
      await this.files.put(key, partial);
    } finally {
      await rm(partial, { force: true });
    }
    this.logger.info({ datasetId: row.id }, 'columns file written for a dataset uploaded before they existed');
    return this.files.acquire(key);
  }

  pool(dataset: Pick<DatasetRef, 'id' | 'poolPath'>): Promise<SamplePool> {
    const datasetId = dataset.id;
    let pool = this.pools.get(datasetId);
    if (!pool) {
      pool = readFile(dataset.poolPath, 'utf8').then((text) => JSON.parse(text) as SamplePool);
      pool.catch(() => this.pools.delete(datasetId));
      this.pools.set(datasetId, pool);
      if (this.pools.size > POOL_CACHE_SIZE) this.pools.delete(this.pools.keys().next().value!);
    }
    return pool;
  }
}

/** Waits for every one of `steps`, then fails with the first failure: nothing is still using the files a failure removes. */
async function allOrFirstFailure(steps: Array<Promise<unknown> | undefined>) {
  const outcomes = await Promise.allSettled(steps);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A second name for `from` (a copy on another file system), readable by all as stored datasets are. */
async function linkOrCopy(from: string, to: string) {
  try {
    await link(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, to);
  }
  await chmod(to, 0o644);
}

const exists = (path: string) => access(path).then(() => true, () => false);
