import { categoricalVariation as categoricalVariationOf } from '../pipeline/fallback/categoricalVariation';
import { duplicates as duplicatesOf } from '../pipeline/fallback/duplicates';
import { placeholderText } from '../pipeline/fallback/missingValues';
import { outliers as outliersOf } from '../pipeline/fallback/outliers';
import type { Scan } from '../pipeline/fallback/scan';
import { whitespaceCase as whitespaceCaseOf } from '../pipeline/fallback/whitespaceCase';
import type { PiiRedactor } from '../pipeline/redact';
import { toNumber } from '../datasets/pandasSemantics';
import { DATE_LIKE, isoDay } from '../pipeline/fallback/dates';
import type { DatasetRef, IssueSpec } from '../pipeline/types';
import { count, number, plural, quoted, share } from './format';
import type { ColumnStats, DatasetProfile } from './profiler';
import { runShared } from './sharedScan';
import { misspelledWords, spellingPair } from './spelling';
import { isolatedExtremes, type TailReport, zerosStandingApart, type ZeroReport } from './tails';

/**
 * The analysis agent's rules: hypotheses from the profile, each with the figures it was proposed on.
 * The profile nominates candidates; for duplicates, outliers, categorical variation and whitespace/case
 * the heuristic fallback's computations (TypeScript equal to the pandas templates) then measure every
 * candidate on the whole dataset — all candidates in shared passes over the CSV — so a hypothesis is only
 * proposed when its investigation will find rows, and its description carries the numbers the
 * investigation will report. Thresholds are documented in THRESHOLDS.
 *
 * Example values shown in descriptions and evidence go through the redactor (REDACT_PII); ids are unique.
 */

export interface DetectedIssue extends IssueSpec {
  source: 'PROFILE' | 'LLM';
  /** The measured figures behind the hypothesis (for an LLM hypothesis: its rationale). */
  evidence: Record<string, unknown> | null;
}

export const THRESHOLDS = {
  /** id-like by name (…id, …_id, uuid): at least this share of present values distinct. */
  idNamedDistinctShare: 0.9,
  /** id-like without the name: a text column of tokens (no inner spaces) at least this distinct. */
  idUnnamedDistinctShare: 0.98,
  /** Whole-row duplicates are proposed only when chance collisions (birthday bound) are below this. */
  chanceCollisions: 0.5,
  /** outliers: values that stand apart from the column's own distribution (tails.ts, TAIL_RULES). */
  /** An outlying column whose |z|>3 rows are at least this share IQR outliers of another column is explained by it. */
  explainedShare: 0.9,
  /** categorical_variation: at most this share of present values distinct, and at most maxDistinct. */
  categoricalDistinctShare: 0.5,
  categoricalMaxDistinct: 5000,
  categoricalMaxMeanLength: 40,
  /** out_of_range / invalid_format: the odd values are at most this share of the column's present values. */
  minorityShare: 0.05,
  /** invalid_format: a column whose present values are at least this share numbers (or dates). */
  dominantShare: 0.9,
} as const;

const ID_NAME = /(?:^|[^a-z])(?:id|uuid|guid)$/i;
const CAMEL_ID = /[a-z](?:Id|ID)$/;
/** Columns whose values may well be negative: no out_of_range hypothesis for them. */
const SIGNED_NAME = /change|delta|diff|balance|profit|loss|net|return|growth|temp|lat|lon|lng|offset|adjust|score|rate|margin|variance|pnl|gain|z_?score|coord|elevation|correction/i;


export function isIdName(name: string): boolean {
  return ID_NAME.test(name) || CAMEL_ID.test(name);
}

const isNumericDtype = (c: ColumnStats) => c.dtype === 'int64' || c.dtype === 'uint64' || c.dtype === 'float64';
const mostlyNumeric = (c: ColumnStats) => c.present > 0 && c.numericCount / c.present >= THRESHOLDS.dominantShare;

/** A column of identifiers: the key a duplicates hypothesis checks. */
export function isIdLike(c: ColumnStats): boolean {
  if (c.present < 10 || c.dateLike) return false;
  const distinctShare = c.distinctCount / c.present;
  if (isIdName(c.name)) return distinctShare >= THRESHOLDS.idNamedDistinctShare;
  return (
    c.dtype === 'object' &&
    c.present >= 20 &&
    c.numericCount / c.present < 0.5 &&
    c.tokenCount / c.present >= 0.95 &&
    c.maxLength <= 64 &&
    distinctShare >= THRESHOLDS.idUnnamedDistinctShare
  );
}

