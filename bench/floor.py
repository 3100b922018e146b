"""The pure compute floor: a script's run time in a warm interpreter that already holds the frame.

Usage: floor.py <dataset.csv>, then one script path per line on stdin; for each, one line on stdout: the
milliseconds of one run (after a first line, "ready", once the dataset is loaded). The bench asks for a floor run and an investigation of ours in turn, so both see the
machine as it is at that moment (this VM's speed drifts by a quarter between minutes).

The frame is loaded once; pd.read_csv("data.csv") returns it, exactly as in a fork-server child, so what is
timed is the script's own pandas work and nothing else (no fork, no sandbox, no IPC, no server). Its charts
are drawn as in the sandbox: matplotlib imported beforehand, each run saving into an empty output/ of its
working directory (a temporary one). A script's first request runs it once untimed first, to warm caches as
the fork server's warm-up does.
"""
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time

import pandas as pd

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
except ImportError:
    pass

path = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="floor-")
os.chdir(work)
df = pd.read_csv(path)
real_read_csv = pd.read_csv
pd.read_csv = lambda p, *a, **k: df if p == "data.csv" and not a and not k else real_read_csv(p, *a, **k)
compiled = {}


def run_once(code):
    shutil.rmtree("output", ignore_errors=True)
    os.mkdir("output")
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, {"__name__": "__main__"})
    return (time.perf_counter() - started) * 1000


print("ready", flush=True)
try:
    for line in sys.stdin:
        script = os.path.abspath(line.strip())
        if script not in compiled:
            with open(script) as f:
                compiled[script] = compile(f.read(), script, "exec")
            run_once(compiled[script])
        print(f"{run_once(compiled[script]):.3f}", flush=True)
finally:
    shutil.rmtree(work)
