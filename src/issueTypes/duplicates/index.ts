import { z } from 'zod';
import { duplicates } from '../../pipeline/fallback/duplicates';
import { isMissing } from '../../datasets/pandasSemantics';
import type { IssueTypeModule } from '../definition';
import { count as figure } from '../../analysis/format';
import { finite, sameColumns, sameCount } from '../consistency';
import { count } from '../resultSchema';

/** The distinct keys that repeat: what '12 duplicate ids' counts. */
const duplicateKeys = { what: 'distinct repeated keys', of: (o: Record<string, unknown>) => finite(o.unique_duplicate_ids) };

export const duplicatesType: IssueTypeModule = {
  type: 'duplicates',
  description:
    'Rows whose key (the columns; no columns means whole rows) occurs more than once, whether they are exact copies, what differs between the copies (per column, the keys whose copies differ there) and examples.',
  columns: { min: 0, max: Infinity, description: 'the key columns (none for whole rows)' },
  options: [],
  result: z.object({
    duplicate_count: count,
    key_columns: z.array(z.string()).nullish(),
    unique_duplicate_ids: count,
    exact_duplicate_rows: count,
    are_exact_duplicates: z.boolean(),
    keys_with_differences: count.nullish(),
    differences_by_column: z.record(z.string(), count).nullish(),
    example_duplicates: z.array(z.unknown()).max(5),
  }),
  core: true,
  template: new URL('./template.py', import.meta.url),
  consistency(e, issue) {
    // Whole-row duplicates may list every column, or none.
    const errors = [...(issue.affectedColumns.length ? sameColumns(e, issue) : []), ...sameCount(e, 'duplicate_count')];
    const { unique_duplicate_ids: ids, exact_duplicate_rows: exact, are_exact_duplicates: allExact } = e;
    if (typeof ids === 'number' && (2 * ids > e.affected_count || (e.affected_count > 0 && ids === 0))) {
      errors.push(`unique_duplicate_ids ${ids} does not fit duplicate_count ${e.affected_count} (each repeated key holds 2 rows or more)`);
    }
    if (typeof exact === 'number' && exact > e.affected_count) errors.push(`exact_duplicate_rows ${exact} exceeds duplicate_count ${e.affected_count}`);
    if (typeof exact === 'number' && typeof allExact === 'boolean' && allExact !== (e.affected_count > 0 && exact === e.affected_count)) {
      errors.push(`are_exact_duplicates is ${allExact}, but ${exact} of ${e.affected_count} affected rows are exact duplicates`);
    }
    return errors;
  },
  *showingRows({ pool, rows, positions }) {
    const key = positions.length ? positions : pool.header.map((_, i) => i);
    const byKey = new Map<string, number[]>();
    for (const [i, fields] of rows) {
      const k = key.map((p) => (isMissing(fields[p]!) ? '\u0000NA' : fields[p])).join('\u0001');
      byKey.set(k, [...(byKey.get(k) ?? []), i]);
    }
    for (const same of byKey.values()) if (same.length > 1) yield* same;
  },
  followUps(r, issue, profiles) {
    if (!issue.affectedColumns.length) return [];
    const key = issue.affectedColumns.join(', ');
    // A key of every column repeats whole rows only: asking about whole copies again would tell nothing new.
    const wholeCopies =
      r.exact_duplicate_rows && issue.affectedColumns.length < profiles.length
        ? [
            {
              question: `${figure(r.exact_duplicate_rows)} of the ${figure(r.affected_count)} rows with a repeated ${key} are whole copies of another row: was data imported twice? How many rows are whole copies in all?`,
              issue: { type: 'duplicates', description: 'whole rows repeat (a double import)', affectedColumns: [] },
            },
          ]
        : [];
    // What differs between the copies: the column in which most keys' copies differ, the first in the dataset's
    // order on a tie (not the result's, whose key order a store may change); only the dataset's other columns.
    const differences = (r.differences_by_column ?? {}) as Record<string, number>;
    const differing = profiles
      .map((c) => [c.name, differences[c.name] ?? 0] as const)
      .filter(([name, keys]) => keys > 0 && !issue.affectedColumns.includes(name));
    if (!differing.length) return wholeCopies;
    const [column, keys] = differing.reduce((most, entry) => (entry[1] > most[1] ? entry : most));
    const others = differing.length - 1;
    return [
      ...wholeCopies,
      {
        question:
          `The copies of ${figure(keys)} of the ${figure(r.unique_duplicate_ids)} repeated ${key} values differ in ${column}` +
          `${others ? ` (and copies differ in ${figure(others)} other column${others === 1 ? '' : 's'})` : ''}: are they corrections, or different records sharing a ${key}? ` +
          `How many rows repeat ${key} with the same ${column}?`,
        issue: { type: 'duplicates', description: `rows repeat ${key} with the same ${column}`, affectedColumns: [...issue.affectedColumns, column] },
      },
    ];
  },
  verdict: {
    claimMeasures: { DUPLICATE_KEYS: duplicateKeys },
    // Any noun counts one of its figures: rows (countMeasures says which), anything else keys.
    countsOwn: () => true,
    problemWords: /\b(?:duplicated|duplicates?|repeated|repeats?|twice|more than once)\b/i,
    countMeasures(nouns, output) {
      // Things counted ("12 ids", "143 diamonds listed twice", "a few cars") are keys; rows, records, observations and copies
      // ("40 storm obs", "5 order rows") are rows.
      const row = /^(?:rows?|records?|entries|entry|lines?|copies|observations?|obs|readings?|measurements?)$/;
      const rows = nouns.some((w) => row.test(w)) || nouns.every((w) => row.test(w) || /^(?:duplicates?|duplicated|occurrences?|repeats?)$/.test(w));
      if (rows) {
        // "Nine rows repeat an earlier row": the copies beyond each key's first; "40 obs share a key with another": every row in a repeated key.
        const keys = duplicateKeys.of(output);
        const affected = typeof output.affected_count === 'number' ? output.affected_count : null;
        if (keys === null || affected === null) return [];
        return [
          { value: affected - keys, what: 'rows that repeat an earlier one (copies beyond the first)' },
          { value: affected, what: 'rows whose key another row shares' },
        ];
      }
      const ids = duplicateKeys.of(output);
      return ids === null ? [] : [{ value: ids, what: duplicateKeys.what }];
    },
  },
  heuristic: duplicates,
};
