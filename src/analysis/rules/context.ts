import type { PiiRedactor } from '../../pipeline/redact';
import type { DatasetRef, IssueSpec } from '../../pipeline/types';
import { type Measured, type Measurement, valueOf } from '../measurements';
import { count, number, share } from '../format';
import type { ColumnStats, DatasetProfile } from '../profiler';

/** What the detection rules share: thresholds, id-likeness, the issue builder and the batch of measurements. */

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
  /**
   * …and when the rows in copies are at most this share: copies entered by mistake are few, while a large
   * share of equal rows comes from the data's design (matched controls sharing their covariates, records of
   * a few attributes), whose columns depend on each other as the birthday bound does not assume.
   */
  maxCopyShare: 0.1,
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
export const SIGNED_NAME = /change|delta|diff|balance|profit|loss|net|return|growth|temp|lat|lon|lng|offset|adjust|score|rate|margin|variance|pnl|gain|z_?score|coord|elevation|correction/i;


export function isIdName(name: string): boolean {
  return ID_NAME.test(name) || CAMEL_ID.test(name);
}

export const isNumericDtype = (c: ColumnStats) => c.dtype === 'int64' || c.dtype === 'uint64' || c.dtype === 'float64';
export const mostlyNumeric = (c: ColumnStats) => c.present > 0 && c.numericCount / c.present >= THRESHOLDS.dominantShare;

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
export function uniqueIds(issues: DetectedIssue[]): DetectedIssue[] {
  const taken = new Set<string>();
  return issues.map((i) => {
    let id = i.id;
    for (let n = 2; taken.has(id); n++) id = `${i.id}-${n}`;
    taken.add(id);
    return id === i.id ? i : { ...i, id };
  });
}

export function issue(type: string, columns: string[], description: string, evidence: Record<string, unknown>, options?: Record<string, unknown>): DetectedIssue {
  return { id: issueId(type, columns), type, description, affectedColumns: columns, ...(options ? { options } : {}), source: 'PROFILE', evidence };
}

export interface RuleContext {
  dataset: DatasetRef;
  profile: DatasetProfile;
  signal: AbortSignal;
  /** Example values in descriptions and evidence pass through it (REDACT_PII). */
  redactor: PiiRedactor;
  /** Measures a batch on the whole dataset (detectionWork.ts: here, or on the worker threads). */
  measure: (list: readonly Measurement[]) => Promise<Measured[]>;
}

export type Result = Record<string, any>;
/** Requests a measurement, run with the rest of its batch; the promise holds its value. */
type Request = <T>(measurement: Measurement) => Promise<T>;

/** A heuristic computation (equal to the pandas template) of `type` on `columns`. */
export const computation = (type: Extract<Measurement, { kind: 'computation' }>['type'], columns: string[]): Measurement => ({
  kind: 'computation',
  type,
  columns,
});

/**
 * Runs measurements in a batch: `plan` requests them (each request returns a promise of its value) and
 * returns a function that builds what it needs from the values once they are in. The batch is measured at
 * once by the context (ctx.measure: in shared passes here, or spread over the worker threads).
 */
export async function batch<T>(ctx: RuleContext, plan: (request: Request) => () => Promise<T>): Promise<T> {
  const list: Measurement[] = [];
  const settle: Array<(outcome: Measured) => void> = [];
  const request: Request = <R>(measurement: Measurement) => {
    list.push(measurement);
    const result = new Promise<R>((resolve, reject) =>
      settle.push((outcome) => {
        try {
          resolve(valueOf(outcome) as R);
        } catch (err) {
          reject(err);
        }
      }),
    );
    result.catch(() => {}); // handled where it is awaited
    return result;
  };
  const build = plan(request);
  const outcomes = list.length ? await ctx.measure(list) : [];
  ctx.signal.throwIfAborted();
  outcomes.forEach((o, k) => settle[k]!(o));
  return build();
}


export interface Candidate<R = Result> {
  column: ColumnStats;
  result: R;
}

/** The candidates with their results (a failed measurement fails detectIssues, except where caught above). */
export async function settled<R>(pending: Array<Candidate<Promise<R>>>): Promise<Array<Candidate<R>>> {
  const out: Array<Candidate<R>> = [];
  for (const { column, result } of pending) out.push({ column, result: await result });
  return out;
}
/** Up to five values, and how many more. */
export function listed(values: number[], total: number): string {
  const shown = values.map((v) => number(v)).join(', ');
  return total > values.length ? `${shown} and ${count(total - values.length)} more` : shown;
}

export function pick(r: Result, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]]));
}
