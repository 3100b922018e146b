import { placeholderText } from '../../pipeline/fallback/missingValues';
import type { PiiRedactor } from '../../pipeline/redact';
import { number, plural, share } from '../format';
import type { ColumnStats, DatasetProfile } from '../profiler';
import { type DetectedIssue, issue } from './context';

/** missing_values: empty cells, and placeholders standing for missing values. */

/**
 * Texts that stand for a missing value beside real ones: a lone symbol (".", "-", "?", "*") or a word
 * saying so ("unknown", "not recorded"). pandas reads them as values; options.placeholders counts them.
 */
const PLACEHOLDER = /^(?:[.\-?*_#/]{1,3}|unknown|missing|not available|not recorded|not known|undefined|unspecified|n\.a\.?|n\/d|tbd)$/i;

/** The placeholders of a text column, with their rows, when they stand among real values (not a column of symbols). */
function placeholdersOf(c: ColumnStats): Array<{ text: string; rows: number }> {
  if (c.dtype !== 'object' || !c.valueCounts) return [];
  const found = new Map<string, number>();
  let real = 0;
  let worded = 0;
  for (const [value, n] of c.valueCounts) {
    const text = placeholderText(value);
    if (PLACEHOLDER.test(text) && !/^[-+]?\d/.test(text)) found.set(text, (found.get(text) ?? 0) + n);
    else {
      real += n;
      if (/[\p{L}\p{N}]/u.test(value)) worded += n;
    }
  }
  const rows = [...found.values()].reduce((a, b) => a + b, 0);
  // A minority among values that are mostly words or numbers ("+" and "-" as the only values are a code, not a gap).
  if (!rows || rows > real || worded < real / 2) return [];
  return [...found].map(([text, n]) => ({ text, rows: n })).sort((a, b) => b.rows - a.rows);
}

export function missingValues(profile: DatasetProfile, redactor: PiiRedactor): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  for (const c of profile.columns) {
    const placeholders = placeholdersOf(c);
    const marked = placeholders.reduce((n, p) => n + p.rows, 0);
    if (!c.nullCount && !marked) continue;
    const evidence = { rows_analyzed: profile.rows, affected_count: c.nullCount + marked, affected_percentage: ((c.nullCount + marked) / profile.rows) * 100 };
    if (!marked) {
      out.push(issue('missing_values', [c.name], `${c.name} is missing in ${share(c.nullCount, profile.rows)}`, evidence));
      continue;
    }
    const shown = placeholders.map((p) => `${JSON.stringify(redactor.text(p.text))} (${plural(p.rows, 'row')})`);
    out.push(
      issue(
        'missing_values',
        [c.name],
        `${c.name} is missing in ${share(c.nullCount + marked, profile.rows)}, counting the placeholders standing for a missing value: ${shown.join(', ')}`,
        { ...evidence, empty_count: c.nullCount, placeholders: placeholders.map((p) => ({ text: redactor.text(p.text), rows: p.rows })) },
        { placeholders: placeholders.map((p) => p.text) },
      ),
    );
  }
  return out;
}
