"""The fork server's trusted worker: runs the service's own template scripts one after another in one
process that keeps the parsed dataset, so a template pays neither a fork nor copy-on-write faults.

It is forked from the zygote once and isolated like any script's child before it runs anything (Landlock,
the child seccomp filter, rlimits; no file it may write). Scripts arrive on a pipe, one JSON line each
({"id", "code"}); each result goes back on another pipe with the script's output. A script can never change
what a later one sees:
- every pd.read_csv("data.csv") (with default options; others read the file) returns a new shallow copy
  of a frame whose column arrays are read-only, so writing into a column raises and replacing one changes
  only the script's own copy;
- every script gets fresh globals, its own stdout and stderr; pandas' options, numpy's error handling and
  the warning filters are put back after it;
- a script that ends in an exception other than SystemExit ends the worker too: the zygote forks a fresh
  one for the next script.
Whole-column parses (pd.to_datetime, pd.to_numeric of an unchanged column) are computed once per worker
and handed out as copies, so the issues of a run share them as they share the parsed frame.
"""
import base64
import copy
import gc
import io
import json
import os
import shutil
import stat
import sys
import time
import warnings

import numpy as np
import pandas as pd
from guard import print_exception, run_as_main

DATA = "/data/data.csv"
OUTPUT_DIR = "output"  # src/pipeline/sandbox/outputFiles.ts
DATA_PATHS = {"data.csv", "./data.csv", DATA}
SCALARS = (str, int, float, bool, type(None))


def protect(frame):
    """Makes the frame's column arrays read-only: a script's write into one raises instead of changing it."""
    for block in frame._mgr.blocks:
        if isinstance(block.values, np.ndarray):
            block.values.flags.writeable = False
    return frame


class Dataset:
    """The parsed dataset, served to every script as a shallow copy of read-only columns."""

    def __init__(self, df, read_csv):
        self.frame = protect(df)
        self.read_csv = read_csv
        self.next_copy = None

    def read(self, path, *args, **kwargs):
        """pd.read_csv: the dataset with default options is the parsed frame; anything else is read."""
        if args or kwargs or not isinstance(path, str) or path not in DATA_PATHS:
            return self.read_csv(path, *args, **kwargs)
        copy, self.next_copy = self.next_copy, None
        return self.copy() if copy is None else copy

    def copy(self):
        copy = self.frame.copy(deep=False)
        copy.index = self.frame.index.copy()  # an Index's name is settable: each copy has its own Index objects
        copy.columns = self.frame.columns.copy()
        return copy

    def prepare_next_copy(self, columns=200):
        """Between scripts: the next script's copy, its first columns already looked up as Series."""
        self.next_copy = self.copy()
        if self.frame.columns.is_unique:
            for name in self.frame.columns[:columns]:
                self.next_copy[name]

    def column_of(self, series):
        """The name of the frame's column whose memory `series` is, if it is one (unchanged: it is read-only)."""
        frame = self.frame
        if (not isinstance(series, pd.Series) or not isinstance(series.index, pd.RangeIndex)
                or not isinstance(series._values, np.ndarray) or not frame.columns.is_unique
                or series.name not in frame.columns or not series.index.equals(frame.index)):
            return None
        values, column = series._values, frame[series.name]._values
        same = (isinstance(column, np.ndarray) and column.dtype == values.dtype and column.shape == values.shape
                and column.strides == values.strides
                and column.__array_interface__["data"][0] == values.__array_interface__["data"][0])
        return series.name if same else None


def shared_parse(dataset, parse, budget_bytes):
    """parse(column, **options) of a whole unchanged column computed once, while the results fit in the
    budget; each caller gets its own copy."""
    cache = {}

    def parsed(arg, *args, **kwargs):
        plain = not args and all(isinstance(v, SCALARS) for v in kwargs.values())
        column = dataset.column_of(arg) if plain else None
        if column is None:
            return parse(arg, *args, **kwargs)
        key = (column, json.dumps(kwargs, sort_keys=True))
        if key in cache:
            return cache[key].copy()
        result = parse(arg, **kwargs)
        if isinstance(result, pd.Series) and sum(r.memory_usage(deep=False) for r in cache.values()) + result.memory_usage(deep=False) <= budget_bytes:
            cache[key] = result.copy()
        return result

    parsed.__doc__ = parse.__doc__
    return parsed


def install(df, cache_bytes):
    """Serves the dataset and the shared parses to scripts through pandas' own functions."""
    dataset = Dataset(df, pd.read_csv)
    pd.read_csv = dataset.read
    pd.to_datetime = shared_parse(dataset, pd.to_datetime, cache_bytes)
    pd.to_numeric = shared_parse(dataset, pd.to_numeric, cache_bytes)
    return dataset


