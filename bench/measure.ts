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
