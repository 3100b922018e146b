import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodePoint } from '../../util/text';
import type { DroppedFile, OutputFile } from '../types';

/** Where a script saves files the service keeps (charts): `output/` in its working directory. */
export const OUTPUT_DIR = 'output';

export interface OutputLimits {
  /** Files kept per script (SANDBOX_OUTPUT_FILES); later ones, in name order, are dropped. */
  maxFiles: number;
  /** The largest file kept (SANDBOX_OUTPUT_FILE_BYTES). */
  maxFileBytes: number;
}

/** Why a file was left out, as the sandboxes report it (trusted.py reports the same codes). */
export type DropCode = 'not_a_file' | 'too_large' | 'too_many';

export function droppedFile(name: string, code: DropCode, limits: OutputLimits, size?: number): DroppedFile {
  const reason =
    code === 'not_a_file'
      ? 'not a regular file'
      : code === 'too_large'
        ? `${size ?? 'more than'} bytes, larger than SANDBOX_OUTPUT_FILE_BYTES (${limits.maxFileBytes})`
        : `more than SANDBOX_OUTPUT_FILES (${limits.maxFiles}) files`;
  return { name, reason };
}

/**
 * What a finished script left at the top of its output directory: regular files in name order, within the
 * limits; anything else is listed as dropped. Nothing the script made is followed: a symlink (to a host
 * path) is not a regular file, and the directory itself must not be one. The script has ended, so nothing
 * changes the directory while it is read.
 */
export async function collectOutputFiles(dir: string, limits: OutputLimits): Promise<{ files: OutputFile[]; dropped: DroppedFile[] }> {
  const files: OutputFile[] = [];
  const dropped: DroppedFile[] = [];
  const info = await lstat(dir).catch(() => null);
  if (!info?.isDirectory()) return { files, dropped: info ? [droppedFile(OUTPUT_DIR, 'not_a_file', limits)] : [] };
  // In trusted.py's order (Python's sorted), so that a limit leaves out the same files on every path.
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name));
  for (const entry of entries) {
    if (!entry.isFile()) {
      dropped.push(droppedFile(entry.name, 'not_a_file', limits));
      continue;
    }
    if (files.length >= limits.maxFiles) {
      dropped.push(droppedFile(entry.name, 'too_many', limits));
      continue;
    }
    const file = await readRegularFile(join(dir, entry.name), limits.maxFileBytes);
    if ('size' in file) dropped.push(droppedFile(entry.name, file.size === null ? 'not_a_file' : 'too_large', limits, file.size ?? undefined));
    else files.push({ name: entry.name, data: file.data });
  }
  return { files, dropped };
}

async function readRegularFile(path: string, maxBytes: number): Promise<{ data: Buffer } | { size: number | null }> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return { size: null };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { size: null };
    if (info.size > maxBytes) return { size: info.size };
    const data = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(data, 0, info.size, 0);
    return { data: data.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** The files a trusted worker read itself (trusted.py), as the sandboxes report them. */
export function filesFromWorker(
  reported: Array<{ name: string; data?: string; skipped?: DropCode; size?: number }> | undefined,
  limits: OutputLimits,
): { files: OutputFile[]; dropped: DroppedFile[] } {
  const files: OutputFile[] = [];
  const dropped: DroppedFile[] = [];
  for (const f of reported ?? []) {
    if (f.skipped || f.data === undefined) dropped.push(droppedFile(f.name, f.skipped ?? 'not_a_file', limits, f.size));
    else files.push({ name: f.name, data: Buffer.from(f.data, 'base64') });
  }
  return { files, dropped };
}
