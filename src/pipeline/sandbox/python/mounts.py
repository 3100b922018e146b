"""The server's mount helper, run as root outside any sandbox: mounts and detaches sandbox scratch tmpfs.

Starting `mount` for each script costs the server ~10 ms of process creation; this process makes the
same system calls directly. Requests come on stdin, one JSON object per line, only from the server:
{"id": n, "op": "tmpfs", "path": p, "options": "size=…", "shared": bool} or {"id": n, "op": "detach", "path": p};
each is answered on stdout with {"id": n, "error": null or a message}. Only paths below the directory given
as its argument are touched, and never through a symbolic link (sandboxes can write inside that tree).
"""
import ctypes
import json
import os
import sys

MS_NOSUID, MS_NODEV, MS_SHARED, MNT_DETACH, UMOUNT_NOFOLLOW = 2, 4, 1 << 20, 2, 8
libc = ctypes.CDLL(None, use_errno=True)
ROOT = sys.argv[1].rstrip("/") + "/"


def check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, "%s: %s" % (what, os.strerror(error)))


def beneath_root(path):
    """The path itself, when it is below ROOT with no symbolic link on the way from ROOT."""
    below = path[len(ROOT):].strip("/")
    parts = below.split("/")
    real = os.path.realpath(ROOT) + "/" + below
    if not path.startswith(ROOT) or not below or ".." in parts or "." in parts or os.path.realpath(path) != real:
        raise OSError(0, "refused: %s is not a directory below %s" % (path, ROOT))
    return path


def tmpfs(path, options, shared):
    # Mounted on the directory opened without following links: what was checked is what gets the mount.
    fd = os.open(beneath_root(path), os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        target = ("/proc/self/fd/%d" % fd).encode()
        check(libc.mount(b"iterate-sandbox", target, b"tmpfs", MS_NOSUID | MS_NODEV, options.encode()), "mount " + path)
    finally:
        os.close(fd)
    if shared:  # mounts made later below it then appear inside a sandbox already bound to it
        check(libc.mount(None, beneath_root(path).encode(), None, MS_SHARED, None), "make-shared " + path)


def detach(path):
    check(libc.umount2(beneath_root(path).encode(), MNT_DETACH | UMOUNT_NOFOLLOW), "umount " + path)


def main():
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if request["op"] == "tmpfs":
                tmpfs(request["path"], request["options"], request.get("shared", False))
            else:
                detach(request["path"])
            error = None
        except OSError as failure:
            error = str(failure)
        sys.stdout.write(json.dumps({"id": request["id"], "error": error}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
