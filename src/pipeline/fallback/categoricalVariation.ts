import { SHARED_RULES } from '../../issueTypes/sharedRules';
import type { DatasetRef, IssueSpec } from '../types';
import { encodedDataset } from './encodedDataset';
import { occurrences } from './columnValues';
import { strCodes } from './objectColumn';
import { PY_WORD } from './pyUnicode';
import { columnPositions, envelope, type Scan } from './scan';
import { SequenceMatcher } from './sequenceMatcher';

const THRESHOLD = SHARED_RULES.similarity_threshold;
const POSTING_CAP = 32;
// Python's str.isalnum() (Unicode 14): JavaScript's \p{L}\p{N} follow Node's newer Unicode and differ on new letters.
const ALNUM = new RegExp(`^(?!_)[${PY_WORD}]$`, 'u');

/** Code points compared as Python compares str (by code point, not UTF-16 unit). */
function compareText(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

function fingerprint(value: string): string {
  return Array.from(value.normalize('NFKD').toLowerCase())
    .filter((ch) => ALNUM.test(ch))
    .join('');
}

function minOverlap(m: number, n: number): number | null {
  const matched = Math.floor((17 * (m + n)) / 40) + 1;
  if (matched > Math.min(m, n) - (m === n ? 1 : 0)) return null;
  return 3 * matched - (m + n) - 1;
}

function minOverlapForLength(m: number): number | null {
  let best: number | null = null;
  for (let n = 1; n < 2 * m + 3; n++) {
    const b = minOverlap(m, n);
    if (b !== null && (best === null || b < best)) best = b;
  }
  return best;
}

/** Multiset bigrams of a text: each (gram, occurrence number), as `gram\u0000k`. */
function bigrams(chars: string[]): Array<{ gram: string; k: number; token: string }> {
  const seen = new Map<string, number>();
  const out: Array<{ gram: string; k: number; token: string }> = [];
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    const k = (seen.get(gram) ?? 0) + 1;
    seen.set(gram, k);
    out.push({ gram, k, token: `${gram}\u0000${k}` });
  }
  return out;
}

/** Python's a[:end] length for a list of `length` items. */
const sliceEnd = (length: number, end: number) => (end >= 0 ? Math.min(end, length) : Math.max(0, length + end));

/**
 * categorical_variation: values that are spellings of one another (RESULTS.md), with the template's
 * exact blocking, so that the groups are the same as the pandas template's.
 *
 * Values are str() of what pandas holds (objectColumn.ts): in a text column, a chunk of rows that pandas
 * reads as numbers or booleans gives str(7) = "7" for "007" and "True" for "TRUE", and booleans with
 * missing values are True/False; floats are parsed as pandas does (precise_xstrtod, pandasSemantics.ts).
 * Throws where pandas' typing of a chunk depends on the order of its values (objectColumn.ts).
 */
export async function categoricalVariation(issue: IssueSpec, dataset: DatasetRef, _scan?: Scan) {
  const [position] = columnPositions(dataset, issue);
  const { codes: valueIds, texts: values } = strCodes(dataset, await encodedDataset(dataset), position!);
  const counts = occurrences(valueIds, values.length);
  const ids = new Map(values.map((v, i) => [v, i]));

  const parent = values.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };

  // 1. Equal fingerprints, and equal lower-cased text, are always variants.
  for (const key of [fingerprint, (v: string) => v.toLowerCase()]) {
    const firstWith = new Map<string, number>();
    values.forEach((v, i) => {
      const k = key(v);
      if (!firstWith.has(k)) firstWith.set(k, i);
      union(firstWith.get(k)!, i);
    });
  }

  // 2. Ratio > 0.85 for candidate pairs from the prefix filter over character bigrams.
  const lowered = values.map((v) => v.toLowerCase());
  const chars = lowered.map((s) => Array.from(s));
  const tokens = chars.map(bigrams);
  const frequency = new Map<string, number>();
  for (const ts of tokens) for (const t of ts) frequency.set(t.token, (frequency.get(t.token) ?? 0) + 1);
  const boundByLength = new Map<number, number | null>();
  const index = new Map<string, number[]>();
  for (let i = 0; i < lowered.length; i++) {
    const m = chars[i]!.length;
    if (!boundByLength.has(m)) boundByLength.set(m, minOverlapForLength(m));
    const bound = boundByLength.get(m)!;
    if (bound === null) continue;
    const ranked = [...tokens[i]!].sort(
      (a, b) => frequency.get(a.token)! - frequency.get(b.token)! || compareText(a.gram, b.gram) || a.k - b.k,
    );
    const candidates = new Set<number>();
    for (const t of ranked.slice(0, sliceEnd(ranked.length, ranked.length - bound + 1))) {
      let posting = index.get(t.token);
      if (!posting) index.set(t.token, (posting = []));
      for (const j of posting) candidates.add(j);
      if (posting.length < POSTING_CAP) posting.push(i);
    }
    const matcher = new SequenceMatcher('', lowered[i]!);
    for (const j of [...candidates].sort((a, b) => a - b)) {
      if (find(i) === find(j) || minOverlap(m, chars[j]!.length) === null) continue;
      matcher.setSeq1(lowered[j]!);
      if (matcher.quickRatio() > THRESHOLD && matcher.ratio() > THRESHOLD) union(i, j);
    }
  }

  const members = new Map<number, number[]>();
  values.forEach((_, i) => {
    const root = find(i);
    if (!members.has(root)) members.set(root, []);
    members.get(root)!.push(i);
  });
  const groups: Array<{ variants: string[]; count: number; canonical: string; variant_counts: number[]; first: number }> = [];
  for (const indices of members.values()) {
    if (indices.length < 2) continue;
    const variants = [...indices].sort((a, b) => counts[b]! - counts[a]! || a - b);
    groups.push({
      variants: variants.map((i) => values[i]!),
      count: variants.reduce((n, i) => n + counts[i]!, 0),
      canonical: values[variants[0]!]!,
      variant_counts: variants.map((i) => counts[i]!),
      first: variants[0]!,
    });
  }
  groups.sort((a, b) => b.count - a.count || a.first - b.first);
  const nonCanonical = new Uint8Array(values.length);
  for (const g of groups) for (const v of g.variants.slice(1)) nonCanonical[ids.get(v)!] = 1;
  const { count, first } = rowsOfCodes(valueIds, nonCanonical);
  return {
    ...envelope('categorical_variation', issue.affectedColumns, dataset.rowCount, count, first),
    total_unique: values.length,
    total_variation_groups: groups.length,
    variation_groups: groups.map(({ variants, count: rows, canonical, variant_counts }) => ({ variants, count: rows, canonical, variant_counts })),
  };
}

/** The rows whose code is flagged: how many, and the first ten (a loop over every row in a function of its own: occurrences). */
function rowsOfCodes(codes: Int32Array, flagged: Uint8Array): { count: number; first: number[] } {
  const first: number[] = [];
  let count = 0;
  for (let row = 0; row < codes.length; row++) {
    if (codes[row]! >= 0 && flagged[codes[row]!]) {
      count += 1;
      if (first.length < 10) first.push(row);
    }
  }
  return { count, first };
}
