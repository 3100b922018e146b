import type { ColumnStats } from './profiler';
import { batch, computation, type DetectedIssue, type Result, type RuleContext, settled, uniqueIds } from './rules/context';
import { duplicateCandidates, duplicates, wholeRowCandidate, wholeRowDuplicates } from './rules/duplicates';
import { missingValues } from './rules/missingValues';
import { otherTypes } from './rules/otherTypes';
import { acceptedOutliers, type ColumnShape, measuredOutliers, outlierCandidates, outliers, zeroPlaceholders } from './rules/outliers';
import { categoricalCandidates, categoricalVariation, misspelledNames } from './rules/variation';
import { whitespaceCandidates } from './rules/whitespace';

export type { DetectedIssue, RuleContext } from './rules/context';
export { isIdLike, isIdName, THRESHOLDS } from './rules/context';
export { whitespaceCaseHypothesis } from './rules/whitespace';

/**
 * The analysis agent's rules: hypotheses from the profile, each with the figures it was proposed on.
 * The profile nominates candidates; for duplicates, outliers, categorical variation and whitespace/case
 * the heuristic fallback's computations (TypeScript equal to the pandas templates) then measure every
 * candidate on the whole dataset — in batches of measurements (measurements.ts), spread over the worker
 * threads or run in shared passes in one — so a hypothesis is only
 * proposed when its investigation will find rows, and its description carries the numbers the
 * investigation will report. Thresholds are documented in THRESHOLDS.
 *
 * Example values shown in descriptions and evidence go through the redactor (REDACT_PII); ids are unique.
 * Each type's rules live in rules/<type>.ts; rules/context.ts holds what they share (thresholds, the
 * batch of measurements, the issue builder).
 */

/** Every hypothesis the profile supports: core types first, then the others, each in column order. */
export async function profileHypotheses(ctx: RuleContext): Promise<DetectedIssue[]> {
  // First batch: every candidate column of every measured type.
  const first = await batch(ctx, (request) => {
    const measure = (type: Parameters<typeof computation>[0], c: ColumnStats) => request<Result>(computation(type, [c.name]));
    const keyed = duplicateCandidates(ctx.profile).map((c) => ({ column: c, result: measure('duplicates', c) }));
    const outlying = outlierCandidates(ctx.profile).map((c) => ({
      column: c,
      result: measure('outliers', c),
      shape: request<ColumnShape>({ kind: 'columnShape', column: c.name }),
    }));
    const categorical = categoricalCandidates(ctx.profile).map((c) => ({ column: c, result: measure('categorical_variation', c) }));
    // whitespace_case's computation throws where it cannot reproduce pandas' values exactly: null then.
    const padded = whitespaceCandidates(ctx.profile).map((c) => ({ column: c, result: measure('whitespace_case', c).catch(() => null) }));
    return async () => ({
      keyed: await settled(keyed),
      outlying: await Promise.all(outlying.map(async (o) => ({ column: o.column, result: await o.result, ...(await o.shape) }))),
      categorical: await settled(categorical),
      padded: await settled(padded),
    });
  });
  // Second batch, on what the first found: whole-row copies when no key repeats, derived extremes.
  const keyDuplicates = duplicates(ctx.profile, first.keyed);
  const accepted = acceptedOutliers(first.outlying);
  const second = await batch(ctx, (request) => {
    const wholeRows = !keyDuplicates.length && wholeRowCandidate(ctx.profile) ? request<Result>(computation('duplicates', [])) : null;
    const explained = accepted.length > 1 ? request<Map<string, string>>({ kind: 'explainedOutliers', accepted: measuredOutliers(accepted) }) : null;
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
