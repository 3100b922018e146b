import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toNumber } from '../src/datasets/pandasSemantics';
import { seededRandom } from '../src/util/random';
import { PYTHON } from './helpers/data';

/** pd.to_numeric(errors="coerce") of each text alone, as floats (JSON null for NaN), by pandas itself. */
function pandasToNumber(texts: string[]): Array<number | null> {
  const script = [
    'import json, math, sys, pandas as pd',
    'texts = json.load(sys.stdin)',
    'out = [float(pd.to_numeric(pd.Series([t], dtype=object), errors="coerce").astype(float).iloc[0]) for t in texts]',
    'print(json.dumps([None if math.isnan(x) else ("inf" if x == math.inf else "-inf" if x == -math.inf else x) for x in out]))',
  ].join('\n');
  const parsed = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' })) as Array<number | string | null>;
  return parsed.map((x) => (x === 'inf' ? Infinity : x === '-inf' ? -Infinity : (x as number | null)));
}

/** Decimal texts of 1 to 17 digits, signed or not, with a point anywhere or none: the common case, on both sides of 15 digits. */
function decimals(count: number): string[] {
  const random = seededRandom(11);
  return Array.from({ length: count }, () => {
    const digits = Array.from({ length: 1 + Math.floor(random() * 17) }, () => String(Math.floor(random() * 10))).join('');
    const point = Math.floor(random() * (digits.length + 2));
    const body = point > digits.length ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
    return ['', '-', '+'][Math.floor(random() * 3)]! + body;
  });
}

describe('toNumber', () => {
  it('reads every text as pd.to_numeric(errors="coerce") does', () => {
    const edge = [
      '0', '-0', '+0', '007', '1.', '.5', '-.5', '+.5', '.', '-', '+', '-.', '1.2.3', '--1', '+-1', '1e5', '1E-3', '.5e2',
      ' 12', '12 ', '\t3.5', '12a', '1,000', '', 'NaN', 'nan', 'NA', 'inf', '-inf', 'Infinity', '+inf', ' inf',
      '123456789012345', '1234567890123456', '12345678901234567', '0.30000000000000004', '0.000000000000000000001',
      '99999999999999999999', '1e400', '-1e400', '\u0661\u0662', '12\u00a0', 'TRUE', '0x10',
    ];
    const texts = [...edge, ...decimals(3000)];
    const expected = pandasToNumber(texts);
    const mismatches = texts.flatMap((text, i) => {
      const ours = toNumber(text);
      const theirs = expected[i] ?? Number.NaN;
      // pandas makes -0 an int 0 when it parses the text as an integer: compared as numbers, not bit for bit.
      return ours === theirs || (Number.isNaN(ours) && Number.isNaN(theirs)) ? [] : [{ text, ours, theirs }];
    });
    expect(mismatches).toEqual([]);
  });
});
