/**
 * seccomp-BPF programs, written in plain Node (no native add-on): the bytes are the `struct sock_filter`
 * array that bubblewrap's `--seccomp FD` and `prctl(PR_SET_SECCOMP)` take. Default allow, with a
 * deny-list: pandas' C extensions need a wide and changing set of calls, while escapes from namespace
 * sandboxes go through a narrow one (io_uring, keyrings, bpf, mount APIs, exotic sockets).
 *
 * x86_64 only: syscall numbers differ per architecture, and the filter kills a process of another one.
 */

const AUDIT_ARCH_X86_64 = 0xc000003e;
const X32_SYSCALL_BIT = 0x40000000;
const RET_KILL_PROCESS = 0x80000000;
const RET_ALLOW = 0x7fff0000;
const retErrno = (errno: number) => 0x00050000 | errno;
const EPERM = 1;
const ENOSYS = 38;
const EAFNOSUPPORT = 97;
const AF_UNIX = 1;
const CLONE_THREAD = 0x10000;
const TIOCSTI = 0x5412;

// BPF opcodes
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const JSET_K = 0x45;
const RET_K = 0x06;

/** x86_64 numbers, from asm/unistd_64.h. */
const NR = {
  ioctl: 16, shmget: 29, shmat: 30, shmctl: 31, socket: 41, connect: 42, socketpair: 53, clone: 56, fork: 57,
  vfork: 58, execve: 59, kill: 62, semget: 64, semop: 65, semctl: 66, shmdt: 67, msgget: 68, msgsnd: 69,
  msgrcv: 70, msgctl: 71, ptrace: 101, syslog: 103, setpgid: 109, setsid: 112, mknod: 133, uselib: 134,
  setpriority: 141, sched_setparam: 142, sched_setscheduler: 144, modify_ldt: 154, pivot_root: 155, setrlimit: 160, chroot: 161, acct: 163, mount: 165, umount2: 166,
  swapon: 167, swapoff: 168, reboot: 169, init_module: 175, delete_module: 176, quotactl: 179, tkill: 200,
  sched_setaffinity: 203, lookup_dcookie: 212, semtimedop: 220, tgkill: 234, mq_open: 240, mq_unlink: 241, mq_timedsend: 242,
  mq_timedreceive: 243, mq_notify: 244, mq_getsetattr: 245, kexec_load: 246, add_key: 248, request_key: 249,
  keyctl: 250, ioprio_set: 251, migrate_pages: 256, mknodat: 259, unshare: 272, move_pages: 279, perf_event_open: 298,
  fanotify_init: 300, prlimit64: 302, name_to_handle_at: 303, open_by_handle_at: 304, setns: 308,
  process_vm_readv: 310, process_vm_writev: 311, finit_module: 313, memfd_create: 319, sched_setattr: 314, kexec_file_load: 320,
  bpf: 321, execveat: 322, userfaultfd: 323, pidfd_send_signal: 424, io_uring_setup: 425, io_uring_enter: 426,
  io_uring_register: 427, open_tree: 428, move_mount: 429, fsopen: 430, fsconfig: 431, fsmount: 432,
  fspick: 433, pidfd_open: 434, clone3: 435, pidfd_getfd: 438, mount_setattr: 442,
} as const;
type Syscall = keyof typeof NR;

type Rule =
  | { syscall: Syscall; ret: number }
  /** Allowed only when argument `arg` (low 32 bits) equals `value`; otherwise `ret`. */
  | { syscall: Syscall; ret: number; allowIfArg: { arg: number; equals: number | 'PID' } }
  /** Allowed only when argument `arg` has a bit of `mask` set; otherwise `ret`. */
  | { syscall: Syscall; ret: number; allowIfArgHasBits: { arg: number; mask: number } }
  /** `ret` when argument `arg` equals `value`; otherwise allowed. */
  | { syscall: Syscall; ret: number; denyIfArg: { arg: number; equals: number } };

