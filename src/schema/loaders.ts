import DataLoader from 'dataloader';
import type { Db } from '../db/client';
import type { DatasetRow, InvestigationRow, ProgressEventRow, RunRow } from '../db/schema';
import { datasetsByIds } from '../db/stores/datasetStore';
import { eventsOfRuns } from '../db/stores/eventStore';
import { investigationsByIds, investigationsByRunIds } from '../db/stores/investigationStore';
import { runsByIds } from '../db/stores/runStore';
import type { TenantScope } from '../db/stores/tenancy';

/**
 * Per-request batching: a query for many runs with their datasets and investigations costs one SQL query
 * per kind of record, not one per run. Records of other tenants than the request's load as null.
 */
export function createLoaders(db: Db, tenantId: TenantScope) {
  const byId = <T extends { id: string }>(load: (ids: readonly string[]) => T[]) =>
    new DataLoader<string, T | null>(async (ids) => {
      const found = new Map(load(ids).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    });
  const groupedBy = <T>(load: (keys: readonly string[]) => T[], key: (row: T) => string) =>
    new DataLoader<string, T[]>(async (keys) => {
      const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of load(keys)) groups.get(key(row))?.push(row);
      return keys.map((k) => groups.get(k)!);
    });
  return {
    dataset: byId<DatasetRow>((ids) => datasetsByIds(db, ids, tenantId)),
    run: byId<RunRow>((ids) => runsByIds(db, ids, tenantId)),
    investigation: byId<InvestigationRow>((ids) => investigationsByIds(db, ids, tenantId)),
    investigationsByRun: groupedBy<InvestigationRow>((ids) => investigationsByRunIds(db, ids), (r) => r.runId),
    eventsByRun: groupedBy<ProgressEventRow>((ids) => eventsOfRuns(db, ids), (r) => r.runId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
