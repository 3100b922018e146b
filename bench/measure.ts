import { readdirSync, readFileSync } from 'node:fs';
import type { ChildServer } from '../test/helpers/server';

export const round = (x: number) => Math.round(x * 10) / 10;

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export const summary = (xs: number[]) => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), n: xs.length });

/** /health latencies, asked every 10 ms while `work` runs: how responsive the event loop stays. */
export async function healthWhile<T>(server: Pick<ChildServer, 'url'>, work: () => Promise<T>) {
  const latencies: number[] = [];
  let done = false;
  const started = performance.now();
  const running = work().finally(() => (done = true));
  while (!done) {
    const asked = performance.now();
    await fetch(new URL('/health', server.url));
    latencies.push(performance.now() - asked);
    await new Promise((r) => setTimeout(r, 10));
  }
  const outcome = await running;
  const health = { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies)), n: latencies.length };
  return { health, outcome, ms: round(performance.now() - started) };
}

/** CPU ticks so far: the whole machine (busy, over all cores), and each process tree rooted at a pid of `groups`. */
export function cpuSnapshot(groups: Record<string, number>) {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = fields[3]! + fields[4]!; // idle + iowait
  const total = fields.reduce((a, b) => a + b, 0);
  const processes = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, and those of its children that ended (reaped): a process tree's whole use.
      processes.set(Number(pid), { ppid: Number(after[1]), ticks: after.slice(11, 15).reduce((n, x) => n + Number(x), 0) });
    } catch {
      /* ended meanwhile */
    }
  }
  const rootOf = (pid: number): number | null => {
    for (let at: number | undefined = pid; at && at > 1; at = processes.get(at)?.ppid) {
      for (const root of Object.values(groups)) if (at === root) return root;
    }
    return null;
  };
  const byRoot = new Map<number, number>();
  for (const [pid, { ticks }] of processes) {
    const root = rootOf(pid);
    if (root !== null) byRoot.set(root, (byRoot.get(root) ?? 0) + ticks);
  }
  return { busy: total - idle, total, groups: Object.fromEntries(Object.entries(groups).map(([name, pid]) => [name, byRoot.get(pid) ?? 0])) };
}

const TICKS = 100; // USER_HZ

/**
 * What the machine did between two snapshots: its busy share over every core, the CPU seconds of each
 * group's process tree, and of everything else (other work on the machine, processes that ended unreaped).
 */
export function cpuBetween(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const seconds = Object.fromEntries(Object.keys(after.groups).map((name) => [name, round((after.groups[name]! - (before.groups[name] ?? 0)) / TICKS)]));
  const busySeconds = (after.busy - before.busy) / TICKS;
  const ours = Object.values(seconds).reduce((a, b) => a + b, 0);
  return { busyShare: round((100 * (after.busy - before.busy)) / (after.total - before.total)) / 100, cpuSeconds: { ...seconds, other: round(Math.max(0, busySeconds - ours)) } };
}

/**
 * Waits until the servers have warmed up (compose/warmUp.ts: /health says how far) and their process trees
 * are idle (under a tenth of a core over half a second; 30 s at most for both): what the bench times is the
 * steady state, not two servers' start-ups sharing the cores with the first measurements.
 */
export async function settled(servers: ChildServer[]): Promise<void> {
  const groups = Object.fromEntries(servers.map((s, i) => [String(i), s.process.pid!]));
  const deadline = performance.now() + 30_000;
  const warming = async (server: ChildServer) => {
    const health = (await (await fetch(new URL('/health', server.url))).json()) as { workerThreads?: { warmUp?: { step: string } | null } };
    const step = health.workerThreads?.warmUp?.step;
    return step !== undefined && step !== 'done' && step !== 'failed';
  };
  while (performance.now() < deadline && (await Promise.all(servers.map(warming))).some(Boolean)) await new Promise((r) => setTimeout(r, 100));
  let before = cpuSnapshot(groups);
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const after = cpuSnapshot(groups);
    const { cpuSeconds } = cpuBetween(before, after);
    if (servers.every((_, i) => (cpuSeconds as Record<string, number>)[String(i)]! < 0.05)) return;
    before = after;
  }
}
