import type { DatasetRow, InvestigationRow, ProgressEventRow, RunRow } from '../db/schema';
import { builder } from './builder';

/** The object types that refer to one another, declared once so each domain file can use the others. */
export const DatasetRef = builder.objectRef<DatasetRow>('Dataset');
export const RunRef = builder.objectRef<RunRow>('InvestigationRun');
export const InvestigationRef = builder.objectRef<InvestigationRow>('Investigation');
export const ProgressEventRef = builder.objectRef<ProgressEventRow>('ProgressEvent');

export const DatasetConnection = builder.connectionObject(
  { type: DatasetRef, name: 'DatasetConnection' },
  { name: 'DatasetEdge' },
);
export const RunConnection = builder.connectionObject(
  { type: RunRef, name: 'InvestigationRunConnection' },
  { name: 'InvestigationRunEdge' },
);
export const InvestigationConnection = builder.connectionObject(
  { type: InvestigationRef, name: 'InvestigationConnection' },
  { name: 'InvestigationEdge' },
);

/** LLM usage, shared by investigations and runs. */
export const LlmUsageType = builder.simpleObject('LlmUsage', {
  description: 'Tokens the LLM calls used, and their estimated cost at list prices.',
  fields: (t) => ({
    model: t.string(),
    calls: t.int(),
    inputTokens: t.int(),
    outputTokens: t.int(),
    estimatedCostUsd: t.float(),
  }),
});
