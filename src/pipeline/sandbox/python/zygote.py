"""The warm fork server for one dataset, running inside its own bubblewrap sandbox.

It imports pandas and parses the dataset once, then forks one child per script. The server (Node) sends
only run ids and limits on stdin, one JSON object per line, after writing the script to /work/<id>/
(or {"cancel": id} to kill a run);
the zygote never sees their code or results, so nothing of one run stays in its memory for the next. Each child
isolates itself before running the script: new session, its own stdout/stderr files, every other fd
closed, rlimits, an empty environment, Landlock (read-only system and data, read-write only its run
directory, no TCP, no signals or abstract sockets outside itself) and a second seccomp filter (no fork,
exec, sockets, signals to others, limit changes or IPC). Results go back on stdout: exit code, signal,
whether the wall-clock deadline killed it, milliseconds.

To keep fork, isolation and copy-on-write faults off the critical path, one child is kept ready: a
"spare" forked ahead of time into the run directory the server made for it (asked for and announced as
{"spare": id}; each run directory is a scratch of its own), isolated and with
the process's small writable mappings already copied, waiting on a pipe. A request for that id sends it
the limits and it runs at once; any other id gets a child forked on demand.

The service's own templates ({"trusted": id, "code": ..., "limits": ...}) go instead to a trusted worker
(trusted.py): a child isolated the same way, forked once and kept, that runs them one after another on the
frame it keeps and answers with their output; the server sends no more at once than it allows workers.
"""
import base64
import ctypes
import gc
import json
import os
import resource
import select
import signal
import struct
import sys
import time

# Pre-import what scripts may import, so children don't pay for it.
import collections, datetime, decimal, difflib, functools, itertools, math, re, statistics, string, unicodedata  # noqa: E401,F401
import numpy as np
import pandas as pd

try:  # charts: the Agg backend, its fonts already listed (MPLCONFIGDIR); a child could not read them later
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
except ImportError:
    pass

sys.path.insert(0, "/app")
from guard import compile_checked, print_exception, run_as_main  # noqa: E402
import trusted  # noqa: E402

DATA = "/data/data.csv"
libc = ctypes.CDLL(None, use_errno=True)
PR_SET_NO_NEW_PRIVS, PR_SET_DUMPABLE, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, PR_SET_NAME = 38, 4, 22, 2, 15
SYS_LANDLOCK_CREATE_RULESET, SYS_LANDLOCK_ADD_RULE, SYS_LANDLOCK_RESTRICT_SELF = 444, 445, 446
PAGE = os.sysconf("SC_PAGE_SIZE")
SMALL_MAPPING = 4 * 1024 * 1024
PREFAULT_CHUNK = 1024 * 1024
MADV_POPULATE_WRITE = 23


def send(message):
    os.write(1, (json.dumps(message) + "\n").encode())


def landlock_abi():
    abi = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return abi if abi > 0 else 0


