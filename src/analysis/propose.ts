import type { PiiRedactor } from '../pipeline/redact';
import type { DatasetRef } from '../pipeline/types';
import { type DetectionWork, inThisThread } from './detectionWork';
import type { DatasetProfile } from './profiler';
import { profileHypotheses } from './rules';
import type { DetectedIssue } from './rules';

/** detectIssues' work without the LLM: the profile, then the rules' hypotheses measured exactly; the CPU work where `work` says. */
export async function profileAndPropose(
  dataset: DatasetRef,
  signal: AbortSignal,
  redactor: PiiRedactor,
  work: DetectionWork = inThisThread,
): Promise<{ profile: DatasetProfile; issues: DetectedIssue[] }> {
  const profile = await work.profile(dataset, signal);
  const issues = await profileHypotheses({ dataset, profile, signal, redactor, measure: (list) => work.measure(dataset, signal, list) });
  // The full value counts served the rules; the LLM prompt needs only the top values.
  for (const c of profile.columns) c.valueCounts = null;
  return { profile, issues };
}
