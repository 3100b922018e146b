import { isMissing } from '../../datasets/pandasSemantics';
import type { DatasetRef, IssueSpec } from '../types';
import { pythonFullMatch, pyRepr, UnsupportedPattern } from './pyRegex';
import { casefold, PY_DIGIT_CLASS, pyStrip } from './pyUnicode';
import { columnPositions, envelope, type Scan } from './scan';
import { shownOption } from './pythonValues';

/**
 * invalid_format (RESULTS.md; the template invalid_format.py): values that are not of their column's
 * expected kind, or do not fully match options.pattern, on the cell texts as `read_csv(dtype=str)` gives
 * them. Kinds use Python's \d (every Unicode decimal digit), str.strip() and str.casefold() (pyUnicode.ts).
 *
 * Fails as the template does, with its message, for an options.expected that is not a kind or an
 * options.pattern that is not a string. Throws (the investigation then fails) where the template's answer
 * cannot be reproduced exactly:
 * - options.pattern outside the subset of Python's re that pyRegex.ts translates exactly (lookarounds,
 *   backreferences, named groups, inline flags, \b, ...) — including patterns Python rejects, where the
 *   template fails with re's own message;
 * - a date check meeting a date-shaped text with non-ASCII digits in its year, month or day (the template
 *   itself crashes there: pd.to_numeric cannot parse them).
 */
const KINDS = ['number', 'date', 'email', 'boolean'] as const;
const EXPECTABLE = [...KINDS, 'integer'];
type Kind = (typeof KINDS)[number] | 'integer';

const D = PY_DIGIT_CLASS;
const NUMBER = new RegExp(`^[+-]?(?:${D}+(?:\\.${D}*)?|\\.${D}+)(?:[eE][+-]?${D}+)?$`, 'u');
const INTEGER = new RegExp(`^[+-]?${D}+(?:\\.0*)?$`, 'u');
const EMAIL = /^[A-Za-z0-9_%+'-]+(?:\.[A-Za-z0-9_%+'-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/u;
const BOOLEANS = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);
const TIME = `(?:[T ](?:[01]?${D}|2[0-3]):[0-5]${D}(?::[0-5]${D}(?:\\.${D}+)?)?(?:Z|[+-]${D}{2}:?${D}{2})?)?`;
const YMD = new RegExp(`^(${D}{4})([-/.])(${D}{1,2})\\2(${D}{1,2})${TIME}$`, 'u');
const DMY = new RegExp(`^(${D}{1,2})([-/.])(${D}{1,2})\\2(${D}{4}|${D}{2})${TIME}$`, 'u');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDate(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0);
}

/** pd.to_numeric of an extracted group: ASCII digits only, as the template's parse (it raises otherwise). */
function groupNumber(text: string, sample: string): number {
  if (!/^[0-9]+$/.test(text)) {
    throw new Error(
      `invalid_format: the date check meets ${JSON.stringify(sample)}, whose non-ASCII digits pandas cannot parse ` +
        '(the template fails there with "Unable to parse string")',
    );
  }
  return Number(text);
}

function isDate(text: string): boolean {
  // Both readings are parsed for every text, as the template's column-wise extraction does.
  const ymd = YMD.exec(text);
  const dmy = DMY.exec(text);
  let ok = false;
  if (ymd) ok = realDate(groupNumber(ymd[1]!, text), groupNumber(ymd[3]!, text), groupNumber(ymd[4]!, text));
  if (dmy) {
    const a = groupNumber(dmy[1]!, text);
    const b = groupNumber(dmy[3]!, text);
    let yy = groupNumber(dmy[4]!, text);
    if (yy < 100) yy += 2000;
    ok = ok || realDate(yy, b, a) || realDate(yy, a, b);
  }
  return ok;
}

function isKind(stripped: string, kind: Kind): boolean {
  switch (kind) {
    case 'number':
      return NUMBER.test(stripped);
    case 'integer':
      return INTEGER.test(stripped);
    case 'email':
      return EMAIL.test(stripped);
    case 'boolean':
      return BOOLEANS.has(casefold(stripped));
    case 'date':
      return isDate(stripped);
  }
}

/** A column's present texts: distinct in order of first appearance, and each row's (-1 when missing). */
class TextColumn {
  readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  readonly counts: number[] = [];
  readonly codes: Int32Array;
  present = 0;

  constructor(rows: number) {
    this.codes = new Int32Array(rows);
  }

  add(raw: string, row: number) {
    if (isMissing(raw)) {
      this.codes[row] = -1;
      return;
    }
    let id = this.ids.get(raw);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(raw, id);
      this.texts.push(raw);
      this.counts.push(0);
    }
    this.counts[id]! += 1;
    this.codes[row] = id;
    this.present += 1;
  }
}

