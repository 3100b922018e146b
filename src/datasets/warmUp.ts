import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger';
import { processDirName, staleProcessDirs } from '../util/processDirs';
import type { DatasetLease } from './datasetService';
import { warmUpDataset } from './ingest';

/**
 * Ingests a generated file, so that this process's first upload runs at the speed of later ones; its
 * dataset's files are kept until released (what reads datasets warms up on them: compose/warmUp.ts). It
 * needs nothing of the app: main.ts starts it while the app loads.
 */
export async function warmUpUploadPath(logger: Logger): Promise<DatasetLease> {
  const started = performance.now();
  // In a directory of its own, outside DATA_DIR (it holds no one's data, and lives while the threads warm
  // up), under a root where each process removes what processes that are gone left.
  const root = join(tmpdir(), 'iterate-investigator-warm-up');
  for (const stale of await staleProcessDirs(root)) await rm(stale, { recursive: true, force: true });
  const dir = join(root, processDirName());
  await mkdir(dir, { mode: 0o700 });
  const removeDir = () => rm(dir, { recursive: true, force: true }).catch(() => {});
  try {
    const { dataset } = await warmUpDataset(dir, 'warm-up');
    logger.debug({ ms: Math.round(performance.now() - started) }, 'upload path warmed up');
    return { dataset, release: () => void removeDir() };
  } catch (err) {
    await removeDir();
    throw err;
  }
}
