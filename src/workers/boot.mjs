// A worker thread's entry: TypeScript is loaded through tsx's API (a loader given with --import does not
// reach worker threads), then the module named in workerData runs as it is.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const loaded = await import(workerData.module);
export default loaded.default;
