import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactText } from '../src/pipeline/redact';
import { validateResult } from '../src/pipeline/validate';
import { graphql } from './gql';
import { rng, SALES_CSV } from './helpers/data';
import { ok, request } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

/**
 * The four template types beyond the core ones (docs/RESULTS.md, "Other types"), run through the real
 * server on a generated dataset whose generator records every value it broke: the expected numbers are
 * that ground truth, never a rerun of the templates' logic.
 */

const RunTemplates = graphql(`
  mutation RunTemplates($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      status
      investigations {
        status
        method
        error
        output
        issue {
          id
          type
        }
        validation {
          valid
          errors
        }
      }
    }
  }
`);

const IssueTypeList = graphql(`
  query IssueTypeList {
    issueTypes {
      type
      description
      resultKeys
      columns
    }
  }
`);

const ROWS = 1500;
const DAY_MS = 86_400_000;
const iso = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * DAY_MS).toISOString().slice(0, 10);
const clean = (v: string) => v.trim().split(/\s+/).join(' ');

interface Planted {
  path: string;
  rows: number;
  /** Row → the invalid value written, per column. */
  bad: Record<'order_date' | 'email' | 'amount' | 'code', Map<number, string>>;
  notes: string[];
  notePresent: number;
  price: number[];
  quantity: number[];
  shipBelow: Set<number>;
  shipAbove: Set<number>;
  /** ship_date − order_date in days, where both parse; null where either is missing or does not parse. */
  shipOffset: (number | null)[];
  revenueWrong: Set<number>;
  revenueMissing: Set<number>;
  whitespace: Record<'supplier' | 'city', Set<number>>;
  caseVariant: Record<'supplier' | 'city', Set<number>>;
  canonical: Record<'supplier' | 'city', string[]>;
}

