import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { processDirName, staleProcessDirs } from '../../util/processDirs';
import type { ExecutionRequest, Sandbox } from '../types';
import { DatasetStager } from './bwrap';
import { ColdSandbox } from './cold';
import { ForkServerSandbox } from './forkServer';
import { SandboxSlots } from './slots';
import { UnsafeProcessSandbox } from './unsafeProcess';

export interface LocalSandbox extends Sandbox {
  dispose(): Promise<void>;
  /** What /health shows of the warm pool. */
  state?(): unknown;
}

/** The local sandbox the configuration asks for: warm fork servers over cold bubblewrap (default). */
export async function createLocalSandbox(config: Config['sandbox'], logger: Logger): Promise<LocalSandbox> {
  if (config.backend === 'unsafe-process') return new Managed(new UnsafeProcessSandbox(config, logger), async () => {});
  const root = config.scratchDir ?? join(tmpdir(), 'iterate-investigator-sandbox');
  const slots = new SandboxSlots(
    { root, baseUid: config.uid, scratchBytes: config.scratchBytes, scratchFiles: config.scratchFiles },
    logger,
  );
  await slots.removeStale();
  // Staged copies of datasets a killed process left behind are removed; each process stages in its own dir.
  const staging = join(root, 'datasets');
  for (const stale of await staleProcessDirs(staging)) await rm(stale, { recursive: true, force: true });
  const stager = new DatasetStager(join(staging, processDirName()), slots.gid);
  const cold = new ColdSandbox(config, slots, stager, logger);
  const release = async () => {
    await stager.dispose();
    await slots.dispose();
  };
  if (!config.warm) return new Managed(cold, release);
  const warm = new ForkServerSandbox(config, config.pool, cold, slots, stager, logger);
  return new Managed(warm, async () => {
    await warm.dispose();
    await release();
  });
}

/** A sandbox together with what must be released when the server stops. */
class Managed implements LocalSandbox {
  readonly name: string;
  constructor(
    private readonly inner: Sandbox & { state?(): unknown },
    readonly dispose: () => Promise<void>,
  ) {
    this.name = inner.name;
  }
  availability() {
    return this.inner.availability();
  }
  execute(request: ExecutionRequest) {
    return this.inner.execute(request);
  }
  state() {
    return this.inner.state?.();
  }
}
