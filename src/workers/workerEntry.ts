/**
 * Where a worker thread starts. From source: boot.mjs, which loads tsx and then tasks.ts. The build
 * (scripts/build.mjs) replaces this module so that threads start from the bundled tasks instead.
 */
export const workerEntry: { filename: string; workerData: Record<string, string> } = {
  filename: new URL('./boot.mjs', import.meta.url).href,
  workerData: { tasksModule: new URL('./tasks.ts', import.meta.url).href },
};
