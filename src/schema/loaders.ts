import DataLoader from 'dataloader';
import type { ArtifactInfo, DatasetRow, InvestigationRow, ProgressEventRow, RunRow } from '../db/schema';
import type { Store } from '../db/store';
import type { TenantScope } from '../db/stores/tenancy';

/**
 * Per-request batching: a query for many runs with their datasets and investigations costs one SQL query
 * per kind of record, not one per run. Records of other tenants than the request's load as null.
 */
export function createLoaders(store: Store, tenantId: TenantScope) {
  const byId = <T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const found = new Map((await load(ids)).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    });
  const groupedBy = <T>(load: (keys: readonly string[]) => Promise<T[]>, key: (row: T) => string) =>
    new DataLoader<string, T[]>(async (keys) => {
      const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of await load(keys)) groups.get(key(row))?.push(row);
      return keys.map((k) => groups.get(k)!);
    });
  return {
    dataset: byId<DatasetRow>((ids) => store.datasets.byIds(ids, tenantId)),
    run: byId<RunRow>((ids) => store.runs.byIds(ids, tenantId)),
    investigation: byId<InvestigationRow>((ids) => store.investigations.byIds(ids, tenantId)),
    investigationsByRun: groupedBy<InvestigationRow>((ids) => store.investigations.byRunIds(ids), (r) => r.runId),
    eventsByRun: groupedBy<ProgressEventRow>((ids) => store.events.ofRuns(ids), (r) => r.runId),
    artifactsByInvestigation: groupedBy<ArtifactInfo>((ids) => store.artifacts.ofInvestigations(ids, tenantId), (r) => r.investigationId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