def apply_landlock(abi, run_dir):
    """Read-only system and data, read-write only the run directory (if any); no TCP; scoped signals and sockets."""
    fs_bits = {1: 13, 2: 14, 3: 15, 4: 15, 5: 16}.get(abi, 16)
    handled_fs = (1 << fs_bits) - 1
    read_only = (1 << 0) | (1 << 2) | (1 << 3)  # EXECUTE, READ_FILE, READ_DIR
    read_write = handled_fs & ~((1 << 6) | (1 << 9) | (1 << 10) | (1 << 11))  # no char/sock/fifo/block nodes
    file_rights = handled_fs & ((1 << 0) | (1 << 1) | (1 << 2) | (1 << 14) | (1 << 15))
    handled_net = 3 if abi >= 4 else 0  # BIND_TCP, CONNECT_TCP
    scoped = 3 if abi >= 6 else 0  # ABSTRACT_UNIX_SOCKET, SIGNAL
    attr = struct.pack("QQQ", handled_fs, handled_net, scoped)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    ruleset = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, attr, ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset")
    rules = [(p, read_only) for p in ("/usr", "/etc", "/data", "/app")] + [(run_dir, read_write)] * bool(run_dir) + [("/dev/null", file_rights)]
    for path, rights in rules:
        if not os.path.exists(path):
            continue
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        if os.path.isfile(path):
            rights &= file_rights
        rule = struct.pack("=Qi", rights, fd)
        if libc.syscall(SYS_LANDLOCK_ADD_RULE, ruleset, ctypes.c_int(1), rule, ctypes.c_uint32(0)) < 0:
            raise OSError(ctypes.get_errno(), "landlock_add_rule " + path)
        os.close(fd)
    if libc.syscall(SYS_LANDLOCK_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) < 0:
        raise OSError(ctypes.get_errno(), "landlock_restrict_self")
    os.close(ruleset)


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def apply_seccomp(program, pid_slots):
    program = bytearray(program)
    for slot in pid_slots:
        struct.pack_into("<I", program, slot * 8 + 4, os.getpid())
    buffer = ctypes.create_string_buffer(bytes(program))
    fprog = SockFprog(len(program) // 8, ctypes.addressof(buffer))
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "seccomp")


def serve_dataset_from_memory(df, run_dir):
    """pd.read_csv("data.csv") returns the loaded frame (a copy from the second call on)."""
    real_read_csv = pd.read_csv
    paths = {"data.csv", "./data.csv", DATA, run_dir + "/data.csv"}
    calls = []

    def read_csv(filepath_or_buffer, *args, **kwargs):
        if not args and not kwargs and isinstance(filepath_or_buffer, str) and filepath_or_buffer in paths:
            calls.append(1)
            return df if len(calls) == 1 else df.copy()
        return real_read_csv(filepath_or_buffer, *args, **kwargs)

    read_csv.__doc__ = real_read_csv.__doc__
    pd.read_csv = read_csv


def prefault_private_pages(maps, go_fd):
    """Copies now the pages a script would otherwise copy-on-write while it runs: the heap and the small
    anonymous mappings (Python's object arenas), not the large blocks that hold the frame's columns.
    Stops as soon as a script arrives: this is only worth doing while the spare waits anyway."""
    for fields in maps:
        start, end = (int(x, 16) for x in fields[0].split("-"))
        name = fields[5] if len(fields) > 5 else ""
        if fields[1] != "rw-p" or name not in ("", "[heap]") or (name == "" and end - start > SMALL_MAPPING):
            continue
        for chunk in range(start, end, PREFAULT_CHUNK):
            if select.select([go_fd], [], [], 0)[0]:
                return
            length = min(PREFAULT_CHUNK, end - chunk)
            if libc.madvise(ctypes.c_void_p(chunk), ctypes.c_size_t(length), MADV_POPULATE_WRITE) != 0:
                for page in range(chunk, chunk + length, PAGE):  # kernels before 5.14
                    ctypes.memmove(page, page, 1)


def set_name(name):
    """The process name ps shows (comm): "spare" while a child waits, "script" once it runs one."""
    libc.prctl(PR_SET_NAME, ctypes.c_char_p(name), 0, 0, 0)


def close_other_fds(keep):
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 1 << 16)


