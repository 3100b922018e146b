import type { DatasetRow, InvestigationRow, ProgressEventRow, RunRow } from '../db/schema';
import { builder } from './builder';

/** The object types that refer to one another, declared once so each domain file can use the others. */
export const DatasetRef = builder.objectRef<DatasetRow>('Dataset');
export const RunRef = builder.objectRef<RunRow>('InvestigationRun');
export const InvestigationRef = builder.objectRef<InvestigationRow>('Investigation');
export const ProgressEventRef = builder.objectRef<ProgressEventRow>('ProgressEvent');

/** Every connection's totalCount: the whole list's size under its filter, counted only when asked for. */
const TOTAL_COUNT = 'How many nodes the whole list holds (under its filter), whatever the page.';
const totalCountOf = (connection: object) => (connection as { totalCount: () => number }).totalCount();

export const DatasetConnection = builder.connectionObject(
  { type: DatasetRef, name: 'DatasetConnection', fields: (t) => ({ totalCount: t.int({ description: TOTAL_COUNT, resolve: totalCountOf }) }) },
  { name: 'DatasetEdge' },
);
export const RunConnection = builder.connectionObject(
  { type: RunRef, name: 'InvestigationRunConnection', fields: (t) => ({ totalCount: t.int({ description: TOTAL_COUNT, resolve: totalCountOf }) }) },
  { name: 'InvestigationRunEdge' },
);
export const InvestigationConnection = builder.connectionObject(
  { type: InvestigationRef, name: 'InvestigationConnection', fields: (t) => ({ totalCount: t.int({ description: TOTAL_COUNT, resolve: totalCountOf }) }) },
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
