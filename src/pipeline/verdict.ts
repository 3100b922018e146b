import type { ClaimMeasure, Comparator, StatedClaim, Verdict } from '../db/schema';
import { InputError } from '../errors';
import type { IssueTypeModule, Measure } from '../issueTypes/definition';
import { issueTypeModule } from '../issueTypes/registry';
import { readByRules, type UnderstoodClaim } from '../claims/claimService';
import type { BoundFigure, ClaimReading, Figure } from '../claims/reader';
import type { IssueSpec } from './types';

/**
 * Whether a hypothesis held. A claim the client stated exactly (IssueInput.claim: a measure, a comparator,
 * a value) is judged first. Otherwise the description is read (src/claims/reader.ts) into its polarity and
 * figures, and the explanation says how it was read:
 *
 * - a PROBLEM claimed holds when the data shows it: its share, its count of things (any noun: "on more
 *   than 20 days", "600 orders"), its bound ("prices above $500": some value beyond it), or, with no
 *   figure, any affected row;
 * - a RULE stated ("ids are unique", "Min.Price never exceeds Price", "Temp is always between 50 and 100")
 *   holds when no row breaks it;
 * - a claimed cause ("…because the monitor was down") is INCONCLUSIVE: no value in the file can settle it.
 *
 * Tolerances: a percentage within max(2 points, 10% of the claim); a count within 5% of the claim (at least 1
 * from 10 on), 10% when hedged ("about", "~", "roughly"…); comparisons ("more than", "at least", "fewer than") one way.
 * INCONCLUSIVE otherwise only when the result carries no figure for what is claimed, or there is no result.
 */

const PERCENT_TOLERANCE_POINTS = 2;
const PERCENT_TOLERANCE_RELATIVE = 0.1;
const COUNT_TOLERANCE_RELATIVE = 0.05;
const HEDGED_COUNT_TOLERANCE_RELATIVE = 0.1;
/** Counts below this are held exactly (beyond the relative tolerance). */
const SMALL_COUNT = 10;

/** Words saying a count is of the outlying rows themselves. */
const OUTLYING = /\b(?:outliers?|outlying|standard deviations?|sigmas?|z-?scores?|extreme)\b/i;
/** Nouns that count kinds of values, never rows. */
const NOT_ROWS = /^(?:ways?|spellings?|variants?|variations?|versions?|forms?|formats?|groups?|kinds?|types?|categories|classes|levels|times)$/i;
/** Nouns whose count is the affected rows, whatever the type. */
const ROW_NOUN = /^(?:rows?|records?|entries|entry|lines?|cells?|values?|observations?|readings?|copies|duplicates?|duplicated|occurrences?|outliers?|spikes?|nulls?|blanks?|nans?)$/i;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : Number(n.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 4 }));

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
  understood?: UnderstoodClaim,
): Verdict {
  const output = outcome.output;
  if (issue.claim && outcome.status === 'SUCCEEDED' && output) return judgeStated(issue.claim, issue.type, output);
  const byRules = () => readByRules({ ...issue, affectedColumns: issue.affectedColumns ?? [] });
  // No result to judge a stated claim by.
  if (issue.claim) return { ...judgeReading(issue, outcome, byRules(), ''), claimed: issue.claim.value };
  if (!understood?.model) return judgeReading(issue, outcome, understood ?? byRules(), readerOf(understood));
  // The model read it: the rule reader checks it, and a different verdict from its reading is said.
  const verdict = judgeReading(issue, outcome, understood, readerOf(understood));
  const check = judgeReading(issue, outcome, byRules(), '');
  if (check.status === verdict.status) return verdict;
  return { ...verdict, explanation: `${verdict.explanation} (The rule reader reads it otherwise and would say ${check.status}: ${check.explanation})` };
}

/** Who read the claim, as the explanation names it. */
function readerOf(understood: UnderstoodClaim | undefined): string {
  if (understood?.model) return ` by ${understood.model}${understood.cached ? ' (a stored reading)' : ''}`;
  if (understood?.fallback) return ` by the rule reader (the model's reading is not used: ${understood.fallback})`;
  return '';
}

