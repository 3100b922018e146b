import { pyFloatRepr } from './pythonValues';
import { PY_DIGIT, PY_SPACE, PY_WORD } from './pyUnicode';

/**
 * A Python regular expression (re, str patterns, no flags) as a JavaScript RegExp that fully matches the
 * same strings as `re.fullmatch`, for the subset where the two engines provably agree: literals, `.`,
 * classes, groups `(...)` and `(?:...)`, `|`, the quantifiers `* + ? {m} {m,} {m,n} {,n}` (greedy or
 * lazy), `^ $ \A \Z`, and the escapes `\d \D \w \W \s \S` (with Python's Unicode sets), `\t \n \r \f \v
 * \a \xhh \uhhhh \Uhhhhhhhh` and escaped punctuation. Anything else — lookarounds, backreferences, named
 * groups, inline flags, `\b`, possessive quantifiers, a `{` that is not a quantifier — and every pattern
 * Python itself rejects throws UnsupportedPattern: the caller then fails rather than guessing.
 */
export class UnsupportedPattern extends Error {}

const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
const CLASSES: Record<string, { set: string; negated: boolean }> = {
  d: { set: PY_DIGIT, negated: false },
  D: { set: PY_DIGIT, negated: true },
  w: { set: PY_WORD, negated: false },
  W: { set: PY_WORD, negated: true },
  s: { set: PY_SPACE, negated: false },
  S: { set: PY_SPACE, negated: true },
};
const CHAR_ESCAPES: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, a: 7 };
const MAX_COUNT = 1000;