class SharedState:
    """What a script may change in the modules every script shares: pandas' options, numpy's handling of
    floating-point errors, the warning filters. Put back after each script."""

    def __init__(self):
        self.options = copy.deepcopy(pd._config.config._global_config)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecated options warn when read
            self.values = {key: pd.get_option(key) for key in pd._config.config._registered_options}
        self.numpy_errors = np.geterr()
        self.warning_filters = list(warnings.filters)

    def restore(self):
        if pd._config.config._global_config != self.options:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for key, value in self.values.items():
                    if pd.get_option(key) != value:
                        pd.set_option(key, value)  # through set_option: its callbacks run
        np.seterr(**self.numpy_errors)
        warnings.filters[:] = self.warning_filters
        warnings._filters_mutated()


def tail(text, limit):
    data = text.encode("utf-8", "surrogateescape")
    return data[-limit:].decode("utf-8", "replace"), len(data) > limit


class CompiledScripts:
    """The service's templates need no import check; the same text is compiled once."""

    def __init__(self, size=32):
        self.size = size
        self.compiled = {}

    def get(self, code):
        compiled = self.compiled.pop(code, None) or compile(code, "script.py", "exec")
        self.compiled[code] = compiled  # the most recently used last
        if len(self.compiled) > self.size:
            del self.compiled[next(iter(self.compiled))]
        return compiled


def run_script(code, scripts, output_limit):
    """Runs one script in fresh globals; returns its exit code, output and whether the worker must end."""
    stdout, stderr = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = stdout, stderr
    try:
        exit_code, fatal = run_as_main(scripts.get(code))
    except BaseException:  # a template that does not compile
        print_exception()
        exit_code, fatal = 1, True
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    out, out_truncated = tail(stdout.getvalue(), output_limit)
    err, err_truncated = tail(stderr.getvalue(), min(output_limit, 64 * 1024))
    return {"exit_code": exit_code, "stdout": out, "stderr": err,
            "stdout_truncated": out_truncated, "stderr_truncated": err_truncated}, fatal


def fresh_directory(clear=True):
    """The working directory as each script finds it: data.csv and an empty output/ (and nothing else, cleared)."""
    for name in os.listdir(".") if clear else ():
        if os.path.isdir(name) and not os.path.islink(name):
            shutil.rmtree(name)
        else:
            os.unlink(name)
    os.symlink(DATA, "data.csv")
    os.mkdir(OUTPUT_DIR)


def take_output_files(limits):
    """The files the script saved at the top of output/, as the host would read them (outputFiles.ts):
    regular files in name order, within the limits; the others named with why they were left out."""
    files = []
    kept = 0
    for name in sorted(os.listdir(OUTPUT_DIR)) if os.path.isdir(OUTPUT_DIR) else []:
        info = os.lstat(os.path.join(OUTPUT_DIR, name))
        if not stat.S_ISREG(info.st_mode):
            files.append({"name": name, "skipped": "not_a_file"})
        elif kept >= limits["max_files"]:
            files.append({"name": name, "skipped": "too_many"})
        elif info.st_size > limits["max_file_bytes"]:
            files.append({"name": name, "skipped": "too_large", "size": info.st_size})
        else:
            with open(os.path.join(OUTPUT_DIR, name), "rb") as f:
                files.append({"name": name, "data": base64.b64encode(f.read()).decode("ascii")})
            kept += 1
    return files


def serve(df, requests_fd, results_fd, output_limit, cache_bytes, output_files=None):
    """The worker's loop, once isolated: one script at a time until the zygote closes the pipe. With
    output_files (its limits), the worker has a directory of its own: what a script saved in output/ goes
    back with its result, and the directory is emptied before the next."""
    dataset = install(df, cache_bytes)
    scripts = CompiledScripts()
    state = SharedState()
    dataset.prepare_next_copy()
    reader = os.fdopen(requests_fd, "rb", buffering=1 << 16)
    for line in reader:
        request = json.loads(line)
        started = time.monotonic()
        result, fatal = run_script(request["code"], scripts, output_limit)
        result.update(id=request["id"], ms=(time.monotonic() - started) * 1000, ending=fatal)
        if output_files is not None and not fatal:
            result["files"] = take_output_files(output_files)
            fresh_directory()
        message = (json.dumps(result) + "\n").encode()
        while message:
            message = message[os.write(results_fd, message):]
        if fatal:
            return
        state.restore()
        gc.collect()
        dataset.prepare_next_copy()
