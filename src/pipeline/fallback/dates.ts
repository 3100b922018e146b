import { SHARED_RULES } from '../../issueTypes/sharedRules';
/**
 * Which text column is date-like, and the day a value falls on, as the missing_values template decides
 * them with pandas: a DATE_LIKE match on 90% of the first 200 present values, then `pd.to_datetime`,
 * which reads ISO dates and, through dateutil, month-first dates (day-first when the month can't be).
 */
export const DATE_LIKE = new RegExp(SHARED_RULES.date_like);
const FULL = /^\s*(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4}))(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*$/;
/** Words dateutil reads as dates (or pandas as the current date). */
const DATE_WORDS = /\b(?:today|now|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i;
/** pandas' datetime64[ns] range: days outside it are NaT. */
const [FIRST_DAY, LAST_DAY] = ['1677-09-22', '2262-04-11'];

/**
 * Whether pd.to_datetime may read a value that isoDay does not: UTC offsets, partial dates ("2024-03"),
 * compact or worded dates ("20240105", "5 Mar 2024", "today"). A value isoDay reads, or one both give up
 * on (no digit, no date word), is not.
 */
export function beyondIsoDay(value: string): boolean {
  if (FULL.test(value)) return false;
  return /\d/.test(value) || DATE_WORDS.test(value);
}

/** `YYYY-MM-DD` of a date string pd.to_datetime reads, or null where it gives NaT. */
export function isoDay(value: string): string | null {
  const m = FULL.exec(value);
  if (!m) return null;
  let year: number;
  let month: number;
  let day: number;
  if (m[1]) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    const [first, second] = [Number(m[4]), Number(m[5])];
    year = Number(m[6]);
    if (m[6]!.length <= 2) {
      const now = new Date().getUTCFullYear();
      year += Math.floor(now / 100) * 100;
      if (year >= now + 50) year -= 100;
      else if (year < now - 50) year += 100;
    }
    [month, day] = first > 12 && second <= 12 ? [second, first] : [first, second];
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(m[7] ?? 0) > 23 || Number(m[8] ?? 0) > 59 || Number(m[9] ?? 0) > 59) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return iso < FIRST_DAY || iso > LAST_DAY ? null : iso;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Tracks the first 200 present values of a column to decide whether it is date-like. */
export class DateColumnProbe {
  private readonly head: string[] = [];

  add(value: string) {
    if (this.head.length < 200) this.head.push(value);
  }

  get full(): boolean {
    return this.head.length >= 200;
  }

  /** A value among the first 200 that pd.to_datetime may read otherwise than isoDay, when the column looks date-like. */
  unreadable(): string | undefined {
    if (!this.head.length || this.head.filter((v) => DATE_LIKE.test(v)).length / this.head.length < 0.9) return undefined;
    return this.head.find(beyondIsoDay);
  }

  isDateLike(): boolean {
    if (!this.head.length) return false;
    const matching = this.head.filter((v) => DATE_LIKE.test(v)).length;
    if (matching / this.head.length < 0.9) return false;
    return this.head.filter((v) => isoDay(v) !== null).length / this.head.length >= 0.9;
  }
}