/** An orders CSV with planted problems of every kind; the generator records which rows it broke and how. */
function writeOrders(path: string, rows: number, seed: number): Planted {
  const r = rng(seed);
  const chance = (p: number) => r.next() < p;
  const planted: Planted = {
    path,
    rows,
    bad: { order_date: new Map(), email: new Map(), amount: new Map(), code: new Map() },
    notes: [],
    notePresent: 0,
    price: [],
    quantity: [],
    shipBelow: new Set(),
    shipAbove: new Set(),
    shipOffset: [],
    revenueWrong: new Set(),
    revenueMissing: new Set(),
    whitespace: { supplier: new Set(), city: new Set() },
    caseVariant: { supplier: new Set(), city: new Set() },
    canonical: { supplier: ['Acme Corp', 'Globex', 'Initech', 'Umbrella Ltd'], city: ['Paris', 'Berlin', 'New York', 'Rome'] },
  };
  const badDates = ['2024-02-30', 'not a date', '2024-1-32', '31/31/2024', 'TBD'];
  const badEmails = ['user@', 'no-at-sign.com', 'a@b', 'x y@z.com', 'a..b@c.com'];
  const badAmounts = ['$40', 'abc', '1.2.3', '--5', '7e'];
  const words = ['late', 'fast delivery', 'gift wrap', 'fragile', 'call first', 'leave at door'];
  const variants = (name: string) => [
    ` ${name}`,
    `${name} `,
    name.toUpperCase(),
    name.toLowerCase(),
    `${name.toUpperCase()} `,
    name.includes(' ') ? name.replace(' ', '  ') : `${name}\t`,
    name.includes(' ') ? name.replace(' ', '\t') : `  ${name.toLowerCase()}`,
  ];
  const lines = ['order_id,order_date,ship_date,email,amount,code,price,quantity,revenue,supplier,city,note'];
  for (let i = 0; i < rows; i++) {
    // order_date: a 2024 date, an impossible one, or missing
    const orderDay = r.int(300);
    let orderDate = iso(orderDay);
    let orderParses = true;
    if (chance(0.03)) {
      orderDate = r.pick(badDates);
      planted.bad.order_date.set(i, orderDate);
      orderParses = false;
    } else if (chance(0.02)) {
      orderDate = '';
      orderParses = false;
    }
    // ship_date: a few days later, before the order, far in the future, implausibly old, or missing
    let shipDay: number | null = orderDay + r.int(10);
    let shipDate = iso(shipDay);
    const roll = r.next();
    if (roll < 0.03) {
      shipDay = orderDay - 1 - r.int(5);
      shipDate = iso(shipDay);
    } else if (roll < 0.045) {
      shipDay = Math.round((Date.UTC(2090 + r.int(9), r.int(12), 1 + r.int(28)) - Date.UTC(2024, 0, 1)) / DAY_MS);
      shipDate = iso(shipDay);
      planted.shipAbove.add(i);
    } else if (roll < 0.05) {
      shipDate = '9999-12-31';
      shipDay = null; // beyond pandas' dates: does not parse
      planted.shipAbove.add(i);
    } else if (roll < 0.06) {
      shipDate = '1850-06-01';
      shipDay = Math.round((Date.UTC(1850, 5, 1) - Date.UTC(2024, 0, 1)) / DAY_MS);
      planted.shipBelow.add(i);
    } else if (roll < 0.065) {
      shipDate = '0001-01-01';
      shipDay = null;
      planted.shipBelow.add(i);
    } else if (roll < 0.085) {
      shipDate = '';
      shipDay = null;
    }
    planted.shipOffset.push(orderParses && shipDay !== null ? shipDay - orderDay : null);

    let email = `user${i}@example.com`;
    if (chance(0.03)) planted.bad.email.set(i, (email = r.pick(badEmails)));
    else if (chance(0.02)) email = '';

    let amount = (r.next() * 1000).toFixed(2);
    if (chance(0.03)) planted.bad.amount.set(i, (amount = r.pick(badAmounts)));
    else if (chance(0.02)) amount = '';

    let code = `AB-${1000 + i}`;
    if (chance(0.03)) planted.bad.code.set(i, (code = r.pick([`ab-${1000 + i}`, `AB${1000 + i}`, 'AB-12'])));

    const price = chance(0.03) ? Math.round((600 + r.next() * 300) * 100) / 100 : Math.round((5 + r.next() * 395) * 100) / 100;
    const quantity = chance(0.02) ? -1 - r.int(5) : 1 + r.int(9);
    planted.price.push(price);
    planted.quantity.push(quantity);
    let revenue = (price * quantity).toFixed(2);
    if (chance(0.03)) {
      revenue = '';
      planted.revenueMissing.add(i);
    } else if (chance(0.04)) {
      revenue = (price * quantity + 1 + r.int(50)).toFixed(2);
      planted.revenueWrong.add(i);
    }

    const written: Record<'supplier' | 'city', string> = { supplier: '', city: '' };
    for (const column of ['supplier', 'city'] as const) {
      const name = r.pick(planted.canonical[column]);
      const value = chance(0.2) ? r.pick(variants(name)) : name;
      written[column] = value;
      if (value !== clean(value)) planted.whitespace[column].add(i);
      if (clean(value) !== name) planted.caseVariant[column].add(i);
    }

    const note = chance(0.3) ? '' : r.pick(words);
    planted.notes.push(note);
    if (note) planted.notePresent++;

    lines.push(
      [`O${i}`, orderDate, shipDate, email, amount, code, price, quantity, revenue, written.supplier, written.city, note].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return planted;
}

const union = (...sets: Iterable<number>[]) => [...new Set(sets.flatMap((s) => [...s]))].sort((a, b) => a - b);
const rowsWhere = (n: number, test: (i: number) => boolean) => Array.from({ length: n }, (_, i) => i).filter(test);
const distinctInOrder = (m: Map<number, string>) => [...new Set([...m.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v))];

function expectEnvelope(output: Record<string, any>, rows: number, affected: number[]) {
  expect(output.rows_analyzed).toBe(rows);
  expect(output.affected_count).toBe(affected.length);
  expect(output.affected_percentage).toBeCloseTo((affected.length / rows) * 100, 10);
  expect(output.affected_rows).toEqual(affected.slice(0, 10));
}

let server: TestServer;
let orders: Planted;
let ordersId: string;
let salesId: string;

beforeAll(async () => {
  server = await startServer({ INVESTIGATION_CONCURRENCY: '4' });
  orders = writeOrders(join(server.dataDir, 'orders.csv'), ROWS, 11);
  ordersId = await seedDataset(server.url, orders.path);
  salesId = await seedDataset(server.url, SALES_CSV);
});
afterAll(() => server.stop());

type Issue = { type: string; description: string; affectedColumns: string[]; options?: Record<string, unknown> };

/** Runs the issues with the templates and returns each investigation, in order. */
async function investigate(datasetId: string, issues: Issue[]) {
  const { investigateIssues: run } = await ok(server.url, RunTemplates, {
    input: { datasetId, codegen: 'TEMPLATE', wait: true, issues: issues.map((issue, i) => ({ id: `i${i}`, ...issue })) },
  });
  return run.investigations;
}

/** Runs one issue that must succeed with a valid result, and returns its output. */
async function succeeded(datasetId: string, issue: Issue): Promise<Record<string, any>> {
  const [inv] = await investigate(datasetId, [issue]);
  expect(inv!.error ?? null, 'error').toBeNull();
  expect(inv!.status).toBe('SUCCEEDED');
  expect(inv!.method).toBe('TEMPLATE');
  expect(inv!.validation).toEqual({ valid: true, errors: [] });
  expect(inv!.output.issue_type).toBe(issue.type);
  return inv!.output;
}

/**
 * Issues that must each fail with a clear message: refused by the mutation (BAD_USER_INPUT naming
 * issues[0].options.…) when the options' form is wrong, else failed by the template (a SystemExit, never
 * a traceback) when only the data can tell, such as a date bound for a numeric column.
 */
async function failedWith(datasetId: string, cases: [Issue, RegExp][]) {
  for (const [issue, message] of cases) {
    const label = `${issue.type} ${JSON.stringify(issue.options)}`;
    const result = await request(server.url, RunTemplates, { input: { datasetId, codegen: 'TEMPLATE', wait: true, issues: [issue] } });
    const refused = result.errors?.[0];
    if (refused) {
      expect(refused.extensions?.code, label).toBe('BAD_USER_INPUT');
      expect(refused.message, label).toMatch(/^issues\[0\]\.options\./);
      expect(refused.message, label).toMatch(message);
      continue;
    }
    const inv = result.data!.investigateIssues.investigations[0]!;
    expect(inv.status, label).toBe('FAILED');
    expect(inv.error, label).toMatch(message);
    expect(inv.error, label).not.toMatch(/Traceback/);
  }
}

describe('issueTypes', () => {
  it('lists the four new types with their result keys and column rules', async () => {
    const { issueTypes } = await ok(server.url, IssueTypeList);
    const byType = new Map(issueTypes.map((t) => [t.type, t]));
    const envelope = ['issue_type', 'columns', 'rows_analyzed', 'affected_count', 'affected_percentage', 'affected_rows'];
    const expected: Record<string, string[]> = {
      invalid_format: ['invalid_value_count', 'invalid_by_column', 'column_formats'],
      out_of_range: ['out_of_range_value_count', 'ranges', 'today'],
      whitespace_case: ['checked_columns', 'whitespace_count', 'case_variant_count', 'by_column'],
      cross_column: ['relation', 'relation_columns', 'violation_count', 'checked_rows', 'skipped_rows', 'max_deviation', 'examples'],
    };
    for (const [type, keys] of Object.entries(expected)) {
      const info = byType.get(type);
      expect(info, type).toBeDefined();
      expect(info!.resultKeys).toEqual([...envelope, ...keys]);
      expect(info!.description.length).toBeGreaterThan(40);
    }
    expect(byType.get('cross_column')!.columns).toMatch(/two or more/);
    expect(byType.get('whitespace_case')!.columns).toMatch(/none for every text column/);
  });
});

describe('validation of the new types', () => {
  const envelope = (type: string, affected: number) => ({
    issue_type: type,
    columns: ['a', 'b'],
    rows_analyzed: 10,
    affected_count: affected,
    affected_percentage: affected * 10,
    affected_rows: Array.from({ length: affected }, (_, i) => i),
  });
  const issue = (type: string) => ({ id: 'x', type, description: 'x', affectedColumns: ['a', 'b'] });

  it('rejects results whose counts contradict the envelope', () => {
    const cross = { ...envelope('cross_column', 2), relation: 'a == b', relation_columns: ['a', 'b'], violation_count: 2, checked_rows: 8, skipped_rows: 1, max_deviation: 1, examples: [] };
    expect(validateResult(issue('cross_column'), cross, 10).errors).toEqual(['checked_rows + skipped_rows (8 + 1) is not rows_analyzed']);
    expect(validateResult(issue('cross_column'), { ...cross, skipped_rows: 2 }, 10)).toEqual({ valid: true, errors: [] });
    const formats = {
      ...envelope('invalid_format', 2),
      invalid_value_count: 3,
      invalid_by_column: [{ column: 'a', expected: 'number', count: 3, examples: [] }],
      column_formats: { a: { expected: 'number', present: 10 } },
    };
    expect(validateResult(issue('invalid_format'), formats, 10).valid).toBe(false);
    const ranges = { ...envelope('out_of_range', 1), out_of_range_value_count: 1, today: '2024-01-01',
      ranges: [{ column: 'a', kind: 'number', min_source: 'inferred', max_source: null, below_count: 1, above_count: 0, examples: [{ row: 0 }] }] };
    expect(validateResult(issue('out_of_range'), ranges, 10)).toEqual({ valid: true, errors: [] });
    expect(validateResult(issue('out_of_range'), { ...ranges, out_of_range_value_count: 2 }, 10).valid).toBe(false);
    const text = { ...envelope('whitespace_case', 1), checked_columns: ['a'], whitespace_count: 1, case_variant_count: 0,
      by_column: [{ column: 'a', whitespace_count: 2, case_variant_count: 0, case_groups: [] }] };
    expect(validateResult(issue('whitespace_case'), text, 10).valid).toBe(false);
  });
});

describe('invalid_format', () => {
  it('finds the planted bad dates, emails and numbers by each column’s dominant kind', async () => {
    const columns = ['order_date', 'email', 'amount', 'note'];
    const out = await succeeded(ordersId, { type: 'invalid_format', description: 'malformed values', affectedColumns: columns });
    const { bad } = orders;
    for (const column of ['order_date', 'email', 'amount'] as const) expect(bad[column].size, column).toBeGreaterThan(20);
    expectEnvelope(out, ROWS, union(bad.order_date.keys(), bad.email.keys(), bad.amount.keys()));
    expect(out.invalid_value_count).toBe(bad.order_date.size + bad.email.size + bad.amount.size);
    const entry = (column: 'order_date' | 'email' | 'amount', expected: string) => ({
      column,
      expected,
      count: bad[column].size,
      // Results leave the service with personal data redacted (REDACT_PII): "a..b@c.com" reads "[EMAIL]".
      examples: distinctInOrder(bad[column]).slice(0, 5).map((v) => redactText(v).text),
      rows: [...bad[column].keys()].sort((a, b) => a - b).slice(0, 10),
    });
    expect(out.invalid_by_column).toEqual([entry('order_date', 'date'), entry('email', 'email'), entry('amount', 'number')]);
    expect(out.column_formats.note).toEqual({ present: orders.notePresent, expected: null, source: 'inferred' });
    expect(out.column_formats.order_date).toMatchObject({ expected: 'date', source: 'inferred' });
    expect(out.column_formats.email.present).toBe(ROWS - countMissing('email'));
  });

  it('checks options.pattern and a forced options.expected kind', async () => {
    const pattern = await succeeded(ordersId, {
      type: 'invalid_format',
      description: 'codes look like AB-1234',
      affectedColumns: ['code'],
      options: { pattern: '[A-Z]{2}-\\d{4}' },
    });
    expectEnvelope(pattern, ROWS, [...orders.bad.code.keys()].sort((a, b) => a - b));
    expect(pattern.invalid_by_column).toEqual([
      expect.objectContaining({ column: 'code', expected: 'pattern', count: orders.bad.code.size, examples: distinctInOrder(orders.bad.code).slice(0, 5) }),
    ]);

    const forced = await succeeded(ordersId, {
      type: 'invalid_format',
      description: 'notes should be emails',
      affectedColumns: ['note'],
      options: { expected: 'email' },
    });
    expectEnvelope(forced, ROWS, rowsWhere(ROWS, (i) => orders.notes[i] !== ''));
    expect(forced.invalid_by_column[0]).toMatchObject({ expected: 'email', count: orders.notePresent });
    expect(forced.column_formats.note).toMatchObject({ expected: 'email', source: 'options' });
  });

  it('fails clearly on a bad options.expected or options.pattern, and lists unknown option keys', async () => {
    const issue = (options: unknown): Issue => ({ type: 'invalid_format', description: 'codes', affectedColumns: ['code'], options: options as Record<string, unknown> });
    await failedWith(ordersId, [
      [issue({ expected: 'mail' }), /options\.expected must be one of number, date, email, boolean, integer; got "mail"/],
      [issue({ expected: ['date'] }), /options\.expected must be one of .*; got \["date"\]/],
      [issue({ pattern: 5 }), /options\.pattern must be a string holding a Python regular expression; got 5/],
      [issue({ pattern: '[A-Z' }), /options\.pattern must be a valid Python regular expression; got "\[A-Z" \(unterminated character set/],
    ]);
    const out = await succeeded(ordersId, issue({ pattern: '[A-Z]{2}-\\d{4}', expected: null, severity: 'high', strict: true }));
    expectEnvelope(out, ROWS, [...orders.bad.code.keys()].sort((a, b) => a - b));
    expect(out.ignored_options).toEqual(['severity', 'strict']);
    expect(out.column_formats.code).toMatchObject({ expected: null, source: 'inferred' });
  });
});

describe('the heuristics of invalid_format and whitespace_case', () => {
  it('read options as the templates do: bad ones are refused alike before either runs, the same ignored_options', async () => {
    const run = async (codegen: 'TEMPLATE' | 'HEURISTIC', issues: Issue[]) =>
      (await ok(server.url, RunTemplates, { input: { datasetId: ordersId, codegen, wait: true, issues } })).investigateIssues.investigations;
    const bad: Issue[] = [
      { type: 'invalid_format', description: 'codes', affectedColumns: ['code'], options: { expected: 'mail' } },
      { type: 'invalid_format', description: 'codes', affectedColumns: ['code'], options: { expected: ['date', { a: 1.5 }] } },
      { type: 'invalid_format', description: 'codes', affectedColumns: ['code'], options: { pattern: 5 } },
    ];
    for (const issue of bad) {
      const refusals = await Promise.all(
        (['TEMPLATE', 'HEURISTIC'] as const).map(async (codegen) =>
          (await request(server.url, RunTemplates, { input: { datasetId: ordersId, codegen, wait: true, issues: [issue] } })).errors?.[0]?.message),
      );
      expect(refusals[0]).toMatch(/^issues\[0\]\.options\.\w+ must be .*; got /);
      expect(refusals[1]).toBe(refusals[0]);
    }
    const good: Issue[] = [
      { type: 'invalid_format', description: 'codes', affectedColumns: ['code'], options: { expected: null, severity: 'high', strict: true } },
      { type: 'whitespace_case', description: 'suppliers', affectedColumns: ['supplier'], options: { ignore_case: true, trim: null } },
    ];
    const [t, h] = [await run('TEMPLATE', good), await run('HEURISTIC', good)];
    good.forEach((_, i) => {
      expect(h[i]!.method).toBe('HEURISTIC');
      expect(h[i]!.output).toEqual(t[i]!.output);
    });
    expect(h[0]!.output.ignored_options).toEqual(['severity', 'strict']);
  });
});

/** Missing cells of a column in the generated CSV (read back from the file). */
function countMissing(column: string): number {
  const [header, ...lines] = readFileSync(orders.path, 'utf8').trimEnd().split('\n');
  const index = header!.split(',').indexOf(column);
  return lines.filter((line) => line.split(',')[index] === '').length;
}

describe('out_of_range', () => {
  it('uses bounds from the description, inferred non-negativity and date plausibility', async () => {
    const dayBefore = new Date().toISOString().slice(0, 10);
    const out = await succeeded(ordersId, {
      type: 'out_of_range',
      description: 'prices above $500 are suspicious',
      affectedColumns: ['price', 'quantity', 'ship_date'],
    });
    const priceAbove = rowsWhere(ROWS, (i) => orders.price[i]! > 500);
    const negative = rowsWhere(ROWS, (i) => orders.quantity[i]! < 0);
    expect(priceAbove.length).toBeGreaterThan(20);
    expect(negative.length).toBeGreaterThan(10);
    expectEnvelope(out, ROWS, union(priceAbove, negative, orders.shipBelow, orders.shipAbove));
    expect(out.out_of_range_value_count).toBe(priceAbove.length + negative.length + orders.shipBelow.size + orders.shipAbove.size);
    const [price, quantity, ship] = out.ranges;
    expect(price).toMatchObject({ column: 'price', kind: 'number', min: 0, max: 500, min_source: 'inferred', max_source: 'description', below_count: 0, above_count: priceAbove.length });
    expect(price.examples[0]).toEqual({ row: priceAbove[0], value: orders.price[priceAbove[0]!], side: 'above' });
    expect(quantity).toMatchObject({ column: 'quantity', min: 0, min_source: 'inferred', below_count: negative.length, above_count: 0 });
    expect(quantity.non_negative_share).toBeCloseTo(1 - negative.length / ROWS, 12);
    const today = out.today as string; // the run's date in UTC (the run may cross midnight)
    expect([dayBefore, new Date().toISOString().slice(0, 10)]).toContain(today);
    expect(ship).toMatchObject({
      column: 'ship_date',
      kind: 'date',
      min: '1900-01-01',
      max: today,
      min_source: 'inferred',
      max_source: 'inferred',
      below_count: orders.shipBelow.size,
      above_count: orders.shipAbove.size,
    });
  });

  it('lets options override the description, and reads "between X and Y"', async () => {
    const [overridden, between] = await investigate(ordersId, [
      { type: 'out_of_range', description: 'prices above $500', affectedColumns: ['price'], options: { max: 800 } },
      { type: 'out_of_range', description: 'quantity should be between 1 and 9', affectedColumns: ['quantity'] },
    ]);
    expect(overridden!.validation!.valid).toBe(true);
    const above800 = rowsWhere(ROWS, (i) => orders.price[i]! > 800);
    expectEnvelope(overridden!.output, ROWS, above800);
    expect(overridden!.output.ranges[0]).toMatchObject({ max: 800, max_source: 'options', above_count: above800.length });
    const negative = rowsWhere(ROWS, (i) => orders.quantity[i]! < 1);
    expectEnvelope(between!.output, ROWS, negative);
    expect(between!.output.ranges[0]).toMatchObject({ min: 1, max: 9, min_source: 'description', max_source: 'description' });
  });

  it('fails clearly on bad bounds in options, and lists unknown option keys', async () => {
    const issue = (options: unknown): Issue => ({
      type: 'out_of_range',
      description: 'prices above $500',
      affectedColumns: ['price', 'ship_date'],
      options: options as Record<string, unknown>,
    });
    await failedWith(ordersId, [
      [issue({ bounds: [{ min: 0 }] }), /options\.bounds must be an object mapping columns to \{"min": …, "max": …\}.*; got \[\{"min": 0\}\]/],
      [issue({ bounds: { price: 500 } }), /options\.bounds\.price must be an object with "min" and\/or "max"; got 500/],
      [issue({ bounds: { price: { maximum: 500 } } }), /options\.bounds\.price must be an object with "min" and\/or "max"; got \{"maximum": 500\}/],
      [issue({ bounds: { prices: { max: 500 } } }), /options\.bounds must name investigated columns \(price, ship_date\); got the key "prices"/],
      [issue({ bounds: { price: { max: 'lots' } } }), /options\.bounds\.price\.max must be a number, or a date string .*; got "lots"/],
      [issue({ bounds: { price: { max: '2024-06-01' } } }), /options\.bounds\.price\.max must be a number \(price is numeric\); got "2024-06-01"/],
      [issue({ min: true }), /options\.min must be a number, or a date string .*; got true/],
      [issue({ max: { value: 5 } }), /options\.max must be a number, or a date string .*; got \{"value": 5\}/],
    ]);
    const out = await succeeded(ordersId, issue({ bounds: { price: { max: 800, min: null } }, min: null, unit: 'USD' }));
    const above800 = rowsWhere(ROWS, (i) => orders.price[i]! > 800);
    expect(out.ranges[0]).toMatchObject({ column: 'price', max: 800, max_source: 'options', min: 0, min_source: 'inferred', above_count: above800.length });
    expect(out.ignored_options).toEqual(['unit']);
  });

  it('puts a bound\'s own value out of range when the description does ("positive", "a length of zero")', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ length: i % 9 === 4 ? 0 : 1 + (i % 7) / 2, price: i % 11 === 3 ? 0 : i % 13 === 5 ? -(i % 5) - 1 : 10 + i, quantity: i % 6 }));
    const path = join(server.dataDir, 'items.csv');
    writeFileSync(path, ['length,price,quantity', ...items.map((r) => `${r.length},${r.price},${r.quantity}`)].join('\n'));
    const id = await seedDataset(server.url, path);
    const where = (test: (item: (typeof items)[number]) => boolean) => items.flatMap((item, i) => (test(item) ? [i] : []));
    const zeroLength = where((r) => r.length === 0);
    const notPositive = where((r) => r.price <= 0);
    const negative = where((r) => r.price < 0);
    const noQuantity = where((r) => r.quantity < 1);
    const from40 = where((r) => r.price >= 40);
    expect([zeroLength.length, notPositive.length > negative.length, negative.length, noQuantity.length, from40.includes(30)]).toEqual([4, true, 3, 7, true]);
    const [zero, positive, nonNegative, atLeastOne, some40] = await investigate(id, [
      { type: 'out_of_range', description: 'About 4 items have a length of zero', affectedColumns: ['length', 'quantity'] },
      { type: 'out_of_range', description: 'Prices must be positive', affectedColumns: ['price'] },
      { type: 'out_of_range', description: 'Prices cannot be negative', affectedColumns: ['price'] },
      { type: 'out_of_range', description: 'Quantity is at least 1', affectedColumns: ['quantity'] },
      { type: 'out_of_range', description: 'Some prices are at least 40', affectedColumns: ['price'] },
    ]);
    for (const inv of [zero, positive, nonNegative, atLeastOne, some40]) expect(inv!.validation, inv!.error ?? '').toEqual({ valid: true, errors: [] });
    // "of zero" bounds every numeric column it is read for: 0 itself is out (quantity's zeros too), the inferred 0 of neither column applies.
    expectEnvelope(zero!.output, items.length, [...new Set([...zeroLength, ...noQuantity])].sort((a, b) => a - b));
    expect(zero!.output.ranges).toMatchObject([
      { column: 'length', min: 0, min_source: 'description', min_inclusive: false, max_inclusive: null, below_count: zeroLength.length },
      { column: 'quantity', min: 0, min_source: 'description', min_inclusive: false, below_count: noQuantity.length },
    ]);
    expectEnvelope(positive!.output, items.length, notPositive);
    expect(positive!.output.ranges[0]).toMatchObject({ min: 0, min_source: 'description', min_inclusive: false, below_count: notPositive.length });
    expectEnvelope(nonNegative!.output, items.length, negative);
    expect(nonNegative!.output.ranges[0]).toMatchObject({ min: 0, min_inclusive: true, below_count: negative.length });
    expectEnvelope(atLeastOne!.output, items.length, noQuantity);
    expect(atLeastOne!.output.ranges[0]).toMatchObject({ min: 1, min_inclusive: true, below_count: noQuantity.length });
    // A problem's "at least 40": 40 itself is beyond the valid range.
    expectEnvelope(some40!.output, items.length, from40);
    expect(some40!.output.ranges[0]).toMatchObject({ max: 40, max_source: 'description', max_inclusive: false, above_count: from40.length });
  });

  it('does not read multiples (standard deviations, 1.5x, sigma, IQRs, percentiles) as bounds', async () => {
    const [sd, median, iqr] = await investigate(ordersId, [
      { type: 'out_of_range', description: 'prices more than 3 standard deviations above $500', affectedColumns: ['price'] },
      { type: 'out_of_range', description: 'quantities more than 1.5x the median, or beyond 3 sigma', affectedColumns: ['quantity'] },
      { type: 'out_of_range', description: 'prices beyond 2 IQRs, or above the 95th percentile', affectedColumns: ['price'] },
    ]);
    for (const inv of [sd, median, iqr]) {
      expect(inv!.status, inv!.error ?? '').toBe('SUCCEEDED');
      expect(inv!.validation!.valid).toBe(true);
    }
    // "3 standard deviations" is blanked out: "above $500" is the bound, not "more than 3".
    const priceAbove = rowsWhere(ROWS, (i) => orders.price[i]! > 500);
    expectEnvelope(sd!.output, ROWS, priceAbove);
    expect(sd!.output.ranges[0]).toMatchObject({ max: 500, max_source: 'description', above_count: priceAbove.length });
    // No bound in the description at all: only the inferred non-negativity holds.
    const negative = rowsWhere(ROWS, (i) => orders.quantity[i]! < 0);
    expectEnvelope(median!.output, ROWS, negative);
    expect(median!.output.ranges[0]).toMatchObject({ min: 0, min_source: 'inferred', max: null, max_source: null, below_count: negative.length, above_count: 0 });
    expectEnvelope(iqr!.output, ROWS, []);
    expect(iqr!.output.ranges[0]).toMatchObject({ min: 0, min_source: 'inferred', max: null, max_source: null });
  });
});

