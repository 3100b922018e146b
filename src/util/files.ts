import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { copyFile, rename, rm } from 'node:fs/promises';

/** Copies `from` to `to` whole or not at all: readers of `to` never see a half-written file. */
export async function copyIntoPlace(from: string, to: string) {
  const partial = `${to}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await copyFile(from, partial);
    await rename(partial, to);
  } finally {
    await rm(partial, { force: true });
  }
}

/** Renames `from` to `to`, or copies it into place then removes it when they are on different file systems. */
export async function moveIntoPlace(from: string, to: string) {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyIntoPlace(from, to);
    await rm(from, { force: true });
  }
}

/** Bytes a file being written may buffer before the read waits for the disk: a few waits per megabyte, not dozens. */
export const WRITE_BUFFER = 1 << 20;

/** Until `file` takes more writes (or is closed), leaving no listener behind: one per wait added up. */
export async function drained(file: WriteStream) {
  if (file.destroyed) return;
  const done = new AbortController();
  try {
    await Promise.race([once(file, 'drain', { signal: done.signal }), once(file, 'close', { signal: done.signal })]);
  } finally {
    done.abort();
  }
}
