"""The pure compute floor: each script's run time in a warm interpreter that already holds the frame.

Usage: floor.py <dataset.csv> <repeats> <script.py>... ; prints {script: [ms, ...]} as JSON. The frame is
loaded once; pd.read_csv("data.csv") returns it, exactly as in a fork-server child, so what is timed is
the script's own pandas work and nothing else (no fork, no sandbox, no IPC, no server). Its charts are
drawn as in the sandbox: matplotlib imported beforehand, each script saving into an empty output/ of its
working directory (a temporary one).
"""
import contextlib
import io
import json
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

path, repeats, scripts = os.path.abspath(sys.argv[1]), int(sys.argv[2]), [os.path.abspath(s) for s in sys.argv[3:]]
work = tempfile.mkdtemp(prefix="floor-")
os.chdir(work)
df = pd.read_csv(path)
real_read_csv = pd.read_csv
pd.read_csv = lambda p, *a, **k: df if p == "data.csv" and not a and not k else real_read_csv(p, *a, **k)
timings = {}
for script in scripts:
    with open(script) as f:
        code = compile(f.read(), script, "exec")
    runs = []
    for _ in range(repeats + 1):
        shutil.rmtree("output", ignore_errors=True)
        os.mkdir("output")
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, {"__name__": "__main__"})
        runs.append((time.perf_counter() - started) * 1000)
    timings[script] = runs[1:]  # the first run warms caches, as the fork server's warm-up does
shutil.rmtree(work)
print(json.dumps(timings))
