import type { z } from 'zod';
import type { ClaimMeasure } from '../db/schema';
import type { ColumnProfile } from '../datasets/profile';
import type { SamplePool } from '../datasets/samplePool';
import type { envelope } from './resultSchema';
import type { Scan } from '../pipeline/fallback/scan';
import type { DatasetRef, IssueSpec } from '../pipeline/types';

/**
 * One issue type, whole: what it checks, the columns it takes, its options, the keys its result carries,
 * its pandas template and, optionally, the heuristic that computes the same result without Python.
 * Each type is a folder of src/issueTypes/ with this object in its index.ts; registry.ts lists them.
 */
export interface IssueTypeModule {
  type: string;
  description: string;
  columns: ColumnRule;
  /** Every option the type reads; any other key is listed in the result's ignored_options. */
  options: OptionSpec[];
  /** The keys the result carries beyond the envelope (RESULTS.md): validation and the typed GraphQL result. */
  result: z.ZodObject;
  /**
   * A core type: detectIssues' profile rules propose it, measured on the whole dataset, so Claude is never
   * asked to propose one.
   */
  core?: boolean;
  /** The template's body (Python), read from the type's folder. */
  template: URL;
  /** The same result as the template's, computed in TypeScript over the streamed CSV. */
  heuristic?: HeuristicComputation;
  /** What must hold between the type's own figures and its envelope, beyond their shapes (validation). */
  consistency?(result: CheckedResult, issue: IssueSpec): string[];
  /** Rows of the sample pool that show the issue, over-represented in the sample a code generator sees. */
  showingRows?(sample: SampleContext): Iterable<number>;
  /** The verdict's reading of the type's figures. */
  verdict?: VerdictMeasures;
  /** Values the template reads from ISSUE beside the issue itself (what the service read in its description). */
  templateParams?(issue: IssueSpec): Record<string, unknown>;
  /** The questions a result of the type raises, each with the issue a follow-up investigates to answer it. */
  followUps?(result: CheckedResult, issue: IssueSpec, columns: ColumnProfile[]): SuggestedFollowUp[];
}

/** A question a result raises, and the issue whose investigation answers it (followUp takes it as it is). */
export interface SuggestedFollowUp {
  question: string;
  issue: { type: string; description: string; affectedColumns: string[]; options?: Record<string, unknown> };
}

/** A result whose envelope is valid; its own keys are only as checked as their presence. */
export type CheckedResult = z.infer<typeof envelope> & Record<string, any>;

export interface SampleContext {
  pool: SamplePool;
  /** The pool's rows by position, as raw CSV fields. */
  rows: Map<number, string[]>;
  dataset: DatasetRef;
  /** The issue's columns and their positions in the header. */
  columns: string[];
  positions: number[];
  /** Every row the pool lists under one of the issue's columns. */
  listed(lists: Record<string, number[]>): number[];
}

/** A measured figure a claim may be compared with. */
export interface Measure {
  value: number;
  what: string;
}

export interface VerdictMeasures {
  /** The type's own figures a stated claim may name (AFFECTED_ROWS and AFFECTED_PERCENTAGE are every type's). */
  claimMeasures?: Partial<Record<ClaimMeasure, { what: string; of(output: Record<string, unknown>): number | null }>>;
  /** The figures a count claim ("12 ids", "five ways") may mean by its nouns, the likeliest first. */
  countMeasures?(nouns: string[], output: Record<string, unknown>): Measure[];
  /** Whether countMeasures has a figure for these nouns: a number before them is a count, never a bound (the claim reader asks). */
  countsOwn?(nouns: string[]): boolean;
  /** A bound claim ("prices above $500") holds when rows are affected: the type applies the bound itself. */
  boundHoldsWhenAffected?: boolean;
  /** Words that say a row has the type's problem ("missing", "blank"): said of every row, they claim every row affected, not a rule ("revenue is missing in every row"). */
  problemWords?: RegExp;
}

export type HeuristicComputation = (issue: IssueSpec, dataset: DatasetRef, scan: Scan) => Promise<Record<string, unknown>>;

export interface ColumnRule {
  min: number;
  max: number;
  /** Which affectedColumns the type takes, for people. */
  description: string;
  /** Why this column cannot be investigated by the type ("it holds text, not numbers…"), or null when it can. */
  unsupported?(column: ColumnProfile, dataset: DatasetRef): string | null;
}

export interface OptionSpec {
  name: string;
  /** The JSON type of the value: number, string, boolean, object, array, or a union such as number|string. */
  type: string;
  /** What the type uses when the option is absent (null: nothing, or something the description says). */
  default: unknown;
  description: string;
  /**
   * Accepts the values the template accepts; each message says what the value must be. A function when
   * what is valid depends on the issue (keys naming its columns).
   */
  schema: z.ZodType | ((issue: Pick<IssueSpec, 'affectedColumns'>) => z.ZodType);
}
