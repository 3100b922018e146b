import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import type { ExecutionRequest, ExecutionResult, Sandbox, SandboxAvailability } from '../types';
import { ALLOWED_IMPORTS } from './allowlist';
import { APP_FILES } from './bwrap';
import type { SandboxSettings } from './cold';
import { collectOutputFiles, OUTPUT_DIR } from './outputFiles';
import { runCaptured } from './process';

/**
 * SANDBOX_BACKEND=unsafe-process, for development on machines without bubblewrap (macOS, locked-down
 * containers): a plain Python process with a clean environment, a time limit and the import check,
 * but no isolation at all. It can read and write whatever the server can. Never use it in production.
 */
export class UnsafeProcessSandbox implements Sandbox {
  readonly name = 'unsafe-process';

  constructor(
    private readonly settings: SandboxSettings,
    logger: Logger,
  ) {
    logger.warn('SANDBOX_BACKEND=unsafe-process: generated code runs WITHOUT a sandbox, with the server’s own rights. Development only.');
  }

  async availability(): Promise<SandboxAvailability> {
    return { available: true, details: { backend: this.name, isolated: false } };
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const dir = await mkdtemp(join(tmpdir(), 'iterate-unsafe-'));
    try {
      await writeFile(join(dir, 'script.py'), request.code);
      await writeFile(join(dir, 'guard.py'), APP_FILES.guard.content);
      await symlink(request.dataset.path, join(dir, 'data.csv'));
      await mkdir(join(dir, OUTPUT_DIR));
      const result = await runCaptured({
        command: this.settings.pythonBin,
        args: ['-I', '-B', join(dir, 'guard.py'), ALLOWED_IMPORTS.join(','), join(dir, 'script.py')],
        env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: dir, MPLCONFIGDIR: join(dir, '.matplotlib'), OPENBLAS_NUM_THREADS: '1' },
        cwd: dir,
        timeoutMs: this.settings.timeoutMs,
        outputLimitBytes: this.settings.outputLimitBytes,
        signal: request.signal,
      });
      const { files, dropped } = await collectOutputFiles(join(dir, OUTPUT_DIR), this.settings.outputFiles);
      return { ...result, files, droppedFiles: dropped };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
