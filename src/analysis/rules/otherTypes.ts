import { DATE_LIKE, isoDay } from '../../pipeline/fallback/dates';
import { count, number, quoted, share } from '../format';
import type { ColumnStats } from '../profiler';
import { type Candidate, type DetectedIssue, isIdName, issue, type Result, type RuleContext, SIGNED_NAME, THRESHOLDS } from './context';
import { whitespaceCaseHypothesis } from './whitespace';

/** The extended types: placeholder and out-of-range dates, values of the wrong kind, odd negatives, padded text. */

/** Dates systems write for "unknown": the Unix epoch and its eve, spreadsheet zeros, the first and last days. */
const PLACEHOLDER_DAYS = new Set(['1970-01-01', '1969-12-31', '1900-01-01', '1899-12-30', '1899-12-31', '0001-01-01', '9999-12-31']);
const TWO_DIGIT_YEAR = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?:\s|$)/;
const DAY_MS = 86_400_000;

/**
 * Placeholder dates of a date column: one of PLACEHOLDER_DAYS, cut off from the column's other dates by
 * more than two years and ten times their usual spacing (so a yearly series that starts on 1970-01-01 keeps
 * it). The bounds returned make out_of_range count exactly them.
 */
function placeholderDates(c: ColumnStats) {
  if (!c.valueCounts) return null;
  const days = new Map<string, number>();
  const found = new Map<string, { raw: string; rows: number; day: string }>();
  for (const [raw, n] of c.valueCounts) {
    // The first and last days lie beyond pandas' dates: read them from their text.
    const day = (DATE_LIKE.test(raw) ? isoDay(raw) : null) ?? /^\s*(0001-01-01|9999-12-31)\b/.exec(raw)?.[1];
    if (!day) continue;
    if (PLACEHOLDER_DAYS.has(day)) {
      const f = found.get(day) ?? { raw, rows: 0, day };
      f.rows += n;
      found.set(day, f);
    } else days.set(day, (days.get(day) ?? 0) + n);
  }
  if (!found.size || days.size < 2) return null;
  const sorted = [...days.keys()].sort();
  const time = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const gaps = sorted.slice(1).map((d, i) => time(d) - time(sorted[i]!)).sort((a, b) => a - b);
  const spacing = gaps[Math.floor(gaps.length / 2)]!;
  const [first, last] = [sorted[0]!, sorted[sorted.length - 1]!];
  const apart = (gap: number) => gap > Math.max(730 * DAY_MS, 10 * spacing);
  const placeholders = [...found.values()].filter((p) => (p.day < first ? apart(time(first) - time(p.day)) : p.day > last && apart(time(p.day) - time(last))));
  if (!placeholders.length) return null;
  const bounds: Record<string, string> = {};
  if (placeholders.some((p) => p.day < first)) bounds.min = first;
  if (placeholders.some((p) => p.day > last)) bounds.max = last;
  return { placeholders: placeholders.map(({ raw, rows }) => ({ raw, rows })), others: [first, last] as [string, string], bounds };
}

/** Numbers that are codes (station "117" beside station "c168"): the odd values carry digits of the same kind. */
function codesAmongNumbers(c: ColumnStats): boolean {
  return c.nonNumericExamples.length > 0 && c.nonNumericExamples.every((v) => /^[A-Za-z]{1,3}[-_]?\d+[A-Za-z]?$|^\d+[A-Za-z]{1,3}$/.test(v.trim()));
}

