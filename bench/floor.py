"""The pure compute floor: each script's run time in a warm interpreter that already holds the frame.

Usage: floor.py <dataset.csv> <repeats> <script.py>... ; prints {script: [ms, ...]} as JSON. The frame is
loaded once; pd.read_csv("data.csv") returns it, exactly as in a fork-server child, so what is timed is
the script's own pandas work and nothing else (no fork, no sandbox, no IPC, no server).
"""
import contextlib
import io
import json
import sys
import time

import pandas as pd

path, repeats, scripts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
df = pd.read_csv(path)
real_read_csv = pd.read_csv
pd.read_csv = lambda p, *a, **k: df if p == "data.csv" and not a and not k else real_read_csv(p, *a, **k)
timings = {}
for script in scripts:
    with open(script) as f:
        code = compile(f.read(), script, "exec")
    runs = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, {"__name__": "__main__"})
        runs.append((time.perf_counter() - started) * 1000)
    timings[script] = runs[1:]  # the first run warms caches, as the fork server's warm-up does
print(json.dumps(timings))
