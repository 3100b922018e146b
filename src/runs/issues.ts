import type { InvestigationRow } from '../db/schema';
import type { IssueSpec, PreviousStep } from '../pipeline/types';

/** The issue an investigation checks, as the pipeline and the API see it. */
export function issueOf(inv: InvestigationRow): IssueSpec {
  return {
    id: inv.issueId,
    type: inv.issueType,
    description: inv.issueDescription,
    affectedColumns: inv.affectedColumns,
    options: inv.issueOptions ?? null,
    source: inv.issueSource,
    evidence: inv.issueEvidence ?? null,
    claim: inv.issueClaim ?? null,
  };
}

/** What a follow-up's code starts from: the investigation it follows up (IssueSpec.previous). */
export function previousStepOf(parent: InvestigationRow): PreviousStep {
  return {
    investigationId: parent.id,
    issue: { type: parent.issueType, description: parent.issueDescription, affectedColumns: parent.affectedColumns, options: parent.issueOptions ?? null },
    output: parent.output ?? null,
    code: parent.code,
  };
}
