"""The server's mount helper, run as root outside any sandbox: mounts and detaches sandbox scratch tmpfs.

Starting `mount` for each script costs the server ~10 ms of process creation; this process makes the
same system calls directly. Requests come on stdin, one JSON object per line, only from the server:
{"id": n, "op": "tmpfs", "path": p, "options": "size=…", "shared": bool} or {"id": n, "op": "detach", "path": p};
each is answered on stdout with {"id": n, "error": null or a message}.
"""
import ctypes
import json
import os
import sys

MS_NOSUID, MS_NODEV, MS_SHARED, MNT_DETACH = 2, 4, 1 << 20, 2
libc = ctypes.CDLL(None, use_errno=True)


def check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, "%s: %s" % (what, os.strerror(error)))


def tmpfs(path, options, shared):
    check(libc.mount(b"iterate-sandbox", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options.encode()), "mount " + path)
    if shared:  # mounts made later below it then appear inside a sandbox already bound to it
        check(libc.mount(None, path.encode(), None, MS_SHARED, None), "make-shared " + path)


def detach(path):
    check(libc.umount2(path.encode(), MNT_DETACH), "umount " + path)


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
