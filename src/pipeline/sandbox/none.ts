import type { ExecutionResult, SandboxAvailability } from '../types';
import type { LocalSandbox } from './local';

/** An API server's (ROLE=api): it executes no script, not even a probe; workers do. */
export class NoLocalSandbox implements LocalSandbox {
  readonly name = 'none';

  async availability(): Promise<SandboxAvailability> {
    return { available: false, reason: 'This process executes no scripts (ROLE=api): the workers do' };
  }

  async execute(): Promise<ExecutionResult> {
    throw new Error('an API server (ROLE=api) executes no scripts');
  }

  async dispose() {}
}