export async function invalidFormat(issue: IssueSpec, dataset: DatasetRef, scan: Scan) {
  const options = (issue.options ?? {}) as Record<string, unknown>;
  const positions = columnPositions(dataset, issue);
  const expected = options.expected ?? null;
  if (expected !== null && !(typeof expected === 'string' && EXPECTABLE.includes(expected))) {
    throw new Error(`options.expected must be one of ${EXPECTABLE.join(', ')}; got ${shownOption(expected)}`);
  }
  const pattern = options.pattern ?? null;
  let patternRe: RegExp | null = null;
  if (pattern !== null) {
    if (typeof pattern !== 'string') {
      throw new Error(`options.pattern must be a string holding a Python regular expression; got ${shownOption(pattern)}`);
    }
    try {
      patternRe = pythonFullMatch(pattern);
    } catch (err) {
      if (!(err instanceof UnsupportedPattern)) throw err;
      throw new Error(
        `invalid_format: options.pattern ${pyRepr(pattern)} is not in the subset of Python regular expressions the ` +
          `heuristic reproduces exactly (${err.message}); it needs Python`,
      );
    }
  }

  const columns = new Map<number, TextColumn>();
  for (const p of positions) if (!columns.has(p)) columns.set(p, new TextColumn(dataset.rowCount));
  const collected = [...columns];
  await scan([...columns.keys()], (fields, row) => {
    for (const [p, column] of collected) column.add(fields[p]!, row);
  });

  // Per investigated column (in order, repeats included): the checks, each with the failing distinct texts.
  const invalidCells = new Uint32Array(dataset.rowCount); // cells of the row that fail some check
  const anyInvalid = new Uint8Array(dataset.rowCount);
  const columnFormats: Record<string, Record<string, unknown>> = {};
  const checks: Record<string, unknown>[] = [];
  for (const p of positions) {
    const name = dataset.columns[p]!.name;
    const column = columns.get(p)!;
    const stripped = column.texts.map(pyStrip);
    const info: Record<string, unknown> = { present: column.present };
    const failures: Array<{ label: string; bad: Uint8Array }> = [];
    let kind = expected as Kind | null;
    let matches: boolean[] | null = null;
    if (kind === null) {
      const total = column.present;
      for (const candidate of KINDS) {
        const mask = stripped.map((s) => isKind(s, candidate));
        let weight = 0;
        mask.forEach((m, i) => {
          if (m) weight += column.counts[i]!;
        });
        const share = total ? weight / total : 0;
        if (share > 0.5) {
          kind = candidate;
          matches = mask;
          info.matching_share = share;
          break;
        }
      }
    } else {
      matches = stripped.map((s) => isKind(s, kind!));
    }
    info.expected = kind;
    info.source = expected !== null ? 'options' : 'inferred';
    if (kind !== null && matches !== null) failures.push({ label: kind, bad: Uint8Array.from(matches, (m) => (m ? 0 : 1)) });
    if (patternRe !== null) {
      info.pattern = pattern;
      failures.push({ label: 'pattern', bad: Uint8Array.from(column.texts, (t) => (patternRe!.test(t) ? 0 : 1)) });
    }
    columnFormats[name] = info;
    const cellInvalid = new Uint8Array(dataset.rowCount);
    for (const { label, bad } of failures) {
      let count = 0;
      const rows: number[] = [];
      const examples: string[] = [];
      const shown = new Uint8Array(column.texts.length);
      for (let row = 0; row < column.codes.length; row++) {
        const code = column.codes[row]!;
        if (code < 0 || !bad[code]) continue;
        count += 1;
        cellInvalid[row] = 1;
        if (rows.length < 10) rows.push(row);
        if (examples.length < 5 && !shown[code]) {
          shown[code] = 1;
          examples.push(column.texts[code]!);
        }
      }
      const check: Record<string, unknown> = { column: name, expected: label, count, examples, rows };
      if (label === 'pattern') check.pattern = pattern;
      checks.push(check);
    }
    for (let row = 0; row < cellInvalid.length; row++) {
      if (!cellInvalid[row]) continue;
      invalidCells[row]! += 1;
      anyInvalid[row] = 1;
    }
  }

  const first: number[] = [];
  let count = 0;
  let cells = 0;
  for (let row = 0; row < anyInvalid.length; row++) {
    cells += invalidCells[row]!;
    if (!anyInvalid[row]) continue;
    count += 1;
    if (first.length < 10) first.push(row);
  }
  return {
    ...envelope('invalid_format', issue.affectedColumns, dataset.rowCount, count, first),
    invalid_value_count: cells,
    invalid_by_column: checks,
    column_formats: columnFormats,
  };
}
