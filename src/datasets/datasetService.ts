import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { DatasetRow } from '../db/schema';
import type { Store } from '../db/store';
import type { TenantScope } from '../db/stores/tenancy';
import { DISK_FULL_MESSAGE, InputError, isDiskFull, NotFoundError, QuotaError, StorageError } from '../errors';
import type { Logger } from '../logger';
import type { DatasetRef } from '../pipeline/types';
import { newId } from '../util/ids';
import { processDirName, staleProcessDirs } from '../util/processDirs';
import { seedFrom } from '../util/random';
import { readCsv } from './csvReader';
import { ColumnProfiler } from './profile';
import { SamplePoolBuilder, type SamplePool } from './samplePool';

const MAX_NAME_LENGTH = 255;
const POOL_CACHE_SIZE = 8;

/**
 * Datasets: a CSV kept under DATA_DIR/datasets, its profile (rows, columns, dtypes, null counts) in
 * SQLite, and a sample pool beside it. An upload is streamed once; it is stored whole or not at all.
 */
export class DatasetService {
  private readonly dir: string;
  private readonly partialRoot: string;
  private readonly partialDir: string;
  private readonly pools = new Map<string, Promise<SamplePool>>();

  constructor(
    private readonly store: Store,
    dataDir: string,
    /** Where dataset files are kept (DATASET_DIR): every process of a deployment reads them there. */
    datasetDir: string,
    private readonly maxUploadBytes: number,
    private readonly quotas: { datasets: number; storageBytes: number },
    private readonly logger: Logger,
  ) {
    this.dir = datasetDir;
    this.partialRoot = join(dataDir, 'partial');
    this.partialDir = join(this.partialRoot, processDirName());
  }

  /** Creates the directories and removes what crashed processes left half-written. */
  async init() {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const stale of await staleProcessDirs(this.partialRoot)) await rm(stale, { recursive: true, force: true });
    await mkdir(this.partialDir, { recursive: true, mode: 0o700 });
  }

  async create(tenantId: string, name: string, source: AsyncIterable<Uint8Array>): Promise<DatasetRow> {
    const cleanName = name.trim();
    if (!cleanName) throw new InputError('A dataset needs a non-empty name');
    if (cleanName.length > MAX_NAME_LENGTH) throw new InputError(`A dataset name may have at most ${MAX_NAME_LENGTH} characters`);

    const room = await this.roomFor(tenantId);
    const id = newId('Dataset');
    const partial = join(this.partialDir, `${id}.csv`);
    const profilers: ColumnProfiler[] = [];
    const pool = new SamplePoolBuilder(seedFrom('sample-pool'));
    try {
      const read = await readCsv(source, {
        destination: partial,
        maxBytes: Math.min(this.maxUploadBytes, room),
        tooLarge: room < this.maxUploadBytes ? () => this.storageExceeded(tenantId) : undefined,
        onHeader: (columns) => {
          columns.forEach((c) => profilers.push(new ColumnProfiler(c)));
          pool.onHeader(columns);
        },
        onRow: (fields, row) => {
          for (let i = 0; i < fields.length; i++) profilers[i]!.add(fields[i]!);
          pool.add(fields, row);
        },
      });
      const fileName = `${id}.csv`;
      await writeFile(join(this.dir, `${id}.pool.json`), JSON.stringify(pool.finish()), { mode: 0o600 });
      await moveFile(partial, join(this.dir, fileName));
      const row: DatasetRow = {
        id,
        tenantId,
        name: cleanName,
        fileName,
        sizeBytes: read.sizeBytes,
        sha256: read.sha256,
        rowCount: read.rowCount,
        columns: profilers.map((p) => p.finish()),
        createdAt: new Date(),
      };
      // Checked again with the size known, atomically: concurrent uploads cannot overrun the quota together.
      const stored = await this.store.datasets.insertWithinQuota(row, this.quotas);
      if (stored === 'datasets') throw this.tooManyDatasets(tenantId, this.quotas.datasets);
      if (stored === 'bytes') throw this.storageExceeded(tenantId);
      this.logger.info({ datasetId: id, rows: row.rowCount, bytes: row.sizeBytes }, 'dataset stored');
      return row;
    } catch (err) {
      await Promise.all(
        [partial, join(this.dir, `${id}.csv`), join(this.dir, `${id}.pool.json`)].map((f) => rm(f, { force: true })),
      );
      if (isDiskFull(err)) {
        this.logger.error({ err, tenantId }, 'no space left to store a dataset');
        throw new StorageError(DISK_FULL_MESSAGE);
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

  ref(row: DatasetRow): DatasetRef {
    return {
      id: row.id,
      name: row.name,
      path: join(this.dir, row.fileName),
      sha256: row.sha256,
      rowCount: row.rowCount,
      columns: row.columns,
    };
  }

  /** The file that holds the dataset's sample pool (worker threads read it themselves). */
  poolFile(dataset: Pick<DatasetRef, 'id'>): string {
    return join(this.dir, `${dataset.id}.pool.json`);
  }

  pool(datasetId: string): Promise<SamplePool> {
    let pool = this.pools.get(datasetId);
    if (!pool) {
      const file = this.poolFile({ id: datasetId });
      pool = readFile(file, 'utf8').then((text) => JSON.parse(text) as SamplePool);
      pool.catch(() => this.pools.delete(datasetId));
      this.pools.set(datasetId, pool);
      if (this.pools.size > POOL_CACHE_SIZE) this.pools.delete(this.pools.keys().next().value!);
    }
    return pool;
  }
}

/** Renames, or copies then removes when DATASET_DIR is on another file system. */
async function moveFile(from: string, to: string) {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, `${to}.partial`);
    await rename(`${to}.partial`, to);
    await rm(from, { force: true });
  }
}