function issueId(type: string, columns: string[]): string {
  const key = columns.length ? columns.join('+') : 'rows';
  return `detected-${type}-${key}`;
}

/** Ids unique by construction: a second hypothesis of a type on the same columns gets "-2", and so on. */
function uniqueIds(issues: DetectedIssue[]): DetectedIssue[] {
  const taken = new Set<string>();
  return issues.map((i) => {
    let id = i.id;
    for (let n = 2; taken.has(id); n++) id = `${i.id}-${n}`;
    taken.add(id);
    return id === i.id ? i : { ...i, id };
  });
}

function issue(type: string, columns: string[], description: string, evidence: Record<string, unknown>, options?: Record<string, unknown>): DetectedIssue {
  return { id: issueId(type, columns), type, description, affectedColumns: columns, ...(options ? { options } : {}), source: 'PROFILE', evidence };
}

export interface RuleContext {
  dataset: DatasetRef;
  profile: DatasetProfile;
  signal: AbortSignal;
  /** Example values in descriptions and evidence pass through it (REDACT_PII). */
  redactor: PiiRedactor;
}

type Result = Record<string, any>;
type Computation = (issue: IssueSpec, dataset: DatasetRef, scan: Scan) => Promise<Result>;
type Measure = (type: string, columns: string[]) => Promise<Result>;

const COMPUTATIONS: Record<string, Computation> = {
  duplicates: duplicatesOf,
  outliers: outliersOf,
  categorical_variation: categoricalVariationOf,
  whitespace_case: whitespaceCaseOf,
};

/** Requests a computation over the CSV, run in the batch's shared passes. */
type Run = <T>(job: (scan: Scan) => Promise<T>) => Promise<T>;

/**
 * Runs computations in a batch: every one `plan` requests runs in shared passes over the CSV
 * (sharedScan.ts), not a pass each. `plan` requests them (each request returns a promise of its result)
 * and returns a function that builds what it needs from the results once they are in.
 */
async function batch<T>(ctx: RuleContext, plan: (run: Run, measure: Measure) => () => Promise<T>): Promise<T> {
  const jobs: Array<(scan: Scan) => Promise<unknown>> = [];
  const settle: Array<(outcome: PromiseSettledResult<unknown>) => void> = [];
  const run: Run = <R>(job: (scan: Scan) => Promise<R>) => {
    jobs.push(job);
    const result = new Promise<R>((resolve, reject) => settle.push((o) => (o.status === 'fulfilled' ? resolve(o.value as R) : reject(o.reason))));
    result.catch(() => {}); // handled where it is awaited
    return result;
  };
  const measure: Measure = (type, columns) =>
    run((scan) => COMPUTATIONS[type]!({ id: 'detect', type, description: '', affectedColumns: columns }, ctx.dataset, scan));
  const build = plan(run, measure);
  const outcomes = jobs.length ? await runShared(ctx.dataset, ctx.signal, jobs) : [];
  ctx.signal.throwIfAborted();
  outcomes.forEach((o, k) => settle[k]!(o));
  return build();
}

/** Every hypothesis the profile supports: core types first, then the others, each in column order. */
export async function profileHypotheses(ctx: RuleContext): Promise<DetectedIssue[]> {
  // First batch: every candidate column of every measured type (two passes over the CSV at most).
  const first = await batch(ctx, (run, measure) => {
    const keyed = duplicateCandidates(ctx.profile).map((c) => ({ column: c, result: measure('duplicates', [c.name]) }));
    const outlying = outlierCandidates(ctx.profile).map((c) => ({
      column: c,
      result: measure('outliers', [c.name]),
      shape: run((scan) => columnShape(ctx.dataset, c.name, scan)),
    }));
    const categorical = categoricalCandidates(ctx.profile).map((c) => ({ column: c, result: measure('categorical_variation', [c.name]) }));
    // whitespace_case's computation throws where it cannot reproduce pandas' values exactly: null then.
    const padded = whitespaceCandidates(ctx.profile).map((c) => ({ column: c, result: measure('whitespace_case', [c.name]).catch(() => null) }));
    return async () => ({
      keyed: await settled(keyed),
      outlying: await Promise.all(outlying.map(async (o) => ({ column: o.column, result: await o.result, ...(await o.shape) }))),
      categorical: await settled(categorical),
      padded: await settled(padded),
    });
  });
  // Second batch (two passes at most), on what the first found: whole-row copies when no key repeats, derived extremes.
  const keyDuplicates = duplicates(ctx.profile, first.keyed);
  const accepted = acceptedOutliers(first.outlying);
  const second = await batch(ctx, (run, measure) => {
    const wholeRows = !keyDuplicates.length && wholeRowCandidate(ctx.profile) ? measure('duplicates', []) : null;
    const explained = accepted.length > 1 ? run((scan) => explainedOutliers(ctx, accepted, scan)) : null;
    return async () => ({ wholeRows: wholeRows && (await wholeRows), explainedBy: explained ? await explained : new Map<string, string>() });
  });

  const out: DetectedIssue[] = [];
  out.push(...missingValues(ctx.profile, ctx.redactor));
  out.push(...keyDuplicates, ...wholeRowDuplicates(ctx.profile, second.wholeRows));
  out.push(...outliers(ctx.profile, accepted, second.explainedBy));
  out.push(...zeroPlaceholders(ctx.profile, first.outlying));
  const variations = categoricalVariation(ctx, first.categorical);
  out.push(...variations, ...misspelledNames(ctx, new Set(variations.map((v) => v.affectedColumns[0]!))));
  out.push(...otherTypes(ctx, first.padded));
  return uniqueIds(out);
}

