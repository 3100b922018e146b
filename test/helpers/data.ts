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
export function writeGeneratedSales(path: string, rows: number, options: { seed?: number; slowColumn?: boolean } = {}) {
  const r = rng(options.seed ?? 1);
  const suppliers = ['Acme Corp', 'ACME CORP', 'Acme Corp.', 'Globex', 'Initech', 'Umbrella Ltd', 'TechSupply Inc', 'Tech Supply Inc.'];
  const products = ['Widget', 'Gadget', 'Sprocket', 'Doohickey'];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const lines = [`transaction_id,date,product,price,quantity,revenue,supplier${options.slowColumn ? ',note' : ''}`];
  for (let i = 0; i < rows; i++) {
    const id = r.next() < 0.005 && i > 10 ? `T${String(r.int(i)).padStart(7, '0')}` : `T${String(i).padStart(7, '0')}`;
    const price = r.next() < 0.001 ? 9999.99 : Math.round((40 + r.next() * 20) * 100) / 100;
    const quantity = 1 + r.int(9);
    const revenue = r.next() < 0.2 ? '' : (price * quantity).toFixed(2);
    const day = String(1 + r.int(28)).padStart(2, '0');
    let line = `${id},2024-01-${day},${r.pick(products)},${price},${quantity},${revenue},${r.pick(suppliers)}`;
    if (options.slowColumn) line += `,${Array.from({ length: 8 + r.int(10) }, () => r.pick([...letters])).join('')}`;
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
