import type { Comparator } from '../db/schema';

/**
 * What a hypothesis' description claims, read the way an analyst wrote it:
 *
 * - its polarity: a PROBLEM claimed ("revenue has 23% missing values", "600 orders have no customer",
 *   "prices spike") or a RULE stated that should hold on every row ("ids are unique", "Min.Price never
 *   exceeds Price", "Temp is always between 50 and 100", "age = education + experience + 6");
 * - the figures it states: a share ("23%", "about a quarter", "most"), a count of things whose subject is
 *   whatever noun the sentence uses ("on more than 20 days", "600 orders", "spelled five ways"), and a
 *   bound on the column's values ("above $500", "exceeds 20 mph", "reaches 700 km", "between 50 and 100");
 * - or why the data cannot settle it: a claimed cause or provenance ("because the monitor was down",
 *   "entered in pounds instead of kilograms").
 *
 * A number is a count when it counts the sentence's subject or follows "in / on / for / among …" (the
 * rows it happens in); a bound when it follows a comparison made by the column ("Wind exceeds 20", "an area
 * above 10,000") or names the column's own unit ("7,000 births" of a `births` column). Numbers inside a
 * relation between columns are the relation's, not claims.
 */
export type Polarity = 'PROBLEM' | 'RULE';

export interface Figure {
  comparator: Comparator;
  value: number;
  /** The words as written ("more than 20 days", "about a quarter"). */
  text: string;
}

export interface CountFigure extends Figure {
  /** The counted things as the sentence names them ("days", "storm timestamps", "ways"), lower-cased. */
  subject: string[];
  /** "some", "several", "a few": at least this many, no number written. */
  vague?: boolean;
}

export interface BoundFigure {
  /** Values claimed beyond `low` / `high` (a problem), or within them (a rule). */
  low?: number;
  high?: number;
  inclusive: boolean;
  /** "reaches 700", "is recorded as 166": the extreme itself is claimed (within a hair). */
  reaches?: number;
  text: string;
}