/** The extended types, when the profile shows them plainly: padded text, odd negatives, values of the wrong kind. */
export function otherTypes(ctx: RuleContext, whitespace: Array<Candidate<Result | null>>): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  const { profile } = ctx;
  const rows = profile.rows;
  const shown = (values: readonly string[]) => values.map((v) => ctx.redactor.text(v));
  for (const c of profile.columns) {
    if (!c.present) continue;
    const minority = (n: number) => n > 0 && n <= THRESHOLDS.minorityShare * c.present;
    // invalid_format: a column of numbers (or dates) with a few values that are not.
    if (!c.dateLike && c.numericCount / c.present >= THRESHOLDS.dominantShare && minority(c.nonNumericCount) && !codesAmongNumbers(c)) {
      const examples = shown(c.nonNumericExamples);
      out.push(
        issue(
          'invalid_format',
          [c.name],
          `${c.name} holds numbers, but ${share(c.nonNumericCount, rows)} are not numbers (e.g. ${quoted(examples)})`,
          { rows_analyzed: rows, affected_count: c.nonNumericCount, present: c.present, examples },
          { expected: 'number' },
        ),
      );
    } else if (c.dateLike && minority(c.present - c.dateCount)) {
      const bad = c.present - c.dateCount;
      const examples = shown(c.nonDateExamples);
      out.push(
        issue(
          'invalid_format',
          [c.name],
          `${c.name} holds dates, but ${share(bad, rows)} are not valid dates (e.g. ${quoted(examples)})`,
          { rows_analyzed: rows, affected_count: bad, present: c.present, examples },
          { expected: 'date' },
        ),
      );
    }
    // out_of_range: negatives in a column of numbers that is almost never negative (the template infers min 0
    // there too); not in a date-like column, whose stray numbers are invalid_format's and whose range is of dates.
    if (
      c.numericCount &&
      !c.dateLike &&
      !isIdName(c.name) &&
      !SIGNED_NAME.test(c.name) &&
      minority(c.negativeCount) &&
      c.negativeCount <= THRESHOLDS.minorityShare * c.numericCount
    ) {
      const examples = shown(c.negativeExamples);
      out.push(
        issue(
          'out_of_range',
          [c.name],
          `${c.name} is negative in ${share(c.negativeCount, rows)} although its other values are all zero or more (e.g. ${quoted(examples)})`,
          { rows_analyzed: rows, affected_count: c.negativeCount, min: c.numeric?.min ?? null, examples },
          { min: 0 },
        ),
      );
    }
    // out_of_range: placeholder dates (the Unix epoch, 1900-01-01, 9999-12-31) far from the column's other dates.
    const stand = c.dateLike ? placeholderDates(c) : null;
    if (stand) {
      const shown = stand.placeholders.map((p) => `${JSON.stringify(ctx.redactor.text(p.raw))} (${count(p.rows)})`);
      const total = stand.placeholders.reduce((n, p) => n + p.rows, 0);
      out.push(
        issue(
          'out_of_range',
          [c.name],
          `${c.name} holds placeholder dates standing for unknown ones in ${share(total, rows)}: ${shown.join(', ')}, far from its other dates (${stand.others[0]} to ${stand.others[1]})`,
          {
            rows_analyzed: rows,
            affected_count: total,
            placeholders: stand.placeholders.map((p) => ({ raw: ctx.redactor.text(p.raw), rows: p.rows })),
            other_dates: stand.others,
          },
          stand.bounds,
        ),
      );
    } else if (c.dateLike && c.minDate && c.maxDate) {
      // out_of_range: dates before 1900 or in the future (the template's inferred bounds for dates).
      const today = new Date().toISOString().slice(0, 10);
      if (c.minDate < '1900-01-01' || c.maxDate > today) {
        // Future dates written with two-digit years ("01/05/68") are pandas reading 19xx as 20xx.
        const twoDigit = c.valueCounts ? [...c.valueCounts.keys()].filter((v) => TWO_DIGIT_YEAR.test(v.trim()) && (isoDay(v) ?? '') > today).slice(0, 3) : [];
        const why = twoDigit.length ? `; the future ones include dates written with two-digit years (${quoted(twoDigit.map((v) => ctx.redactor.text(v)))}), read as 20xx` : '';
        out.push(
          issue(
            'out_of_range',
            [c.name],
            `${c.name} has dates outside 1900-01-01 to today (earliest ${c.minDate}, latest ${c.maxDate})${why}`,
            { rows_analyzed: rows, min: c.minDate, max: c.maxDate, ...(twoDigit.length ? { two_digit_year_examples: twoDigit.map((v) => ctx.redactor.text(v)) } : {}) },
          ),
        );
      }
    }
    // whitespace_case: text values with stray whitespace, measured (with the case variants the template counts too).
    const candidate = whitespace.find((w) => w.column === c);
    const padded = candidate && whitespaceCaseHypothesis(c, candidate.result, rows, ctx.redactor);
    if (padded) out.push(padded);
  }
  return out;
}