def isolate(run_dir, config, keep_fds=(), capture_output=True):
    """In a forked child, before it runs anything: a session and a directory of its own (with data.csv and
    an empty output/), its output in run_dir's files (or nowhere), no other descriptor, an empty
    environment, Landlock."""
    os.setsid()
    os.chdir(run_dir or "/data")
    devnull = os.open("/dev/null", os.O_RDWR)
    os.dup2(devnull, 0)
    if run_dir and capture_output:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        os.dup2(os.open("stdout", flags, 0o600), 1)
        os.dup2(os.open("stderr", flags, 0o600), 2)
    else:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    if run_dir:
        # A script's run directory is new (the server wrote script.py in it); a worker's is emptied.
        trusted.fresh_directory(clear=not capture_output)
    close_other_fds(keep_fds)
    os.environ.clear()
    home = run_dir or "/nonexistent"
    os.environ.update({"PATH": "/usr/bin", "LANG": "C.UTF-8", "HOME": home, "TMPDIR": home})
    with open("/proc/self/statm") as f:  # /proc is out of reach once Landlock applies
        mapped = int(f.read().split()[0]) * PAGE
    with open("/proc/self/maps") as f:
        maps = [line.split() for line in f]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "no_new_privs")
    if config["landlock_abi"]:
        apply_landlock(config["landlock_abi"], run_dir)
    return mapped, maps


def set_limits(limits, mapped, cpu=True):
    for name, value in (("RLIMIT_FSIZE", limits["fsize"]), ("RLIMIT_NOFILE", limits["nofile"]), ("RLIMIT_CORE", 0)):
        resource.setrlimit(getattr(resource, name), (value, value))
    if cpu:
        resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_s"], limits["cpu_s"]))
    resource.setrlimit(resource.RLIMIT_AS, (mapped + limits["as_bytes"], mapped + limits["as_bytes"]))
    # RLIMIT_NPROC counts every task of the uid, the zygote's included, but is checked against the
    # creating task's own limit: a script may start THREADS_PER_SCRIPT threads beyond what exists now,
    # and can no longer use up the budget the zygote needs to fork the next script.
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["nproc"], limits["nproc"]))


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt's parameters (malloc.h)
MMAP_THRESHOLD_MAX = 32 << 20  # glibc's largest on 64-bit


def keep_freed_memory():
    """The trusted worker keeps the memory a script frees for the next one: blocks under 32 MB (a 1M-row
    column is 8 MB) come from the heap instead of a fresh mapping each, whose pages would fault in again,
    and the heap is never given back. On 1M rows a duplicates template ran 26 % faster, outliers 19 %;
    the worker's RSS stays at its peak, within its limits (RLIMIT_AS counts the heap either way)."""
    libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX)
    libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)


