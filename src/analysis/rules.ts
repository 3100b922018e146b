import { batch, type DetectedIssue, type RuleContext, settled, uniqueIds } from './rules/context';
import { duplicateCandidates, duplicates, wholeRowCandidate, wholeRowDuplicates } from './rules/duplicates';
import { missingValues } from './rules/missingValues';
import { otherTypes } from './rules/otherTypes';
import { acceptedOutliers, columnShape, explainedOutliers, outlierCandidates, outliers, zeroPlaceholders } from './rules/outliers';
import { categoricalCandidates, categoricalVariation, misspelledNames } from './rules/variation';
import { whitespaceCandidates } from './rules/whitespace';

export type { DetectedIssue, RuleContext } from './rules/context';
export { isIdLike, isIdName, THRESHOLDS } from './rules/context';
export { whitespaceCaseHypothesis } from './rules/whitespace';

/**
 * The analysis agent's rules: hypotheses from the profile, each with the figures it was proposed on.
 * The profile nominates candidates; for duplicates, outliers, categorical variation and whitespace/case
 * the heuristic fallback's computations (TypeScript equal to the pandas templates) then measure every
 * candidate on the whole dataset — all candidates in shared passes over the CSV — so a hypothesis is only
 * proposed when its investigation will find rows, and its description carries the numbers the
 * investigation will report. Thresholds are documented in THRESHOLDS.
 *
 * Example values shown in descriptions and evidence go through the redactor (REDACT_PII); ids are unique.
 * Each type's rules live in rules/<type>.ts; rules/context.ts holds what they share (thresholds, the
 * batch of shared passes, the issue builder).
 */

/** Every hypothesis the profile supports: core types first, then the others, each in column order. */
export async function profileHypotheses(ctx: RuleContext): Promise<DetectedIssue[]> {
  // First batch: every candidate column of every measured type (two passes over the CSV at most).
  const first = await batch(ctx, (run, measure) => {
    const keyed = duplicateCandidates(ctx.profile).map((c) => ({ column: c, result: measure('duplicates', [c.name]) }));
    const outlying = outlierCandidates(ctx.profile).map((c) => ({
      column: c,
      result: measure('outliers', [c.name]),
      shape: run(() => columnShape(ctx.dataset, c.name)),
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
    const explained = accepted.length > 1 ? run(() => explainedOutliers(ctx, accepted)) : null;
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