export interface ClaimReading {
  polarity: Polarity;
  share?: Figure;
  count?: CountFigure;
  bound?: BoundFigure;
  /** "twice", "more than 50 times": how often one value occurs. */
  occurrences?: Figure;
  /** The sentence negates ("never exceeds", "nobody", "no … above"): a bound it states is what must not occur. */
  negated: boolean;
  /** Why no data can settle it (a claimed cause or provenance). */
  undecidable?: string;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
/** Quantifiers that claim a count without a number: at least this many. */
const VAGUE_COUNTS: Record<string, number> = { some: 1, several: 2, 'a few': 2, 'a handful of': 2, 'a couple of': 2, many: 2 };
const FRACTIONS: Record<string, number> = { half: 50, third: 100 / 3, quarter: 25, fifth: 20, tenth: 10 };

const HEDGE = String.raw`(?:about|around|approximately|approx\.?|roughly|nearly|almost|circa|ca\.|some|~|≈)`;
const GT = ['more than', 'over', 'above', 'greater than', 'higher than', 'exceeding', 'exceeds', 'exceed', 'exceeded', 'in excess of', '>', 'beyond',
  'older than', 'larger than', 'longer than', 'heavier than', 'taller than', 'bigger than', 'later than', 'wider than', 'costlier than',
  'deeper than', 'hotter than', 'warmer than', 'faster than', 'stronger than', 'richer than', 'more expensive than'];
const GTE = ['at least', 'no less than', 'not less than', 'no fewer than', 'not fewer than', 'no lower than', 'not lower than', 'no smaller than', 'no earlier than', '>=', '≥', 'or more'];
const LT = ['less than', 'fewer than', 'under', 'below', 'lower than', '<', 'dips below', 'drops below', 'drop below', 'dip below',
  'younger than', 'smaller than', 'shorter than', 'lighter than', 'earlier than', 'narrower than', 'cheaper than',
  'shallower than', 'colder than', 'cooler than', 'slower than', 'weaker than', 'poorer than', 'less expensive than'];
const LTE = ['at most', 'no more than', 'not more than', 'not over', 'not above', 'up to', 'no higher than', 'not higher than', 'no greater than', 'not greater than', 'no larger than', 'no later than', '<=', '≤', 'or fewer', 'or less'];
const REACH = ['reaches', 'reach', 'reached', 'hits', 'peaks at', 'tops out at', 'maxes out at', 'bottoms out at', 'is recorded as', 'are recorded as', 'recorded as', 'is as high as', 'as high as', 'as low as'];
/** Longest first, so that "no more than" is not read as "more than". */
const COMPARATORS: Array<[string, Comparator | 'REACH']> = (
  [...GT.map((w) => [w, 'GT']), ...GTE.map((w) => [w, 'GTE']), ...LT.map((w) => [w, 'LT']), ...LTE.map((w) => [w, 'LTE']), ...REACH.map((w) => [w, 'REACH'])] as Array<[string, Comparator | 'REACH']>
).sort((a, b) => b[0].length - a[0].length);
/** Words after which a number counts where something happens: "on 5 days", "in 20 rows", "for 29 animals". */
const COUNT_PREPOSITIONS = new Set(['in', 'on', 'for', 'across', 'among', 'of', 'affects', 'affecting']);

const RULE_WORDS =
  /\b(?:always|never|every|each|all|everyone|everybody|everything|nobody|no one|none of|only once|at most once|exactly once|unique|uniquely|must|should|are valid|is valid|(?:valid|allowed|permitted|plausible|acceptable)(?: [a-z]+)? range|is complete|are complete|lie within|lies within|consistently|invariably|nothing but|solely|exclusively|canonical|consistent|throughout|expect(?:s|ed)? (?:[\w.]+ ){0,4}?to\b|(?:is|are) (?:an? )?(?:valid|well-formed)|one (?:row|record|entry|line|observation) (?:per|for each|for every)|no two)\b|^\s*(?:no|not a single|there (?:is|are) no)\b|\b(?:is|are|stays?|remains?|keeps?|falls?)\s+(?:always\s+)?(?:no (?:lower|higher|less|more|greater|larger|smaller) than|not (?:above|below|over|under)|at least|at most|within|between)\b/i;
/** "in every column", "all fields": universal over the columns, not over the rows. */
const OVER_COLUMNS = /\b(?:in |across )?(?:every|each|all|all of the|all the) (?:columns?|cols?|fields?|variables?|attributes?)\b/gi;
const RELATION = /(?:<=|>=|==|!=|=|<|>|≤|≥|≠)/;
/** Words that claim rows break a relation, so that the relation is the problem's subject, not a rule stated. */
const VIOLATION = /\b(?:break|breaks|broken|violate|violates|violated|violation|violations|fail|fails|failed|does not hold|doesn't hold|not hold|mismatch|mismatches|inconsistent|wrong)\b/i;
const CAUSE =
  /\b(?:because|b\/c|due to|caused by|owing to|as a result of|come from|comes from|came from|result from|results from|resulted from|instead of|rather than|inflated by|deflated by|miscalibrat\w*|data[- ]entry errors?|entry errors?|typing errors?|entered in|reported in the wrong|estimated|estimates|reliable|unreliable|reliability|accurate|inaccurate|accuracy|trustworthy|biased|introduced (?:by|when|during|in)|(?:cut off|truncated|dropped|corrupted|mangled|garbled|lost) (?:by|during|when)|(?:created|produced|generated) (?:by|when|during)|from (?:a|an|the) (?:bad |botched |faulty |broken |buggy )?(?:merge|join|export|import|migration|script|bug|glitch)|OCR|(?:are|were|is) the same [\p{L} ]{1,30} (?:reported|recorded|entered|listed|counted) (?:by|in|from|twice)|when (?:the |its |their )?[\p{L} ]{0,40}(?:was|were) (?:digiti[sz]ed|transcribed|scanned|keyed in|typed in|migrated|converted))\b/iu;
/** "not unique", "aren't always", "not every": a rule denied, which claims that some row breaks it (a problem). */
const DENIED_RULE = /(?:\bnot|n't)\s+(?:(?:always|all|every|each|entirely|completely|necessarily)\b|(?:quite\s+)?(?:unique|distinct|valid|complete|consistent)\b)/i;
/** "nearly all", "almost every": a share (at least 90%), not a rule over every row. */
const NEARLY_ALL = /\b(?:nearly|almost|virtually|practically) (?:all|every|each)\b(?: of)?/gi;
const EXISTENCE = /\b(?:some|several|a few|a handful of|many|any|certain)\b/i;
/** "Some prices are at least 500": a clause opening on a quantifier of some claims that they exist, not a rule. */
const EXISTENCE_FIRST = /^\s*(?:some|several|a few|a handful of|many|certain)\s+\p{L}/iu;

const toNumber = (text: string): number => NUMBER_WORDS[text.toLowerCase()] ?? Number(text.replace(/,/g, ''));
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9 };

/**
 * The description with what is not a claimed figure blanked out: quoted examples, parenthesised examples
 * ("(e.g. …)"), the investigated columns' names, multiples ("3 standard deviations", "1.5x the median"),
 * ranks ("top 10"), years ("in 2024", "Q4 2023") and dates; "1 000" written as "1000".
 */
export function claimText(description: string, columns: readonly string[]): string {
  let text = ` ${description.replace(/\s+/g, ' ')} `;
  text = text.replace(/(?<=\d) (?=\d{3}\b)/g, '');
  text = numbersInDigits(text);
  text = text.replace(/"[^"]*"|“[^”]*”|(?<=[\s(\[,])'[^']*'(?=[\s),.;:\]])/g, ' _ ');
  text = text.replace(/\((?:e\.g\.|i\.e\.|eg|for example|such as|like)[^)]*\)/gi, ' ');
  for (const column of [...columns].sort((a, b) => b.length - a.length)) {
    if (/\d/.test(column)) text = text.split(column).join(' _ ');
  }
  text = text.replace(/\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six)\s*(?:x\b|×|standard deviations?|std\b|stddevs?|sd\b|sigmas?|σ|iqrs?\b)/gi, ' _ ');
  text = text.replace(/\b(?:top|bottom|first|last)\s+\d+\b/gi, ' _ ');
  // "two spaces between words", "3 consecutive blanks": how a value is spaced, not a count.
  text = text.replace(/\b(?:\d+|two|three|four|double|multiple)\s+(?:consecutive\s+|extra\s+)?(?:spaces|blanks|whitespaces)\b/gi, ' _ ');
  // "z>3", "|z| > 3": a multiple, as "3 sd" is.
  text = text.replace(/\|?\bz\|?\s*(?:[<>]=?|≥|≤)\s*\d+(?:\.\d+)?/gi, ' _ ');
  text = text.replace(
    /\b(in|since|during|from|until|till|before|after|of|for|year|fy|q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\s+(?:19|20)\d{2}s?\b(?!\s*%)/gi,
    '$1 _',
  );
  text = text.replace(/\b(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?\b|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}\b/g, ' _ ');
  return text.replace(/\s+/g, ' ').trim();
}

const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/**
 * Numbers written in several words, as digits: "twenty-five" 25, "two hundred" 200, "eleven hundred" 1100,
 * "three thousand" 3000, "a dozen" 12, "half a dozen" 6, "a couple of dozen" about 24.
 */
function numbersInDigits(text: string): string {
  const word = (w: string) => NUMBER_WORDS[w.toLowerCase()] ?? TENS[w.toLowerCase()];
  return text
    .replace(new RegExp(String.raw`\b(${Object.keys(TENS).join('|')})[- ](${Object.keys(UNITS).join('|')})\b`, 'gi'), (_, t: string, u: string) => String(TENS[t.toLowerCase()]! + UNITS[u.toLowerCase()]!))
    .replace(/(?<![\d.,])\b(a|one|\d+|[a-z]+)\s+(hundred|thousand)\b/gi, (all, n: string, scale: string) => {
      const k = /^(?:a|one)$/i.test(n) ? 1 : /^\d+$/.test(n) ? Number(n) : word(n);
      return k === undefined ? all : String(k * (scale.toLowerCase() === 'hundred' ? 100 : 1000));
    })
    .replace(/\b(?:close to|in the region of|on the order of)\s+(?=\d|a |an |one |two |three |four |five |six |seven |eight |nine |ten |eleven |twelve |twenty|thirty|forty|fifty|half )/gi, 'about ')
    .replace(/\bhalf a dozen\b/gi, '6')
    .replace(/\ba couple (?:of )?dozen\b/gi, 'about 24')
    .replace(/\b(a|one|two|three|four|five|six)\s+dozen\b/gi, (_, n: string) => String(12 * (/^a$/i.test(n) ? 1 : word(n)!)));
}

/** Stems of the columns' names, to tell "7,000 births" (a value of `births`) from "500 days" (a count). */
function columnWords(columns: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const c of columns) {
    for (const w of c.toLowerCase().split(/[^a-z]+/)) if (w.length >= 3) words.add(stem(w));
  }
  return words;
}
const stem = (w: string) => w.toLowerCase().replace(/(?:ies)$/, 'y').replace(/(?:es|s)$/, '');

