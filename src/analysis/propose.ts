import type { PiiRedactor } from '../pipeline/redact';
import type { DatasetRef } from '../pipeline/types';
import { profileDataset, type DatasetProfile } from './profiler';
import { profileHypotheses } from './rules';
import type { DetectedIssue } from './rules';

/** detectIssues' work without the LLM: one profiling pass, then the rules' hypotheses measured exactly. */
export async function profileAndPropose(dataset: DatasetRef, signal: AbortSignal, redactor: PiiRedactor): Promise<{ profile: DatasetProfile; issues: DetectedIssue[] }> {
  const profile = await profileDataset(dataset, signal);
  const issues = await profileHypotheses({ dataset, profile, signal, redactor });
  // The full value counts served the rules; the LLM prompt needs only the top values.
  for (const c of profile.columns) c.valueCounts = null;
  return { profile, issues };
}
