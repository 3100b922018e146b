import type { ExecutionResult } from '../types';

/** The result of a script that produced nothing itself (cancelled before it started, a sandbox failure…). */
export function emptyExecution(partial: Partial<ExecutionResult> = {}): ExecutionResult {
  return {
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    timedOut: false,
    cancelled: false,
    durationMs: 0,
    ...partial,
  };
}
