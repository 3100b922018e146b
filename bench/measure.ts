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

/** CPU seconds used so far: the whole machine (busy, all cores), by process command name. */
export function cpuSnapshot() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = fields[3]! + fields[4]!; // idle + iowait
  const total = fields.reduce((a, b) => a + b, 0);
  const byCommand: Record<string, number> = {};
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byCommand[command] = (byCommand[command] ?? 0) + after.slice(11, 15).reduce((n, x) => n + Number(x), 0); // utime, stime, and of reaped children
    } catch {
      /* ended meanwhile */
    }
  }
  return { busy: total - idle, total, byCommand };
}

const TICKS = 100; // USER_HZ

/**
 * What the machine did between two snapshots: its busy share over every core, and the CPU seconds of
 * the largest consumers (processes still alive at the end; ones that ended count in `busy` only).
 */
export function cpuBetween(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const seconds = Object.entries(after.byCommand)
    .map(([command, ticks]) => [command, (ticks - (before.byCommand[command] ?? 0)) / TICKS] as const)
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  return { busyShare: round((100 * (after.busy - before.busy)) / (after.total - before.total)) / 100, cpuSeconds: Object.fromEntries(seconds.map(([c, s]) => [c, round(s)])) };
}
