import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the objects (tests corrupt one through it). */
  dir: string;
  /** What a process needs to use the bucket as its DATASET_STORE. */
  env(prefix?: string): Record<string, string>;
  stop(): Promise<void>;
}

/** A real S3 HTTP server (s3rver) on a free loopback port, with one empty bucket; removed by stop(). */
export async function startS3(bucket = 'investigator-datasets'): Promise<S3Server> {
  const dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    dir,
    // s3rver accepts requests signed with its own fixed key pair.
    env: (prefix = 'datasets') => ({
      DATASET_STORE: `s3://${bucket}/${prefix}`,
      S3_ENDPOINT: endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }),
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
