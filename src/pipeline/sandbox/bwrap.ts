import { readFileSync } from 'node:fs';
import { chmod, chown, copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetRef } from '../types';
import { MATPLOTLIB_DIR, type FontCache } from './matplotlibCache';
import type { Slot } from './slots';

/** The sandbox's own Python files, bound read-only at /app. */
const pythonDir = join(dirname(fileURLToPath(import.meta.url)), 'python');
export const APP_FILES = {
  guard: { name: 'guard.py', content: readFileSync(join(pythonDir, 'guard.py')) },
  zygote: { name: 'zygote.py', content: readFileSync(join(pythonDir, 'zygote.py')) },
  trusted: { name: 'trusted.py', content: readFileSync(join(pythonDir, 'trusted.py')) },
};

const TMP_BYTES = 16 * 1024 * 1024;

export interface Limits {
  cpuSeconds: number;
  /** RLIMIT_AS; omitted for the fork server, whose children set their own. */
  addressSpaceBytes?: number;
  fileBytes: number;
  openFiles: number;
  /** RLIMIT_NPROC, applied only when the slot has its own uid. */
  processes: number;
}

export interface Launch {
  slot: Slot;
  /** A copy of the dataset readable by the slot's gid, bound read-only at /data/data.csv. */
  datasetPath: string | null;
  /** Also make the dataset /work/data.csv, the path scripts read. */
  linkDatasetIntoWork?: boolean;
  appFiles: Array<{ name: string; content: Buffer }>;
  limits: Limits;
  seccomp: Buffer | null;
  /** The command inside the sandbox. */
  command: string[];
  /** matplotlib's font list, so that a chart does not make a fresh interpreter scan the fonts. */
  fontCache?: FontCache | null;
}

export interface SpawnSpec {
  command: string;
  args: string[];
  /** Contents for fds 3, 4, …, passed through pipes. */
  inputs: Buffer[];
  uid?: number;
  gid?: number;
  env: Record<string, string>;
}

export interface BwrapBinaries {
  bwrapBin: string;
  prlimitBin: string;
}

/**
 * prlimit + bubblewrap, as the slot's uid, spawned with a clean environment (bubblewrap's own
 * environment would otherwise be readable at /proc/1/environ inside). Every namespace is unshared (no
 * network), no nested user namespaces, capabilities dropped, a new session, killed with its parent. The
 * sandbox sees /usr read-only, the /etc entries Python and matplotlib need, a private /proc, a read-only /dev, a small
 * private /tmp, the slot's scratch as /work, the dataset read-only, and /app (our Python files).
 */
export function bwrapSpawnSpec(bin: BwrapBinaries, launch: Launch): SpawnSpec {
  const asRoot = process.getuid?.() === 0;
  const inputs: Buffer[] = [];
  const fd = (content: Buffer) => String(3 + inputs.push(content) - 1);
  const { limits } = launch;
  const prlimit = [
    `--cpu=${limits.cpuSeconds}`,
    `--fsize=${limits.fileBytes}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
    ...(limits.addressSpaceBytes ? [`--as=${limits.addressSpaceBytes}`] : []),
    ...(asRoot ? [`--nproc=${limits.processes}`] : []),
  ];
  const bwrap = [
    '--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session',
    '--cap-drop', 'ALL', '--hostname', 'sandbox',
    '--clearenv',
    '--setenv', 'PATH', '/usr/bin',
    '--setenv', 'LANG', 'C.UTF-8',
    '--setenv', 'HOME', '/work',
    '--setenv', 'TMPDIR', '/tmp',
    '--setenv', 'OPENBLAS_NUM_THREADS', '1',
    '--setenv', 'OMP_NUM_THREADS', '1',
    '--setenv', 'MALLOC_ARENA_MAX', '2',
    '--setenv', 'MPLCONFIGDIR', MATPLOTLIB_DIR,
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/lib', '/lib',
    '--symlink', 'usr/lib64', '/lib64',
    '--symlink', 'usr/bin', '/bin',
    '--ro-bind-try', '/etc/alternatives', '/etc/alternatives',
    '--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache',
    '--ro-bind-try', '/etc/localtime', '/etc/localtime',
    '--ro-bind-try', '/etc/matplotlibrc', '/etc/matplotlibrc', // Debian's matplotlib reads its defaults there
    '--proc', '/proc',
    '--dev', '/dev',
    '--remount-ro', '/dev',
    '--size', String(TMP_BYTES), '--tmpfs', '/tmp',
    ...(launch.fontCache ? ['--ro-bind-data', fd(launch.fontCache.content), `${MATPLOTLIB_DIR}/${launch.fontCache.name}`] : []),
    '--bind', launch.slot.dir, '/work',
    ...(launch.datasetPath ? ['--ro-bind', launch.datasetPath, '/data/data.csv'] : []),
    ...(launch.datasetPath && launch.linkDatasetIntoWork ? ['--symlink', '/data/data.csv', '/work/data.csv'] : []),
    ...launch.appFiles.flatMap((f) => ['--ro-bind-data', fd(f.content), `/app/${f.name}`]),
    ...(launch.seccomp ? ['--seccomp', fd(launch.seccomp)] : []),
    '--chdir', '/work',
    '--',
    ...launch.command,
  ];
  return {
    command: bin.prlimitBin,
    args: [...prlimit, '--', bin.bwrapBin, ...bwrap],
    inputs,
    uid: asRoot ? launch.slot.uid : undefined,
    gid: asRoot ? launch.slot.gid : undefined,
    env: { PATH: '/usr/bin:/bin' },
  };
}

/**
 * Sandbox uids cannot read DATA_DIR. Each dataset is staged once, as a hard link (or a copy across
 * filesystems) in a directory only the sandbox group can enter, readable by that group.
 */
export class DatasetStager {
  private readonly staged = new Map<string, Promise<string>>();
  private readonly asRoot = process.getuid?.() === 0;

  constructor(
    private readonly dir: string,
    private readonly gid: number,
  ) {}

  stage(dataset: DatasetRef): Promise<string> {
    if (!this.asRoot) return Promise.resolve(dataset.path);
    let staged = this.staged.get(dataset.id);
    if (!staged) {
      staged = this.copy(dataset);
      staged.catch(() => this.staged.delete(dataset.id));
      this.staged.set(dataset.id, staged);
    }
    return staged;
  }

  async dispose() {
    await Promise.allSettled(this.staged.values());
    this.staged.clear();
    if (this.asRoot) await rm(this.dir, { recursive: true, force: true });
  }

  private async copy(dataset: DatasetRef): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o710 });
    await chown(this.dir, 0, this.gid);
    await chmod(this.dir, 0o710);
    const target = join(this.dir, `${dataset.id}.csv`);
    const partial = `${target}.${process.pid}.partial`;
    await rm(partial, { force: true });
    await link(dataset.path, partial).catch(() => copyFile(dataset.path, partial));
    await chown(partial, 0, this.gid);
    await chmod(partial, 0o640);
    await rename(partial, target);
    return target;
  }
}