const deny = (ret: number, ...syscalls: Syscall[]): Rule[] => syscalls.map((syscall) => ({ syscall, ret }));

/** For bubblewrap's --seccomp: every sandboxed process, the fork server included. */
const OUTER_RULES: Rule[] = [
  ...deny(
    retErrno(EPERM),
    'io_uring_setup', 'io_uring_enter', 'io_uring_register', 'keyctl', 'add_key', 'request_key', 'bpf',
    'userfaultfd', 'perf_event_open', 'ptrace', 'process_vm_readv', 'process_vm_writev', 'kexec_load',
    'kexec_file_load', 'init_module', 'finit_module', 'delete_module', 'mount', 'umount2', 'pivot_root', 'chroot',
    'unshare', 'setns', 'swapon', 'swapoff', 'reboot', 'syslog', 'acct', 'quotactl', 'open_by_handle_at',
    'name_to_handle_at', 'fanotify_init', 'lookup_dcookie', 'modify_ldt', 'uselib', 'move_pages', 'migrate_pages',
    'open_tree', 'move_mount', 'fsopen', 'fsconfig', 'fsmount', 'fspick', 'mount_setattr',
  ),
  // seccomp cannot read clone3's flags: glibc falls back to clone, whose flags it can.
  { syscall: 'clone3', ret: retErrno(ENOSYS) },
  { syscall: 'socket', ret: retErrno(EAFNOSUPPORT), allowIfArg: { arg: 0, equals: AF_UNIX } },
  { syscall: 'socketpair', ret: retErrno(EAFNOSUPPORT), allowIfArg: { arg: 0, equals: AF_UNIX } },
  { syscall: 'ioctl', ret: retErrno(EPERM), denyIfArg: { arg: 1, equals: TIOCSTI } },
];

/**
 * Stacked on the outer filter in each fork-server child: no new processes or programs, no sockets at all,
 * no signals but to itself, no limits raised or lowered, no IPC objects shared with other runs.
 */
const CHILD_RULES: Rule[] = [
  ...deny(
    retErrno(EPERM),
    'fork', 'vfork', 'execve', 'execveat', 'socket', 'socketpair', 'connect', 'pidfd_open', 'pidfd_send_signal',
    'pidfd_getfd', 'setsid', 'setpgid', 'prlimit64', 'setrlimit', 'shmget', 'shmat', 'shmctl', 'shmdt', 'msgget',
    'msgsnd', 'msgrcv', 'msgctl', 'semget', 'semop', 'semctl', 'semtimedop', 'mq_open', 'mq_unlink', 'mq_timedsend',
    'mq_timedreceive', 'mq_notify', 'mq_getsetattr', 'memfd_create', 'mknod', 'mknodat',
    // The fork server and later scripts run as the same uid: a child must not change their priority or CPUs.
    'setpriority', 'sched_setparam', 'sched_setscheduler', 'sched_setattr', 'sched_setaffinity', 'ioprio_set',
  ),
  { syscall: 'clone', ret: retErrno(EPERM), allowIfArgHasBits: { arg: 0, mask: CLONE_THREAD } },
  { syscall: 'kill', ret: retErrno(EPERM), allowIfArg: { arg: 0, equals: 'PID' } },
  { syscall: 'tgkill', ret: retErrno(EPERM), allowIfArg: { arg: 0, equals: 'PID' } },
  { syscall: 'tkill', ret: retErrno(EPERM), allowIfArg: { arg: 0, equals: 'PID' } },
];

const UNACCOUNTED_RULES: Rule[] = [
  ...deny(
    retErrno(EPERM),
    'fork', 'vfork', 'memfd_create', 'shmget', 'shmat', 'shmctl', 'shmdt', 'msgget', 'msgsnd', 'msgrcv', 'msgctl',
    'semget', 'semop', 'semctl', 'semtimedop', 'mq_open', 'mq_unlink', 'mq_timedsend', 'mq_timedreceive', 'mq_notify', 'mq_getsetattr',
  ),
  { syscall: 'clone', ret: retErrno(EPERM), allowIfArgHasBits: { arg: 0, mask: CLONE_THREAD } },
];

