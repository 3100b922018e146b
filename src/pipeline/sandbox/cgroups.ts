import { chown, mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Memory the kernel accounts for a whole script: every process it starts, its shared memory (memfd,
 * SysV, /dev/shm) and the files it keeps in tmpfs, which RLIMIT_AS (per process, address space only)
 * does not see. Each cold run gets a memory cgroup of its own, limited to SANDBOX_MEMORY_MB; past it the
 * kernel kills the run, and the run says so.
 *
 * cgroup v1's memory hierarchy (as on these machines) or cgroup v2 with the memory controller delegated;
 * where neither is writable, there is none and the sandbox's seccomp filters refuse what escapes RLIMIT_AS.
 */
export interface RunCgroup {
  /** The command to spawn instead, which enters the cgroup before anything else runs. */
  wrap(command: string, args: string[]): { command: string; args: string[] };
  /** How many of the group's processes the kernel has killed for its memory. */
  oomKills(): Promise<number>;
  /** Removes the cgroup (its processes have ended). */
  remove(): Promise<void>;
}

interface Flavour {
  version: 1 | 2;
  limitFile: string;
  swapFile: string | null;
  eventsFile: string;
}

const V1: Flavour = { version: 1, limitFile: 'memory.limit_in_bytes', swapFile: 'memory.memsw.limit_in_bytes', eventsFile: 'memory.oom_control' };
const V2: Flavour = { version: 2, limitFile: 'memory.max', swapFile: 'memory.swap.max', eventsFile: 'memory.events' };

export class MemoryCgroups {
  private counter = 0;

  private constructor(
    private readonly root: string,
    private readonly flavour: Flavour,
  ) {}

  get mode(): string {
    return `cgroup-v${this.flavour.version}`;
  }

  /** The cgroups this process may create runs' groups under, or why there are none. */
  static async detect(name: string): Promise<MemoryCgroups | { unavailable: string }> {
    const own = ownCgroups();
    const candidates: Array<[string, Flavour]> = [];
    if (existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes')) candidates.push([join('/sys/fs/cgroup/memory', own.v1Memory ?? '/'), V1]);
    if (existsSync('/sys/fs/cgroup/cgroup.controllers') && own.v2 !== null) candidates.push([join('/sys/fs/cgroup', own.v2), V2]);
    const failures: string[] = [];
    for (const [parent, flavour] of candidates) {
      const root = join(parent, name);
      try {
        await removeStale(parent, name);
        await mkdir(root, { recursive: true });
        if (flavour.version === 2) await writeFile(join(root, 'cgroup.subtree_control'), '+memory');
        const cgroups = new MemoryCgroups(root, flavour);
        const probe = await cgroups.create('probe', 64 * 1048576, { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 });
        await probe.remove();
        return cgroups;
      } catch (err) {
        failures.push(`${root}: ${(err as Error).message}`);
        await rmdir(root).catch(() => {});
      }
    }
    return { unavailable: failures.length ? failures.join('; ') : 'no memory cgroup hierarchy is mounted' };
  }

  /** A cgroup for one run, limited to `limitBytes` of memory and no swap; `owner` may move itself into it. */
  async create(label: string, limitBytes: number, owner: { uid: number; gid: number }): Promise<RunCgroup> {
    const path = join(this.root, `${label}-${process.pid}-${++this.counter}`);
    await mkdir(path);
    try {
      await writeFile(join(path, this.flavour.limitFile), String(limitBytes));
      if (this.flavour.swapFile && existsSync(join(path, this.flavour.swapFile))) {
        await writeFile(join(path, this.flavour.swapFile), this.flavour.version === 1 ? String(limitBytes) : '0');
      }
      // The run's first process (running as the slot's uid) writes its own pid: only this file is its.
      await chown(join(path, 'cgroup.procs'), owner.uid, owner.gid);
    } catch (err) {
      await rmdir(path).catch(() => {});
      throw err;
    }
    const procs = join(path, 'cgroup.procs');
    const events = join(path, this.flavour.eventsFile);
    return {
      wrap: (command, args) => ({ command: '/bin/sh', args: ['-c', 'echo $$ > "$1" && shift && exec "$@"', 'sh', procs, command, ...args] }),
      // Read synchronously: a kernel file of a few lines, read twice per script (on its answer's path).
      oomKills: async () => Number(/^oom_kill (\d+)$/m.exec(readOrEmpty(events))?.[1] ?? 0),
      remove: () => removeWhenEmpty(path, procs),
    };
  }

  async dispose() {
    await rmdir(this.root).catch(() => {});
  }
}

/** rmdir fails while a process is still in the group (a killed one can take a moment to be reaped). */
async function removeWhenEmpty(path: string, procs: string) {
  for (let i = 0; i < 50; i++) {
    const pids = (await readFile(procs, 'utf8').catch(() => '')).trim();
    if (!pids) {
      try {
        await rmdir(path);
        return;
      } catch {
        /* not empty yet */
      }
    } else {
      for (const pid of pids.split('\n')) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Groups of processes that are gone (killed before they could remove theirs): `<prefix>-<pid>`. */
async function removeStale(parent: string, name: string) {
  const prefix = name.replace(/-\d+$/, '-');
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const pid = entry.startsWith(prefix) ? Number(entry.slice(prefix.length)) : NaN;
    if (!Number.isInteger(pid) || existsSync(`/proc/${pid}`)) continue;
    const dir = join(parent, entry);
    for (const child of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (child.isDirectory()) await removeWhenEmpty(join(dir, child.name), join(dir, child.name, 'cgroup.procs'));
    }
    await rmdir(dir).catch(() => {});
  }
}

/** This process's cgroups: its v1 memory group and its v2 group (null where it has none). */
function ownCgroups(): { v1Memory: string | null; v2: string | null } {
  const lines = readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n');
  const find = (match: (controllers: string[]) => boolean) => {
    for (const line of lines) {
      const [, controllers = '', path = ''] = line.split(':');
      if (match(controllers.split(','))) return path;
    }
    return null;
  };
  return { v1Memory: find((c) => c.includes('memory')), v2: find((c) => c.length === 1 && c[0] === '') };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
