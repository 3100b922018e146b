/**
 * Personal data in text: e-mail addresses, phone numbers, payment card numbers (Luhn-checked) and national
 * id numbers (US SSN, UK National Insurance). Each is replaced by a marker naming its kind, and counted.
 * Used on what leaves the service for an LLM (the sample); the dataset itself is never changed.
 */
export type PiiKind = 'email' | 'phone' | 'card' | 'national_id';

export interface Redaction {
  text: string;
  counts: Partial<Record<PiiKind, number>>;
}

const MARKERS: Record<PiiKind, string> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  national_id: '[NATIONAL_ID]',
};

// Bounded runs (RFC 5321: local part ≤ 64, labels ≤ 63), so a long run of letters without an @ costs linear time.
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,63}/g;
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const SSN = /(?<!\d)(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\d)/g;
const UK_NINO = /\b(?![DFIQUV])[A-Z](?![DFIQUVO])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const PHONE = /(?<![\w.+:-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w.:-])|(?<![\w.+])\+\d{8,15}(?![\w.])/g;
const DATE_LIKE = /^(?:\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4})$/;

/**
 * The patterns and markers, for the templates' Python (prelude.py `redacted`), which labels charts with
 * values from the data: one definition, the same redaction in both languages.
 */
export const PII_RULES = {
  email: EMAIL.source,
  card: CARD.source,
  ssn: SSN.source,
  uk_nino: UK_NINO.source,
  phone: PHONE.source,
  date_like: DATE_LIKE.source,
  markers: MARKERS,
};

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 15) return false;
  if (DATE_LIKE.test(candidate)) return false;
  // Separated groups, a country code or an area code in parentheses: not a plain number or a decimal.
  return /^\+/.test(candidate) || /\(/.test(candidate) || /\d[ .-]\d/.test(candidate);
}

export function redactText(input: string): Redaction {
  const counts: Redaction['counts'] = {};
  const hit = (kind: PiiKind) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return MARKERS[kind];
  };
  let text = input.includes('@') ? input.replace(EMAIL, () => hit('email')) : input;
  text = text.replace(CARD, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? hit('card') : m;
  });
  text = text.replace(SSN, () => hit('national_id'));
  text = text.replace(UK_NINO, () => hit('national_id'));
  text = text.replace(PHONE, (m) => (isPhone(m) ? hit('phone') : m));
  return { text, counts };
}

export function totalRedactions(counts: Redaction['counts']): number {
  return Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}

/**
 * Redaction of what the service shows and stores about the data: example values in results, events,
 * errors and logs. Disabled (REDACT_PII=false), it passes everything through. The dataset itself is
 * never changed.
 */
export class PiiRedactor {
  constructor(readonly enabled: boolean) {}

  text(input: string): string {
    return this.enabled ? redactText(input).text : input;
  }

  /**
   * Every string of a JSON value, object keys included, except those in `keep` (column names, the issue
   * type): a new value and how many items were replaced.
   */
  json<T>(value: T, keep: ReadonlySet<string> = new Set()): { value: T; count: number } {
    if (!this.enabled) return { value, count: 0 };
    let count = 0;
    const string = (s: string) => {
      if (keep.has(s)) return s;
      const r = redactText(s);
      count += totalRedactions(r.counts);
      return r.text;
    };
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return string(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        // Keys that redact alike stay apart ("[EMAIL]", "[EMAIL] #2"), so no entry of the result is lost.
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
          const redacted = string(k);
          let key = redacted;
          for (let n = 2; key in out; n++) key = `${redacted} #${n}`;
          out[key] = walk(x);
        }
        return out;
      }
      return v;
    };
    return { value: walk(value) as T, count };
  }
}
