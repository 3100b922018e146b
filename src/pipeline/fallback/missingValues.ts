import { isMissing } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { DateColumnProbe, isoDay } from './dates';
import { columnPositions, envelope, type Scan } from './scan';

/** missing_values: rows where any of the columns is missing (RESULTS.md), with missing_by_date. */
export async function missingValues(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const positions = columnPositions(dataset, issue);
  const perColumn = positions.map(() => 0);
  const affected = new Uint8Array(dataset.rowCount);
  const first: number[] = [];
  let count = 0;
  const probes = new Map<number, DateColumnProbe>();
  dataset.columns.forEach((c, i) => {
    if (c.dtype === 'object' && !positions.includes(i)) probes.set(i, new DateColumnProbe());
  });
  await scan((fields, row) => {
    let any = false;
    positions.forEach((p, k) => {
      if (isMissing(fields[p]!)) {
        perColumn[k]! += 1;
        any = true;
      }
    });
    if (any) {
      affected[row] = 1;
      count += 1;
      if (first.length < 10) first.push(row);
    }
    for (const [p, probe] of probes) if (!probe.full && !isMissing(fields[p]!)) probe.add(fields[p]!);
  });

  const result: Record<string, unknown> = envelope('missing_values', issue.affectedColumns, dataset.rowCount, count, first);
  result.missing_count = count;
  result.missing_by_column = Object.fromEntries(issue.affectedColumns.map((c, k) => [c, perColumn[k]]));
  const dateColumn = [...probes].find(([, probe]) => probe.isDateLike())?.[0];
  if (dateColumn !== undefined) {
    const perDay = new Map<string, number>();
    await scan((fields, row) => {
      if (!affected[row]) return;
      const day = isMissing(fields[dateColumn]!) ? null : isoDay(fields[dateColumn]!);
      if (day) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    });
    const top = [...perDay].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, 20);
    result.date_column = dataset.columns[dateColumn]!.name;
    result.missing_by_date = Object.fromEntries(top);
  }
  return result;
}
