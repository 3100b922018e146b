import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server';

export const SALES_CSV = join(ROOT, 'examples', 'sales.csv');
export const PYTHON = process.env.PYTHON_BIN ?? '/usr/bin/python3';

export function salesCsv(): string {
  return readFileSync(SALES_CSV, 'utf8');
}

/**
 * The expected result of an issue over a CSV, computed by test/helpers/expected.py: plain Python over
 * the rows pandas reads, written independently of the service's templates (brute force where the
 * service is clever).
 */
export function expectedResult(csvPath: string, type: string, columns: string[]): Record<string, any> {
  const out = execFileSync(PYTHON, [join(ROOT, 'test', 'helpers', 'expected.py'), csvPath, type, JSON.stringify(columns)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** A seeded pseudo-random generator, so generated datasets are the same on every run. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

/**
 * A sales-like CSV with planted issues: missing revenue, repeated transaction ids, price spikes,
 * supplier spellings, and (optionally) a high-cardinality text column that makes investigations slow.
 */
/** `wide` adds three columns (a region spelled two ways, a discount sometimes missing, a customer id): ten in all. */
export function writeGeneratedSales(path: string, rows: number, options: { seed?: number; slowColumn?: boolean; wide?: boolean } = {}) {
  const r = rng(options.seed ?? 1);
  const suppliers = ['Acme Corp', 'ACME CORP', 'Acme Corp.', 'Globex', 'Initech', 'Umbrella Ltd', 'TechSupply Inc', 'Tech Supply Inc.'];
  const products = ['Widget', 'Gadget', 'Sprocket', 'Doohickey'];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const regions = ['North', 'South', 'East', 'West', 'north', 'Central'];
  const lines = [`transaction_id,date,product,price,quantity,revenue,supplier${options.slowColumn ? ',note' : ''}${options.wide ? ',region,discount,customer_id' : ''}`];
  for (let i = 0; i < rows; i++) {
    const id = r.next() < 0.005 && i > 10 ? `T${String(r.int(i)).padStart(7, '0')}` : `T${String(i).padStart(7, '0')}`;
    const price = r.next() < 0.001 ? 9999.99 : Math.round((40 + r.next() * 20) * 100) / 100;
    const quantity = 1 + r.int(9);
    const revenue = r.next() < 0.2 ? '' : (price * quantity).toFixed(2);
    const day = String(1 + r.int(28)).padStart(2, '0');
    let line = `${id},2024-01-${day},${r.pick(products)},${price},${quantity},${revenue},${r.pick(suppliers)}`;
    if (options.slowColumn) line += `,${Array.from({ length: 8 + r.int(10) }, () => r.pick([...letters])).join('')}`;
    if (options.wide) line += `,${r.pick(regions)},${r.next() < 0.05 ? '' : (r.next() * 0.3).toFixed(2)},${1 + r.int(50_000)}`;
    lines.push(line);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * A small CSV full of pandas edge cases: accents, emoji and ß in spellings, padded values, NA-like
 * strings, mixed number formats, booleans in several cases, ambiguous and invalid dates, and numbers
 * too long for float64 to hold exactly.
 */
export function writeTrickyCsv(path: string, rows = 3000, seed = 4) {
  const r = rng(seed);
  const names = ['Acme Corp', 'ACME Corp.', 'Acmé Corp', 'acme corp', 'Globex', 'Glóbex', 'Initech', 'Initech Ltd', 'Iñitech', 'Umbrella', 'Umbrela', '😀 Smile Co', '😀 Smile Co.', 'Straße AG', 'STRASSE AG', `${'x'.repeat(250)}a`, `${'x'.repeat(250)}b`, ' padded ', 'padded', 'NA', 'None', ''];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['id,name,score,flag,when,mixed,cnt,big'];
  for (let i = 0; i < rows; i++) {
    const score = r.next() < 0.1 ? '' : r.next() < 0.02 ? String(1e6 * r.next()) : r.next() < 0.5 ? (r.next() * 100).toFixed(r.int(4)) : String(r.int(50));
    const flag = r.pick(['True', 'False', 'true', 'FALSE']);
    const when = r.next() < 0.05 ? 'not a date' : r.pick(['2024-01-15', '01/15/2024', '15/01/2024', '2024-02-30', '2023-12-31 10:30', '2024/3/5']);
    const mixed = r.pick(['1', '2.5', 'abc', '', 'NaN', '1e3', ' 7 ']);
    lines.push([r.int(2500), quote(r.pick(names)), score, flag, when, quote(mixed), r.int(5), r.pick(['1e16', '123456789012345678', '0.1', '-0.0', '1e-5'])].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * A wide CSV (40 columns, so pandas' C parser types it in chunks of 16,384 rows) of messy text for
 * whitespace_case and invalid_format: Unicode case folding (ß/SS, ﬁ, Σ/ς, Kelvin sign, İ, Cherokee,
 * Deseret), Python-only whitespace (NBSP, U+001C, U+0085, ideographic space; U+200B and U+FEFF are not
 * whitespace), NA-like and boolean-like text, Unicode digits, dates and e-mails both valid and not, and
 * columns that change type between chunks (a chunk of numbers or booleans in a text column).
 */
export function writeMessyText(path: string, rows = 20000, seed = 5) {
  const r = rng(seed);
  const q = (s: string) => (/[",\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
  const text = ['Straße', 'STRASSE', 'strasse', 'STRAẞE', 'ﬁne', 'FINE', 'fine', 'ΣΊΣΥΦΟΣ', 'σίσυφος', 'σίσυφοσ', 'Kelvin', 'KELVIN', '\u212aelvin',
    'İstanbul', 'istanbul', 'ISTANBUL', 'ıstanbul', '𐐀bc', '𐐨bc', 'ᏣᎳᎩ', 'ꮳꮃꭹ', 'a\tb', 'a  b', 'a b', 'A B', ' a b', 'a b ', 'a\u00a0b',
    'a\u2003b', '\u3000x', 'x\u200by', 'x\ufeff', 'X\u001cy', 'x\u001c', '\u0085x', 'line\nbreak', 'LINE\nBREAK', 'None', 'none', ' NA', 'n/a',
    'N/a', 'null ', ' ', '\t', '1.5', ' 1.5', 'True', 'true', ' TRUE', 'Ǆ', 'ǆ', 'ǅ', 'Å', 'Å', 'Ω', 'Ω', 'ω'];
  const numbers = ['1', '-2.5', '+.5', '3.', '1e5', '١٢٣', '１２', ' 42 ', '4 2', '1,000', '$5', 'inf', '0x1F', '\u00a012', '7.0'];
  const dates = ['2024-02-29', '2023-02-29', '29/02/2024', '02/29/24', '0099-1-1', '1/1/0099', '2024-1-5T25:00', '2024-01-05T23:59:59.5+05:30',
    '2024-01-05 10:00Z', '2024-01/05', '31.12.2023', '13/13/2024', '2024-13-01', ' 2024-05-05 ', 'May 5 2024', '2024-5-5T9:05:07'];
  const emails = ["o'brien@x.io", 'a.b@c.de', 'a..b@c.de', 'a@b.c', 'a@-b.cd', 'A_B%c+d@sub.dom.org', ' x@y.zz ', 'ü@x.de', 'a b@c.de'];
  const booleans = ['true', 'FALSE', 'Yes', 'no', 'T', 'f', 'yeſ', 'ｙｅｓ', ' true ', 'tru', '1', 'oui'];
  const header = ['id', 'label', 'team', 'flag', 'qty', 'ratio', 'answer', 'amount', 'day', 'email', 'reply', 'code'];
  for (let i = header.length; i < 40; i++) header.push(`f${i}`);
  const lines = [header.join(',')];
  const mostly = (main: string[], other: string[], p: number) => q(r.next() < p ? r.pick(other) : r.pick(main));
  for (let i = 0; i < rows; i++) {
    const chunk = Math.floor(i / 16384);
    const row = [
      String(i),
      q(r.pick(text)),
      q(r.pick(['Acme', 'ACME', 'acme ', 'Acme', 'Globex', 'GLOBEX', ' Globex'])),
      r.pick(['true', 'TRUE', 'False', 'false', '']), // booleans with missing values: pandas holds True/False
      chunk === 0 ? r.pick([' 7 ', '007', '+8', '8', '-0']) : q(r.pick(['7', 'abc', ' 7', '8 ', '007'])),
      chunk === 0 ? r.pick(['1.50', '2', '', '7', '-0.0', '1e3', '.5']) : q(r.pick(['1.5', '1.5 ', 'abc', '2.0', '1000.0', '0.5'])),
      chunk === 1 ? r.pick(['true', 'FALSE', 'True']) : q(r.pick(['True ', 'yes', 'TRUE', 'true', 'False'])),
      mostly(numbers, emails, 0.2),
      mostly(dates, numbers, 0.25),
      mostly(emails, booleans, 0.3),
      mostly(booleans, dates, 0.3),
      q(r.pick(['AB-1234', 'ab-1234', 'AB-١٢٣٤', 'AB-12345', 'XY-0000', 'AB-1234\n', 'AB–1234'])),
    ];
    for (let k = row.length; k < header.length; k++) row.push(String(r.int(10)));
    lines.push(row.join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * A CSV of 16 columns (so pandas' C parser types it in chunks of 32,768 rows) whose text columns hold,
 * in some chunks only, values pandas reads as ints, floats or booleans, for the four core types:
 * booleans with missing values in several spellings (True/False objects), a chunk of ints next to a chunk of
 * text ("007" is int 7, "7" the string), chunks of true/false next to chunks of ints (an int64 column of 1/0)
 * or of missing values (a float64 column of 1.0/0.0), a chunk of floats in a text column, a chunk of ints
 * beyond int64, numbers padded with non-breaking spaces (text to pandas), and a date column with a chunk of
 * ints (nanoseconds since the epoch to pd.to_datetime).
 */
export function writeChunkTypes(path: string, rows = 40000, seed = 7) {
  const r = rng(seed);
  const perChunk = 32768;
  const q = (s: string) => (/[",\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
  const header = ['id', 'code', 'flag', 'boolint', 'boolnan', 'amount', 'padded', 'mix', 'when', 'big', 'name', 'grp'];
  for (let i = header.length; i < 16; i++) header.push(`f${i}`);
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const first = i < perChunk;
    const amount = r.next() < 0.002 ? String(500 + r.int(500)) : (10 + r.next() * 5).toFixed(r.int(3));
    const row = [
      String(i),
      first ? r.pick(['007', ' 5', '+8', '7', '5', '-0', '12']) : r.pick(['7', '5', 'x7', '8', '12', '0', '007']),
      r.pick(['True', 'true', 'TRUE', 'False', 'false', 'FALSE', '', 'tRUE']),
      first ? r.pick(['true', 'FALSE', 'True']) : r.pick(['0', '1', '2', '1', '300']),
      first ? r.pick(['true', 'False', 'TRUE']) : r.next() < 0.999 ? '' : 'NA',
      first ? (r.next() < 0.05 ? '' : amount) : r.next() < 0.01 ? r.pick(['n/a', 'abc', 'true', '\u00a012.5']) : amount,
      r.pick(['12', '\u00a012', '12\u00a0', ' 12 ', '13', '\u00a0\u00a013', String(10 + r.int(5)), '\u2003999', '999']),
      first ? r.pick(['1', '1.0', '2.50', '2.5', '1e3', '-0.0', '', 'inf']) : r.pick(['1', '1.0', '2.5', '1000.0', 'one', '-0.0', 'True']),
      first ? (r.next() < 0.1 ? '' : `2024-0${1 + r.int(3)}-${String(1 + r.int(28)).padStart(2, '0')}`) : r.next() < 0.3 ? '' : r.pick(['20240101', '86400000000000', '-1', '1.5e14']),
      first ? r.pick(['18446744073709551615', '1', '9223372036854775808', '5']) : r.pick(['1', '5', 'x', '18446744073709551615']),
      q(r.pick(['Acme', 'ACME', 'acme ', 'Globex', 'Glóbex', 'Initech', '5', '7.0', 'True'])),
      String(r.int(20)),
    ];
    for (let k = row.length; k < header.length; k++) row.push(String(r.int(3)));
    lines.push(row.map((v) => (v.startsWith(' ') || v.endsWith(' ') ? q(v) : v)).join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