interface Candidate<R = Result> {
  column: ColumnStats;
  result: R;
}

/** The candidates with their results (a failed measurement fails detectIssues, except where caught above). */
async function settled<R>(pending: Array<Candidate<Promise<R>>>): Promise<Array<Candidate<R>>> {
  const out: Array<Candidate<R>> = [];
  for (const { column, result } of pending) out.push({ column, result: await result });
  return out;
}

/**
 * Texts that stand for a missing value beside real ones: a lone symbol (".", "-", "?", "*") or a word
 * saying so ("unknown", "not recorded"). pandas reads them as values; options.placeholders counts them.
 */
const PLACEHOLDER = /^(?:[.\-?*_#/]{1,3}|unknown|missing|not available|not recorded|not known|undefined|unspecified|n\.a\.?|n\/d|tbd)$/i;

/** The placeholders of a text column, with their rows, when they stand among real values (not a column of symbols). */
function placeholdersOf(c: ColumnStats): Array<{ text: string; rows: number }> {
  if (c.dtype !== 'object' || !c.valueCounts) return [];
  const found = new Map<string, number>();
  let real = 0;
  let worded = 0;
  for (const [value, n] of c.valueCounts) {
    const text = placeholderText(value);
    if (PLACEHOLDER.test(text) && !/^[-+]?\d/.test(text)) found.set(text, (found.get(text) ?? 0) + n);
    else {
      real += n;
      if (/[\p{L}\p{N}]/u.test(value)) worded += n;
    }
  }
  const rows = [...found.values()].reduce((a, b) => a + b, 0);
  // A minority among values that are mostly words or numbers ("+" and "-" as the only values are a code, not a gap).
  if (!rows || rows > real || worded < real / 2) return [];
  return [...found].map(([text, n]) => ({ text, rows: n })).sort((a, b) => b.rows - a.rows);
}

function missingValues(profile: DatasetProfile, redactor: PiiRedactor): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  for (const c of profile.columns) {
    const placeholders = placeholdersOf(c);
    const marked = placeholders.reduce((n, p) => n + p.rows, 0);
    if (!c.nullCount && !marked) continue;
    const evidence = { rows_analyzed: profile.rows, affected_count: c.nullCount + marked, affected_percentage: ((c.nullCount + marked) / profile.rows) * 100 };
    if (!marked) {
      out.push(issue('missing_values', [c.name], `${c.name} is missing in ${share(c.nullCount, profile.rows)}`, evidence));
      continue;
    }
    const shown = placeholders.map((p) => `${JSON.stringify(redactor.text(p.text))} (${plural(p.rows, 'row')})`);
    out.push(
      issue(
        'missing_values',
        [c.name],
        `${c.name} is missing in ${share(c.nullCount + marked, profile.rows)}, counting the placeholders standing for a missing value: ${shown.join(', ')}`,
        { ...evidence, empty_count: c.nullCount, placeholders: placeholders.map((p) => ({ text: redactor.text(p.text), rows: p.rows })) },
        { placeholders: placeholders.map((p) => p.text) },
      ),
    );
  }
  return out;
}

/** Id-like columns that may repeat: exact repeats are known unless the column has too many values to count (then a named id is measured). */
function duplicateCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => isIdLike(c) && (c.distinctEstimated ? isIdName(c.name) : c.present - c.distinctCount > 0));
}

