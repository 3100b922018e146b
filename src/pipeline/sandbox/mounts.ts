import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const helperPath = join(dirname(fileURLToPath(import.meta.url)), 'python', 'mounts.py');

/**
 * Mounts and detaches scratch tmpfs through one long-lived root helper (python/mounts.py), because
 * starting `mount` once per script costs ~10 ms of process creation on these machines.
 */
export class Mounts {
  private helper: ChildProcess | null = null;
  private readonly pending = new Map<number, { resolve(): void; reject(err: Error): void }>();
  private next = 0;

  /** Only directories below `root` (no symbolic link on the way) are ever mounted or detached. */
  constructor(
    private readonly pythonBin: string,
    private readonly root: string,
  ) {}

  /** A tmpfs at `path`; `shared` so that mounts made below it later reach sandboxes bound to it. */
  tmpfs(path: string, options: string, shared = false): Promise<void> {
    return this.call({ op: 'tmpfs', path, options, shared });
  }

  /** Detaches the mount at `path` and every mount below it (a lazy, recursive unmount). */
  detach(path: string): Promise<void> {
    return this.call({ op: 'detach', path });
  }

  dispose() {
    this.helper?.stdin?.end();
    this.helper = null;
  }

  private call(request: Record<string, unknown>): Promise<void> {
    const helper = this.helper ?? this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      helper.stdin!.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  private start(): ChildProcess {
    const helper = spawn(this.pythonBin, ['-I', '-B', helperPath, this.root], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin' } });
    let stderr = '';
    helper.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-1000)));
    helper.stdin!.on('error', () => {});
    createInterface({ input: helper.stdout! }).on('line', (line) => {
      const answer = JSON.parse(line) as { id: number; error: string | null };
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (answer.error === null) waiting?.resolve();
      else waiting?.reject(new Error(answer.error));
    });
    const fail = (reason: string) => {
      if (this.helper === helper) this.helper = null;
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the mount helper ${reason}${stderr ? `: ${stderr.trim()}` : ''}`));
      this.pending.clear();
    };
    helper.on('error', (err) => fail(`could not start (${err.message})`));
    helper.on('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
    this.helper = helper;
    return helper;
  }
}