export function pythonFullMatch(pattern: string): RegExp {
  const chars = Array.from(pattern);
  let i = 0;
  const fail = (why: string): never => {
    throw new UnsupportedPattern(`${why} at position ${i}`);
  };

  /** A single-character escape (after the backslash, at chars[i]): its code point, or null when it is not one. */
  const charEscape = (inClass: boolean): number | null => {
    const c = chars[i]!;
    if (c in CHAR_ESCAPES) return i++, CHAR_ESCAPES[c]!;
    if (inClass && c === 'b') return i++, 8;
    const width = { x: 2, u: 4, U: 8 }[c];
    if (width) {
      const digits = chars.slice(i + 1, i + 1 + width).join('');
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) fail('a bad \\x, \\u or \\U escape');
      const cp = Number.parseInt(digits, 16);
      if (cp > 0x10ffff) fail('an escape beyond Unicode');
      i += 1 + width;
      return cp;
    }
    if (/^[A-Za-z0-9]$/.test(c)) return null;
    i++;
    return c.codePointAt(0)!;
  };

  const parseClass = (): string => {
    i++; // [
    let negated = false;
    if (chars[i] === '^') {
      negated = true;
      i++;
    }
    const items: string[] = [];
    let first = true;
    for (;;) {
      if (i >= chars.length) fail('an unterminated character set');
      if (chars[i] === ']' && !first) {
        i++;
        break;
      }
      first = false;
      // One item: a character (possibly the start of a range) or a class escape.
      const single = (): number | string => {
        if (chars[i] === '\\') {
          i++;
          if (i >= chars.length) fail('a trailing backslash');
          const cls = CLASSES[chars[i]!];
          if (cls) {
            if (cls.negated) fail('a negated class escape inside a set');
            i++;
            return cls.set;
          }
          const cp = charEscape(true);
          if (cp === null) fail(`the escape \\${chars[i]} inside a set`);
          return cp!;
        }
        return chars[i++]!.codePointAt(0)!;
      };
      const lo = single();
      if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
        i++;
        const hi = single();
        if (typeof lo !== 'number' || typeof hi !== 'number' || lo > hi) fail('a bad character range');
        items.push(`${hex(lo as number)}-${hex(hi as number)}`);
      } else {
        items.push(typeof lo === 'number' ? hex(lo) : lo);
      }
    }
    return `[${negated ? '^' : ''}${items.join('')}]`;
  };

  /** The quantifier at chars[i], or null; a `{` that is not exactly a quantifier is unsupported. */
  const quantifier = (): string | null => {
    const c = chars[i];
    let q: string | null = null;
    if (c === '*' || c === '+' || c === '?') {
      q = c;
      i++;
    } else if (c === '{') {
      const rest = chars.slice(i).join('');
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(rest);
      if (!m || (m[1] === '' && m[3] === '') || (m[2] === '' && m[3] !== '')) fail('a { that is not a {m,n} quantifier');
      const min = m![1] === '' ? 0 : Number(m![1]);
      const max = m![2] === '' ? min : m![3] === '' ? null : Number(m![3]);
      if (min > MAX_COUNT || (max !== null && max > MAX_COUNT)) fail('a repeat count over 1000');
      if (max !== null && min > max) fail('min repeat greater than max repeat');
      q = `{${min}${m![2] === '' ? '' : `,${max ?? ''}`}}`;
      i += Array.from(m![0]).length;
    }
    if (q === null) return null;
    if (chars[i] === '?') {
      q += '?';
      i++;
    }
    if (chars[i] === '+') fail('a possessive quantifier');
    return q;
  };

  const parseAlternation = (depth: number): string => {
    const branches: string[] = [];
    let out = '';
    // Whether the last item can take a quantifier (not at the start, after an anchor or a quantifier).
    let repeatable = false;
    for (;;) {
      if (i >= chars.length) {
        if (depth > 0) fail('a missing )');
        break;
      }
      const c = chars[i]!;
      if (c === ')') {
        if (depth === 0) fail('an unbalanced parenthesis');
        break;
      }
      if (c === '|') {
        branches.push(out);
        out = '';
        repeatable = false;
        i++;
        continue;
      }
      if (c === '*' || c === '+' || c === '?' || c === '{') {
        if (!repeatable) fail(c === '{' ? 'a { that is not a literal here' : 'nothing to repeat');
        out += quantifier();
        repeatable = false;
        continue;
      }
      repeatable = true;
      if (c === '(') {
        i++;
        if (chars[i] === '?') {
          if (chars[i + 1] !== ':') fail('a group other than (...) and (?:...)');
          i += 2;
        }
        out += `(?:${parseAlternation(depth + 1)})`;
        i++; // )
      } else if (c === '[') {
        out += parseClass();
      } else if (c === '.') {
        out += '[^\\n]';
        i++;
      } else if (c === '^') {
        out += '^';
        repeatable = false;
        i++;
      } else if (c === '$') {
        out += '(?=\\n?$)';
        repeatable = false;
        i++;
      } else if (c === '\\') {
        i++;
        if (i >= chars.length) fail('a trailing backslash');
        const e = chars[i]!;
        const cls = CLASSES[e];
        if (cls) {
          out += `[${cls.negated ? '^' : ''}${cls.set}]`;
          i++;
        } else if (e === 'A' || e === 'Z') {
          out += e === 'A' ? '^' : '$';
          repeatable = false;
          i++;
        } else {
          const cp = charEscape(false);
          if (cp === null) fail(`the escape \\${e}`);
          out += hex(cp!);
        }
      } else {
        out += hex(c.codePointAt(0)!);
        i++;
      }
    }
    branches.push(out);
    return branches.join('|');
  };

  const body = parseAlternation(0);
  return new RegExp(`^(?:${body})$`, 'u');
}

/** Python's repr() of a JSON value as json.loads gives it (what a template's %r prints). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    const json = JSON.stringify(value);
    if (/^-?\d+$/.test(json)) return json;
    return pyFloatRepr(value);
  }
  if (typeof value === 'string') return pyStrRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(value as object).map(([k, v]) => `${pyStrRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** repr() of a Python str: single quotes unless it holds ' and no ", escapes for the non-printable. */
export function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      out += cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}
