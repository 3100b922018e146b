/** The modules worker threads run: piscina's tasks (pool.ts), and the parsing thread of large CSV files. */
const SOURCES = {
  tasks: './tasks.ts',
  csvParser: '../datasets/csv/parseThread.ts',
} as const;

export type ThreadModule = keyof typeof SOURCES;

/**
 * Where a worker thread running `module` starts. From source: boot.mjs, which loads tsx and then the
 * module. The build (scripts/build.mjs) replaces this module so that threads start from the bundled
 * modules instead (dist/<module>.mjs).
 */
export function threadEntry(module: ThreadModule): { filename: string; workerData: Record<string, string> } {
  return {
    filename: new URL('./boot.mjs', import.meta.url).href,
    workerData: { module: new URL(SOURCES[module], import.meta.url).href },
  };
}