def run_worker(df, config, limits, requests_fd, results_fd, work_dir):
    """In a forked child: isolate as a script's child does (in a directory of its own, when the server made
    one, emptied after each script), then run trusted scripts until told to stop. Its limits hold for its
    whole life; a script's time is bounded by the zygote's deadline."""
    try:
        keep_freed_memory()
        mapped, _ = isolate(work_dir, config, (requests_fd, results_fd), capture_output=False)
        set_limits(limits, mapped, cpu=False)
        if config["seccomp"]:
            apply_seccomp(config["seccomp"], config["pid_slots"])
        output_files = config["output_files"] if work_dir else None
        trusted.serve(df, requests_fd, results_fd, config["output_limit"], limits["as_bytes"] // 4, output_files)
    except BaseException:
        print_exception()
    finally:
        os._exit(0)


def run_child(run_id, df, config, limits=None, go_fd=None):
    """In a forked child: isolate, wait for the limits when a spare, then run the script. Never returns."""
    code = 1
    try:
        run_dir = "/work/" + run_id
        mapped, maps = isolate(run_dir, config, () if go_fd is None else (go_fd,))
        if go_fd is not None:
            prefault_private_pages(maps, go_fd)
            message = b""
            while not message.endswith(b"\n"):
                chunk = os.read(go_fd, 4096)
                if not chunk:
                    os._exit(0)  # the zygote is gone, or dropped this spare
                message += chunk
            os.close(go_fd)
            set_name(b"script")
            limits = json.loads(message)
        set_limits(limits, mapped)
        if config["seccomp"]:
            apply_seccomp(config["seccomp"], config["pid_slots"])
        with open("script.py", encoding="utf-8") as f:
            compiled = compile_checked(f.read(), config["allowed"])
        serve_dataset_from_memory(df, run_dir)
        code, _ = run_as_main(compiled)
    except BaseException:
        print_exception()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def main():
    settings = json.loads(sys.stdin.readline())
    started = time.monotonic()
    try:
        df = pd.read_csv(DATA)
        df.isna().sum()  # warm the common paths once
        df.iloc[:1000, :50].describe(include="all")  # on every column, 50 s for 60,000 of them
    except BaseException as error:
        send({"error": "could not load the dataset: %s: %s" % (type(error).__name__, error)})
        return
    config = {
        "landlock_abi": landlock_abi() if settings.get("landlock", True) else 0,
        "seccomp": base64.b64decode(settings["child_seccomp"]) if settings.get("child_seccomp") else None,
        "pid_slots": settings.get("pid_slots", []),
        "allowed": frozenset(settings["allowed_imports"]),
        "output_limit": settings.get("output_limit", 1 << 20),
        "output_files": settings.get("output_files") or {"max_files": 0, "max_file_bytes": 0},
    }
    gc.collect()
    gc.freeze()
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    with open("/proc/self/status") as f:
        rss_kb = int(next(line for line in f if line.startswith("VmRSS")).split()[1])
    send({"ready": True, "rows": len(df), "load_ms": (time.monotonic() - started) * 1000,
          "rss_kb": rss_kb, "landlock_abi": config["landlock_abi"]})

    children = {}  # pidfd -> [pid, id, deadline, started, timed_out]; a waiting spare has deadline None
    spare = {}  # the ready spare: id, pidfd, go (the write end of its pipe)

    def fork_worker(limits, work_dir):
        requests_read, requests_write = os.pipe2(os.O_CLOEXEC)
        results_read, results_write = os.pipe2(os.O_CLOEXEC)
        set_name(b"trusted")
        pid = os.fork()
        if pid == 0:
            run_worker(df, config, limits, requests_read, results_write, work_dir)
        set_name(b"zygote")
        os.close(requests_read)
        os.close(results_write)
        return pid, os.pidfd_open(pid), requests_write, results_read

    workers = TrustedWorkers(fork_worker, ["/work/" + d for d in settings.get("worker_dirs", [])])

    def fork_child(run_id, limits=None, go_fd=None):
        # The child is born with its name (comm is inherited): ps never sees it under the zygote's.
        set_name(b"script" if go_fd is None else b"spare")
        pid = os.fork()
        if pid == 0:
            run_child(run_id, df, config, limits, go_fd)
        set_name(b"zygote")
        pidfd = os.pidfd_open(pid)
        now = time.monotonic()
        children[pidfd] = [pid, run_id, None if limits is None else now + limits["timeout_ms"] / 1000, now, False]
        return pidfd

    def drop_spare():
        """The waiting spare reads the end of its pipe and exits (then reported as spare_gone)."""
        if spare:
            os.close(spare["go"])
            spare.clear()

    def make_spare(run_id):
        """Forks the spare into the run directory the server made for it (a scratch of its own)."""
        drop_spare()  # one the server gave up before using it
        try:
            read_end, write_end = os.pipe2(os.O_CLOEXEC)
        except OSError as error:  # scripts hold every descriptor: fork on demand meanwhile
            send({"spare_gone": run_id, "status": None, "error": str(error)})
            return
        pidfd = fork_child(run_id, go_fd=read_end)
        os.close(read_end)
        spare.update(id=run_id, pidfd=pidfd, go=write_end)
        send({"spare": run_id})

    def start_run(request):
        run_id, limits = request["id"], request["limits"]
        # Counted here: the child cannot read /proc once Landlock holds it.
        limits = dict(limits, nproc=tasks_of_sandbox() + THREADS_PER_SCRIPT)
        if spare and spare["id"] == run_id and spare["pidfd"] in children:
            try:
                os.write(spare["go"], (json.dumps(limits) + "\n").encode())
                handed = True
            except BrokenPipeError:  # it died as the request came: forked afresh below
                handed = False
            pidfd = spare["pidfd"]
            drop_spare()
            if handed:
                now = time.monotonic()
                children[pidfd][2:4] = [now + limits["timeout_ms"] / 1000, now]
                return
        if run_id.startswith("spare-"):  # its spare ended before the request came: start afresh in its dir
            for name in ("stdout", "stderr", "data.csv", trusted.OUTPUT_DIR):
                path = "/work/%s/%s" % (run_id, name)
                try:
                    os.rmdir(path) if name == trusted.OUTPUT_DIR else os.unlink(path)
                except FileNotFoundError:
                    pass
        fork_child(run_id, limits)

    buffer = b""
    stdin_open = True
    while stdin_open or workers.busy() or any(c[2] is not None for c in children.values()):
        now = time.monotonic()
        deadlines = [c[2] for c in children.values() if c[2] is not None] + workers.deadlines()
        timeout = min(deadlines, default=now + 3600) - now
        watched = workers.watched()  # fd -> (worker, generation)
        readable, _, _ = select.select(([0] if stdin_open else []) + list(children) + list(watched), [], [], max(0.0, timeout))
        now = time.monotonic()
        workers.expire(now)
        for child in children.values():
            if child[2] is not None and not child[4] and now >= child[2]:
                os.kill(child[0], signal.SIGKILL)
                child[4] = True
        for fd in readable:
            if fd in watched:
                worker, generation = watched[fd]
                if worker.generation == generation and fd in worker.fds():  # not reaped earlier in this loop
                    worker.on_readable(fd)
            elif fd == 0:
                chunk = os.read(0, 65536)
                if not chunk:
                    stdin_open = False
                    continue
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    request = json.loads(line)
                    if "spare" in request:
                        make_spare(request["spare"])
                        continue
                    if "trusted" in request:
                        workers.start(request)
                        continue
                    if "cancel" in request:
                        workers.cancel(request["cancel"])
                        for pid, run_id, deadline, *_rest in children.values():
                            if run_id == request["cancel"] and deadline is not None:
                                os.kill(pid, signal.SIGKILL)
                        continue
                    start_run(request)
            elif fd in children:  # (a worker's descriptor closed earlier in this loop is neither)
                pid, run_id, deadline, begun, timed_out = children.pop(fd)
                _, status = os.waitpid(pid, 0)
                os.close(fd)
                if deadline is None:  # a spare that ended before it was used
                    if spare.get("pidfd") == fd:
                        os.close(spare["go"])
                        spare.clear()
                    send({"spare_gone": run_id, "status": status})
                    continue
                send({
                    "id": run_id,
                    "exit_code": os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
                    "signal": signal_name(os.WTERMSIG(status)) if os.WIFSIGNALED(status) else None,
                    "timed_out": timed_out,
                    "ms": (time.monotonic() - begun) * 1000,
                })


THREADS_PER_SCRIPT = 32


class TrustedWorkers:
    """The trusted workers: a script goes to an idle one, or to a new one. The server sends no more
    scripts at once than it allows workers (SANDBOX_MAX_CONCURRENT), so there are never more."""

    def __init__(self, spawn, dirs):
        self.spawn = spawn
        self.dirs = dirs  # one directory per worker, made by the server
        self.workers = []

    def start(self, request):
        idle = [w for w in self.workers if not w.busy]
        worker = next((w for w in idle if w.pid), None) or (idle[0] if idle else None)
        if worker is None:
            n = len(self.workers)
            worker = TrustedWorker(self.spawn, self.dirs[n] if n < len(self.dirs) else None)
            self.workers.append(worker)
        worker.start(request)

    def busy(self):
        return any(w.busy for w in self.workers)

    def deadlines(self):
        return [w.deadline for w in self.workers if w.busy]

    def watched(self):
        return {fd: (w, w.generation) for w in self.workers for fd in w.fds()}

    def expire(self, now):
        for w in self.workers:
            w.expire(now)

    def cancel(self, run_id):
        for w in self.workers:
            w.cancel(run_id)


class TrustedWorker:
    """The zygote's side of one trusted worker (trusted.py): forked on its first script and kept, one
    script at a time; killed at the script's deadline or on cancel, and forked afresh when it ended."""

    def __init__(self, spawn, work_dir):
        self.spawn = spawn  # limits, work_dir -> (pid, pidfd, requests write end, results read end)
        self.work_dir = work_dir
        self.pid = None
        self.generation = 0  # one more for each worker forked: a closed descriptor's number may be reused
        self.busy = None  # the id of the script it runs
        self.deadline = self.begun = 0.0
        self.timed_out = False
        self.buffer = b""

    def fds(self):
        return [self.pidfd, self.results] if self.pid else []

    def start(self, request):
        limits = request["limits"]
        if self.pid is None:
            # Its limits hold for its life; the tasks are counted here, as the worker cannot read /proc.
            spawned = dict(limits, nproc=tasks_of_sandbox() + THREADS_PER_SCRIPT)
            self.pid, self.pidfd, self.requests, self.results = self.spawn(spawned, self.work_dir)
            self.generation += 1
            os.set_blocking(self.results, False)
        self.busy, self.timed_out = request["trusted"], False
        self.begun = time.monotonic()
        self.deadline = self.begun + limits["timeout_ms"] / 1000
        message = (json.dumps({"id": request["trusted"], "code": request["code"]}) + "\n").encode()
        try:
            while message:
                message = message[os.write(self.requests, message):]
        except OSError:
            pass  # it ended: its pidfd says so, and how

    def expire(self, now):
        if self.busy and not self.timed_out and now >= self.deadline:
            os.kill(self.pid, signal.SIGKILL)
            self.timed_out = True

    def cancel(self, run_id):
        if self.busy == run_id:
            os.kill(self.pid, signal.SIGKILL)

    def on_readable(self, fd):
        if self.read_results() or fd == self.pidfd:
            self.reap()

    def reap(self):
        """Waits for the worker's end (it said it ends, or its pidfd is readable) before anything more is
        sent to it; reports the script it ran if that got no answer. The next script forks a fresh worker."""
        _, status = os.waitpid(self.pid, 0)
        if self.busy:
            send({
                "id": self.busy,
                "exit_code": os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
                "signal": signal_name(os.WTERMSIG(status)) if os.WIFSIGNALED(status) else None,
                "timed_out": self.timed_out,
                "ms": (time.monotonic() - self.begun) * 1000,
                "stdout": "", "stderr": "",
            })
        for end in (self.pidfd, self.requests, self.results):
            os.close(end)
        self.pid, self.busy, self.buffer = None, None, b""

    def read_results(self):
        """Relays the answers the worker wrote; whether it said it ends (its script raised)."""
        ending = False
        while True:
            try:
                chunk = os.read(self.results, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            self.buffer += chunk
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            result = json.loads(line)
            ending = result.pop("ending", False) or ending
            send(dict(result, signal=None, timed_out=False))
            self.busy = None
        return ending


def tasks_of_sandbox():
    """Threads of every process this sandbox (its own pid namespace) holds, all of them its uid's."""
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                count += len(os.listdir("/proc/%s/task" % entry))
            except OSError:
                pass
    return count


def signal_name(number):
    """SIGKILL, SIGSEGV…; real-time signals have no Signals member (Signals(34) raises), so SIGRTMIN+n."""
    try:
        return signal.Signals(number).name
    except ValueError:
        if signal.SIGRTMIN <= number <= signal.SIGRTMAX:
            return "SIGRTMIN+%d" % (number - signal.SIGRTMIN)
        return "SIG%d" % number


if __name__ == "__main__":
    main()