describe('whitespace_case', () => {
  it('finds stray whitespace and case variants in every text column when none is given', async () => {
    const out = await succeeded(ordersId, { type: 'whitespace_case', description: 'messy text', affectedColumns: [] });
    const { whitespace, caseVariant } = orders;
    for (const set of [whitespace.supplier, whitespace.city, caseVariant.supplier, caseVariant.city]) expect(set.size).toBeGreaterThan(40);
    expect(out.columns).toEqual([]);
    expect(out.checked_columns).toEqual(['order_id', 'order_date', 'ship_date', 'email', 'amount', 'code', 'supplier', 'city', 'note']);
    expectEnvelope(out, ROWS, union(whitespace.supplier, whitespace.city, caseVariant.supplier, caseVariant.city));
    expect(out.whitespace_count).toBe(whitespace.supplier.size + whitespace.city.size);
    expect(out.case_variant_count).toBe(caseVariant.supplier.size + caseVariant.city.size);
    for (const column of ['supplier', 'city'] as const) {
      const entry = out.by_column.find((c: any) => c.column === column);
      expect(entry).toMatchObject({ whitespace_count: whitespace[column].size, case_variant_count: caseVariant[column].size });
      // Every canonical name has case variants planted; the canonical spelling is the clean, most frequent one.
      expect(entry.case_groups.map((g: any) => g.canonical).sort()).toEqual([...orders.canonical[column]].sort());
    }
    for (const entry of out.by_column.filter((c: any) => !['supplier', 'city'].includes(c.column))) {
      expect(entry, entry.column).toMatchObject({ whitespace_count: 0, case_variant_count: 0, case_groups: [] });
    }
  });

  it('checks only the given column', async () => {
    const out = await succeeded(ordersId, { type: 'whitespace_case', description: 'supplier spellings', affectedColumns: ['supplier'] });
    expectEnvelope(out, ROWS, union(orders.whitespace.supplier, orders.caseVariant.supplier));
    const acme = out.by_column[0].case_groups.find((g: any) => g.canonical === 'Acme Corp');
    expect(acme.variants).toEqual(expect.arrayContaining(['Acme Corp', 'ACME CORP', 'acme corp']));
  });

  it('reads no option: every key given is listed in ignored_options', async () => {
    const out = await succeeded(ordersId, {
      type: 'whitespace_case',
      description: 'supplier spellings',
      affectedColumns: ['supplier'],
      options: { ignore_case: true, trim: null },
    });
    expectEnvelope(out, ROWS, union(orders.whitespace.supplier, orders.caseVariant.supplier));
    expect(out.ignored_options).toEqual(['ignore_case', 'trim']);
  });
});