interface Token {
  text: string;
  lower: string;
  index: number;
}

const tokenize = (text: string): Token[] =>
  [...text.matchAll(/[$€£]|[<>]=?|[≤≥≠=~≈%]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}][\p{L}'’-]*|[.;:!?,()]/gu)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase(),
    index: m.index!,
  }));

const isNumber = (t: Token | undefined) => !!t && (/^\d/.test(t.text) || t.lower in NUMBER_WORDS);
const isWord = (t: Token | undefined) => !!t && /^\p{L}/u.test(t.text);
const CLAUSE_BREAK = /^[.;:!?,()]$/;
/** Words that end a noun phrase after a number: verbs and function words seen in claims. */
const PHRASE_END = new Set([
  'is', 'are', 'was', 'were', 'have', 'has', 'had', 'be', 'been', 'do', 'does', 'did', 'lack', 'lacks', 'miss', 'misses', 'appear', 'appears',
  'repeat', 'repeats', 'contain', 'contains', 'hold', 'holds', 'show', 'shows', 'get', 'gets', 'weigh', 'weighs', 'in', 'on', 'for', 'with',
  'without', 'and', 'or', 'but', 'that', 'which', 'who', 'where', 'when', 'than', 'of', 'at', 'to', 'from', 'by', 'per', 'each', 'lie',
  'lies', 'fall', 'falls', 'exceed', 'exceeds', 'not', 'no', 'across', 'among', 'the', 'a', 'an', 'their', 'its', 'his', 'her', 'more',
  'less', 'fewer', 'above', 'below', 'over', 'under', 'recorded', 'listed', 'reported', 'missing', 'empty', 'blank', 'null',
]);

/** The comparator written just before token i, if any: [comparator, index of its first token]. */
function comparatorBefore(tokens: Token[], i: number): [Comparator | 'REACH', number] | null {
  for (const [words, comparator] of COMPARATORS) {
    const parts = words.split(' ');
    const start = i - parts.length;
    if (start < 0) continue;
    if (parts.every((p, k) => tokens[start + k]!.lower === p)) return [comparator, start];
  }
  return null;
}

/**
 * "below the federal minimum of $3.35", "above the limit of 500": a comparison with a value named before the
 * number (the comparator, "the", up to five words, then "of" or "at"); [comparator, index of its first token].
 */
function comparatorAcrossNamedValue(tokens: Token[], i: number): [Comparator | 'REACH', number] | null {
  if (!/^(?:of|at)$/.test(tokens[i - 1]?.lower ?? '')) return null;
  for (let k = i - 2; k >= Math.max(0, i - 7); k--) {
    const t = tokens[k]!;
    if (/^(?:the|a|an)$/.test(t.lower)) {
      const compared = comparatorBefore(tokens, k);
      return compared && compared[0] !== 'REACH' ? compared : null;
    }
    if (!isWord(t) && !/^\d/.test(t.text)) return null;
  }
  return null;
}

/** "or more" / "or fewer" written after the number. */
function comparatorAfter(tokens: Token[], i: number): Comparator | null {
  const next = `${tokens[i + 1]?.lower ?? ''} ${tokens[i + 2]?.lower ?? ''}`;
  if (/^or (?:more|greater|above)$/.test(next)) return 'GTE';
  if (/^or (?:fewer|less|below)$/.test(next)) return 'LTE';
  return null;
}

function hedgeBefore(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1]?.lower ?? '';
  return new RegExp(`^${HEDGE}$`, 'i').test(prev) || (prev === 'only' && new RegExp(`^${HEDGE}$`, 'i').test(tokens[i - 2]?.lower ?? ''));
}

/** Where the whole stands after the number at i ("of 5,012", "of the 153", "out of 40"): its token, or 0. */
function wholeAfter(tokens: Token[], i: number): number {
  let k = i + 1;
  if (tokens[k]?.lower === 'out' && tokens[k + 1]?.lower === 'of') k += 1;
  if (tokens[k]?.lower !== 'of') return 0;
  if (tokens[k + 1]?.lower === 'the' || tokens[k + 1]?.lower === 'all') k += 1;
  return isNumber(tokens[k + 1]) ? k + 1 : 0;
}