function judgeReading(
  issue: Pick<IssueSpec, 'description' | 'type'>,
  outcome: { status: string; output: Record<string, unknown> | null },
  { reading }: UnderstoodClaim,
  reader: string,
): Verdict {
  const output = outcome.output;
  const count = reading.count?.vague ? undefined : reading.count?.value;
  const claimed = reading.share?.value ?? count ?? boundValue(reading.bound) ?? reading.count?.value ?? null;
  const affected = output ? num(output.affected_count) : null;
  if (outcome.status !== 'SUCCEEDED' || !output || affected === null) {
    return { status: 'INCONCLUSIVE', claimed, measured: null, explanation: `No result to judge the hypothesis by (the investigation ${outcome.status.toLowerCase()}).` };
  }
  const rows = num(output.rows_analyzed) ?? 0;
  const pct = num(output.affected_percentage) ?? (rows ? (affected / rows) * 100 : 0);
  const found = `${fmt(affected)} of ${fmt(rows)} rows (${pct.toFixed(1)}%) are affected`;
  const asRead = reading.polarity === 'RULE' ? `Read${reader} as a rule that should hold on every row` : `Read${reader} as a claim of a problem`;
  if (reading.undecidable) {
    return { status: 'INCONCLUSIVE', claimed, measured: affected, explanation: `${asRead}, but ${reading.undecidable}; ${found}.` };
  }
  const ctx: Judging = { issue, reading, output, affected, rows, pct, claimed, asRead, description: issue.description };
  if (reading.bound) return judgeBound(ctx, reading.bound);
  if (reading.polarity === 'RULE' && !reading.count?.value && !reading.share) {
    const ok = affected === 0;
    return {
      status: ok ? 'CONFIRMED' : 'REFUTED',
      claimed,
      measured: affected,
      explanation: ok ? `${asRead}: it holds, none of the ${fmt(rows)} rows breaks it.` : `${asRead}: it does not hold, ${fmt(affected)} of ${fmt(rows)} rows (${pct.toFixed(1)}%) break it.`,
    };
  }
  if (reading.share) return compare(ctx, reading.share, [{ value: pct, what: 'affected percentage' }], 'percent');
  if (reading.count) {
    const measures = countMeasures(issue.type, reading.count.subject, output);
    if (!measures.length) {
      return {
        status: 'INCONCLUSIVE',
        claimed,
        measured: null,
        explanation: `${asRead}: "${reading.count.text}", but a "${issue.type}" result carries no figure that counts ${reading.count.subject.join(' ') || 'them'} (${found}).`,
      };
    }
    return compare(ctx, reading.count, measures, 'count');
  }
  if (reading.occurrences && issue.type === 'duplicates') return judgeOccurrences(ctx, reading.occurrences);
  return affected > 0
    ? { status: 'CONFIRMED', claimed: null, measured: affected, explanation: `${asRead}, with no figure: it holds, ${found}.` }
    : { status: 'REFUTED', claimed: null, measured: 0, explanation: `${asRead}, with no figure: it does not hold, none of the ${fmt(rows)} rows is affected.` };
}

interface Judging {
  issue: Pick<IssueSpec, 'type'>;
  reading: ClaimReading;
  output: Record<string, unknown>;
  affected: number;
  rows: number;
  pct: number;
  claimed: number | null;
  asRead: string;
  description: string;
}

const boundValue = (b: BoundFigure | undefined) => (b ? (b.reaches ?? b.low ?? b.high ?? null) : null);

/** The measured figures a count may mean, the likeliest first: the type's own (distinct repeated keys, spellings…), then the affected rows. */
function countMeasures(type: string, subject: string[], output: Record<string, unknown>): Measure[] {
  const own = issueTypeModule(type)?.verdict?.countMeasures?.(subject, output) ?? [];
  const affected = { value: num(output.affected_count)!, what: 'affected rows' };
  // Anything counted is a row (days, storms, cars), except kinds of values ("3 ways") and, in a type whose own
  // figures count something else (keys, spellings), anything but rows.
  const kinds = subject.some((w) => NOT_ROWS.test(w));
  const rowsToo = !kinds && (subject.some((w) => ROW_NOUN.test(w)) || !issueTypeModule(type)?.verdict?.countMeasures);
  return rowsToo ? [affected, ...own] : own;
}

function tolerance(kind: 'percent' | 'count', figure: Figure): number {
  if (kind === 'percent') return Math.max(PERCENT_TOLERANCE_POINTS, PERCENT_TOLERANCE_RELATIVE * figure.value);
  const relative = figure.comparator === 'ABOUT' ? HEDGED_COUNT_TOLERANCE_RELATIVE : COUNT_TOLERANCE_RELATIVE;
  // Small counts are exact ("spelled two ways"); larger ones may be rounded by one.
  return Math.max(figure.value >= SMALL_COUNT ? 1 : 0, relative * figure.value);
}

