import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, readdir, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../../logger';
import { processDirName, staleProcessDirs } from '../../util/processDirs';

const run = promisify(execFile);

/** Where one sandbox runs: its own uid and its own scratch directory (bound at /work). */
export interface Slot {
  uid: number;
  gid: number;
  dir: string;
  /** Empties the scratch directory and returns the slot to the pool. */
  release(): Promise<void>;
}

export interface SlotOptions {
  root: string;
  /** First uid; slot k runs as baseUid + 1 + k. baseUid is also every slot's gid. */
  baseUid: number;
  scratchBytes: number;
  scratchFiles: number;
}

/**
 * Sandbox slots. As root, each slot has its own uid, because RLIMIT_NPROC is counted per real uid
 * across the system: sandboxes sharing one uid would share one process budget, and a fork bomb in one
 * would starve the others. Its scratch directory is a tmpfs mounted with a size and an inode limit, so a
 * script can neither fill the disk nor create files without bound. Without root, every slot is the
 * server's own uid and a plain directory (bounded only per file, by RLIMIT_FSIZE).
 */
export class SandboxSlots {
  private readonly asRoot = process.getuid?.() === 0;
  private readonly home: string;
  private readonly free: Slot[] = [];
  private readonly all: Slot[] = [];
  private created = 0;
  private mounts: boolean | null = null;

  constructor(
    private readonly options: SlotOptions,
    private readonly logger: Logger,
  ) {
    this.home = join(options.root, processDirName());
  }

  get gid(): number {
    return this.asRoot ? this.options.baseUid : (process.getgid?.() ?? 0);
  }

  /** Whether scratch space is bounded in bytes and files (tmpfs mounts worked). */
  get boundedScratch(): boolean {
    return this.mounts === true;
  }

  async acquire(): Promise<Slot> {
    const slot = this.free.pop();
    if (slot) return slot;
    return this.create(this.created++);
  }

  async dispose() {
    await Promise.all(this.all.map((s) => this.unmount(s.dir)));
    await rm(this.home, { recursive: true, force: true });
  }

  /** Removes what crashed processes left under the root: their mounts and directories. */
  async removeStale() {
    for (const dir of await staleProcessDirs(this.options.root)) {
      for (const slot of await readdir(dir).catch(() => [])) await run('umount', ['-l', join(dir, slot)]).catch(() => {});
      await rm(dir, { recursive: true, force: true }).catch(() => {});
    }
  }

  private async create(index: number): Promise<Slot> {
    const uid = this.asRoot ? this.options.baseUid + 1 + index : (process.getuid?.() ?? 0);
    const dir = join(this.home, `slot-${index}`);
    await mkdir(this.home, { recursive: true, mode: 0o711 });
    await mkdir(dir, { mode: 0o700 });
    if (this.asRoot) await this.mountScratch(dir, uid);
    const slot: Slot = {
      uid,
      gid: this.gid,
      dir,
      release: async () => {
        await this.wipe(dir, uid);
        this.free.push(slot);
      },
    };
    this.all.push(slot);
    return slot;
  }

  private async mountScratch(dir: string, uid: number) {
    if (this.mounts !== false) {
      const { scratchBytes, scratchFiles } = this.options;
      const options = `size=${scratchBytes},nr_inodes=${scratchFiles},mode=0700,uid=${uid},gid=${this.gid},nosuid,nodev`;
      try {
        await run('mount', ['-t', 'tmpfs', '-o', options, 'iterate-sandbox', dir]);
        this.mounts = true;
        return;
      } catch (err) {
        this.mounts = false;
        this.logger.warn({ err: String(err) }, 'cannot mount tmpfs scratch: scratch space is bounded per file only');
      }
    }
    await chown(dir, uid, this.gid);
  }

  /**
   * Leaves nothing of a run for the next one: a fresh tmpfs (which also drops what a script set on the
   * scratch root itself: its mode, times and extended attributes), else the directory emptied and reset.
   */
  private async wipe(dir: string, uid: number) {
    if (this.mounts) {
      try {
        await run('umount', [dir]);
        await this.mountScratch(dir, uid);
        return;
      } catch (err) {
        this.logger.warn({ err: String(err), dir }, 'could not remount a slot\'s scratch: emptying it instead');
      }
    }
    await emptyDirectory(dir);
    await chmod(dir, 0o700);
    await utimes(dir, new Date(), new Date());
  }

  private async unmount(dir: string) {
    if (this.mounts) await run('umount', ['-l', dir]).catch(() => {});
  }
}

async function emptyDirectory(dir: string) {
  for (const entry of await readdir(dir).catch(() => [])) await rm(join(dir, entry), { recursive: true, force: true });
}

