import type { ClaimMeasure, Comparator, StatedClaim, Verdict } from '../db/schema';
import { InputError } from '../errors';
import type { IssueTypeModule, Measure } from '../issueTypes/definition';
import { issueTypeModule } from '../issueTypes/registry';
import type { IssueSpec } from './types';

/**
 * Whether a hypothesis held: the figure its description claims ("23% missing", "12 duplicate ids",
 * "spelled five ways", "prices above $500", "no missing values") against the one measured.
 *
 * Tolerances: a percentage within max(2 points, 10% of the claim); a count within max(1, 5% of the
 * claim), 10% when the claim is hedged ("about", "~", "roughly"…); "more than / at least / fewer than"
 * compare one way. A bound ("above $500") holds when some value lies beyond it. With no figure claimed
 * the hypothesis is CONFIRMED when anything is affected and REFUTED when nothing is. A claim the result
 * carries no figure for, or an investigation without a result, is INCONCLUSIVE. A claim the client stated
 * (IssueInput.claim: a measure, a comparator, a value) is used instead of the description's, with the
 * same tolerances (ABOUT as hedged; the extreme values compared exactly).
 */

type Direction = 'eq' | 'gt' | 'lt';

interface Claim {
  kind: 'percent' | 'count' | 'bound';
  value: number;
  direction: Direction;
  hedged: boolean;
  /** "at least", "at most": the claimed figure itself satisfies the claim. */
  inclusive: boolean;
  /** The words after a count up to its noun ("duplicate ids", "ways"), lower-cased. */
  nouns?: string[];
  text: string;
}

const PERCENT_TOLERANCE_POINTS = 2;
const PERCENT_TOLERANCE_RELATIVE = 0.1;
const COUNT_TOLERANCE_RELATIVE = 0.05;
const HEDGED_COUNT_TOLERANCE_RELATIVE = 0.1;

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const NUMBER = String.raw`(${DIGITS}|\b(?:${Object.keys(NUMBER_WORDS).join('|')})\b)`;
const HEDGE = String.raw`(?:about|around|approximately|approx\.?|roughly|nearly|almost|circa|ca\.|~|≈)`;
// Negated comparisons first, so "no more than" is not read as "more than".
const MORE = String.raw`(?:no less than|not less than|no fewer than|not fewer than|more than|over|above|at least|greater than|higher than|exceeding|exceeds|in excess of|>=?|≥)`;
const LESS = String.raw`(?:no more than|not more than|not over|not above|less than|fewer than|under|below|at most|lower than|up to|<=?|≤)`;
const INCLUSIVE = /^(?:at least|at most|up to|no (?:less|fewer|more) than|not (?:less|fewer|more) than|not over|not above|>=|<=|≥|≤)$/i;
const COUNT_NOUN =
  /^(?:rows?|records?|entries|entry|values?|ids?|keys?|duplicates?|duplicated|outliers?|spikes?|transactions?|orders?|items?|cells?|lines?|cases?|ways|spellings?|variants?|variations?|versions?|forms?|names?|groups?|nulls?|blanks?|missing|nans?|customers?|products?|suppliers?|occurrences?)$/i;
/** Nouns whose count is the affected rows (or, for missing values, the missing cells of a column). */
const ROW_NOUN =
  /^(?:rows?|records?|entries|entry|values?|cells?|lines?|cases?|transactions?|orders?|items?|occurrences?|duplicates?|duplicated|outliers?|spikes?|nulls?|blanks?|missing|nans?)$/i;

const QUALIFIER = String.raw`(?:(${HEDGE})\s*|(${MORE})\s*|(${LESS})\s*)?`;
const PERCENT_RE = new RegExp(String.raw`${QUALIFIER}${NUMBER}\s*(?:%|percent\b|per cent\b)`, 'gi');
/**
 * A number (optionally "N of M": the first is the claim), then up to three words of which one must be a
 * count noun ("12 duplicate ids", "five ways", "50 of 1,000 rows").
 */
const COUNT_RE = new RegExp(
  String.raw`${QUALIFIER}(?<![\w.$€£-])${NUMBER}(?![\w.%]|-\d)(?:\s+(?:of|out of)\s+(?:${DIGITS}))?((?:\s+[A-Za-z_-]+){1,3})`,
  'gi',
);
/** "no missing values", "there are no duplicates", "has no outliers": a claim of zero (not "orders with no id"). */
const NONE_RE = /(?:^|[.;:!?]\s*|\b(?:has|have|there (?:are|is)|contains?|shows?|shows?)\s+)(?:no|zero)((?:\s+[A-Za-z_-]+){1,3})/gi;
const BOUND_RE = new RegExp(String.raw`(${MORE}|${LESS})\s*([$€£]\s*)?(-?(?:${DIGITS}))\s*([kK]|[mM]\b|bn\b)?(?![\w%.])`, 'gi');
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9 };

