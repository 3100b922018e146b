import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { ExecutionResult } from '../types';

export interface CapturedProcess {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Contents for fds 3, 4, …, each written through a pipe. */
  inputs?: Buffer[];
  stdin?: string;
  timeoutMs: number;
  /** stdout kept (its last bytes); stderr keeps at most STDERR_LIMIT_BYTES. */
  outputLimitBytes: number;
  signal: AbortSignal;
}

/**
 * Runs a process in its own process group and waits for it. The whole group is killed on timeout or
 * abort. Only the last `outputLimitBytes` of stdout (and 1 MiB of stderr) are kept, so a flood of output costs
 * the server no memory (the result line is printed last).
 */
export function runCaptured(p: CapturedProcess): Promise<ExecutionResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const inputs = p.inputs ?? [];
    const stdio: StdioOptions = [p.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', ...inputs.map(() => 'pipe' as const)];
    const child = spawn(p.command, p.args, { env: p.env, cwd: p.cwd, uid: p.uid, gid: p.gid, detached: true, stdio });
    writeInputs(child, inputs);
    const stdout = new TailBuffer(p.outputLimitBytes);
    const stderr = new TailBuffer(Math.min(p.outputLimitBytes, STDERR_LIMIT_BYTES));
    child.stdout!.on('data', (c: Buffer) => stdout.push(c));
    child.stderr!.on('data', (c: Buffer) => stderr.push(c));
    if (p.stdin !== undefined) {
      child.stdin!.on('error', () => {});
      child.stdin!.end(p.stdin);
    }
    let timedOut = false;
    let cancelled = false;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, p.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      killGroup();
    };
    if (p.signal.aborted) onAbort();
    else p.signal.addEventListener('abort', onAbort, { once: true });

    const finish = (exitCode: number | null, signal: string | null, spawnError?: Error) => {
      clearTimeout(timer);
      p.signal.removeEventListener('abort', onAbort);
      resolve({
        exitCode,
        signal,
        stdout: stdout.text(),
        stderr: spawnError ? `${stderr.text()}${spawnError.message}\n` : stderr.text(),
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
        timedOut,
        cancelled,
        durationMs: performance.now() - started,
      });
    };
    child.on('error', (err) => finish(null, null, err));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Writes each input into its pipe (fd 3, 4, …) and closes it. */
export function writeInputs(child: ChildProcess, inputs: Buffer[]) {
  inputs.forEach((content, i) => {
    const pipe = child.stdio[3 + i] as Writable | null;
    pipe?.on('error', () => {});
    pipe?.end(content);
  });
}

export const STDERR_LIMIT_BYTES = 1024 * 1024;

export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0]!.length >= this.limit) {
      this.size -= this.chunks.shift()!.length;
      this.truncated = true;
    }
  }

  text(): string {
    let all = Buffer.concat(this.chunks);
    if (all.length > this.limit) {
      all = all.subarray(all.length - this.limit);
      this.truncated = true;
    }
    return all.toString('utf8');
  }
}
