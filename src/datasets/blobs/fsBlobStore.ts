import { copyFile, link, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { copyIntoPlace } from '../../util/files';
import { BlobNotFoundError, type BlobStore } from './blobStore';

/** Blobs as files of one directory: local in one process, a shared mount (NFS…) for a deployment. */
export class FsBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  get description() {
    return `fs:${this.dir}`;
  }

  async open() {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  localPath(key: string) {
    return join(this.dir, key);
  }

  async put(key: string, file: string) {
    const target = this.localPath(key);
    try {
      await link(file, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw err;
      // Another file system (or one without hard links): a copy.
      await copyIntoPlace(file, target);
    }
  }

  async download(key: string, destination: string) {
    try {
      await copyFile(this.localPath(key), destination);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key, this.description);
      throw err;
    }
  }
}