/**
 * The description with what is not a claimed figure blanked out: quoted examples, the investigated
 * columns' names, multiples ("3 standard deviations", "1.5x the median"), ranks ("top 10"), years
 * ("in 2024", "Q4 2023"); and "1 000" written as "1000".
 */
function claimText(description: string, columns: readonly string[]): string {
  let text = ` ${description.replace(/\s+/g, ' ')} `;
  text = text.replace(/(?<=\d) (?=\d{3}\b)/g, '');
  text = text.replace(/"[^"]*"|“[^”]*”|(?<=[\s(\[,])'[^']*'(?=[\s),.;:\]])/g, ' _ ');
  for (const column of [...columns].sort((a, b) => b.length - a.length)) {
    if (/\d/.test(column)) text = text.split(column).join(' _ ');
  }
  text = text.replace(/\b\d+(?:\.\d+)?\s*(?:x\b|×|times\b|standard deviations?|std\b|stddevs?|sd\b|sigmas?|σ|iqrs?\b)/gi, ' _ ');
  text = text.replace(/\b(?:top|bottom|first|last)\s+\d+\b/gi, ' _ ');
  text = text.replace(
    /\b(in|since|during|from|until|till|before|after|of|for|year|fy|q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\s+(?:19|20)\d{2}\b(?!\s*%)/gi,
    '$1 _',
  );
  text = text.replace(/\b(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?\b/g, ' _ ');
  return text.replace(/\s+/g, ' ').trim();
}

const toNumber = (text: string): number => NUMBER_WORDS[text.toLowerCase()] ?? Number(text.replace(/,/g, ''));

/** The words after a number up to and including the last count noun, or null when none is one. */
function countNouns(tail: string): string[] | null {
  const words = tail.trim().toLowerCase().split(/\s+/);
  const last = words.findLastIndex((w) => COUNT_NOUN.test(w));
  return last < 0 ? null : words.slice(0, last + 1);
}

function qualified(kind: Claim['kind'], value: number, m: RegExpMatchArray, nouns?: string[]): Claim {
  const comparator = (m[2] ?? m[3])?.trim();
  return {
    kind,
    value,
    direction: m[2] ? 'gt' : m[3] ? 'lt' : 'eq',
    inclusive: comparator ? INCLUSIVE.test(comparator) : false,
    hedged: !!m[1],
    nouns,
    text: m[0].trim(),
  };
}

/** The figure a description claims, if any: a percentage first, then a count, then a bound. */
export function claimOf(description: string, columns: readonly string[] = []): Claim | null {
  const text = claimText(description, columns);
  for (const m of text.matchAll(PERCENT_RE)) return qualified('percent', toNumber(m[4]!), m);
  for (const m of text.matchAll(COUNT_RE)) {
    const nouns = countNouns(m[5]!);
    if (!nouns) continue;
    const claim = qualified('count', toNumber(m[4]!), m, nouns);
    claim.text = `${m[0].slice(0, m[0].length - m[5]!.length)} ${nouns.join(' ')}`.replace(/\s+/g, ' ').trim();
    return claim;
  }
  for (const m of text.matchAll(NONE_RE)) {
    const nouns = countNouns(m[1]!);
    if (nouns) return { kind: 'count', value: 0, direction: 'eq', inclusive: false, hedged: false, nouns, text: `no ${nouns.join(' ')}` };
  }
  for (const m of text.matchAll(BOUND_RE)) {
    const more = new RegExp(`^${MORE}$`, 'i').test(m[1]!) && !new RegExp(`^${LESS}$`, 'i').test(m[1]!);
    const value = toNumber(m[3]!) * (m[4] ? SCALE[m[4].toLowerCase()]! : 1);
    return { kind: 'bound', value, direction: more ? 'gt' : 'lt', inclusive: INCLUSIVE.test(m[1]!), hedged: false, text: m[0].trim() };
  }
  return null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : Number(n.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 4 }));

/** The measured figures a count claim may mean, the likeliest first: the type's own (ids of duplicates, spellings of a name…), then affected rows for row nouns. */
function countMeasures(type: string, nouns: string[], output: Record<string, unknown>): Measure[] {
  const measures = issueTypeModule(type)?.verdict?.countMeasures?.(nouns, output) ?? [];
  const affected = { value: num(output.affected_count)!, what: 'affected rows' };
  return nouns.some((w) => ROW_NOUN.test(w)) ? [...measures, affected] : measures;
}

function boundMeasure(claim: Claim, output: Record<string, unknown>): Measure | null {
  const extreme = claim.direction === 'gt' ? num(output.max) : num(output.min);
  if (extreme !== null) return { value: extreme, what: claim.direction === 'gt' ? 'largest value' : 'smallest value' };
  return null;
}

function holds(claim: Claim, measured: number): { ok: boolean; tolerance: number } {
  const relative = claim.kind === 'count' ? (claim.hedged ? HEDGED_COUNT_TOLERANCE_RELATIVE : COUNT_TOLERANCE_RELATIVE) : PERCENT_TOLERANCE_RELATIVE;
  const floor = claim.kind === 'percent' ? PERCENT_TOLERANCE_POINTS : claim.value === 0 ? 0 : 1;
  const tolerance = claim.kind === 'bound' ? 0 : Math.max(floor, relative * claim.value);
  if (claim.direction === 'gt') return { ok: claim.inclusive ? measured >= claim.value : measured > claim.value, tolerance };
  if (claim.direction === 'lt') return { ok: claim.inclusive ? measured <= claim.value : measured < claim.value, tolerance };
  return { ok: Math.abs(measured - claim.value) <= tolerance, tolerance };
}

/** The measures a stated claim may name for this type: every type's two, then the type's own. */
function statedMeasures(type: string): Partial<Record<ClaimMeasure, { what: string; of(output: Record<string, unknown>): number | null }>> {
  return {
    AFFECTED_ROWS: { what: 'affected rows', of: (o) => num(o.affected_count) },
    AFFECTED_PERCENTAGE: { what: 'affected percentage', of: (o) => num(o.affected_percentage) },
    ...issueTypeModule(type)?.verdict?.claimMeasures,
  };
}

/** A stated claim checked against its issue's type (the mutation's validation): BAD_USER_INPUT naming `where`. */
export function checkClaim(claim: StatedClaim, module: IssueTypeModule | undefined, where: string): StatedClaim {
  const allowed = Object.keys(statedMeasures(module?.type ?? ''));
  if (!allowed.includes(claim.measure)) {
    throw new InputError(`${where}.measure ${claim.measure} is not a figure of ${module ? `a "${module.type}" result` : 'this type'}; it may be ${allowed.join(', ')}`, {
      field: `${where}.measure`,
    });
  }
  const extreme = isExtreme(claim.measure);
  const mustBe = !Number.isFinite(claim.value)
    ? 'a finite number'
    : claim.measure === 'AFFECTED_PERCENTAGE' && (claim.value < 0 || claim.value > 100)
      ? 'between 0 and 100'
      : !extreme && claim.value < 0
        ? 'a non-negative number'
        : null;
  if (mustBe) throw new InputError(`${where}.value must be ${mustBe}; got ${claim.value}`, { field: `${where}.value` });
  return { measure: claim.measure, comparator: claim.comparator, value: claim.value };
}

/** A column's largest or smallest value: any number, not a count. */
const isExtreme = (measure: ClaimMeasure) => measure === 'MAX_VALUE' || measure === 'MIN_VALUE';

const COMPARATOR_WORDS: Record<Comparator, string> = { EQ: '=', ABOUT: '≈', GT: '>', GTE: '≥', LT: '<', LTE: '≤' };

/** A claim the client stated exactly: its measure against the result, the comparator as given. */
function judgeStated(claim: StatedClaim, type: string, output: Record<string, unknown>): Verdict {
  const measure = statedMeasures(type)[claim.measure]!;
  const measured = measure.of(output);
  const stated = `${claim.measure.toLowerCase().replaceAll('_', ' ')} ${COMPARATOR_WORDS[claim.comparator]} ${fmt(claim.value)}`;
  if (measured === null) {
    return { status: 'INCONCLUSIVE', claimed: claim.value, measured: null, explanation: `Stated claim: ${stated}; the result carries no ${measure.what}.` };
  }
  const percent = claim.measure === 'AFFECTED_PERCENTAGE';
  const exact = isExtreme(claim.measure);
  const relative = percent ? PERCENT_TOLERANCE_RELATIVE : claim.comparator === 'ABOUT' ? HEDGED_COUNT_TOLERANCE_RELATIVE : COUNT_TOLERANCE_RELATIVE;
  // Counts are whole: at least 1 apart; extreme values are any number: relative only.
  const floor = percent ? PERCENT_TOLERANCE_POINTS : exact || claim.value === 0 ? 0 : 1;
  const tolerance = exact && claim.comparator === 'EQ' ? 1e-9 * Math.max(1, Math.abs(claim.value)) : Math.max(floor, relative * Math.abs(claim.value));
  const ok = {
    EQ: () => Math.abs(measured - claim.value) <= tolerance,
    ABOUT: () => Math.abs(measured - claim.value) <= tolerance,
    GT: () => measured > claim.value,
    GTE: () => measured >= claim.value,
    LT: () => measured < claim.value,
    LTE: () => measured <= claim.value,
  }[claim.comparator]();
  const within = claim.comparator === 'EQ' || claim.comparator === 'ABOUT' ? ` (tolerance ±${fmt(tolerance)}${percent ? ' points' : ''})` : '';
  const shown = percent ? `${measured.toFixed(1)}%` : fmt(measured);
  return {
    status: ok ? 'CONFIRMED' : 'REFUTED',
    claimed: claim.value,
    measured,
    explanation: `Stated claim: ${stated}; measured ${shown} (${measure.what})${within}: the claim ${ok ? 'holds' : 'does not hold'}.`,
  };
}

export function judgeHypothesis(
  issue: Pick<IssueSpec, 'description' | 'type' | 'claim'> & { affectedColumns?: readonly string[] },
  outcome: { status: string; output: Record<string, unknown> | null; error?: string | null },
): Verdict {
  if (issue.claim && outcome.status === 'SUCCEEDED' && outcome.output) return judgeStated(issue.claim, issue.type, outcome.output);
  const claim = claimOf(issue.description, issue.affectedColumns ?? []);
  const claimed = claim?.value ?? null;
  const output = outcome.output;
  const affected = output ? num(output.affected_count) : null;
  if (outcome.status !== 'SUCCEEDED' || !output || affected === null) {
    return { status: 'INCONCLUSIVE', claimed, measured: null, explanation: `No result to judge the hypothesis by (the investigation ${outcome.status.toLowerCase()}).` };
  }
  const rows = num(output.rows_analyzed) ?? 0;
  const pct = num(output.affected_percentage) ?? (rows ? (affected / rows) * 100 : 0);
  if (!claim) {
    return affected > 0
      ? { status: 'CONFIRMED', claimed: null, measured: affected, explanation: `No figure claimed; ${fmt(affected)} of ${fmt(rows)} rows (${pct.toFixed(1)}%) are affected.` }
      : { status: 'REFUTED', claimed: null, measured: 0, explanation: `No figure claimed, and none of the ${fmt(rows)} rows is affected.` };
  }
  const candidates: Measure[] =
    claim.kind === 'percent'
      ? [{ value: pct, what: 'affected percentage' }]
      : claim.kind === 'count'
        ? countMeasures(issue.type, claim.nouns ?? [], output)
        : [boundMeasure(claim, output)].filter((m): m is Measure => m !== null);
  if (claim.kind === 'bound' && !candidates.length && issueTypeModule(issue.type)?.verdict?.boundHoldsWhenAffected) {
    // Results without extremes (out_of_range applies the bound itself): the bound holds when rows lie beyond it.
    return {
      status: affected > 0 ? 'CONFIRMED' : 'REFUTED',
      claimed,
      measured: affected,
      explanation: `Claimed "${claim.text}"; ${fmt(affected)} of ${fmt(rows)} rows are affected: the claim ${affected > 0 ? 'holds' : 'does not hold'}.`,
    };
  }
  if (!candidates.length) {
    return {
      status: 'INCONCLUSIVE',
      claimed,
      measured: null,
      explanation: `The description claims "${claim.text}", but a "${issue.type}" result carries no figure to compare it with (${fmt(affected)} rows are affected).`,
    };
  }
  const judged = candidates.map((m) => ({ m, ...holds(claim, m.value) }));
  const chosen = judged.find((j) => j.ok) ?? judged[0]!;
  const tolerance =
    claim.kind === 'bound' ? '' : claim.direction === 'eq' ? ` (tolerance ±${fmt(chosen.tolerance)}${claim.kind === 'percent' ? ' points' : ''})` : '';
  const measuredText = claim.kind === 'percent' ? `${chosen.m.value.toFixed(1)}%` : fmt(chosen.m.value);
  return {
    status: chosen.ok ? 'CONFIRMED' : 'REFUTED',
    claimed,
    measured: chosen.m.value,
    explanation: `Claimed "${claim.text}"; measured ${measuredText} (${chosen.m.what})${tolerance}: the claim ${chosen.ok ? 'holds' : 'does not hold'}.`,
  };
}
