import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { ApiClient } from './client';
import { FindDataset, UploadDataset } from './operations';

export interface DatasetFound {
  id: string;
  name: string;
  rowCount: number;
  /** False when the server already had this content and nothing was sent. */
  uploaded: boolean;
}

/** The server's dataset with the content of the CSV at `path`: found by its SHA-256, else uploaded. */
export async function findOrUpload(api: ApiClient, path: string, name = basename(path)): Promise<DatasetFound> {
  const sha256 = await fileSha256(path);
  const found = (await api.request(FindDataset, { sha256 })).datasets.edges[0]?.node;
  if (found) return { id: found.id, name: found.name, rowCount: found.rowCount, uploaded: false };
  const { uploadDataset } = await api.upload(UploadDataset, path, { name });
  return { id: uploadDataset.id, name: uploadDataset.name, rowCount: uploadDataset.rowCount, uploaded: true };
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return hash.digest('hex');
}