function duplicates(profile: DatasetProfile, measured: Candidate[]): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  for (const { column: c, result: r } of measured) {
    if (!r.affected_count) continue;
    const exact = r.exact_duplicate_rows as number;
    const copies = exact ? `; ${exact === r.affected_count ? 'all' : count(exact)} of those rows are exact copies of another row` : '; the repeated rows differ in other columns';
    out.push(
      issue(
        'duplicates',
        [c.name],
        `${c.name} identifies rows but repeats ${plural(r.unique_duplicate_ids, 'value')} across ${share(r.affected_count, profile.rows)}${copies}`,
        pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'unique_duplicate_ids', 'exact_duplicate_rows', 'are_exact_duplicates']),
      ),
    );
  }
  return out;
}

/** Whole-row copies are measured when no key explains them and chance alone would hardly repeat a row. */
function wholeRowCandidate(profile: DatasetProfile): boolean {
  return profile.duplicateRowCandidates > 0 && chanceCollisions(profile) < THRESHOLDS.chanceCollisions;
}

function wholeRowDuplicates(profile: DatasetProfile, r: Result | null): DetectedIssue[] {
  if (!r?.affected_count) return [];
  return [
    issue(
      'duplicates',
      [],
      `${share(r.affected_count, profile.rows)} are exact copies of another row (${plural(r.unique_duplicate_ids, 'distinct row')} repeated)`,
      pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'unique_duplicate_ids', 'exact_duplicate_rows']),
    ),
  ];
}

/** Expected pairs of equal rows if rows were drawn at random from the columns' distinct values: n²/(2·∏ distinct). */
function chanceCollisions(profile: DatasetProfile): number {
  const logCombinations = profile.columns.reduce((s, c) => s + Math.log(Math.max(1, c.distinctCount + (c.nullCount ? 1 : 0))), 0);
  return Math.exp(2 * Math.log(profile.rows) - Math.log(2) - logCombinations);
}

/** A geographic coordinate: bounded by its nature, so its far values are places, not strays (out_of_range judges its bounds). */
const COORDINATE_NAME = /(?:^|[^a-z])(?:lat|lon|lng|long|latitude|longitude)(?:$|[^a-z])/i;
const isCoordinate = (c: ColumnStats) =>
  COORDINATE_NAME.test(c.name) && !!c.numeric && c.numeric.min >= -180 && c.numeric.max <= 360;

/** Numeric columns whose profile moments (Welford) reach 3 standard deviations; the exact figures come from the measurement. */
function outlierCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => {
    const m = c.numeric;
    if (!m || m.std === null || !(m.std > 0) || c.dtype === 'bool' || c.dateLike || isCoordinate(c)) return false;
    if (!(isNumericDtype(c) || mostlyNumeric(c)) || isIdName(c.name) || isIdLike(c) || c.distinctCount <= 2) return false;
    return Math.max(m.max - m.mean, m.mean - m.min) / m.std > 2.99;
  });
}

/** The column's numbers (as pandas reads them), for the shape of its tails and its zeros. */
async function columnShape(dataset: DatasetRef, name: string, scan: Scan): Promise<ColumnShape> {
  const position = dataset.columns.findIndex((c) => c.name === name);
  const values: number[] = [];
  await scan((fields) => {
    const x = toNumber(fields[position]!);
    if (Number.isFinite(x)) values.push(x);
  });
  const numbers = Float64Array.from(values);
  return { tails: isolatedExtremes(numbers), zeros: zerosStandingApart(numbers) };
}

interface ColumnShape {
  tails: TailReport | null;
  zeros: ZeroReport | null;
}

interface OutlierCandidate extends Candidate, ColumnShape {}

/** The measured candidates with values standing apart from the column's own distribution (tails.ts) that the investigation will count. */
function acceptedOutliers(measured: OutlierCandidate[]): OutlierCandidate[] {
  return measured.filter(({ result: r, tails }) => tails && r.outlier_count && r.std);
}

