import type { ColumnProfile } from '../datasets/profile';
import type { z } from 'zod';
import { categoricalVariationType } from './categorical_variation';
import { crossColumnType } from './cross_column';
import type { CheckedResult, IssueTypeModule, SuggestedFollowUp } from './definition';
import type { IssueSpec } from '../pipeline/types';
import { duplicatesType } from './duplicates';
import { invalidFormatType } from './invalid_format';
import { missingValuesType } from './missing_values';
import { outOfRangeType } from './out_of_range';
import { outliersType } from './outliers';
import { envelope } from './resultSchema';
import { whitespaceCaseType } from './whitespace_case';

export type { IssueTypeModule } from './definition';

/** The keys a result schema guarantees: those it requires. */
export function requiredKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).filter(([, value]) => !(value as z.ZodType).safeParse(undefined).success).map(([key]) => key);
}

/** The keys every result carries (RESULTS.md). */
export const ENVELOPE_KEYS = requiredKeys(envelope);

/**
 * The built-in issue types, in the order the API lists them. Any other type string is a free hypothesis
 * that only an LLM can write code for. A new type is a folder beside this file plus one line here.
 */
const MODULES: IssueTypeModule[] = [
  missingValuesType,
  duplicatesType,
  outliersType,
  categoricalVariationType,
  invalidFormatType,
  outOfRangeType,
  whitespaceCaseType,
  crossColumnType,
];

export const ISSUE_TYPES: readonly IssueTypeModule[] = MODULES;

/**
 * Adds a type kept outside src/issueTypes/ (a test fixture, an extension). Call it before the GraphQL
 * schema is built (before src/schema is imported), so that the type gets its typed result.
 */
export function registerIssueType(module: IssueTypeModule) {
  if (issueTypeModule(module.type)) throw new Error(`Issue type "${module.type}" is already registered`);
  MODULES.push(module);
}

export function issueTypeModule(type: string): IssueTypeModule | undefined {
  return ISSUE_TYPES.find((t) => t.type === type);
}

/**
 * The built-in type a misspelt one most likely means (`missing_value`, `Duplicates`, `outlier`), or null
 * when none is close: at most two letters edited (and a third of them), after case and separators are
 * evened. Longer names that merely start alike (`duplicate_invoices`) are free hypotheses, not typos.
 */
export function closestIssueType(type: string, types: readonly string[] = ISSUE_TYPES.map((t) => t.type)): string | null {
  const even = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '_');
  const given = even(type);
  let best: { type: string; distance: number } | null = null;
  for (const candidate of types) {
    const distance = editDistance(given, candidate);
    if (!best || distance < best.distance) best = { type: candidate, distance };
  }
  return best && best.distance <= Math.min(2, Math.floor(best.type.length / 3)) ? best.type : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The follow-ups a result of `type` suggests (none for types without a definition or without suggestions). */
export function suggestedFollowUps(type: string, output: Record<string, unknown>, issue: IssueSpec, columns: ColumnProfile[]): SuggestedFollowUp[] {
  const module = issueTypeModule(type);
  return module?.followUps ? module.followUps(output as CheckedResult, issue, columns) : [];
}
