import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createLocalSandbox, type LocalSandbox } from '../src/pipeline/sandbox/local';
import type { DatasetRef, ExecutionResult } from '../src/pipeline/types';
import { writeGeneratedSales } from './helpers/data';
import { removeDataDir, sandboxScratch, sandboxUidBase, tempDataDir } from './helpers/server';

// The warm sandbox's trusted worker, driven directly: the service's own templates run in one process
// that keeps the parsed frame; everything else keeps a forked child of its own.

const dir = tempDataDir();
const csv = join(dir, 'sales.csv');
let sandbox: LocalSandbox;
let dataset: DatasetRef;

beforeAll(async () => {
  writeGeneratedSales(csv, 2000, { seed: 7 });
  dataset = { id: 'trusted-test', name: 'sales.csv', path: csv, poolPath: csv, columnsPath: csv, sha256: 'x', rowCount: 2000, columns: [] };
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dir,
    SANDBOX_SCRATCH_DIR: sandboxScratch(dir),
    SANDBOX_UID: String(sandboxUidBase()),
    SANDBOX_TIMEOUT_MS: '3000',
    SANDBOX_POOL_START_TIMEOUT_MS: '60000',
    SANDBOX_MAX_CONCURRENT: '2',
  });
  sandbox = await createLocalSandbox(config.sandbox, createLogger('silent'));
});

afterAll(async () => {
  await sandbox?.dispose();
  removeDataDir(dir);
});

async function run(code: string, trusted: boolean): Promise<ExecutionResult> {
  return sandbox.execute({ code, trusted, dataset, signal: new AbortController().signal });
}