function outliers(profile: DatasetProfile, accepted: OutlierCandidate[], explainedBy: Map<string, string>): DetectedIssue[] {
  return accepted
    .filter(({ column }) => !explainedBy.has(column.name))
    .map(({ column, result: r, tails }) => {
      const t = tails!;
      const also = [...explainedBy].filter(([, by]) => by === column.name).map(([name]) => name);
      const lie = (n: number) => (n === 1 ? '1 lies' : `${count(n)} lie`);
      const apart = [
        t.lowCount ? `${lie(t.lowCount)} below (${listed(t.low, t.lowCount)})` : '',
        t.highCount ? `${lie(t.highCount)} above (${listed(t.high, t.highCount)})` : '',
      ].filter(Boolean);
      const description =
        `${column.name} has values standing apart from the rest: the others span ${number(t.bulk[0])} to ${number(t.bulk[1])} ` +
        `(median ${number(t.median)}${t.scale === 'log' ? '; gaps read on a log scale, the column being right-skewed' : ''}), but ${apart.join(' and ')}; ` +
        `${share(r.outlier_count, profile.rows)} are more than 3 standard deviations from the mean ${number(r.mean)} (std ${number(r.std)})` +
        (also.length ? `; the extreme values of ${also.join(', ')} fall on rows where ${column.name} is outside its IQR fences` : '');
      return issue('outliers', [column.name], description, {
        ...pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'mean', 'std', 'min', 'max', 'iqr_bounds', 'iqr_outlier_count']),
        scale: t.scale,
        isolated_low: t.low,
        isolated_low_count: t.lowCount,
        isolated_high: t.high,
        isolated_high_count: t.highCount,
        bulk_range: t.bulk,
        median: t.median,
        ...(also.length ? { explains: also } : {}),
      });
    });
}

/**
 * Zeros standing for measurements not taken (tails.ts zerosStandingApart), as out_of_range with a lower
 * bound at the smallest other value: the investigation counts exactly the zeros.
 */
function zeroPlaceholders(profile: DatasetProfile, measured: OutlierCandidate[]): DetectedIssue[] {
  return measured.flatMap(({ column, zeros }) => {
    if (!zeros) return [];
    const description =
      `${column.name} is 0 in ${share(zeros.zeros, profile.rows)}, its smallest other value being ${number(zeros.smallest)} ` +
      `(median ${number(zeros.median)}): zeros standing for measurements not taken`;
    return [
      issue(
        'out_of_range',
        [column.name],
        description,
        { rows_analyzed: profile.rows, zero_count: zeros.zeros, smallest_other: zeros.smallest, median_other: zeros.median },
        { min: zeros.smallest },
      ),
    ];
  });
}

/**
 * Derived extremes: when most of B's |z|>3 rows are rows where A is itself outside its IQR fences (and not
 * the other way round), B's extremes come from A's (revenue = price × quantity): B is not proposed.
 */
async function explainedOutliers(ctx: RuleContext, accepted: Candidate[], scan: Scan) {
  const names = ctx.dataset.columns.map((c) => c.name);
  const cols = accepted.map(({ column, result }) => ({
    name: column.name,
    position: names.indexOf(column.name),
    mean: result.mean as number,
    std: result.std as number,
    bounds: result.iqr_bounds as [number, number],
    z: new Uint8Array(ctx.dataset.rowCount),
    iqr: new Uint8Array(ctx.dataset.rowCount),
  }));
  await scan((fields, row) => {
    for (const c of cols) {
      const x = toNumber(fields[c.position]!);
      if (Number.isNaN(x)) continue;
      if (Math.abs(x - c.mean) / c.std > 3) c.z[row] = 1;
      if (x < c.bounds[0] || x > c.bounds[1]) c.iqr[row] = 1;
    }
  });
  const explains = (a: (typeof cols)[number], b: (typeof cols)[number]) => {
    let zRows = 0;
    let shared = 0;
    for (let row = 0; row < b.z.length; row++) {
      if (!b.z[row]) continue;
      zRows += 1;
      if (a.iqr[row]) shared += 1;
    }
    return zRows > 0 && shared / zRows >= THRESHOLDS.explainedShare;
  };
  // When each explains the other (the same rows), the earlier column is kept: inputs usually come first.
  const explainedBy = new Map<string, string>();
  for (const [j, b] of cols.entries()) {
    for (const [i, a] of cols.entries()) {
      if (a === b || explainedBy.has(a.name)) continue;
      if (explains(a, b) && (i < j || !explains(b, a))) {
        explainedBy.set(b.name, a.name);
        break;
      }
    }
  }
  return explainedBy;
}

/** Text columns of few, short, countable values: the candidates for spelling variants. */
function categoricalCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => {
    if (c.dtype !== 'object' || c.dateLike || c.distinctEstimated || c.distinctCount < 2 || isIdLike(c)) return false;
    if (c.numericCount / c.present >= 0.5 || c.meanLength > THRESHOLDS.categoricalMaxMeanLength) return false;
    return c.distinctCount <= THRESHOLDS.categoricalMaxDistinct && c.distinctCount <= THRESHOLDS.categoricalDistinctShare * c.present;
  });
}

