import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Where matplotlib keeps its configuration and caches inside the sandbox (its private /tmp). */
export const MATPLOTLIB_DIR = '/tmp/matplotlib';

export interface FontCache {
  /** fontlist-v<version>.json */
  name: string;
  content: Buffer;
}

const built = new Map<string, Promise<FontCache | null>>();

/**
 * matplotlib's font list, built once per process by the sandbox's own Python and given read-only to each
 * sandbox: without it, every fresh interpreter that draws a chart first spends about 0.7 s scanning the
 * system's fonts. Null where matplotlib is not installed (scripts that import it then fail saying so).
 */
export function matplotlibFontCache(pythonBin: string): Promise<FontCache | null> {
  let cache = built.get(pythonBin);
  if (!cache) {
    cache = build(pythonBin);
    built.set(pythonBin, cache);
  }
  return cache;
}

async function build(pythonBin: string): Promise<FontCache | null> {
  const dir = await mkdtemp(join(tmpdir(), 'matplotlib-fonts-'));
  try {
    await promisify(execFile)(pythonBin, ['-I', '-c', "import matplotlib; matplotlib.use('Agg'); import matplotlib.font_manager"], {
      env: { PATH: '/usr/bin:/bin', HOME: dir, MPLCONFIGDIR: dir },
      timeout: 60_000,
    });
    const name = (await readdir(dir)).find((f) => /^fontlist-v\d+\.json$/.test(f));
    return name ? { name, content: await readFile(join(dir, name)) } : null;
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
