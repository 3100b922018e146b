import { isMissing } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { encodedDataset, type EncodedDataset } from './encodedDataset';
import { strCodes, type StrCodes } from './objectColumn';
import { casefold, pyCollapse, pyStrip } from './pyUnicode';
import { affectedRows, columnPositions, envelope, type Scan } from './scan';

/**
 * whitespace_case (RESULTS.md; the template whitespace_case.py): stray whitespace and case variants, on
 * str() of each present value with Python's whitespace (str.isspace) and str.casefold() (pyUnicode.ts).
 *
 * Columns pandas reads as numbers or booleans are checked too, but str() of a number or a boolean has no
 * whitespace and no two of them casefold alike, so they only contribute their `present` count.
 *
 * Throws (the investigation then fails) where Python's values cannot be reproduced exactly: an `object`
 * column with a chunk of rows whose typing by pandas' C parser depends on the order of its values
 * (integers beyond int64 next to missing values or floats; objectColumn.ts).
 */
const GROUP_CAP = 20;

interface Group {
  variants: string[];
  count: number;
  canonical: string;
  first: number;
}

export async function whitespaceCase(issue: IssueSpec, dataset: DatasetRef, _scan?: Scan) {
  const given = columnPositions(dataset, issue);
  // Without columns: the columns pandas holds as object, among those the profile says are (objectColumn.ts:
  // chunks of booleans next to chunks of ints or of missing values make an int64 or float64 column).
  let checked = issue.affectedColumns.length ? given : dataset.columns.flatMap((c, i) => (c.dtype === 'object' ? [i] : []));
  const encoded = await encodedDataset(dataset);
  const objects = new Map<number, StrCodes>();
  for (const p of checked) if (dataset.columns[p]!.dtype === 'object' && !objects.has(p)) objects.set(p, strCodes(dataset, encoded, p));
  if (!issue.affectedColumns.length) checked = checked.filter((p) => objects.get(p)!.layout.dtype === 'object');

  const affected = new Uint8Array(dataset.rowCount);
  const byColumn: Record<string, unknown>[] = [];
  let whitespaceTotal = 0;
  let caseTotal = 0;
  const analysed = new Map<number, Record<string, unknown>>();
  for (const p of checked) {
    const column = dataset.columns[p]!.name;
    const object = objects.get(p);
    if (!object) {
      byColumn.push({
        column,
        present: presentRows(encoded, p),
        whitespace_count: 0,
        leading_trailing_count: 0,
        inner_whitespace_count: 0,
        case_variant_count: 0,
        case_group_count: 0,
        case_groups: [],
        whitespace_examples: [],
        case_examples: [],
      });
      continue;
    }
    let entry = analysed.get(p);
    if (!entry) {
      entry = analyseColumn(column, object, affected);
      analysed.set(p, entry);
    }
    whitespaceTotal += entry.whitespace_count as number;
    caseTotal += entry.case_variant_count as number;
    byColumn.push(entry);
  }

  const { count, first } = affectedRows(affected);
  return {
    ...envelope('whitespace_case', issue.affectedColumns, dataset.rowCount, count, first),
    checked_columns: checked.map((p) => dataset.columns[p]!.name),
    whitespace_count: whitespaceTotal,
    case_variant_count: caseTotal,
    by_column: byColumn,
  };
}

/** The rows of column `p` that hold a value. */
function presentRows(encoded: EncodedDataset, p: number): number {
  const { values, codes } = encoded.columns[p]!;
  const missing = Uint8Array.from(values, (raw) => (isMissing(raw) ? 1 : 0));
  let present = 0;
  for (let row = 0; row < codes.length; row++) if (!missing[codes[row]!]) present += 1;
  return present;
}

function analyseColumn(column: string, { codes, texts }: StrCodes, affected: Uint8Array): Record<string, unknown> {
  const rows = new Float64Array(texts.length);
  let present = 0;
  for (const code of codes) {
    if (code < 0) continue;
    rows[code]! += 1;
    present += 1;
  }
  // Per distinct value: whitespace at the edges, other inner whitespace, and its cleaned spelling.
  const edge = new Uint8Array(texts.length);
  const inner = new Uint8Array(texts.length);
  const spellingOf = new Int32Array(texts.length);
  const spellingIds = new Map<string, number>();
  const spellings: string[] = [];
  const spellingRows: number[] = [];
  texts.forEach((text, i) => {
    const stripped = pyStrip(text);
    const cleaned = pyCollapse(stripped);
    edge[i] = text !== stripped ? 1 : 0;
    inner[i] = stripped !== cleaned ? 1 : 0;
    let s = spellingIds.get(cleaned);
    if (s === undefined) {
      s = spellings.length;
      spellingIds.set(cleaned, s);
      spellings.push(cleaned);
      spellingRows.push(0);
    }
    spellingOf[i] = s;
    spellingRows[s]! += rows[i]!;
  });

  // Case groups: cleaned spellings equal after casefold(); the canonical one has most rows, then comes first.
  const byKey = new Map<string, number[]>();
  spellings.forEach((spelling, s) => {
    const key = casefold(spelling);
    const members = byKey.get(key);
    if (members) members.push(s);
    else byKey.set(key, [s]);
  });
  const variantSpelling = new Uint8Array(spellings.length);
  const groups: Group[] = [];
  for (const members of byKey.values()) {
    if (members.length < 2) continue;
    const ordered = [...members].sort((a, b) => spellingRows[b]! - spellingRows[a]! || a - b);
    for (const s of ordered.slice(1)) variantSpelling[s] = 1;
    groups.push({
      variants: ordered.map((s) => spellings[s]!),
      count: ordered.reduce((n, s) => n + spellingRows[s]!, 0),
      canonical: spellings[ordered[0]!]!,
      first: ordered[0]!,
    });
  }
  groups.sort((a, b) => b.count - a.count || a.first - b.first);

  const caseValue = texts.map((_, i) => variantSpelling[spellingOf[i]!] === 1);
  let whitespace = 0;
  let edges = 0;
  let inners = 0;
  let cases = 0;
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row]!;
    if (code < 0) continue;
    const ws = edge[code]! || inner[code]!;
    if (ws) whitespace += 1;
    if (edge[code]) edges += 1;
    if (inner[code]) inners += 1;
    if (caseValue[code]) cases += 1;
    if (ws || caseValue[code]) affected[row] = 1;
  }
  const examples = (test: (i: number) => boolean) => {
    const out: string[] = [];
    for (let i = 0; i < texts.length && out.length < 5; i++) if (test(i)) out.push(texts[i]!);
    return out;
  };
  return {
    column,
    present,
    whitespace_count: whitespace,
    leading_trailing_count: edges,
    inner_whitespace_count: inners,
    case_variant_count: cases,
    case_group_count: groups.length,
    case_groups: groups.slice(0, GROUP_CAP).map(({ variants, count, canonical }) => ({ variants, count, canonical })),
    whitespace_examples: examples((i) => edge[i] === 1 || inner[i] === 1),
    case_examples: examples((i) => caseValue[i]!),
  };
}