function categoricalVariation(ctx: RuleContext, measured: Candidate[]): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  const shown = (v: string) => ctx.redactor.text(v);
  for (const { column: c, result: r } of measured) {
    const groups = r.variation_groups as Array<{ variants: string[]; count: number; canonical: string }>;
    const seen = (v: string) => c.valueCounts?.get(v) ?? 1;
    const evidenced = groups.filter((g) => g.variants.some((a, i) => g.variants.slice(i + 1).some((b) => spellingPair(a, b, seen(a), seen(b)))));
    if (!evidenced.length || !r.affected_count) continue;
    const examples = evidenced.slice(0, 2).map((g) => `${JSON.stringify(shown(g.canonical))} also written ${quoted(g.variants.slice(1).map(shown))}`);
    out.push(
      issue(
        'categorical_variation',
        [c.name],
        `${c.name} has ${plural(r.total_variation_groups, 'value')} spelled several ways among its ${count(r.total_unique)} distinct values ` +
          `(${examples.join('; ')}); ${share(r.affected_count, ctx.profile.rows)} hold a non-canonical spelling`,
        {
          ...pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'total_unique', 'total_variation_groups']),
          variation_groups: groups.slice(0, 10).map((g) => ({ ...g, variants: g.variants.map(shown), canonical: shown(g.canonical) })),
        },
      ),
    );
  }
  return out;
}

/** Text columns of names or titles (values of several words) with a word misspelled in a few of them. */
function misspelledNames(ctx: RuleContext, proposed: Set<string>): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  const shown = (v: string) => JSON.stringify(ctx.redactor.text(v));
  for (const c of ctx.profile.columns) {
    if (c.dtype !== 'object' || c.dateLike || !c.valueCounts || proposed.has(c.name) || c.numericCount / Math.max(1, c.present) >= 0.5) continue;
    const words = misspelledWords(c.valueCounts.keys());
    if (!words.length) continue;
    const pairs = words.slice(0, 4).map((w) => `${shown(w.word)} beside ${shown(w.likely)}`);
    out.push(
      issue('categorical_variation', [c.name], `${c.name} has words misspelled inside some of its values: ${pairs.join(', ')}${words.length > 4 ? ' and others' : ''}`, {
        rows_analyzed: ctx.profile.rows,
        total_unique: c.distinctCount,
        misspelled_words: words.map((w) => ({ word: ctx.redactor.text(w.word), likely: ctx.redactor.text(w.likely), values: w.values, likely_values: w.likelyValues })),
      }),
    );
  }
  return out;
}

/** Text columns with stray whitespace: the candidates for whitespace_case. */
function whitespaceCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => c.whitespaceCount > 0 && c.numericCount / c.present < 0.5);
}

/**
 * whitespace_case: the measured rows to clean (stray whitespace, and case variants: rows whose cleaned
 * spelling is not the canonical one of its casefold group — RESULTS.md), the figure the template reports.
 * Where the measurement could not reproduce pandas' values, the profile's padded text values (text in
 * pandas whatever the chunk, so affected in any case) are claimed as a lower bound: "at least N rows".
 */
export function whitespaceCaseHypothesis(c: ColumnStats, r: Result | null, rows: number, redactor: PiiRedactor): DetectedIssue | null {
  const shown = (values: readonly string[]) => quoted(values.map((v) => redactor.text(v)));
  const padding = 'leading, trailing or repeated whitespace';
  if (!r) {
    return issue(
      'whitespace_case',
      [c.name],
      `${c.name} has at least ${count(c.whitespaceCount)} of ${count(rows)} rows with ${padding} (e.g. ${shown(c.whitespaceExamples)}), besides any letter-case variants`,
      { rows_analyzed: rows, affected_count_at_least: c.whitespaceCount, examples: c.whitespaceExamples.map((v) => redactor.text(v)) },
    );
  }
  if (!r.affected_count) return null;
  const col = (r.by_column as Array<Record<string, any>>)[0]!;
  const whitespace = col.whitespace_count as number;
  const cases = col.case_variant_count as number;
  const whitespaceExamples = col.whitespace_examples as string[];
  const caseExamples = col.case_examples as string[];
  const padded = `with ${padding} (e.g. ${shown(whitespaceExamples)})`;
  const variant = `holding a letter-case variant of a more common spelling (e.g. ${shown(caseExamples)})`;
  const description = !cases
    ? `${c.name} has ${share(r.affected_count, rows)} ${padded}`
    : whitespace
      ? `${c.name} has ${share(r.affected_count, rows)} to clean: ${plural(whitespace, 'row')} ${padded} and ${plural(cases, 'row')} ${variant}`
      : `${c.name} has ${share(r.affected_count, rows)} ${variant}`;
  return issue('whitespace_case', [c.name], description, {
    ...pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'whitespace_count', 'case_variant_count']),
    examples: whitespaceExamples.map((v) => redactor.text(v)),
    ...(cases ? { case_examples: caseExamples.map((v) => redactor.text(v)) } : {}),
  });
}