describe('cross_column', () => {
  it('checks revenue = price × quantity from options.relation, skipping rows with a missing operand', async () => {
    const out = await succeeded(ordersId, {
      type: 'cross_column',
      description: 'revenue does not add up',
      affectedColumns: ['price', 'quantity', 'revenue'],
      options: { relation: 'revenue = price * quantity' },
    });
    const wrong = [...orders.revenueWrong].sort((a, b) => a - b);
    expectEnvelope(out, ROWS, wrong);
    expect(out).toMatchObject({
      relation: 'revenue == price * quantity',
      relation_source: 'options',
      relation_columns: ['price', 'quantity', 'revenue'],
      violation_count: wrong.length,
      skipped_rows: orders.revenueMissing.size,
      checked_rows: ROWS - orders.revenueMissing.size,
      tolerance: { absolute: 0.01, relative: 1e-6 },
    });
    expect(out.max_deviation).toBeGreaterThanOrEqual(1);
    expect(out.max_deviation).toBeLessThanOrEqual(51);
    const first = out.examples[0];
    expect(first.row).toBe(wrong[0]);
    expect(first.values.price).toBe(orders.price[wrong[0]!]);
    expect(first.right).toBeCloseTo(orders.price[wrong[0]!]! * orders.quantity[wrong[0]!]!, 9);
  });

  it('reads a relation written in words between dotted column names ("Min.Price never exceeds Max.Price")', async () => {
    const prices = Array.from({ length: 40 }, (_, i) => [10 + i, i % 9 === 4 ? 5 + i : 20 + i * 2]);
    const path = join(server.dataDir, 'prices.csv');
    writeFileSync(path, ['Min.Price,Max.Price', ...prices.map((r) => r.join(','))].join('\n'));
    const out = await succeeded(await seedDataset(server.url, path), { type: 'cross_column', description: 'Min.Price never exceeds Max.Price.', affectedColumns: ['Min.Price', 'Max.Price'] });
    const broken = prices.flatMap(([low, high], i) => (low! > high! ? [i] : []));
    expect(broken.length).toBeGreaterThan(0);
    expectEnvelope(out, prices.length, broken);
    expect(out).toMatchObject({ relation: 'Min.Price <= Max.Price', relation_source: 'description', violation_count: broken.length });
  });

  it('skips units after columns, and reads a description of what some rows do as the negation of the rule', async () => {
    const people = Array.from({ length: 30 }, (_, i) => [i === 11 ? 166 : i === 20 ? 170 : 50 + i, i === 11 ? 57 : i === 20 ? 100 : 150 + i]);
    const path = join(server.dataDir, 'people.csv');
    writeFileSync(path, ['weight,height', ...people.map((r) => r.join(','))].join('\n'));
    const id = await seedDataset(server.url, path);
    const heavier = people.flatMap(([weight, height], i) => (weight! > height! ? [i] : []));
    const notHeavier = people.flatMap(([weight, height], i) => (weight! > height! ? [] : [i]));
    expect(heavier).toEqual([11, 20]);
    const read = async (description: string) => succeeded(id, { type: 'cross_column', description, affectedColumns: ['weight', 'height'] });
    for (const description of [
      'In two rows the weight in kg is larger than the height in cm.',
      'For two people the weight (kg) is larger than the height (cm)',
      'Two people have weight > height',
      'The rows where weight (kg) exceeds height [cm] were typed in the wrong columns',
      'The weight is occasionally larger than the height',
    ]) {
      const out = await read(description);
      expectEnvelope(out, people.length, heavier);
      expect(out).toMatchObject({ relation: 'weight <= height', relation_source: 'description', relation_read_as: 'affected rows', violation_count: 2 });
    }
    // A word of a rule: the relation is the rule, whatever else the description says.
    const rule = await read('In every row the weight (kg) must be larger than the height (cm)');
    expectEnvelope(rule, people.length, notHeavier);
    expect(rule).toMatchObject({ relation: 'weight > height', relation_read_as: 'rule', violation_count: notHeavier.length });
  });

  it('reads the investigated columns as a description speaks of them when their names are not written', async () => {
    const days = Array.from({ length: 30 }, (_, i) => [i === 7 || i === 19 ? 20 + i : 5 + (i % 9), 15 + (i % 11)]);
    const path = join(server.dataDir, 'temps.csv');
    writeFileSync(path, ['temp_min,temp_max', ...days.map((r) => r.join(','))].join('\n'));
    const id = await seedDataset(server.url, path);
    const inverted = days.flatMap(([low, high], i) => (low! > high! ? [i] : []));
    expect(inverted).toEqual([7, 19]);
    for (const description of ["The day's minimum temperature never exceeds its maximum", 'The min temp is always at most the max temp']) {
      const out = await succeeded(id, { type: 'cross_column', description, affectedColumns: ['temp_min', 'temp_max'] });
      expectEnvelope(out, days.length, inverted);
      expect(out).toMatchObject({ relation: 'temp_min <= temp_max', relation_source: 'description', relation_read_as: 'rule' });
    }
  });

  it('reads relations written as analysts write them: denied comparisons, definitions in words, "more A than B", words between', async () => {
    // Generated storm records: column names a description speaks of ("hurricane-force wind diameter"), counts
    // named without their prefix ("cases" for ncases), an identity with one broken row.
    const rows = Array.from({ length: 36 }, (_, i) => {
      const tropicalstorm_force_diameter = 100 + 5 * i;
      const hurricane_force_diameter = i === 9 || i === 30 ? tropicalstorm_force_diameter + 10 : 20 + i;
      const ncases = i % 7 === 3 ? 12 + (i % 5) : i % 5;
      const ncontrols = 8 + (i % 4);
      const age = 30 + (i % 17);
      const education = 10 + (i % 6);
      const experience = i === 21 ? age - education - 4 : age - education - 6;
      return { hurricane_force_diameter, tropicalstorm_force_diameter, ncases, ncontrols, age, education, experience };
    });
    const header = Object.keys(rows[0]!) as Array<keyof (typeof rows)[number]>;
    const path = join(server.dataDir, 'storms-and-cases.csv');
    writeFileSync(path, [header.join(','), ...rows.map((r) => header.map((h) => r[h]).join(','))].join('\n'));
    const id = await seedDataset(server.url, path);
    const where = (test: (r: (typeof rows)[number]) => boolean) => rows.flatMap((r, i) => (test(r) ? [i] : []));
    const cases: Array<[string, string[], string, number[]]> = [
      [
        'The hurricane-force wind diameter is never larger than the tropical-storm-force diameter.',
        ['hurricane_force_diameter', 'tropicalstorm_force_diameter'],
        'hurricane_force_diameter <= tropicalstorm_force_diameter',
        where((r) => r.hurricane_force_diameter > r.tropicalstorm_force_diameter),
      ],
      ['No cell has more cases than controls.', ['ncases', 'ncontrols'], 'ncases <= ncontrols', where((r) => r.ncases > r.ncontrols)],
      ['Experience is always computed as age minus education minus six.', ['experience', 'age', 'education'], 'experience == age - education - 6', where((r) => r.experience !== r.age - r.education - 6)],
      ['The ncases count is not greater than the control ncontrols', ['ncases', 'ncontrols'], 'ncases <= ncontrols', where((r) => r.ncases > r.ncontrols)],
      ['ncases never > ncontrols', ['ncases', 'ncontrols'], 'ncases <= ncontrols', where((r) => r.ncases > r.ncontrols)],
    ];
    for (const [description, affectedColumns, relation, broken] of cases) {
      expect(broken.length, description).toBeGreaterThan(0);
      const out = await succeeded(id, { type: 'cross_column', description, affectedColumns });
      expectEnvelope(out, rows.length, broken);
      expect(out, description).toMatchObject({ relation, relation_source: 'description', relation_read_as: 'rule', violation_count: broken.length });
    }
    // A unit word after each column, and what some rows do: the rule checked is the negation.
    const out = await succeeded(id, { type: 'cross_column', description: 'ncases cnt > ncontrols cnt in 5 rows', affectedColumns: ['ncases', 'ncontrols'] });
    expectEnvelope(out, rows.length, where((r) => r.ncases > r.ncontrols));
    expect(out).toMatchObject({ relation: 'ncases <= ncontrols', relation_read_as: 'affected rows' });
    // A word that changes what is compared is never passed over: no relation is read rather than a wrong one.
    const twice = await investigate(id, [{ type: 'cross_column', description: 'ncases is less than twice ncontrols', affectedColumns: ['ncases', 'ncontrols'] }]);
    expect(twice[0]!.status).toBe('FAILED');
  });

  it('reads a date relation from the description and lets options.relation override it', async () => {
    const description = 'ship date must be on or after order date';
    const [fromDescription, overridden] = await investigate(ordersId, [
      { type: 'cross_column', description, affectedColumns: ['order_date', 'ship_date'] },
      { type: 'cross_column', description, affectedColumns: ['order_date', 'ship_date'], options: { relation: 'ship_date - order_date <= 7' } },
    ]);
    const skipped = rowsWhere(ROWS, (i) => orders.shipOffset[i] === null).length;
    const before = rowsWhere(ROWS, (i) => orders.shipOffset[i] !== null && orders.shipOffset[i]! < 0);
    expect(before.length).toBeGreaterThan(20);
    expect(fromDescription!.validation!.valid).toBe(true);
    expectEnvelope(fromDescription!.output, ROWS, before);
    expect(fromDescription!.output).toMatchObject({
      relation: 'ship_date >= order_date',
      relation_source: 'description',
      compared_as: 'date',
      skipped_rows: skipped,
      checked_rows: ROWS - skipped,
    });
    const late = rowsWhere(ROWS, (i) => orders.shipOffset[i] !== null && orders.shipOffset[i]! > 7);
    expect(overridden!.validation!.valid).toBe(true);
    expectEnvelope(overridden!.output, ROWS, late);
    expect(overridden!.output).toMatchObject({ relation: 'ship_date - order_date <= 7', relation_source: 'options', compared_as: 'number' });
  });

  it('fails clearly when no relation can be determined or the relation has foreign text', async () => {
    const [vague, hostile] = await investigate(ordersId, [
      { type: 'cross_column', description: 'these two columns look inconsistent', affectedColumns: ['price', 'revenue'] },
      { type: 'cross_column', description: 'x', affectedColumns: ['price', 'revenue'], options: { relation: "revenue = __import__('os')" } },
    ]);
    expect(vague!.status).toBe('FAILED');
    expect(vague!.error).toMatch(/no relation between columns could be read from the description.*options\.relation/);
    expect(hostile!.status).toBe('FAILED');
    expect(hostile!.error).toMatch(/cannot read '__import__' in the relation/);
  });

  it('fails clearly on bad option values, treats null as absent and lists unknown option keys', async () => {
    const issue = (options: unknown): Issue => ({
      type: 'cross_column',
      description: 'revenue does not add up',
      affectedColumns: ['price', 'quantity', 'revenue'],
      options: options as Record<string, unknown>,
    });
    const relation = 'revenue = price * quantity';
    await failedWith(ordersId, [
      [issue({ relation, tolerance: 'x' }), /options\.tolerance must be a non-negative number; got "x"/],
      [issue({ relation, tolerance: -0.5 }), /options\.tolerance must be a non-negative number; got -0\.5/],
      [issue({ relation, relative_tolerance: '1e-6' }), /options\.relative_tolerance must be a non-negative number; got "1e-6"/],
      [issue({ relation, relative_tolerance: false }), /options\.relative_tolerance must be a non-negative number; got false/],
      [issue({ relation: 5 }), /options\.relation must be a non-empty string such as .*; got 5/],
      [issue({ relation: ['revenue', '=', 'price'] }), /options\.relation must be a non-empty string .*; got \["revenue", "=", "price"\]/],
    ]);
    const out = await succeeded(ordersId, issue({ relation, tolerance: null, relative_tolerance: null, note: 'from finance' }));
    expectEnvelope(out, ROWS, [...orders.revenueWrong].sort((a, b) => a - b));
    expect(out.tolerance).toEqual({ absolute: 0.01, relative: 1e-6 });
    expect(out.ignored_options).toEqual(['note']);
  });

  it('reads a - b as arithmetic and binds a column named a-b only when quoted', async () => {
    const r = rng(5);
    const n = 300;
    const arithmeticWrong = new Set<number>();
    const quotedWrong = new Set<number>();
    const lines = ['a,b,a-b,c'];
    for (let i = 0; i < n; i++) {
      const a = r.int(100);
      const b = r.int(100);
      let c = a - b;
      if (r.next() < 0.1) {
        c += 1 + r.int(5);
        arithmeticWrong.add(i);
      }
      let named = c; // the column "a-b" agrees with c, except where planted
      if (r.next() < 0.1) {
        named += 2;
        quotedWrong.add(i);
      }
      lines.push([a, b, named, c].join(','));
    }
    const path = join(server.dataDir, 'minus.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const datasetId = await seedDataset(server.url, path);
    const arithmetic = [...arithmeticWrong].sort((x, y) => x - y);
    const quoted = [...quotedWrong].sort((x, y) => x - y);
    expect(arithmetic.length).toBeGreaterThan(10);
    expect(quoted.length).toBeGreaterThan(10);
    expect(arithmetic).not.toEqual(quoted);

    const plain = ['a', 'b', 'c'];
    const named = ['a-b', 'c'];
    const runs = await investigate(datasetId, [
      { type: 'cross_column', description: 'x', affectedColumns: plain, options: { relation: 'c = a - b' } },
      { type: 'cross_column', description: 'x', affectedColumns: plain, options: { relation: 'c = a-b' } },
      { type: 'cross_column', description: 'c must equal a - b', affectedColumns: plain },
      { type: 'cross_column', description: 'x', affectedColumns: named, options: { relation: 'c = `a-b`' } },
      { type: 'cross_column', description: 'x', affectedColumns: named, options: { relation: 'c = "a-b"' } },
      { type: 'cross_column', description: 'c must equal `a-b`', affectedColumns: named },
    ]);
    runs.forEach((inv, i) => {
      expect(inv!.status, `${i}: ${inv!.error ?? ''}`).toBe('SUCCEEDED');
      expect(inv!.validation!.valid, String(i)).toBe(true);
    });
    for (const inv of runs.slice(0, 3)) {
      expectEnvelope(inv!.output, n, arithmetic);
      expect(inv!.output).toMatchObject({ relation: 'c == a - b', relation_columns: ['a', 'b', 'c'], violation_count: arithmetic.length, checked_rows: n });
    }
    for (const inv of runs.slice(3)) {
      expectEnvelope(inv!.output, n, quoted);
      expect(inv!.output).toMatchObject({ relation: 'c == `a-b`', relation_columns: ['a-b', 'c'], violation_count: quoted.length, checked_rows: n });
    }
    expect(runs[2]!.output.relation_source).toBe('description');
    expect(runs[5]!.output.relation_source).toBe('description');
  });
});

describe('the sample dataset (sales.csv)', () => {
  const sales = () => {
    const [header, ...lines] = readFileSync(SALES_CSV, 'utf8').trimEnd().split('\n');
    const names = header!.split(',');
    return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
  };

  it('has clean formats and no inferred range problems, but prices above $500, ACME CORP rows and revenue mismatches', async () => {
    const rows = sales();
    const all = Object.keys(rows[0]!);
    const [formats, ranges, prices, text, revenue] = await investigate(salesId, [
      { type: 'invalid_format', description: 'malformed values', affectedColumns: all },
      { type: 'out_of_range', description: 'implausible values', affectedColumns: ['date', 'price', 'quantity', 'revenue'] },
      { type: 'out_of_range', description: 'prices above $500', affectedColumns: ['price'] },
      { type: 'whitespace_case', description: 'messy text', affectedColumns: [] },
      { type: 'cross_column', description: 'revenue = price × quantity', affectedColumns: ['price', 'quantity', 'revenue'] },
    ]);
    for (const inv of [formats, ranges, prices, text, revenue]) {
      expect(inv!.status, inv!.error ?? '').toBe('SUCCEEDED');
      expect(inv!.validation!.valid).toBe(true);
    }
    expect(formats!.output.affected_count).toBe(0);
    expect(ranges!.output.affected_count).toBe(0);
    const expensive = rows.flatMap((r, i) => (Number(r.price) > 500 ? [i] : []));
    expectEnvelope(prices!.output, rows.length, expensive);
    const shouting = rows.flatMap((r, i) => (r.supplier === 'ACME CORP' ? [i] : []));
    expectEnvelope(text!.output, rows.length, shouting);
    const mismatched = rows.flatMap((r, i) => {
      if (r.revenue === '') return [];
      const product = Number(r.price) * Number(r.quantity);
      return Math.abs(Number(r.revenue) - product) > 0.01 + 1e-6 * Math.abs(product) ? [i] : [];
    });
    expectEnvelope(revenue!.output, rows.length, mismatched);
    expect(revenue!.output.skipped_rows).toBe(rows.filter((r) => r.revenue === '').length);
    console.log(
      `sales.csv: ${expensive.length} prices above $500, ${shouting.length} ACME CORP rows, ` +
        `${mismatched.length} revenue ≠ price × quantity rows (${revenue!.output.skipped_rows} skipped)`,
    );
  });
});
