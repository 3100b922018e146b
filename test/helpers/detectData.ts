import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng, SALES_CSV, writeGeneratedSales } from './data';

/**
 * Datasets with known planted issues, for measuring the analysis agent (detectIssues): every planted
 * issue should be proposed (recall) and little else (precision). Each also has clean columns that must
 * not be flagged: unique ids, foreign keys that repeat, normally distributed numbers, clean categories
 * ("North", "South"; "Store 1", "Store 2"; "active", "inactive"), dates and free text.
 */
export interface PlantedIssue {
  type: string;
  /** The columns; [] for whole-row duplicates. */
  columns: string[];
}

export interface EvalDataset {
  name: string;
  path: string;
  planted: PlantedIssue[];
}

type Rng = ReturnType<typeof rng>;

/** A standard normal draw (Box–Muller). */
function normal(r: Rng): number {
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const csvLine = (fields: Array<string | number>) =>
  fields.map((f) => (typeof f === 'string' && /[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : String(f))).join(',');

const WORDS = ['quick', 'order', 'delivered', 'late', 'customer', 'called', 'about', 'invoice', 'gift', 'wrap', 'fragile', 'box', 'returned', 'thanks'];
const day = (r: Rng) => `2024-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;

/** Orders: missing discounts, price spikes, category spellings; clean ids, regions, stores, statuses, amounts. */
function orders(path: string, rows: number, seed: number): PlantedIssue[] {
  const r = rng(seed);
  const categories = ['Electronics', 'Furniture', 'Clothing', 'Toys', 'Garden'];
  const variants: Record<string, string[]> = { Electronics: ['electronics', 'ELECTRONICS', 'Electronic'], Furniture: ['Furnture'] };
  const lines = ['order_id,customer_id,order_date,region,store,status,category,amount,unit_price,quantity,discount,score,note'];
  for (let i = 0; i < rows; i++) {
    let category = r.pick(categories);
    if (variants[category] && r.next() < 0.06) category = r.pick(variants[category]!);
    const price = r.next() < 0.004 ? Math.round(2000 + r.next() * 3000) : Math.round((5 + r.next() * 45) * 100) / 100;
    lines.push(
      csvLine([
        `O${String(i + 1).padStart(6, '0')}`,
        `C${String(r.int(400)).padStart(5, '0')}`,
        day(r),
        r.pick(['North', 'South', 'East', 'West']),
        `Store ${1 + r.int(12)}`,
        r.pick(['active', 'inactive', 'pending']),
        category,
        (100 + 15 * normal(r)).toFixed(2),
        price,
        1 + r.int(20),
        r.next() < 0.08 ? '' : (r.next() * 0.3).toFixed(2),
        r.int(101),
        Array.from({ length: 3 + r.int(6) }, () => r.pick(WORDS)).join(' '),
      ]),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return [
    { type: 'missing_values', columns: ['discount'] },
    { type: 'outliers', columns: ['unit_price'] },
    { type: 'categorical_variation', columns: ['category'] },
  ];
}

/** Customers: copied rows (repeated ids), padded city names, weights that are not numbers, negative quantities. */
function customers(path: string, rows: number, seed: number): PlantedIssue[] {
  const r = rng(seed);
  const first = ['Maria', 'Kenji', 'Olu', 'Priya', 'Lars', 'Fatima', 'Diego', 'Mei', 'Tomasz', 'Aisha', 'Bruno', 'Yuki'];
  const last = ['Okafor', 'Schmidt', 'Tanaka', 'Rossi', 'Nguyen', 'Kowalski', 'Haddad', 'Silva', 'Johansson', 'Patel'];
  const cities = ['Paris', 'Berlin', 'Lagos', 'Osaka', 'Lima', 'Oslo', 'Pune', 'Quito'];
  const header = 'id,name,city,weight_kg,quantity,balance,signup_date,tier';
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    let city = r.pick(cities);
    if (r.next() < 0.02) city = r.pick([` ${city}`, `${city} `, `${city}  `]);
    const weight = r.next() < 0.01 ? r.pick(['12kg', 'unknown', '7,5', 'approx 60']) : (70 + 12 * normal(r)).toFixed(1);
    const quantity = r.next() < 0.01 ? -(1 + r.int(5)) : 1 + r.int(10);
    lines.push(
      csvLine([
        i + 1,
        `${r.pick(first)} ${r.pick(last)}`,
        city,
        weight,
        quantity,
        (100 + 80 * normal(r)).toFixed(2),
        day(r),
        r.pick(['Gold', 'Silver', 'Bronze']),
      ]),
    );
  }
  // 1% of the rows appear twice (an import ran twice), at random places.
  const copies = Math.round(rows * 0.01);
  for (let k = 0; k < copies; k++) lines.splice(r.int(lines.length), 0, lines[r.int(rows)]!);
  writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
  return [
    { type: 'duplicates', columns: ['id'] },
    { type: 'whitespace_case', columns: ['city'] },
    { type: 'invalid_format', columns: ['weight_kg'] },
    { type: 'out_of_range', columns: ['quantity'] },
  ];
}

/** Sensor readings: no id column; repeated rows, glitch readings, missing humidity; clean sensors and temperatures. */
function sensors(path: string, rows: number, seed: number): PlantedIssue[] {
  const r = rng(seed);
  const header = 'timestamp,sensor,reading,humidity,battery';
  const lines: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const t = new Date(start + i * 60_000 + r.int(30_000)).toISOString().slice(0, 19).replace('T', ' ');
    const reading = r.next() < 0.002 ? 9999 : Number((21 + 2 * normal(r)).toFixed(3));
    lines.push(csvLine([t, `S${1 + r.int(5)}`, reading, r.next() < 0.05 ? '' : (40 + 10 * r.next()).toFixed(1), (3 + r.next()).toFixed(2)]));
  }
  for (let k = 0; k < 20; k++) lines.splice(r.int(lines.length), 0, lines[r.int(rows)]!);
  writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
  return [
    { type: 'duplicates', columns: [] },
    { type: 'outliers', columns: ['reading'] },
    { type: 'missing_values', columns: ['humidity'] },
  ];
}

/**
 * A CRM export with personal data in the values the hypotheses quote: padded contacts (long e-mail
 * addresses, phone numbers), city names both padded and in other letter cases (whitespace_case counts
 * both), owners' e-mail addresses spelled two ways, and signup dates with a few stray numbers, some
 * negative (not an out_of_range of numbers: the column holds dates), and a few dates in the future.
 */
function crm(path: string, rows: number, seed: number): PlantedIssue[] {
  const r = rng(seed);
  const first = ['Maria', 'Kenji', 'Olu', 'Priya', 'Lars', 'Fatima', 'Diego', 'Mei'];
  const last = ['Okafor', 'Schmidt', 'Tanaka', 'Rossi', 'Nguyen', 'Kowalski', 'Haddad', 'Johansson'];
  const cities = ['Paris', 'Berlin', 'Lagos', 'Osaka', 'Lima'];
  const owners = ['sales.team@example.com', 'support.desk@example.org', 'key.accounts@example.net'];
  const lines = ['contact_id,contact,city,owner,signup,amount'];
  for (let i = 0; i < rows; i++) {
    // Local parts of 55 characters: cut at 60 characters, "…@examp" would no longer look like an address.
    const email = `${`${r.pick(first)}.${r.pick(last)}.${i}.accounts-payable-and-billing-department`.slice(0, 55).toLowerCase()}@example.com`;
    const phone = `+44 20 7946 ${String(i % 10_000).padStart(4, '0')}`;
    let contact = i % 3 === 2 ? phone : email;
    if (r.next() < 0.03) contact = r.pick([` ${contact}`, `${contact} `, contact === phone ? phone.replace(' 20 ', '  20 ') : `${email}\t`]);
    let city = r.pick(cities);
    const c = r.next();
    if (c < 0.03) city = r.pick([` ${city}`, `${city} `]);
    else if (c < 0.1) city = r.pick([city.toLowerCase(), city.toUpperCase()]);
    let owner = r.pick(owners);
    if (owner === owners[0] && r.next() < 0.1) owner = 'SALES.TEAM@example.com';
    const d = r.next();
    const signup = d < 0.03 ? String(r.next() < 0.04 ? -1 - r.int(9) : r.int(100)) : d < 0.04 ? `2099-${String(1 + r.int(12)).padStart(2, '0')}-01` : day(r);
    lines.push(csvLine([`K${String(i + 1).padStart(5, '0')}`, contact, city, owner, signup, (50 + 10 * normal(r)).toFixed(2)]));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return [
    { type: 'categorical_variation', columns: ['city'] },
    { type: 'categorical_variation', columns: ['owner'] },
    { type: 'invalid_format', columns: ['signup'] },
    { type: 'out_of_range', columns: ['signup'] },
    { type: 'whitespace_case', columns: ['contact'] },
    { type: 'whitespace_case', columns: ['city'] },
  ];
}

/** The sample dataset and its planted issues (confirmed with pandas: see test/detect.test.ts). */
export const SALES_PLANTED: PlantedIssue[] = [
  { type: 'missing_values', columns: ['revenue'] },
  { type: 'duplicates', columns: ['transaction_id'] },
  { type: 'outliers', columns: ['price'] },
  { type: 'categorical_variation', columns: ['supplier'] },
];

/**
 * Writes the generated evaluation datasets into `dir` (deterministic: the same files on every call), after
 * the sample dataset. `variant` > 0 draws other seeds (and sizes) of the same generators, without the sample.
 */
export function evalDatasets(dir: string, variant = 0): EvalDataset[] {
  const out: EvalDataset[] = variant ? [] : [{ name: 'sales.csv', path: SALES_CSV, planted: SALES_PLANTED }];
  const seed = (base: number) => base + 1000 * variant;
  const size = (rows: number) => (variant ? Math.round(rows * (0.4 + ((variant * 7) % 10) / 5)) : rows);
  const suffix = variant ? `-v${variant}` : '';
  const add = (name: string, make: (path: string) => PlantedIssue[]) => {
    const file = `${name}${suffix}.csv`;
    const path = join(dir, file);
    out.push({ name: file, path, planted: make(path) });
  };
  add('orders', (p) => orders(p, size(3000), seed(11)));
  add('customers', (p) => customers(p, size(5000), seed(22)));
  add('sensors', (p) => sensors(p, size(4000), seed(33)));
  add('generated-sales', (p) => {
    writeGeneratedSales(p, size(8000), { seed: seed(44) });
    return [
      { type: 'missing_values', columns: ['revenue'] },
      { type: 'duplicates', columns: ['transaction_id'] },
      { type: 'outliers', columns: ['price'] },
      { type: 'categorical_variation', columns: ['supplier'] },
    ];
  });
  add('crm', (p) => crm(p, size(3000), seed(55)));
  return out;
}

export interface Proposed {
  type: string;
  affectedColumns: readonly string[];
}

export interface Score {
  truePositives: number;
  proposed: number;
  planted: number;
  precision: number;
  recall: number;
  missed: PlantedIssue[];
  falsePositives: Proposed[];
}

const key = (type: string, columns: readonly string[]) => `${type}:${[...columns].sort().join(',')}`;

/** A proposal matches a planted issue of the same type on the same columns (as a set). */
export function score(proposed: readonly Proposed[], planted: readonly PlantedIssue[]): Score {
  const plantedKeys = new Set(planted.map((p) => key(p.type, p.columns)));
  const proposedKeys = new Set(proposed.map((p) => key(p.type, p.affectedColumns)));
  const falsePositives = proposed.filter((p) => !plantedKeys.has(key(p.type, p.affectedColumns)));
  const missed = planted.filter((p) => !proposedKeys.has(key(p.type, p.columns)));
  const truePositives = planted.length - missed.length;
  return {
    truePositives,
    proposed: proposed.length,
    planted: planted.length,
    precision: proposed.length ? (proposed.length - falsePositives.length) / proposed.length : 1,
    recall: planted.length ? truePositives / planted.length : 1,
    missed,
    falsePositives,
  };
}