/** The noun phrase after token i (up to three words before a verb or function word). */
function nounsAfter(tokens: Token[], i: number): string[] {
  const words: string[] = [];
  for (let k = i + 1; k < tokens.length && words.length < 3; k++) {
    const t = tokens[k]!;
    if (!isWord(t) || PHRASE_END.has(t.lower) || t.lower in NUMBER_WORDS) break;
    words.push(t.lower.replace(/['’]s$/, ''));
    if (/['’]s$/.test(t.lower)) break; // "one subject's weight": the number counts subjects
  }
  return words;
}

function numberValue(text: string, tokens: Token[], i: number): number {
  const t = tokens[i]!;
  const negative = text[t.index - 1] === '-' ? -1 : 1;
  const scale = /^(?:k|m|bn)$/i.test(tokens[i + 1]?.text ?? '') ? SCALE[tokens[i + 1]!.lower]! : 1;
  return negative * toNumber(t.text) * scale;
}

/** Reads the figures of the description's words (see the module's comment). */
export interface ReadOptions {
  type: string;
  columns: readonly string[];
  /** Whether the type counts things of these words itself ("ways", "spellings", "ids"): a number before them is a count, never a bound. */
  countsOwn?: (subject: string[]) => boolean;
  /** Whether the type applies a bound to the values itself (out_of_range): a value of zero claimed ("a depth of zero", "zero prices") is then a bound. */
  boundsValues?: boolean;
  /** Words that say a row has the type's problem ("missing"): said of every row ("missing in every row"), a claim that all rows are affected. */
  problemWords?: RegExp;
}

export function readClaim(description: string, options: ReadOptions): ClaimReading {
  const { relational, ...reading } = readPolarity(description, options);
  let text = claimText(description, options.columns);
  // A relation's own constants ("+ 6", "height + 10") are not claims: only "in N rows" counts are read.
  if (relational) text = text.replace(/[^.;:]*(?:<=|>=|==|!=|=|<|>|≤|≥|≠)[^.;:]*/g, (clause) => clause.replace(/\d[\d,.]*/g, ' _ '));
  readNumbers(text, reading, relational, options);
  readRange(text, reading);
  if (options.boundsValues) readZero(text, reading, options.columns);
  if (!reading.bound && /\bnegative\b/i.test(text)) reading.bound = { high: 0, inclusive: false, text: 'negative' };
  if (!reading.bound && /\bpositive\b/i.test(text)) reading.bound = { low: 0, inclusive: false, text: 'positive' };
  if (!reading.share) {
    const share = shareInWords(text);
    if (share) reading.share = share;
  }
  if (!reading.count && reading.polarity === 'PROBLEM') {
    const vague = vagueCount(text);
    if (vague) reading.count = vague;
  }
  readSqlCount(text, reading);
  readExtremeBound(text, reading);
  readFrequencyWords(text, reading);
  readEveryRowAffected(text, reading, options.problemWords);
  readNone(text, reading, options.problemWords);
  if (reading.bound) reading.bound = inColumnUnit(reading.bound, text, options.columns);
  // A problem because a rule is denied ("not always below 500"): its bound's other side is claimed.
  if (reading.polarity === 'PROBLEM' && DENIED_RULE.test(text)) reading.bound &&= beyondDeniedRule(reading.bound);
  else readDenial(text, reading);
  return reading;
}

/**
 * A value of zero claimed, for a type that bounds the values itself: "zero or negative", "non-positive" and
 * a plain zero ("a depth of zero", "prices are 0", "zero prices", "zeros") claim values at most 0 (a value
 * of zero is read as zero and below: a bound, not a single value); "non-zero", values above 0.
 */
function readZero(text: string, reading: ClaimReading, columns: readonly string[]) {
  // "recorded as zero": the value zero itself, not an extreme reached.
  if (reading.bound?.reaches === 0) reading.bound = { high: 0, inclusive: true, text: reading.bound.text };
  if (reading.bound) return;
  const atMost = /\b(?:(?:zero|0) or (?:a )?(?:negative|less|below|lower|under)|(?:negative|less than (?:zero|0)|below (?:zero|0)) or (?:zero|0)|non-?positive)\b/i.exec(text);
  if (atMost) {
    reading.bound = { high: 0, inclusive: true, text: atMost[0] };
    return;
  }
  const nonZero = /\bnon-?zero\b/i.exec(text);
  if (nonZero) {
    reading.bound = { low: 0, inclusive: false, text: nonZero[0] };
    return;
  }
  const own = columnWords(columns);
  const zero = ZERO_VALUE.exec(text) ?? [...text.matchAll(ZERO_BEFORE_NOUN)].find(([, word, noun]) => /^zeroe?s$/i.test(word!) || (noun !== undefined && (VALUE_NOUN.test(noun) || own.has(stem(noun)) || own.has(noun.toLowerCase().replace(/s$/, '')))));
  if (zero) reading.bound = { high: 0, inclusive: true, text: zero[1]! };
}
/**
 * Zero as a value: after "of", a verb of being or "equal(s) to"; not a share ("0%"), part of a number ("0.5")
 * or a count of what follows ("are zero missing values"): the words after it, if any, start a new phrase.
 */
const ZERO_VALUE =
  /(?:\b(?:of|is|are|was|were|be|been|being|equals?|equal to|set to)\s+|(?<![<>!=])==?\s*)(?:(?:not|never|always|often|sometimes|exactly|just|all)\s+)?(zero|0(?:\.0+)?)(?![.,]?\d|\s*%|\s*percent\b)(?:\s*(?:mm|cm|km|m|mg|kg|g|lbs?|oz|ft|mi|°[cf]|degrees?|(?:milli|centi|kilo)?(?:met(?:re|er)s?|grams?)|pounds?|inch(?:es)?|feet|foot|miles?)\b)?(?=\s*(?:$|[.;:!?,()]|(?:in|on|for|at|and|or|but|when|where|while|across|because|since|after|before|during|with|if|so|as|instead|although|though)\b))/iu;
/** "zero prices", "0 values", "zeros": zero before a noun of values or of the column's own name. */
const ZERO_BEFORE_NOUN = /(?<![\d.,])\b(zero(?:e?s)?|0)(?:[- ]([\p{L}]+))?/giu;
const VALUE_NOUN = /^(?:values?|valued|readings?|entries|entry|amounts?|measurements?|figures?)$/i;

/**
 * "Prices are not always below 500": the values the denied rule bounds are claimed beyond it (500 and above).
 * A range stays as it is (its outside is what a problem's range claims already).
 */
function beyondDeniedRule(bound: BoundFigure): BoundFigure {
  if (bound.reaches !== undefined || (bound.low !== undefined) === (bound.high !== undefined)) return bound;
  return bound.low !== undefined ? { high: bound.low, inclusive: !bound.inclusive, text: bound.text } : { low: bound.high!, inclusive: !bound.inclusive, text: bound.text };
}

/**
 * "Price has no values above 500", "prices cannot be negative": a problem's bound that a negation before it
 * (in its clause) denies is a rule that no value lies beyond it.
 */
function readDenial(text: string, reading: ClaimReading) {
  const bound = reading.bound;
  if (!bound || reading.polarity !== 'PROBLEM' || reading.share || reading.count) return;
  const at = new RegExp(String.raw`(?<![\p{L}\d.])${bound.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\p{L}\d])`, 'iu').exec(text)?.index;
  if (at === undefined) return;
  const clause = text.slice(0, at).split(/[.;:!?]/).pop()!;
  if (/\b(?:no|not|never|none|nobody|cannot|can't|can not|mustn't|shouldn't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|won't)\b/i.test(clause)) {
    reading.polarity = 'RULE';
    reading.negated = true;
  }
}

/** Units a bound may be written in and a column's name may carry ("Body Mass (g)", "depth_km"), in a base unit of their kind. */
const UNITS_OF: Record<string, [kind: string, base: number]> = {
  mg: ['mass', 1e-3], g: ['mass', 1], gram: ['mass', 1], grams: ['mass', 1], kg: ['mass', 1e3], kilogram: ['mass', 1e3], kilograms: ['mass', 1e3],
  lb: ['mass', 453.59237], lbs: ['mass', 453.59237], pound: ['mass', 453.59237], pounds: ['mass', 453.59237], oz: ['mass', 28.349523125],
  mm: ['length', 1e-3], millimetres: ['length', 1e-3], millimeters: ['length', 1e-3], cm: ['length', 1e-2], centimetres: ['length', 1e-2], centimeters: ['length', 1e-2],
  m: ['length', 1], metres: ['length', 1], meters: ['length', 1], km: ['length', 1e3], kilometres: ['length', 1e3], kilometers: ['length', 1e3],
  ft: ['length', 0.3048], feet: ['length', 0.3048], inches: ['length', 0.0254], mi: ['length', 1609.344], miles: ['length', 1609.344],
};

/** "between 2.5 and 6.5 kg" of a column in grams: the bound in the column's own unit (2,500 to 6,500). */
function inColumnUnit(bound: BoundFigure, text: string, columns: readonly string[]): BoundFigure {
  const named = columns.map((c) => /\(([a-zµ]+)\)\s*$|[_ .]([a-z]+)$/i.exec(c.trim())).map((m) => (m ? (m[1] ?? m[2])!.toLowerCase() : null));
  const units = [...new Set(named.filter((u): u is string => !!u && u in UNITS_OF))];
  if (units.length !== 1) return bound;
  const at = text.indexOf(bound.text);
  const written = at < 0 ? null : /^\s*([a-z]+)\b/i.exec(text.slice(at + bound.text.length))?.[1]?.toLowerCase() ?? /([a-z]+)$/i.exec(bound.text)?.[1]?.toLowerCase();
  const [from, to] = [written && UNITS_OF[written], UNITS_OF[units[0]!]!];
  if (!from || from[0] !== to[0] || from[1] === to[1]) return bound;
  const scale = (x: number | undefined) => (x === undefined ? undefined : Number((x * (from[1] / to[1])).toPrecision(12)));
  const [low, high, reaches] = [scale(bound.low), scale(bound.high), scale(bound.reaches)];
  const shown = [low, high, reaches].filter((x) => x !== undefined).join(' to ');
  return {
    ...bound,
    ...(low === undefined ? {} : { low }),
    ...(high === undefined ? {} : { high }),
    ...(reaches === undefined ? {} : { reaches }),
    text: `${bound.text}${/[a-z]$/i.test(bound.text) ? '' : ` ${written}`} (${shown} ${units[0]})`,
  };
}

/**
 * Whether the sentence states a rule or claims a problem, whether it negates, and whether it claims a
 * cause no value can show. A rule is stated in the main clause ("ids are unique"); "…, although its other
 * values are all positive" is context. Between columns, a relation is a rule unless rows are said to break it.
 */
function readPolarity(description: string, { type, columns }: ReadOptions): ClaimReading & { relational: boolean } {
  const raw = withColumnsBlanked(description.replace(/\s+/g, ' ').replace(CHECKLIST_MARK, ''), columns);
  const cause = CAUSE.exec(raw);
  const relational = type === 'cross_column' || (RELATION.test(raw) && columns.length > 1);
  const clauses = raw.replace(/\([^()]*\)/g, ' ').split(/[;(]|\s(?:although|though|while|whereas|(?<!nothing\s)but|except)\s/i);
  const mainClause = clauses[0]!.replace(OVER_COLUMNS, ' ').replace(NEARLY_ALL, ' ');
  // "Cylinders should be a count, but one car has a non-numeric entry": the rule is context, the "but" claims the problem.
  const butCounts = /\sbut\s+(?:(?:about|around|roughly|nearly|almost|over|more than|fewer than|less than|at least|at most|just|only|exactly)\s+)*(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|some|several|a few|a handful of|many)\s+\p{L}/iu.test(raw);
  // A clause opening on a number of things ("More than 1,500 rows are …", "Nine rows …") claims a figure, not a rule.
  const countsFirst = /^\s*(?:(?:about|around|roughly|nearly|almost|over|more than|fewer than|less than|at least|at most|just|only|exactly)\s+)*(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\s+\p{L}/iu.test(mainClause);
  const polarity: Polarity = relational
    ? VIOLATION.test(raw) || DENIED_RULE.test(raw) || /\b(?:some|in \d|for \d|on \d)/i.test(raw) ? 'PROBLEM' : 'RULE'
    : RULE_WORDS.test(mainClause) && !countsFirst && !EXISTENCE_FIRST.test(mainClause) && !DENIED_RULE.test(mainClause) && !butCounts ? 'RULE' : 'PROBLEM';
  const reading: ClaimReading & { relational: boolean } = { polarity, negated: /\b(?:never|no|not|none|nobody|no one|cannot|can't|doesn't|don't|won't)\b/i.test(raw), relational };
  // Between columns only a plain "because" kind of cause counts: a relation's words ("estimated", "entered in") are its own.
  if (cause && (!relational || /^(?:because|due to|caused by|owing to|as a result of)$/i.test(cause[0]))) reading.undecidable = `it claims a cause or provenance ("${cause[0]}") that the data's values cannot show`;
  return reading;
}

/** "[x] ", "- [ ] ": a checklist's mark before an item. */
const CHECKLIST_MARK = /^\s*(?:[-*]\s*)?\[[ xX✓]?\]\s*/;

/** The investigated columns' names, whole (not "id" in "valid"), as one neutral word: a name's "(g)" or "no_show" is not the sentence's. */
function withColumnsBlanked(text: string, columns: readonly string[]): string {
  for (const column of [...columns].sort((a, b) => b.length - a.length)) {
    if (column.trim().length > 1) text = text.replace(new RegExp(String.raw`(?<![\p{L}\d_])${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\p{L}\d_])`, 'gu'), 'Xcol');
  }
  return text;
}

/** The numbers written in the text, each read as a share, a count of things, a bound or occurrences (see the module's comment). */
function readNumbers(text: string, reading: ClaimReading, relational: boolean, options: ReadOptions) {
  const { polarity } = reading;
  const tokens = tokenize(text);
  const own = columnWords(options.columns);
  for (let i = 0; i < tokens.length; i++) {
    if (!isNumber(tokens[i])) continue;
    const t = tokens[i]!;
    // Lookbehinds the tokenizer cannot express: a number glued to letters or dashes is a code ("N1A2", "Jan-1").
    const before = text[t.index - 1] ?? ' ';
    if (/[\p{L}\d_.-]/u.test(before) && !(before === '-' && /\s/.test(text[t.index - 2] ?? ' '))) continue;
    if (/^[\p{L}\d]/u.test(text[t.index + t.text.length] ?? ' ') && !/^(?:k|m|bn|pct|percent)\b/i.test(text.slice(t.index + t.text.length))) continue;
    // A number of a fraction written "1/4" is read by shareInWords ("$3/hour" is a number and its unit).
    if (/\d\s*\/\s*$/.test(text.slice(Math.max(0, t.index - 3), t.index)) || /^\s*\/\s*\d/.test(text.slice(t.index + t.text.length))) continue;
    // "1,093 of 5,012 rows", "37 of the 153 days", "12 out of 40 cars": the first counts, the second is the whole.
    const whole = wholeAfter(tokens, i);
    if (whole) {
      const subject = nounsAfter(tokens, whole);
      if (!reading.count && subject.length && !(polarity === 'RULE' && !relational)) {
        const compared = comparatorBefore(tokens, i);
        const comparator: Comparator = compared && compared[0] !== 'REACH' ? compared[0] : hedgeBefore(tokens, i) ? 'ABOUT' : 'EQ';
        reading.count = { comparator, value: numberValue(text, tokens, i), subject, text: phrase(tokens, compared ? compared[1] : i, whole + subject.length) };
      }
      i = whole;
      continue;
    }
    const value = numberValue(text, tokens, i);
    const at = /^[$€£]$/.test(tokens[i - 1]?.text ?? '') ? i - 1 : i;
    const compared = comparatorBefore(tokens, at) ?? comparatorAcrossNamedValue(tokens, at);
    const after = comparatorAfter(tokens, i);
    // "ten of the mammals": the number counts what follows "of the".
    const ofThe = tokens[i + 1]?.lower === 'of' && /^(?:the|all|its|their)$/.test(tokens[i + 2]?.lower ?? '') ? i + 2 : -1;
    const nouns = nounsAfter(tokens, tokens[i + 1]?.text.match(/^(?:k|m|bn)$/i) ? i + 1 : ofThe >= 0 ? ofThe : i);
    const money = tokens[i - 1]?.text === '$' || tokens[i - 1]?.text === '€' || tokens[i - 1]?.text === '£';
    // The phrase's head (its last word) says what the number is of: "7,000 births" of a births column, "70 temperature readings".
    const namesColumn = nouns.length > 0 && own.has(stem(nouns[nouns.length - 1]!));
    const ownCount = nouns.length > 0 && !!options.countsOwn?.(nouns);
    const start = compared ? compared[1] : hedgeBefore(tokens, i) ? i - 1 : i;
    // "an area of over 20,000": after "of", a compared number with no noun is a value, not a count.
    const valueAfterOf = tokens[start - 1]?.lower === 'of' && !!compared && nouns.length === 0;
    const leading = start === 0 || CLAUSE_BREAK.test(tokens[start - 1]!.text) || tokens[start - 1]!.lower === 'but' || (COUNT_PREPOSITIONS.has(tokens[start - 1]!.lower) && !valueAfterOf) || EXISTENCE.test(tokens[start - 1]!.lower);
    const times = nouns[0] === 'times' || nouns[0] === 'time';
    // In a relation between columns, numbers are the relation's own ("+ 6", "by more than 10 cm"): only counts of rows are claims.
    if (relational && !(leading && nouns.length && !compared)) continue;
    const percent = tokens[i + 1]?.text === '%' || tokens[i + 1]?.lower === 'percent' || tokens[i + 1]?.lower === 'pct' || (tokens[i + 1]?.lower === 'per' && tokens[i + 2]?.lower === 'cent');

    if (percent) {
      // "23% missing", "over 40 percent of rows": a share of the rows; "the rate is under 20%": a bound on the values.
      const valueOf = !compared && /^(?:of|at|as|is|was|equals|=)$/.test(tokens[i - 1]?.lower ?? '') && tokens[i + 2]?.lower !== 'of';
      if (valueOf) reading.bound ??= { reaches: value, inclusive: true, text: phrase(tokens, i - 1, i + 1) };
      else if (compared && !leading && compared[0] !== 'REACH') reading.bound ??= boundOf(compared[0], value, phrase(tokens, start, i + 1));
      else if (!reading.share) {
        // "10%+": at least.
        const plus = text[tokens[i + 1]!.index + tokens[i + 1]!.text.length] === '+' ? 'GTE' : null;
        const comparator: Comparator = (compared?.[0] as Comparator) ?? after ?? plus ?? (hedgeBefore(tokens, i) ? 'ABOUT' : 'EQ');
        reading.share = { comparator, value, text: phrase(tokens, start, i + 1) };
      }
    } else if (times) {
      reading.occurrences ??= { comparator: (compared?.[0] as Comparator) ?? after ?? 'EQ', value, text: phrase(tokens, start, i + 1) };
    } else if (t.lower === 'one' && /^(?:another|of|or)$/.test(tokens[i + 1]?.lower ?? '')) {
      continue; // "one another", "one of", "one or more"
    } else if (!ownCount && ofThe < 0 && (money || (namesColumn && compared) || (compared && !leading) || compared?.[0] === 'REACH')) {
      reading.bound ??= boundOf(compared?.[0] ?? 'REACH', value, phrase(tokens, start, i + (nouns.length || /^(?:k|m|bn)$/i.test(tokens[i + 1]?.text ?? '') ? 1 : 0)));
      // "between 50 and 100"
      if (tokens[i - 1]?.lower === 'between' && isNumber(tokens[i + 2]) && tokens[i + 1]?.lower === 'and') {
        reading.bound = { low: value, high: numberValue(text, tokens, i + 2), inclusive: true, text: phrase(tokens, i - 1, i + 2) };
        i += 2;
      }
    } else if (tokens[i - 1]?.lower === 'between' && tokens[i + 1]?.lower === 'and' && isNumber(tokens[i + 2])) {
      reading.bound ??= { low: value, high: numberValue(text, tokens, i + 2), inclusive: true, text: phrase(tokens, i - 1, i + 2) };
      i += 2;
    } else if (nouns.length && !(polarity === 'RULE' && !relational)) {
      if (tokens[i + nouns.length + 1]?.lower === 'per' || tokens[i + nouns.length + 1]?.lower === 'each') continue; // "one row per year"
      // "listed under two spellings": "under" before what the type counts is a preposition, not "fewer than".
      const preposition = ownCount && compared && tokens[compared[1]]!.lower === 'under';
      const comparator: Comparator = (!preposition && (compared?.[0] as Comparator)) || after || (hedgeBefore(tokens, i) ? 'ABOUT' : 'EQ');
      reading.count ??= { comparator, value, subject: nouns, text: phrase(tokens, hedgeBefore(tokens, i) ? i - 1 : start, i + nouns.length) };
    }
  }
}

/**
 * "between 50 and 100", "within -180 to 180", "from 1 to 12", "between latitudes 15 and 72", "outside the
 * range 0 to 1000", and an interval written as one after "in" / "within" / "outside" ("in [0, 1000]").
 */
function readRange(text: string, reading: ClaimReading) {
  const n = String.raw`(-?[$€£]?\d[\d,]*(?:\.\d+)?)`;
  const m = new RegExp(String.raw`\b(?:between|within|from|in the range(?: of)?|outside|range)\s+(?:[\p{L}]+\s+){0,2}?${n}\s*(?:and|to|-|–|\.\.)\s*${n}`, 'iu').exec(text);
  if (m) {
    const [a, b] = [m[1]!, m[2]!].map((v) => Number(v.replace(/[$€£,]/g, '')));
    reading.bound = { low: Math.min(a!, b!), high: Math.max(a!, b!), inclusive: true, text: m[0] };
    return;
  }
  const single = String.raw`(-?[$€£]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)`;
  const interval = new RegExp(String.raw`\b(?:in|within|outside(?: of)?|inside)\s+(?:the\s+)?(?:range\s+|interval\s+)?([\[(])\s*${single}\s*[,;]\s*${single}\s*([\])])`, 'iu').exec(text);
  if (!interval) return;
  const [a, b] = [interval[2]!, interval[3]!].map((v) => Number(v.replace(/[$€£,]/g, '')));
  reading.bound = { low: Math.min(a!, b!), high: Math.max(a!, b!), inclusive: interval[1] === '[' && interval[4] === ']', text: interval[0] };
}

function boundOf(comparator: Comparator | 'REACH', value: number, text: string): BoundFigure {
  switch (comparator) {
    case 'GT':
      return { low: value, inclusive: false, text };
    case 'GTE':
      return { low: value, inclusive: true, text };
    case 'LT':
      return { high: value, inclusive: false, text };
    case 'LTE':
      return { high: value, inclusive: true, text };
    default:
      return { reaches: value, inclusive: true, text };
  }
}

const phrase = (tokens: Token[], from: number, to: number) =>
  tokens
    .slice(Math.max(0, from), to + 1)
    .map((t) => t.text)
    .join(' ')
    .replace(/\$ /g, '$')
    .replace(/ ([%,])/g, '$1');

/** A share in words: "about a quarter", "roughly a third", "most", "completely empty". */
function shareInWords(text: string): Figure | null {
  const qualifier = String.raw`(?:(${HEDGE}|only about|only)\s*|(more than|over|above|at least|no less than)\s*|(less than|fewer than|under|below|at most|no more than|not more than|up to)\s*)?`;
  const fraction = new RegExp(String.raw`${qualifier}\b(?:a|one)\s+(half|third|quarter|fifth|tenth)\b`, 'i').exec(text) ?? new RegExp(String.raw`${qualifier}\b(half)\b (?:of|the|its|their|all)\b`, 'i').exec(text);
  if (fraction) {
    const f = figure(fraction, FRACTIONS[fraction[4]!.toLowerCase()]!);
    if (f.comparator === 'EQ') f.comparator = 'ABOUT';
    return f;
  }
  // "one city-month in six", "1 in 10", "one out of every five": a share (the part one, so "10 in 17 states" stays a bound and a count).
  const ratio = new RegExp(String.raw`(?:(${HEDGE})\s+)?(?<![\d,.])\b(one|1)\s+(?:[\p{L}-]+\s+){0,2}?(?:in|out of|of(?=\s+every))\s+(every\s+)?(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|\d+)\b`, 'iu').exec(text);
  if (ratio) {
    const [part, whole] = [toNumber(ratio[2]!), toNumber(ratio[4]!)];
    if (whole > part && whole <= 1000) return { comparator: 'ABOUT', value: (100 * part) / whole, text: ratio[0] };
  }
  // "1/4 of the readings", "approx 2/3": a fraction written as one.
  const written = new RegExp(String.raw`(?:(${HEDGE})\s*)?(?<![\d.,/])\b(\d{1,2})\s*/\s*(\d{1,3})\b(?!\s*/)`, 'i').exec(text);
  if (written && Number(written[2]) > 0 && Number(written[2]) < Number(written[3])) {
    return { comparator: 'ABOUT', value: (100 * Number(written[2])) / Number(written[3]), text: written[0].trim() };
  }
  const most = /\b(?:most|the majority)\b(?: of)?/i.exec(text);
  if (most && !/\b(?:at most|most of all)\b/i.test(most[0]) && !/at most/i.test(text.slice(Math.max(0, most.index - 3), most.index + 4))) {
    return { comparator: 'GT', value: 50, text: most[0] };
  }
  const nearlyAll = new RegExp(NEARLY_ALL.source, 'i').exec(text);
  if (nearlyAll) return { comparator: 'GTE', value: 90, text: nearlyAll[0] };
  const whole = /\b(?:completely|entirely|totally|wholly) (?:empty|blank|missing)\b|\ball (?:of its |its )?values are missing\b/i.exec(text);
  if (whole) return { comparator: 'GTE', value: 100, text: whole[0] };
  return null;
}

function figure(m: RegExpExecArray, value: number): Figure {
  const comparator: Comparator = m[2] ? (/at least|no less/i.test(m[2]) ? 'GTE' : 'GT') : m[3] ? (/at most|no more|not more|up to/i.test(m[3]) ? 'LTE' : 'LT') : m[1] ? 'ABOUT' : 'EQ';
  return { comparator, value, text: m[0].trim() };
}

/** "some", "several", "a few" before a noun: at least that many (a count with no number). */
function vagueCount(text: string): CountFigure | null {
  const m = /\b(some|several|a few|a handful of|a couple of|many)\s+((?:[\p{L}][\p{L}'’-]*\s*){1,3})/iu.exec(text);
  if (!m) return null;
  const words = m[2]!.trim().toLowerCase().split(/\s+/);
  const end = words.findIndex((w) => PHRASE_END.has(w));
  const subject = (end < 0 ? words : words.slice(0, end)).slice(0, 3);
  return { comparator: 'GTE', value: VAGUE_COUNTS[m[1]!.toLowerCase()]!, subject, text: m[0].trim(), vague: true };
}

/** "twice", "more than once", "more than 50 times": how often one value occurs (a frequency, not a count of rows). */
function readFrequencyWords(text: string, reading: ClaimReading) {
  if (reading.occurrences) return;
  const m = /\b(more than once|at least twice|twice|two times|once)\b/i.exec(text);
  if (!m) return;
  const word = m[1]!.toLowerCase();
  reading.occurrences = word === 'once' ? { comparator: 'EQ', value: 1, text: word } : { comparator: word === 'more than once' ? 'GT' : 'GTE', value: word === 'more than once' ? 1 : 2, text: word };
}

/**
 * "Revenue is missing in every row", "all revenue values are blank", "every id is duplicated": a universal
 * whose predicate is the type's problem claims that every row has it (a share of 100%), where a rule would
 * say that none has it.
 */
function readEveryRowAffected(text: string, reading: ClaimReading, problemWords: RegExp | undefined) {
  if (!problemWords || reading.polarity !== 'RULE' || reading.negated || reading.share || reading.count || reading.bound || reading.occurrences) return;
  const universal = /\b(?:all|every|each|always|everywhere|throughout)\b/i.exec(text);
  if (!universal || !problemWords.test(text)) return;
  reading.polarity = 'PROBLEM';
  reading.share = { comparator: 'GTE', value: 100, text: universal[0] };
}

/**
 * "min ≥ 1", "max <= 100": the smallest (largest) value bounded, a rule on every row; "max ≥ 1000", "min < 0": a
 * value claimed beyond the bound (a problem).
 */
function readExtremeBound(text: string, reading: ClaimReading) {
  const found = [...text.matchAll(/\b(min|max)(?:imum)?\s*(>=|≥|>|<=|≤|<|is at least|is at most)\s*(-?\d+(?:,\d{3})*(?:\.\d+)?)/gi)].map((m) => {
    const atLeast = /^(?:>=|≥|>|is at least)$/i.test(m[2]!);
    // min ≥ v: every value at least v (a rule); max ≥ v: some value at least v (a problem); and the other way round.
    return { rule: (m[1]!.toLowerCase() === 'min') === atLeast, atLeast, value: Number(m[3]!.replace(/,/g, '')), inclusive: !/^[<>]$/.test(m[2]!), text: m[0] };
  });
  if (!found.length) return;
  const rules = found.filter((f) => f.rule);
  const chosen = rules.length ? rules : [found[0]!];
  const low = chosen.find((f) => f.atLeast);
  const high = chosen.find((f) => !f.atLeast);
  reading.bound = {
    ...(low ? { low: low.value } : {}),
    ...(high ? { high: high.value } : {}),
    inclusive: chosen.every((f) => f.inclusive),
    text: chosen.map((f) => f.text).join(', '),
  };
  reading.polarity = rules.length ? 'RULE' : 'PROBLEM';
  if (rules.length) reading.count = undefined;
}

/** "count(*) where Ozone is null = 37": a count of rows; "= 0", that no row has it (a rule). */
function readSqlCount(text: string, reading: ClaimReading) {
  const m = /\bcount\s*\(\s*\*?\s*\)[^=<>≤≥]*?(==?|!=|<=|>=|<|>|≤|≥|\bis\b)\s*(\d[\d,]*)\b/i.exec(text);
  if (!m || m[1] === '!=') return;
  const value = Number(m[2]!.replace(/,/g, ''));
  const comparator = ({ '<': 'LT', '<=': 'LTE', '≤': 'LTE', '>': 'GT', '>=': 'GTE', '≥': 'GTE' } as Record<string, Comparator>)[m[1]!] ?? 'EQ';
  reading.count = { comparator, value, subject: ['rows'], text: m[0] };
  reading.polarity = value === 0 && comparator === 'EQ' ? 'RULE' : 'PROBLEM';
}

/** "there are no missing values", "has no duplicates", "no outliers": a claim of zero, stated as a rule. */
function readNone(text: string, reading: ClaimReading, problemWords: RegExp | undefined) {
  if (reading.count || reading.share || reading.bound) return;
  // "prices are normally distributed without outliers": "without" the type's problem is "with none of it".
  const without = /\bwithout (?:any )?((?:[\p{L}-]+ ){0,2}[\p{L}-]+)/iu.exec(text);
  if (without && problemWords?.test(without[1]!)) {
    reading.polarity = 'RULE';
    reading.negated = true;
    return;
  }
  const none = /(?:^|[.;:!?]\s*|\s[-–—]\s+|\b(?:has|have|there (?:are|is)|contains?|shows?)\s+)(?:no|zero)\s+([\p{L}][\p{L}-]*(?:\s+[\p{L}][\p{L}-]*){0,2})/iu.exec(text);
  if (none) {
    reading.polarity = 'RULE';
    reading.count = { comparator: 'EQ', value: 0, subject: none[1]!.toLowerCase().split(/\s+/), text: none[0].trim() };
  }
}

/** Every number the words write, in digits or in words ("1,200", "twenty", "2.5k", "-3"). */
export function numbersIn(text: string): number[] {
  const tokens = tokenize(text);
  return tokens.flatMap((t, i) => (isNumber(t) ? [numberValue(text, tokens, i)] : []));
}
