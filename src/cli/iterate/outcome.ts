/** What makes `iterate investigate` exit non-zero, and with which code. */

export const FAILURE_KINDS = ['failed', 'refuted', 'inconclusive'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export const EXIT = { ok: 0, error: 1, failed: 2, refuted: 3, inconclusive: 4 } as const;

export interface Outcome {
  status: string;
  verdict: { status: string } | null;
}

/**
 * The exit code for a finished run: 2 when an investigation did not succeed (failed or cancelled), else 3
 * when a hypothesis was refuted, else 4 when one stayed inconclusive, each only when `failOn` names it;
 * 0 otherwise. The most serious wins.
 */
export function exitCode(investigations: readonly Outcome[], failOn: ReadonlySet<FailureKind>): number {
  const has = (kind: FailureKind) =>
    failOn.has(kind) &&
    investigations.some((i) => (kind === 'failed' ? i.status !== 'SUCCEEDED' : i.status === 'SUCCEEDED' && i.verdict?.status === kind.toUpperCase()));
  for (const kind of FAILURE_KINDS) if (has(kind)) return EXIT[kind];
  return EXIT.ok;
}

/** `--fail-on failed,refuted` (or `none`) as a set, or an error naming what is not a kind. */
export function parseFailOn(text: string): Set<FailureKind> {
  const parts = text.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 1 && parts[0] === 'none') return new Set();
  const unknown = parts.filter((p) => !(FAILURE_KINDS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`--fail-on takes ${FAILURE_KINDS.join(', ')} or none, not ${unknown.join(', ')}`);
  return new Set(parts as FailureKind[]);
}