/** Dates systems write for "unknown": the Unix epoch and its eve, spreadsheet zeros, the first and last days. */
const PLACEHOLDER_DAYS = new Set(['1970-01-01', '1969-12-31', '1900-01-01', '1899-12-30', '1899-12-31', '0001-01-01', '9999-12-31']);
const TWO_DIGIT_YEAR = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?:\s|$)/;
const DAY_MS = 86_400_000;

/**
 * Placeholder dates of a date column: one of PLACEHOLDER_DAYS, cut off from the column's other dates by
 * more than two years and ten times their usual spacing (so a yearly series that starts on 1970-01-01 keeps
 * it). The bounds returned make out_of_range count exactly them.
 */
function placeholderDates(c: ColumnStats) {
  if (!c.valueCounts) return null;
  const days = new Map<string, number>();
  const found = new Map<string, { raw: string; rows: number; day: string }>();
  for (const [raw, n] of c.valueCounts) {
    // The first and last days lie beyond pandas' dates: read them from their text.
    const day = (DATE_LIKE.test(raw) ? isoDay(raw) : null) ?? /^\s*(0001-01-01|9999-12-31)\b/.exec(raw)?.[1];
    if (!day) continue;
    if (PLACEHOLDER_DAYS.has(day)) {
      const f = found.get(day) ?? { raw, rows: 0, day };
      f.rows += n;
      found.set(day, f);
    } else days.set(day, (days.get(day) ?? 0) + n);
  }
  if (!found.size || days.size < 2) return null;
  const sorted = [...days.keys()].sort();
  const time = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const gaps = sorted.slice(1).map((d, i) => time(d) - time(sorted[i]!)).sort((a, b) => a - b);
  const spacing = gaps[Math.floor(gaps.length / 2)]!;
  const [first, last] = [sorted[0]!, sorted[sorted.length - 1]!];
  const apart = (gap: number) => gap > Math.max(730 * DAY_MS, 10 * spacing);
  const placeholders = [...found.values()].filter((p) => (p.day < first ? apart(time(first) - time(p.day)) : p.day > last && apart(time(p.day) - time(last))));
  if (!placeholders.length) return null;
  const bounds: Record<string, string> = {};
  if (placeholders.some((p) => p.day < first)) bounds.min = first;
  if (placeholders.some((p) => p.day > last)) bounds.max = last;
  return { placeholders: placeholders.map(({ raw, rows }) => ({ raw, rows })), others: [first, last] as [string, string], bounds };
}

/** Numbers that are codes (station "117" beside station "c168"): the odd values carry digits of the same kind. */
function codesAmongNumbers(c: ColumnStats): boolean {
  return c.nonNumericExamples.length > 0 && c.nonNumericExamples.every((v) => /^[A-Za-z]{1,3}[-_]?\d+[A-Za-z]?$|^\d+[A-Za-z]{1,3}$/.test(v.trim()));
}

