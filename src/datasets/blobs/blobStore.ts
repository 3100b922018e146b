/**
 * Where dataset files live, keyed by their content: a key names one sequence of bytes forever, so a blob is
 * written once, never changed, and any process may cache it. A shared directory by default; S3-compatible
 * object storage as an option (DATASET_STORE).
 */
export interface BlobStore {
  /** Names the store in logs and errors, e.g. `fs:/srv/datasets` or `s3://bucket/prefix`. */
  readonly description: string;
  /** Refuses to start when the store cannot be reached (a missing bucket, a directory that cannot be created). */
  open(): Promise<void>;
  /** Stores the bytes of `file` under `key`; a key already stored is left as it is. The file stays where it is. */
  put(key: string, file: string): Promise<void>;
  /** Where the blob can be read in place, when the store is a directory this process reaches; null otherwise. */
  localPath(key: string): string | null;
  /** Writes the blob's bytes to `destination`; a missing key throws {@link BlobNotFoundError}. */
  download(key: string, destination: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(
    readonly key: string,
    store: string,
  ) {
    super(`The dataset file ${key} is not in ${store}`);
  }
}

/**
 * The keys of one dataset's files: the CSV, its sample pool and its columns file (named after the CSV,
 * `<sha256>.csv` for uploads; the columns file's key names its format's version).
 */
export function datasetBlobKeys(fileName: string): { csv: string; pool: string; columns: string } {
  const base = fileName.replace(/\.csv$/, '');
  return { csv: fileName, pool: `${base}.pool.json`, columns: `${base}.columns-v1` };
}

/** The key a dataset's CSV gets: its content's sha256. */
export const csvKey = (sha256: string) => `${sha256}.csv`;