function satisfies(figure: Figure, measured: number, within: number): boolean {
  switch (figure.comparator) {
    case 'GT':
      return measured > figure.value;
    case 'GTE':
      return measured >= figure.value;
    case 'LT':
      return measured < figure.value;
    case 'LTE':
      return measured <= figure.value;
    default:
      return Math.abs(measured - figure.value) <= within;
  }
}

function compare(ctx: Judging, figure: Figure, measures: Measure[], kind: 'percent' | 'count'): Verdict {
  const within = tolerance(kind, figure);
  const judged = measures.map((m) => ({ m, ok: satisfies(figure, m.value, within) }));
  const chosen = judged.find((j) => j.ok) ?? judged[0]!;
  const exact = figure.comparator === 'EQ' || figure.comparator === 'ABOUT';
  const shown = kind === 'percent' ? `${chosen.m.value.toFixed(1)}%` : fmt(chosen.m.value);
  return {
    status: chosen.ok ? 'CONFIRMED' : 'REFUTED',
    claimed: figure.value,
    measured: chosen.m.value,
    explanation:
      `${ctx.asRead}: "${figure.text}"; measured ${shown} (${chosen.m.what})` +
      `${exact ? ` (tolerance ±${fmt(within)}${kind === 'percent' ? ' points' : ''})` : ''}: the claim ${chosen.ok ? 'holds' : 'does not hold'}.`,
  };
}

/** Whether a value lies beyond the bound (the problem side of "above 500", "below 20", "reaches 700"). */
function beyond(bound: BoundFigure, output: Record<string, unknown>): { value: number; what: string; ok: boolean } | null {
  const [max, min, mean] = [num(output.max), num(output.min), num(output.mean)];
  if (bound.reaches !== undefined) {
    const high = mean === null || bound.reaches >= mean;
    const extreme = high ? max : min;
    if (extreme === null) return null;
    const hair = 1e-9 * Math.max(1, Math.abs(bound.reaches));
    return { value: extreme, what: high ? 'largest value' : 'smallest value', ok: high ? extreme >= bound.reaches - hair : extreme <= bound.reaches + hair };
  }
  if (bound.low !== undefined && bound.high !== undefined) {
    if (max === null || min === null) return null;
    const outside = min < bound.low || max > bound.high;
    return { value: outside ? (min < bound.low ? min : max) : max, what: min < bound.low ? 'smallest value' : 'largest value', ok: outside };
  }
  if (bound.low !== undefined) {
    if (max === null) return null;
    return { value: max, what: 'largest value', ok: bound.inclusive ? max >= bound.low : max > bound.low };
  }
  if (min === null) return null;
  return { value: min, what: 'smallest value', ok: bound.inclusive ? min <= bound.high! : min < bound.high! };
}

/**
 * A bound: a type that applies it itself (out_of_range) counts the rows beyond it; otherwise the extremes
 * say whether any value lies beyond it. A rule stated with a bound holds when the values keep to it: within
 * it ("always between 50 and 100", "at least 16"), or never beyond it ("never exceeds 400").
 */