/** The last line a script printed, parsed. */
function printed(result: ExecutionResult): Record<string, unknown> {
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const PID = 'import json\nprint(json.dumps({"pid": __import__("os").getpid()}))';

/** The sum of the price column and the rows, from the file itself (not through pandas). */
function fromFile() {
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const price = lines[0]!.split(',').indexOf('price');
  const sum = lines.slice(1).reduce((s, line) => s + Number(line.split(',')[price]), 0);
  return { rows: lines.length - 1, priceSum: sum };
}

const LOOK = `
import json, warnings
import numpy as np
import pandas as pd
df = pd.read_csv("data.csv")
dates = pd.to_datetime(df["date"], errors="coerce")
print(json.dumps({"max_rows": pd.get_option("display.max_rows"), "divide": np.geterr()["divide"],
                  "warning_filters": len(warnings.filters), "rows": len(df), "price_sum": float(df["price"].sum()), "index_name": df.index.name,
                  "columns_name": df.columns.name, "columns": list(df.columns), "dates_missing": int(dates.isna().sum()),
                  "same_as_uncached": bool(dates.equals(pd.to_datetime(df["date"].copy(), errors="coerce")))}))
`;

describe('the trusted worker', () => {
  it("keeps one process for the service's templates, and forks a child for any other script", async () => {
    const trusted = [printed(await run(PID, true)).pid, printed(await run(PID, true)).pid];
    const forked = [printed(await run(PID, false)).pid, printed(await run(PID, false)).pid];
    expect(trusted[0]).toBe(trusted[1]);
    expect(forked[0]).not.toBe(forked[1]);
    expect(forked).not.toContain(trusted[0]);
  });

  it('gives each template an empty output/ in a directory of its own, returns what it saved there, and empties the directory for the next', async () => {
    const writer = await run(
      `
import json, os
os.makedirs("sub/deeper")
with open("left.txt", "w") as f:
    f.write("for the next script")
with open("output/b.png", "wb") as f:
    f.write(b"second")
with open("output/a.png", "wb") as f:
    f.write(b"first")
os.symlink("/etc/passwd", "output/c.png")
print(json.dumps({"cwd": os.getcwd()}))
`,
      true,
    );
    expect(printed(writer).cwd).toMatch(/^\/work\/worker-\d$/);
    expect(writer.files!.map((f) => [f.name, f.data.toString()])).toEqual([
      ['a.png', 'first'],
      ['b.png', 'second'],
    ]);
    expect(writer.droppedFiles).toEqual([{ name: 'c.png', reason: 'not a regular file' }]);
    const reader = printed(await run('import json, os\nprint(json.dumps({"here": sorted(os.listdir(".")), "output": os.listdir("output")}))', true));
    expect(reader).toEqual({ here: ['data.csv', 'output'], output: [] });
  });

  it('serves the dataset so that no script can change what a later one sees', async () => {
    const expected = fromFile();
    const before = printed(await run(LOOK, true));
    expect(before).toMatchObject({ max_rows: 60, divide: 'warn', rows: expected.rows, index_name: null, columns_name: null, dates_missing: 0, same_as_uncached: true });
    expect(before.price_sum).toBeCloseTo(expected.priceSum, 6);

    const vandal = printed(
      await run(
        `
import json
import numpy as np
import pandas as pd
df = pd.read_csv("data.csv")
refused = []
for write in (lambda: df.loc.__setitem__((0, "price"), -1.0), lambda: df["quantity"].values.__setitem__(0, -5),
              lambda: df["price"].fillna(0, inplace=True)):
    try:
        write()
    except ValueError as error:
        refused.append("read-only" in str(error))
df["price"] = 0.0
df.index.name = "changed"
df.columns.name = "changed"
df.rename(columns={"supplier": "vendor"}, inplace=True)
df.drop(index=[0, 1, 2], inplace=True)
dates = pd.to_datetime(pd.read_csv("data.csv")["date"], errors="coerce")
dates[:] = pd.NaT
pd.set_option("display.max_rows", 3)
np.seterr(all="raise")
import warnings
warnings.simplefilter("error")
print(json.dumps({"refused": refused, "rows": len(df), "price_sum": float(df["price"].sum())}))
`,
        true,
      ),
    );
    expect(vandal).toEqual({ refused: [true, true, true], rows: expected.rows - 3, price_sum: 0 });

    const after = printed(await run(LOOK, true));
    expect(after).toEqual(before);
  });

  it('keeps the memory a template frees for the next: blocks of 8 MB come from the heap, which is never trimmed', async () => {
    // Where a block lies tells where it came from: the heap ends at the program break (sbrk(0)), mappings lie
    // far above it. glibc's defaults would map an 8 MB block and give it back once freed.
    const code = `
import ctypes, json
import numpy as np
libc = ctypes.CDLL(None)
libc.sbrk.restype = ctypes.c_void_p
libc.sbrk.argtypes = [ctypes.c_ssize_t]
start = libc.sbrk(0)
blocks = [np.ones(1_000_000) for _ in range(4)]
in_heap = [b.__array_interface__["data"][0] < libc.sbrk(0) for b in blocks]
grown = libc.sbrk(0) - start
del blocks
print(json.dumps({"in_heap": in_heap, "grown": grown, "kept": libc.sbrk(0) - start}))
`;
    const result = printed(await run(code, true)) as { in_heap: boolean[]; grown: number; kept: number };
    expect(result.in_heap).toEqual([true, true, true, true]);
    // (How far the heap grew depends on what earlier scripts left free in it: that is the point.)
    expect(result.kept).toBe(result.grown);
  });

  it('a script that raises ends the worker, and the next template gets a fresh one; SystemExit does not', async () => {
    const first = printed(await run(PID, true)).pid;
    const exited = await run('raise SystemExit(3)', true);
    expect(exited.exitCode).toBe(3);
    expect(printed(await run(PID, true)).pid).toBe(first);
    const raised = await run('import pandas as pd\npd.read_csv("data.csv")["no such column"]', true);
    expect(raised.exitCode).toBe(1);
    expect(raised.stderr).toMatch(/KeyError: 'no such column'/);
    expect(printed(await run(PID, true)).pid).not.toBe(first);
  });

  it('a template past its time limit is killed, and the next one runs in a fresh worker', async () => {
    const first = printed(await run(PID, true)).pid;
    const slow = await run('while True:\n    pass', true);
    expect(slow.timedOut).toBe(true);
    expect(slow.signal).toBe('SIGKILL');
    expect(printed(await run(PID, true)).pid).not.toBe(first);
  });

  it('a template that is cancelled is killed', async () => {
    const controller = new AbortController();
    const pending = sandbox.execute({ code: 'import time\ntime.sleep(30)', trusted: true, dataset, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const result = await pending;
    expect(result.cancelled).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(result.timedOut).toBe(false); // the cancel killed it, not its 3 s deadline
    expect(printed(await run(LOOK, true)).rows).toBe(fromFile().rows);
  });

  it('runs as many templates at once as SANDBOX_MAX_CONCURRENT, each in a worker of its own that stays', async () => {
    const sleepy = 'import json, time\ntime.sleep(0.5)\nprint(json.dumps({"pid": __import__("os").getpid()}))';
    const together = (await Promise.all([run(sleepy, true), run(sleepy, true)])).map((r) => printed(r).pid);
    expect(together[0]).not.toBe(together[1]);
    const again = (await Promise.all([run(sleepy, true), run(sleepy, true)])).map((r) => printed(r).pid);
    expect(new Set(again)).toEqual(new Set(together));
  });
});
