import { SequenceMatcher } from '../pipeline/fallback/sequenceMatcher';

/**
 * Whether two values of a column are one thing spelled two ways, or two things whose names look alike.
 * Similar letters alone say little: "Iceland" and "Ireland", "Ivan" and "Ian", "VS2" and "VVS2",
 * "North Carolina" and "South Carolina" are different things. A misspelling shows in the data's own shape:
 * the two differ only in case, accents, punctuation or spacing; or one is rare where the other is common
 * and they differ by a small edit inside a word long enough for a typo to stand out.
 */
export const SPELLING_RULES = {
  /** A typo is judged inside words of at least this many letters; shorter words differ by design. */
  minWordLength: 5,
  /** The rarer spelling of a pair holds at most this share of the common one's rows (or at most rareCount). */
  rareShare: 0.25,
  rareCount: 2,
  /** A word swapped for one this dissimilar is another word, not a misspelling. */
  sameWordRatio: 0.75,
  /**
   * A word inside names is misspelled only beside a word that at least this share of the column's distinct
   * values carry (a brand, a category word): rare proper names one letter apart are just other names.
   */
  commonShare: 0.02,
} as const;

/** Words that name opposite or neighbouring members of a set: a value with one is not a misspelling of a value with another. */
const CONTRASTS = [
  ['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'northeast', 'northwest', 'southeast', 'southwest', 'central', 'mid'],
  ['upper', 'lower', 'left', 'right', 'inner', 'outer', 'front', 'back', 'top', 'bottom', 'middle'],
  ['lesser', 'greater', 'minor', 'major', 'small', 'large', 'big', 'little', 'high', 'low', 'min', 'max', 'minimum', 'maximum'],
  ['new', 'old', 'pre', 'post', 'early', 'late', 'first', 'last', 'before', 'after'],
];
const CONTRAST = new Map(CONTRASTS.flatMap((set, i) => set.map((w) => [w, i] as const)));
/** A prefix that makes an opposite label ("active" / "inactive"), not a misspelling. */
const NEGATION = /^(?:in|un|non|non-|dis|im|ir|il|a)$/;

const fingerprint = (v: string) => v.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const digitsOf = (v: string) => v.replace(/\D/g, '');
export const wordsOf = (v: string) => v.normalize('NFKD').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Only case, accents, punctuation or spacing apart (but not only whitespace: that is whitespace_case's). */
export function formatVariants(a: string, b: string): boolean {
  return a.trim() !== b.trim() && fingerprint(a) === fingerprint(b) && fingerprint(a) !== '';
}

/** Two different words, one plausibly a typo of the other: long enough, similar, neither a contrast of the other. */
export function typoOfWord(s: string, t: string): boolean {
  if (s === t || Math.min(s.length, t.length) < SPELLING_RULES.minWordLength || /\d/.test(s + t)) return false;
  const [short, long] = s.length <= t.length ? [s, t] : [t, s];
  if (long.endsWith(short) && NEGATION.test(long.slice(0, long.length - short.length))) return false;
  if (CONTRAST.has(s) && CONTRAST.get(s) === CONTRAST.get(t)) return false;
  return new SequenceMatcher(s, t).ratio() >= SPELLING_RULES.sameWordRatio;
}

/**
 * Whether `a` (seen `countA` times) and `b` (`countB` times) are one value spelled two ways: format
 * variants always; otherwise the rarer must be rare beside the common one, their digits equal, and the
 * words that differ must be typos of each other (one word for one word).
 */
export function spellingPair(a: string, b: string, countA = 1, countB = 1): boolean {
  if (formatVariants(a, b)) return true;
  if (a.trim() === b.trim() || digitsOf(a) !== digitsOf(b)) return false;
  const [common, rare] = countA >= countB ? [countA, countB] : [countB, countA];
  if (!(rare < common && (rare <= SPELLING_RULES.rareCount || rare <= SPELLING_RULES.rareShare * common))) return false;
  const [x, y] = [wordsOf(a), wordsOf(b)];
  if (x.length !== y.length) {
    // A word joined or split ("hand bag", "handbag") is a format variant, found above; anything else is another value.
    return false;
  }
  const differing = x.flatMap((w, i) => (w === y[i] ? [] : [i]));
  return differing.length === 1 && typoOfWord(x[differing[0]!]!, y[differing[0]!]!);
}

/** One insertion, deletion, substitution or swap of neighbours apart (optimal string alignment distance 1). */
export function oneEditApart(s: string, t: string): boolean {
  if (s === t || Math.abs(s.length - t.length) > 1) return false;
  let i = 0;
  while (i < Math.min(s.length, t.length) && s[i] === t[i]) i++;
  if (s.length === t.length) {
    if (s.slice(i + 1) === t.slice(i + 1)) return true;
    return s[i] === t[i + 1] && s[i + 1] === t[i] && s.slice(i + 2) === t.slice(i + 2);
  }
  const [short, long] = s.length < t.length ? [s, t] : [t, s];
  return short.slice(i) === long.slice(i + 1);
}

/**
 * A word of a name that misspells a common one: one edit apart, the same first letter (a changed first
 * letter makes another word: "peach", "beach"), and not one a suffix of the other ("point", "pointe";
 * "island", "islands").
 */
function misspells(word: string, common: string): boolean {
  if (word[0] !== common[0] || word.startsWith(common) || common.startsWith(word)) return false;
  return oneEditApart(word, common) && typoOfWord(word, common);
}

export interface MisspelledWord {
  word: string;
  /** The common word it misspells, and how many distinct values carry each. */
  likely: string;
  values: number;
  likelyValues: number;
}

/**
 * Misspellings inside one word of multi-word values (names, titles: "chevroelt chevelle malibu" beside
 * 43 values with "chevrolet"): a word carried by few distinct values that is a typo of a word many carry.
 */
export function misspelledWords(distinctValues: Iterable<string>, limit = 10): MisspelledWord[] {
  const carriers = new Map<string, number>();
  let distinct = 0;
  for (const value of distinctValues) {
    distinct += 1;
    for (const w of new Set(wordsOf(value))) carriers.set(w, (carriers.get(w) ?? 0) + 1);
  }
  const enough = Math.max(3, SPELLING_RULES.commonShare * distinct);
  const common = [...carriers].filter(([w, n]) => n >= enough && w.length >= SPELLING_RULES.minWordLength && !/\d/.test(w));
  const found: MisspelledWord[] = [];
  for (const [word, values] of carriers) {
    if (values > SPELLING_RULES.rareCount || word.length < SPELLING_RULES.minWordLength || /\d/.test(word)) continue;
    let best: [string, number] | null = null;
    for (const [other, n] of common) {
      // Only words far more common, and of lengths a 0.75 ratio allows (2·min / sum).
      if (n < values / SPELLING_RULES.rareShare || (2 * Math.min(word.length, other.length)) / (word.length + other.length) < SPELLING_RULES.sameWordRatio) continue;
      if (misspells(word, other) && (!best || n > best[1])) best = [other, n];
    }
    if (best) found.push({ word, likely: best[0], values, likelyValues: best[1] });
    if (found.length >= limit) break;
  }
  return found;
}
