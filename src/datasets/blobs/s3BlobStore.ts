import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { BlobNotFoundError, type BlobStore } from './blobStore';

export interface S3Settings {
  /** `s3://bucket` or `s3://bucket/prefix`. */
  url: string;
  /** An S3-compatible server (MinIO, Ceph, s3rver…); AWS itself when unset. */
  endpoint?: string;
  region: string;
}

/**
 * Blobs as objects of an S3 bucket (AWS or any S3-compatible server). Credentials come from the SDK's own
 * chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, an instance role); sandboxed scripts never see them.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(private readonly settings: S3Settings) {
    const { bucket, prefix } = parseS3Url(settings.url);
    this.bucket = bucket;
    this.prefix = prefix;
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
      // Checksums only where the API requires them: many S3-compatible servers reject the SDK's default
      // aws-chunked uploads with trailing checksums. Downloads are checked against the dataset's sha256 instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get description() {
    return this.settings.url;
  }

  async open() {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const status = err instanceof S3ServiceException ? ` (HTTP ${err.$metadata.httpStatusCode ?? '?'} ${err.name})` : '';
      throw new Error(`The bucket of DATASET_STORE=${this.settings.url} cannot be reached${status}: ${(err as Error).message || String(err)}`);
    }
  }

  localPath() {
    return null;
  }

  private objectKey(key: string) {
    return `${this.prefix}${key}`;
  }

  async put(key: string, file: string) {
    if (await this.exists(key)) return;
    // Multipart above 5 MB, in parallel parts: large datasets upload without being held in memory.
    await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: this.objectKey(key), Body: createReadStream(file), ContentType: contentType(key) } }).done();
  }

  private async exists(key: string) {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async download(key: string, destination: string) {
    let body: Readable;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      body = object.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw new BlobNotFoundError(key, this.description);
      throw err;
    }
    await pipeline(body, createWriteStream(destination, { mode: 0o600 }));
  }

  close() {
    this.client.destroy();
  }
}

function isNotFound(err: unknown) {
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound');
}

function contentType(key: string) {
  return key.endsWith('.json') ? 'application/json' : 'text/csv';
}

/** `s3://bucket/some/prefix` → bucket and `some/prefix/`. */
function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) throw new Error(`DATASET_STORE must be s3://<bucket>[/<prefix>] with a valid bucket name; got ${url}`);
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: match[1]!, prefix: prefix ? `${prefix}/` : '' };
}
