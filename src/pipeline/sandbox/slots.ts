import { chmod, chown, mkdir, readdir, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import { processDirName, staleProcessDirs } from '../../util/processDirs';
import { Mounts } from './mounts';


/** Where one sandbox runs: its own uid and its own scratch directory (bound at /work). */
export interface Slot {
  uid: number;
  gid: number;
  dir: string;
  /**
   * A directory of its own, inside `dir`, for one script of a fork server (which shares the slot among
   * its children): a tmpfs of its own where mounts work, so no script can fill another's scratch.
   */
  addRunDir(name: string): Promise<string>;
  removeRunDir(name: string): Promise<void>;
  /**
   * For a fork server: the scratch root becomes the server's (root) and only traversable by the sandbox,
   * which then cannot create, remove or replace entries in it, the run directories the server mounts.
   */
  holdRunDirsOnly(): Promise<void>;
  /** Empties the scratch directory and returns the slot to the pool. */
  release(): Promise<void>;
}

export interface SlotOptions {
  root: string;
  /** First uid; slot k runs as baseUid + 1 + k. baseUid is also every slot's gid. */
  baseUid: number;
  scratchBytes: number;
  scratchFiles: number;
  /** Runs the mount helper (python/mounts.py). */
  pythonBin: string;
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
  private readonly mounter: Mounts;

  constructor(
    private readonly options: SlotOptions,
    private readonly logger: Logger,
  ) {
    this.home = join(options.root, processDirName());
    this.mounter = new Mounts(options.pythonBin, options.root);
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
    this.mounter.dispose();
    await rm(this.home, { recursive: true, force: true });
  }

  /** Removes what crashed processes left under the root: their mounts and directories. */
  async removeStale() {
    for (const dir of await staleProcessDirs(this.options.root)) {
      for (const slot of await readdir(dir).catch(() => [])) await this.mounter.detach(join(dir, slot)).catch(() => {});
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
      addRunDir: (name) => this.addRunDir(join(dir, name), uid),
      removeRunDir: (name) => this.removeRunDir(join(dir, name)),
      holdRunDirsOnly: async () => {
        if (!this.asRoot) return;
        await chown(dir, 0, this.gid);
        await chmod(dir, 0o711);
      },
      release: async () => {
        await this.wipe(dir, uid);
        this.free.push(slot);
      },
    };
    this.all.push(slot);
    return slot;
  }

  /** The first call decides whether scratch is mounted at all; a later failure does not change that. */
  private async mountScratch(dir: string, uid: number) {
    if (this.mounts !== false) {
      try {
        // Shared, so that a run directory mounted later also appears inside the sandbox already bound to it.
        await this.mountTmpfs(dir, uid, true);
        this.mounts = true;
        return;
      } catch (err) {
        if (this.mounts === true) throw err;
        this.mounts = false;
        this.logger.warn({ err: String(err) }, 'cannot mount tmpfs scratch: scratch space is bounded per file only');
      }
    }
    await chown(dir, uid, this.gid);
  }

  private mountTmpfs(dir: string, uid: number, shared = false) {
    const { scratchBytes, scratchFiles } = this.options;
    return this.mounter.tmpfs(dir, `size=${scratchBytes},nr_inodes=${scratchFiles},mode=0700,uid=${uid},gid=${this.gid}`, shared);
  }

  private async addRunDir(path: string, uid: number): Promise<string> {
    await mkdir(path, { mode: 0o700 });
    if (this.mounts) await this.mountTmpfs(path, uid);
    else await chown(path, uid, this.gid);
    return path;
  }

  /** Never fails: what cannot be removed now goes with the slot's own scratch when it is released. */
  private async removeRunDir(path: string) {
    if (this.mounts) await this.mounter.detach(path).catch(() => {});
    await rm(path, { recursive: true, force: true }).catch((err: unknown) => this.logger.warn({ err: String(err) }, 'could not remove a run directory'));
  }

  /**
   * Leaves nothing of a run for the next one: a fresh tmpfs (which also drops what a script set on the
   * scratch root itself: its mode, times and extended attributes), else the directory emptied and reset.
   */
  private async wipe(dir: string, uid: number) {
    if (this.mounts) {
      try {
        await this.mounter.detach(dir);
        await this.mountScratch(dir, uid);
        return;
      } catch (err) {
        this.logger.warn({ err: String(err), dir }, 'could not remount a slot\'s scratch: emptying it instead');
      }
    }
    await emptyDirectory(dir);
    if (this.asRoot) await chown(dir, uid, this.gid); // a fork server held it as root's
    await chmod(dir, 0o700);
    await utimes(dir, new Date(), new Date());
  }

  private async unmount(dir: string) {
    if (this.mounts) await this.mounter.detach(dir).catch(() => {});
  }
}

async function emptyDirectory(dir: string) {
  for (const entry of await readdir(dir).catch(() => [])) await rm(join(dir, entry), { recursive: true, force: true });
}

