import { tmpdir } from 'node:os';
import { dirname } from 'node:path';

// ANSI/VT escape sequences (CSI, OSC, and two-character ones), then the C0 and C1 controls they leave.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text a script wrote (its stderr), made plain before it is stored and shown: terminal escape sequences
 * and control characters removed, so that no client's terminal or log viewer acts on them. Newlines and
 * tabs stay. (HTML in it is text: clients must escape what they show, as for any other field.)
 */
export function plainText(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** Absolute paths of this host under the given roots (and the temp dir), replaced by `<host path>`. */
export function hideHostPaths(text: string, files: string[]): string {
  const roots = [...new Set([...files.map((f) => dirname(f)), tmpdir(), process.cwd()])].filter((r) => r.length > 1).sort((a, b) => b.length - a.length);
  let out = text;
  for (const root of roots) out = out.replace(new RegExp(`${escapeRegExp(root)}(?:/[^\\s'"\`:,)]*)?`, 'g'), '<host path>');
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Python's order of str, which the sandboxes' Python sorts by: code points (JavaScript's < compares UTF-16 units, which differs past U+FFFF). */
export function byCodePoint(a: string, b: string): number {
  const [x, y] = [Array.from(a), Array.from(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}