export interface SeccompProgram {
  bytes: Buffer;
  /** Instructions whose constant is the process's own pid, to be patched in by that process. */
  pidSlots: number[];
}

export function seccompSupported(): boolean {
  return process.arch === 'x64';
}

/**
 * `unaccounted`: the kernel offers no memory cgroup for a cold run, so whatever RLIMIT_AS (per process)
 * cannot see is refused as in a fork server's child: new processes, memfds and IPC objects.
 */
export function outerFilter(options: { unaccounted?: boolean } = {}): SeccompProgram {
  return compile(options.unaccounted ? [...OUTER_RULES, ...UNACCOUNTED_RULES] : OUTER_RULES);
}

export function childFilter(): SeccompProgram {
  return compile(CHILD_RULES);
}

function compile(rules: Rule[]): SeccompProgram {
  const code: Array<[number, number, number, number]> = [];
  const pidSlots: number[] = [];
  const emit = (op: number, jt: number, jf: number, k: number) => code.push([op, jt, jf, k >>> 0]);
  const argOffset = (i: number) => 16 + 8 * i; // seccomp_data.args[i], low 32 bits (little endian)

  emit(LD_W_ABS, 0, 0, 4); // arch
  emit(JEQ_K, 1, 0, AUDIT_ARCH_X86_64);
  emit(RET_K, 0, 0, RET_KILL_PROCESS);
  emit(LD_W_ABS, 0, 0, 0); // nr
  emit(JGE_K, 0, 1, X32_SYSCALL_BIT);
  emit(RET_K, 0, 0, RET_KILL_PROCESS);
  for (const rule of rules) {
    const nr = NR[rule.syscall];
    if ('allowIfArg' in rule) {
      emit(JEQ_K, 0, 4, nr);
      emit(LD_W_ABS, 0, 0, argOffset(rule.allowIfArg.arg));
      if (rule.allowIfArg.equals === 'PID') pidSlots.push(code.length);
      emit(JEQ_K, 1, 0, rule.allowIfArg.equals === 'PID' ? 0 : rule.allowIfArg.equals);
      emit(RET_K, 0, 0, rule.ret);
      emit(RET_K, 0, 0, RET_ALLOW);
    } else if ('allowIfArgHasBits' in rule) {
      emit(JEQ_K, 0, 4, nr);
      emit(LD_W_ABS, 0, 0, argOffset(rule.allowIfArgHasBits.arg));
      emit(JSET_K, 1, 0, rule.allowIfArgHasBits.mask);
      emit(RET_K, 0, 0, rule.ret);
      emit(RET_K, 0, 0, RET_ALLOW);
    } else if ('denyIfArg' in rule) {
      emit(JEQ_K, 0, 4, nr);
      emit(LD_W_ABS, 0, 0, argOffset(rule.denyIfArg.arg));
      emit(JEQ_K, 0, 1, rule.denyIfArg.equals);
      emit(RET_K, 0, 0, rule.ret);
      emit(RET_K, 0, 0, RET_ALLOW);
    } else {
      emit(JEQ_K, 0, 1, nr);
      emit(RET_K, 0, 0, rule.ret);
    }
  }
  emit(RET_K, 0, 0, RET_ALLOW);

  const bytes = Buffer.alloc(code.length * 8);
  code.forEach(([op, jt, jf, k], i) => {
    bytes.writeUInt16LE(op, i * 8);
    bytes.writeUInt8(jt, i * 8 + 2);
    bytes.writeUInt8(jf, i * 8 + 3);
    bytes.writeUInt32LE(k, i * 8 + 4);
  });
  return { bytes, pidSlots };
}
