import type { InvestigationRow } from '../db/schema';
import type { IssueSpec } from '../pipeline/types';

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
