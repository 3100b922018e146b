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
