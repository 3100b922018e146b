import type { GivenCode, InvestigationRow, RunRow } from '../db/schema';
import type { IssueSpec } from '../pipeline/types';
import { newId } from '../util/ids';

/** A new run as stored before it starts: QUEUED, no event yet. */
export function newRunRow(fields: Pick<RunRow, 'tenantId' | 'datasetId' | 'concurrency' | 'codegen' | 'sandbox' | 'llmModel' | 'fresh' | 'charts' | 'label'>, now = new Date()): RunRow {
  return { id: newId('InvestigationRun'), ...fields, status: 'QUEUED', stopRequested: null, lastSeq: 0, createdAt: now, startedAt: null, finishedAt: null };
}

/**
 * The run's investigation of `issue`, the `position`-th of its issues, as stored before it starts: PENDING;
 * `parentId` when it follows up another investigation.
 */
export function newInvestigationRow(run: RunRow, issue: IssueSpec, position: number, givenCode: GivenCode | null = null, parentId: string | null = null): InvestigationRow {
  return {
    id: newId('Investigation'),
    tenantId: run.tenantId,
    runId: run.id,
    datasetId: run.datasetId,
    position,
    issueId: issue.id,
    issueType: issue.type,
    issueDescription: issue.description,
    affectedColumns: issue.affectedColumns,
    issueOptions: issue.options ?? null,
    issueSource: issue.source ?? 'USER',
    issueEvidence: issue.evidence ?? null,
    issueClaim: issue.claim ?? null,
    status: 'PENDING',
    method: null,
    code: null,
    output: null,
    error: null,
    errorCode: null,
    attempts: 0,
    executionTimeMs: null,
    timings: null,
    sample: null,
    validation: null,
    attemptLog: null,
    usage: null,
    verdict: null,
    queuedAt: null,
    claims: 0,
    workerId: null,
    parentId,
    givenCode,
    createdAt: run.createdAt,
    startedAt: null,
    finishedAt: null,
  };
}