function judgeBound(ctx: Judging, bound: BoundFigure): Verdict {
  const { issue, reading, output, affected, rows, asRead } = ctx;
  const said = `"${bound.text}"`;
  if (issueTypeModule(issue.type)?.verdict?.boundHoldsWhenAffected) {
    // The result counts the rows outside the bounds it applied.
    if (reading.polarity === 'RULE') {
      const ok = affected === 0;
      return { status: ok ? 'CONFIRMED' : 'REFUTED', claimed: ctx.claimed, measured: affected, explanation: `${asRead} (${said}): ${ok ? `it holds, none of the ${fmt(rows)} rows lies outside` : `it does not hold, ${fmt(affected)} of ${fmt(rows)} rows lie outside`}.` };
    }
    if (reading.share) return compare(ctx, reading.share, [{ value: ctx.pct, what: `percentage of rows beyond ${bound.text}` }], 'percent');
    if (reading.count) return compare(ctx, reading.count, [{ value: affected, what: `rows beyond ${bound.text}` }], 'count');
    const ok = affected > 0;
    return { status: ok ? 'CONFIRMED' : 'REFUTED', claimed: ctx.claimed, measured: affected, explanation: `${asRead} (${said}): ${fmt(affected)} of ${fmt(rows)} rows lie beyond it: the claim ${ok ? 'holds' : 'does not hold'}.` };
  }
  const b = beyond(bound, output);
  if (!b) {
    return { status: 'INCONCLUSIVE', claimed: ctx.claimed, measured: null, explanation: `${asRead} (${said}), but a "${issue.type}" result carries no extreme value to compare it with (${fmt(affected)} rows are affected).` };
  }
  if (reading.polarity === 'RULE') {
    // Within the bound: "always between", "at least 16"; or never beyond it: "never exceeds 400".
    const kept = reading.negated || bound.reaches !== undefined ? { ok: !b.ok, value: b.value, what: b.what } : withinBound(bound, output);
    return { status: kept.ok ? 'CONFIRMED' : 'REFUTED', claimed: ctx.claimed, measured: kept.value, explanation: `${asRead} (${said}); the ${kept.what} is ${fmt(kept.value)}: it ${kept.ok ? 'holds' : 'does not hold'}.` };
  }
  const count = reading.count;
  // "Two incomes over 25,000 are extreme outliers": the count is of the outlying rows the result counts.
  if (count && b.ok && count.value > 1 && issue.type === 'outliers' && OUTLYING.test(ctx.description)) {
    const counted = compare(ctx, count, [{ value: affected, what: 'rows more than 3 standard deviations from the mean' }], 'count');
    return { ...counted, explanation: `${counted.explanation.replace(/\.$/, '')}; the ${b.what} is ${fmt(b.value)} (${said}).` };
  }
  if (count && b.ok && count.value > 1 && count.comparator !== 'LT' && count.comparator !== 'LTE') {
    return { status: 'INCONCLUSIVE', claimed: count.value, measured: b.value, explanation: `${asRead}: ${said} in "${count.text}"; the ${b.what} is ${fmt(b.value)}, but a "${issue.type}" result does not count the values beyond it.` };
  }
  if (count && !b.ok) return compare(ctx, count, [{ value: 0, what: `values beyond ${bound.text} (the ${b.what} is ${fmt(b.value)})` }], 'count');
  return { status: b.ok ? 'CONFIRMED' : 'REFUTED', claimed: ctx.claimed, measured: b.value, explanation: `${asRead} (${said}); the ${b.what} is ${fmt(b.value)}: the claim ${b.ok ? 'holds' : 'does not hold'}.` };
}

/** Whether every value keeps within the bound, and the extreme that shows it (the one that breaks it, if any). */
function withinBound(bound: BoundFigure, output: Record<string, unknown>): { ok: boolean; value: number; what: string } {
  const [max, min] = [num(output.max), num(output.min)];
  const lowOk = bound.low === undefined || (min !== null && (bound.inclusive ? min >= bound.low : min > bound.low));
  const highOk = bound.high === undefined || (max !== null && (bound.inclusive ? max <= bound.high : max < bound.high));
  const low = { value: min ?? Number.NaN, what: 'smallest value' };
  const high = { value: max ?? Number.NaN, what: 'largest value' };
  const shown = !lowOk ? low : !highOk ? high : bound.low !== undefined ? low : high;
  return { ok: lowOk && highOk, ...shown };
}

/** "repeats more than 50 times": a key's occurrences, bounded by what the result counts. */
function judgeOccurrences(ctx: Judging, figure: Figure): Verdict {
  const { output, affected, asRead } = ctx;
  const keys = num(output.unique_duplicate_ids) ?? (affected > 0 ? 1 : 0);
  // The most one key can occur: all affected rows but two for each other repeated key.
  const most = keys ? affected - 2 * (keys - 1) : 1;
  const least = keys ? 2 : 1;
  const exact = figure.comparator === 'EQ' || figure.comparator === 'ABOUT';
  const possible = satisfies(figure, most, 0) || satisfies(figure, least, 0) || (exact && figure.value >= least && figure.value <= most);
  const certain = satisfies(figure, least, 0) && satisfies(figure, most, 0);
  if (!possible || certain) {
    return { status: certain ? 'CONFIRMED' : 'REFUTED', claimed: figure.value, measured: most, explanation: `${asRead}: "${figure.text}"; a repeated key occurs between ${fmt(least)} and ${fmt(most)} times: the claim ${certain ? 'holds' : 'does not hold'}.` };
  }
  return { status: 'INCONCLUSIVE', claimed: figure.value, measured: null, explanation: `${asRead}: "${figure.text}", but a "duplicates" result does not say how often each key occurs (between ${fmt(least)} and ${fmt(most)} times).` };
}
