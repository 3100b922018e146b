import type { DatasetService } from '../datasets/datasetService';
import type { DismissalRow } from '../db/schema';
import type { Store } from '../db/store';
import type { TenantScope } from '../db/stores/tenancy';
import { InputError, NotFoundError } from '../errors';
import { newId } from '../util/ids';

export interface DismissInput {
  type: string;
  affectedColumns: readonly string[];
  reason?: string | null;
}

const MAX_TYPE_LENGTH = 100;
const MAX_REASON_LENGTH = 2000;

/** What a proposal and a dismissal are matched by: the type, and the columns whatever their order. */
export const dismissalKey = (type: string, columns: readonly string[]) => `${type}\u0000${JSON.stringify([...columns].sort())}`;

/**
 * "Not an issue": a person tells the service that a hypothesis (a type on some columns) is not a problem
 * for a dataset, and detectIssues stops proposing it there. Dismissals belong to the dataset, so its tenant's
 * members see and undo them; dismissing twice keeps the first.
 */
export class DismissalService {
  constructor(
    private readonly store: Store,
    private readonly datasets: DatasetService,
  ) {}

  async dismiss(scope: TenantScope, datasetId: string, input: DismissInput): Promise<DismissalRow> {
    const dataset = await this.datasets.get(datasetId, scope);
    const type = input.type.trim();
    if (!type || type.length > MAX_TYPE_LENGTH) throw new InputError(`type must be 1 to ${MAX_TYPE_LENGTH} characters; got ${JSON.stringify(input.type)}`, { field: 'type' });
    const names = new Set(dataset.columns.map((c) => c.name));
    const unknown = input.affectedColumns.filter((c) => !names.has(c));
    if (unknown.length) {
      throw new InputError(`affectedColumns names ${unknown.map((c) => JSON.stringify(c)).join(', ')}, not ${unknown.length === 1 ? 'a column' : 'columns'} of dataset ${dataset.id}`, { field: 'affectedColumns' });
    }
    const reason = input.reason?.trim() || null;
    if (reason && reason.length > MAX_REASON_LENGTH) throw new InputError(`reason must be at most ${MAX_REASON_LENGTH} characters`, { field: 'reason' });
    const columns = [...new Set(input.affectedColumns)];
    return this.store.dismissals.add({
      id: newId('Dismissal'),
      datasetId: dataset.id,
      issueType: type,
      columnsKey: JSON.stringify([...columns].sort()),
      affectedColumns: columns,
      reason,
      createdAt: new Date(),
    });
  }

  /** Undoes a dismissal: later detection proposes the hypothesis again. */
  async restore(scope: TenantScope, id: string): Promise<DismissalRow> {
    const row = await this.store.dismissals.byId(id);
    if (!row || !(await this.datasets.find(row.datasetId, scope))) throw new NotFoundError('Dismissal', id);
    await this.store.dismissals.remove(id);
    return row;
  }

  async ofDataset(datasetId: string): Promise<DismissalRow[]> {
    return this.store.dismissals.ofDatasets([datasetId]);
  }

  /** The hypotheses not dismissed for the dataset. */
  async without<T extends { type: string; affectedColumns: readonly string[] }>(datasetId: string, issues: T[]): Promise<T[]> {
    const dismissed = new Set((await this.ofDataset(datasetId)).map((d) => dismissalKey(d.issueType, d.affectedColumns)));
    return dismissed.size ? issues.filter((i) => !dismissed.has(dismissalKey(i.type, i.affectedColumns))) : issues;
  }
}