/** The extended types, when the profile shows them plainly: padded text, odd negatives, values of the wrong kind. */
function otherTypes(ctx: RuleContext, whitespace: Array<Candidate<Result | null>>): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  const { profile } = ctx;
  const rows = profile.rows;
  const shown = (values: readonly string[]) => values.map((v) => ctx.redactor.text(v));
  for (const c of profile.columns) {
    if (!c.present) continue;
    const minority = (n: number) => n > 0 && n <= THRESHOLDS.minorityShare * c.present;
    // invalid_format: a column of numbers (or dates) with a few values that are not.
    if (!c.dateLike && c.numericCount / c.present >= THRESHOLDS.dominantShare && minority(c.nonNumericCount) && !codesAmongNumbers(c)) {
      const examples = shown(c.nonNumericExamples);
      out.push(
        issue(
          'invalid_format',
          [c.name],
          `${c.name} holds numbers, but ${share(c.nonNumericCount, rows)} are not numbers (e.g. ${quoted(examples)})`,
          { rows_analyzed: rows, affected_count: c.nonNumericCount, present: c.present, examples },
          { expected: 'number' },
        ),
      );
    } else if (c.dateLike && minority(c.present - c.dateCount)) {
      const bad = c.present - c.dateCount;
      const examples = shown(c.nonDateExamples);
      out.push(
        issue(
          'invalid_format',
          [c.name],
          `${c.name} holds dates, but ${share(bad, rows)} are not valid dates (e.g. ${quoted(examples)})`,
          { rows_analyzed: rows, affected_count: bad, present: c.present, examples },
          { expected: 'date' },
        ),
      );
    }
    // out_of_range: negatives in a column of numbers that is almost never negative (the template infers min 0
    // there too); not in a date-like column, whose stray numbers are invalid_format's and whose range is of dates.
    if (
      c.numericCount &&
      !c.dateLike &&
      !isIdName(c.name) &&
      !SIGNED_NAME.test(c.name) &&
      minority(c.negativeCount) &&
      c.negativeCount <= THRESHOLDS.minorityShare * c.numericCount
    ) {
      const examples = shown(c.negativeExamples);
      out.push(
        issue(
          'out_of_range',
          [c.name],
          `${c.name} is negative in ${share(c.negativeCount, rows)} although its other values are all zero or more (e.g. ${quoted(examples)})`,
          { rows_analyzed: rows, affected_count: c.negativeCount, min: c.numeric?.min ?? null, examples },
          { min: 0 },
        ),
      );
    }
    // out_of_range: placeholder dates (the Unix epoch, 1900-01-01, 9999-12-31) far from the column's other dates.
    const stand = c.dateLike ? placeholderDates(c) : null;
    if (stand) {
      const shown = stand.placeholders.map((p) => `${JSON.stringify(ctx.redactor.text(p.raw))} (${count(p.rows)})`);
      const total = stand.placeholders.reduce((n, p) => n + p.rows, 0);
      out.push(
        issue(
          'out_of_range',
          [c.name],
          `${c.name} holds placeholder dates standing for unknown ones in ${share(total, rows)}: ${shown.join(', ')}, far from its other dates (${stand.others[0]} to ${stand.others[1]})`,
          {
            rows_analyzed: rows,
            affected_count: total,
            placeholders: stand.placeholders.map((p) => ({ raw: ctx.redactor.text(p.raw), rows: p.rows })),
            other_dates: stand.others,
          },
          stand.bounds,
        ),
      );
    } else if (c.dateLike && c.minDate && c.maxDate) {
      // out_of_range: dates before 1900 or in the future (the template's inferred bounds for dates).
      const today = new Date().toISOString().slice(0, 10);
      if (c.minDate < '1900-01-01' || c.maxDate > today) {
        // Future dates written with two-digit years ("01/05/68") are pandas reading 19xx as 20xx.
        const twoDigit = c.valueCounts ? [...c.valueCounts.keys()].filter((v) => TWO_DIGIT_YEAR.test(v.trim()) && (isoDay(v) ?? '') > today).slice(0, 3) : [];
        const why = twoDigit.length ? `; the future ones include dates written with two-digit years (${quoted(twoDigit.map((v) => ctx.redactor.text(v)))}), read as 20xx` : '';
        out.push(
          issue(
            'out_of_range',
            [c.name],
            `${c.name} has dates outside 1900-01-01 to today (earliest ${c.minDate}, latest ${c.maxDate})${why}`,
            { rows_analyzed: rows, min: c.minDate, max: c.maxDate, ...(twoDigit.length ? { two_digit_year_examples: twoDigit.map((v) => ctx.redactor.text(v)) } : {}) },
          ),
        );
      }
    }
    // whitespace_case: text values with stray whitespace, measured (with the case variants the template counts too).
    const candidate = whitespace.find((w) => w.column === c);
    const padded = candidate && whitespaceCaseHypothesis(c, candidate.result, rows, ctx.redactor);
    if (padded) out.push(padded);
  }
  return out;
}

/** Up to five values, and how many more. */
function listed(values: number[], total: number): string {
  const shown = values.map((v) => number(v)).join(', ');
  return total > values.length ? `${shown} and ${count(total - values.length)} more` : shown;
}

function pick(r: Result, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]]));
}

