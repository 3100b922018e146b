import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Per-process working directories under a shared root, named `<pid>-<random>`: several servers may share
 * DATA_DIR or the sandbox root, and each cleans up only after processes that are gone.
 */
export function processDirName(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Directories under `root` left by processes that no longer run. */
export async function staleProcessDirs(root: string): Promise<string[]> {
  await mkdir(root, { recursive: true, mode: 0o711 });
  const stale: string[] = [];
  for (const entry of await readdir(root)) {
    const pid = Number(entry.split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)) stale.push(join(root, entry));
  }
  return stale;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
