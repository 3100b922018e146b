import { describe, expect, it } from 'vitest';
import { parseLastJsonLine } from '../src/pipeline/parse';

describe('the result line', () => {
  it('is the last line holding a JSON object; bare NaN and ±Infinity outside strings read as null', () => {
    const out = parseLastJsonLine('log\n{"a": 1}\n{"a": NaN, "b": "NaN", "c": [Infinity, -Infinity], "d": "x\\"NaN", "e": "\\\\"}\ntrailing text\n');
    expect(out).toEqual({ ok: true, value: { a: null, b: 'NaN', c: [null, null], d: 'x"NaN', e: '\\' } });
  });

  it('reads a line of many escaped quotes and no closing one as no result (it once took seconds)', () => {
    const hostile = `{"${'\\"'.repeat(60_000)}}`;
    expect(parseLastJsonLine(`${hostile}\n`)).toEqual({ ok: false, error: 'The script printed no line holding a JSON object' });
    expect(parseLastJsonLine(`{"ok": 1}\n${hostile}\n`)).toEqual({ ok: true, value: { ok: 1 } });
  });
});
