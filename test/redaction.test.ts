import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { PiiRedactor } from '../src/pipeline/redact';
import { graphql } from './gql';
import { PYTHON, rng } from './helpers/data';
import { ok } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { startServer, type TestServer } from './helpers/server';

const Investigate = graphql(`
  mutation RedactedRun($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      investigations {
        id
        status
        output
      }
    }
  }
`);

const Rerun = graphql(`
  mutation RedactedRerun($id: ID!, $code: String) {
    rerunInvestigation(id: $id, code: $code) {
      id
      status
      error
      attemptHistory {
        error
      }
      run {
        events {
          message
          data
        }
      }
    }
  }
`);

const DatasetDigest = graphql(`
  query RedactedDatasetDigest($id: ID!) {
    dataset(id: $id) {
      sha256
    }
  }
`);

/** A card number that passes the Luhn check: computed here, independently of the service. */
function luhnCard(prefix: string): string {
  const digits = prefix.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i]!;
    if (i % 2 === 0) d *= 2; // doubled from the right, counting the check digit to come as position 0
    sum += d > 9 ? d - 9 : d;
  }
  return `${prefix}${(10 - (sum % 10)) % 10}`;
}

/** Customers with personal data in every row: repeated e-mails, unique phones, cards, and SSNs in notes. */
function writeCustomers(path: string) {
  const r = rng(7);
  const pii = new Set<string>();
  const lines = ['customer_id,email,phone,card,note,amount'];
  for (let i = 0; i < 240; i++) {
    const person = i % 200; // rows 200–239 repeat earlier customers' e-mails
    const email = `${['ann', 'bob', 'cy', 'dee'][person % 4]}.${person}@example.com`;
    const shown = i >= 220 ? email.toUpperCase() : email; // and some differ only in case
    const phone = `+1 415-555-${String(1000 + i).padStart(4, '0')}`;
    const card = luhnCard(`4111${String(100000000 + i * 7919).slice(0, 11)}`);
    const ssn = `${String(100 + (i % 500)).padStart(3, '0')}-${String(10 + (i % 80)).padStart(2, '0')}-${String(1000 + i).padStart(4, '0')}`;
    const amount = i % 60 === 7 ? 50_000 + i : Math.round(20 + r.next() * 80);
    for (const value of [shown, phone, card, ssn]) pii.add(value);
    lines.push([`C${String(i).padStart(4, '0')}`, shown, phone, card, `"customer ssn ${ssn}"`, amount].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return pii;
}

/** Strings of a JSON value (keys too) holding planted personal data: each holds exactly one item. */
function plantedStrings(value: unknown, planted: Set<string>): number {
  const holds = (s: string) => [...planted].some((p) => s.includes(p));
  if (typeof value === 'string') return holds(value) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + plantedStrings(v, planted), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce((n, [k, v]) => n + (holds(k) ? 1 : 0) + plantedStrings(v, planted), 0);
  }
  return 0;
}

const ISSUES = [
  { type: 'duplicates', description: 'customers repeat', affectedColumns: ['email'] },
  { type: 'categorical_variation', description: 'e-mails are spelled several ways', affectedColumns: ['email'] },
  { type: 'outliers', description: 'amounts spike', affectedColumns: ['amount'] },
  { type: 'missing_values', description: 'cards are missing', affectedColumns: ['card'] },
];

let dir: string;
let planted: Set<string>;
let csv: string;
let redacting: TestServer;
let plain: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redaction-'));
  csv = join(dir, 'customers.csv');
  planted = writeCustomers(csv);
  [redacting, plain] = await Promise.all([startServer(), startServer({ REDACT_PII: 'false' })]);
});
afterAll(async () => {
  await Promise.all([redacting?.stop(), plain?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('personal data in what the service shows', () => {
  it('is redacted in results by default and counted in `redactions`; REDACT_PII=false shows it; the dataset is unchanged', async () => {
    const run = async (server: TestServer) => {
      const datasetId = await seedDataset(server.url, csv);
      const { investigateIssues } = await ok(server.url, Investigate, { input: { datasetId, issues: ISSUES, codegen: 'TEMPLATE', wait: true } });
      return { datasetId, investigations: investigateIssues.investigations };
    };
    const [redacted, shown] = [await run(redacting), await run(plain)];
    let planted_in_examples = 0;
    shown.investigations.forEach((inv, i) => {
      expect(inv.status).toBe('SUCCEEDED');
      expect(inv.output).not.toHaveProperty('redactions');
      const expected = plantedStrings(inv.output, planted);
      planted_in_examples += expected;
      const safe = redacted.investigations[i]!.output;
      expect(safe.redactions, ISSUES[i]!.type).toBe(expected);
      expect(plantedStrings(safe, planted)).toBe(0);
      expect(safe.affected_count).toBe(inv.output.affected_count); // the numbers do not change
      expect(safe.affected_rows).toEqual(inv.output.affected_rows);
    });
    expect(planted_in_examples).toBeGreaterThan(10); // the examples really held personal data
    const text = JSON.stringify(redacted.investigations.map((i) => i.output));
    expect(text).toContain('[EMAIL]');
    expect(text).toContain('[PHONE]');
    expect(JSON.stringify(redacted.investigations[0]!.output.key_columns)).toBe('["email"]'); // column names stay

    const digest = createHash('sha256').update(readFileSync(csv)).digest('hex');
    const { dataset } = await ok(redacting.url, DatasetDigest, { id: redacted.datasetId });
    expect(dataset!.sha256).toBe(digest);
  });

  it('is redacted in errors, attempt history and progress events', async () => {
    const datasetId = await seedDataset(redacting.url, csv);
    const { investigateIssues } = await ok(redacting.url, Investigate, { input: { datasetId, issues: [ISSUES[3]!], codegen: 'TEMPLATE', wait: true } });
    const card = [...planted].find((p) => /^4111/.test(p))!;
    const { rerunInvestigation } = await ok(redacting.url, Rerun, {
      id: investigateIssues.investigations[0]!.id,
      code: `import pandas as pd\nraise ValueError("no match for dee.3@example.com, card ${card}, call +1 415-555-1003")\n`,
    });
    expect(rerunInvestigation.status).toBe('FAILED');
    expect(rerunInvestigation.error).toMatch(/ValueError: no match for \[EMAIL\], card \[CARD\], call \[PHONE\]/);
    const everything = JSON.stringify(rerunInvestigation);
    for (const secret of ['dee.3@example.com', card, '415-555-1003']) expect(everything).not.toContain(secret);
    expect(rerunInvestigation.attemptHistory[0]!.error).toContain('[EMAIL]');
  });
});

describe('the redactor', () => {
  it('replaces only what matches: a card must pass the Luhn check, dates and plain numbers stay', () => {
    const pii = new PiiRedactor(true);
    const card = luhnCard('411111111111111');
    const notCard = `${card.slice(0, -1)}${(Number(card.at(-1)) + 1) % 10}`;
    const { value, count } = pii.json(
      { [`${card}`]: 1, list: ['2024-01-15', '12345.678', notCard, 'x@y.org', 'AB 12 34 56 C', 'email'], email: 'keep me' },
      new Set(['email']),
    );
    expect(value).toEqual({ '[CARD]': 1, list: ['2024-01-15', '12345.678', notCard, '[EMAIL]', '[NATIONAL_ID]', 'email'], email: 'keep me' });
    expect(count).toBe(3);
    // Keys that redact alike stay apart, so no entry is lost.
    expect(pii.json({ 'a@x.com': 3, 'b@y.com': 4, other: 1 })).toEqual({ value: { '[EMAIL]': 3, '[EMAIL] #2': 4, other: 1 }, count: 2 });
    // A long run of address characters without an @ is left alone (and costs linear time: see the e-mail pattern).
    const long = 'a'.repeat(200_000);
    expect(pii.text(long)).toBe(long);
    expect(pii.text(`${'b'.repeat(100)}@example.com`)).toBe(`${'b'.repeat(36)}[EMAIL]`);
    expect(new PiiRedactor(false).json({ a: 'x@y.org' })).toEqual({ value: { a: 'x@y.org' }, count: 0 });
  });

  it("redacts chart labels in the templates' Python exactly as redactText does, from the same patterns", async () => {
    const random = rng(11);
    const pick = (chars: string) => random.pick([...chars]);
    const card = luhnCard('411111111111111');
    const texts = [
      card, `${card.slice(0, 4)} ${card.slice(4, 8)} ${card.slice(8, 12)} ${card.slice(12)}`, `${card.slice(0, -1)}0`,
      'x@y.org', 'Mail: first.last+tag@mail.example.co.uk, thanks', 'a@b', '123-45-6789', '000-12-3456', 'AB 12 34 56 C', 'ab123456c',
      '+1 555-123-4567', '(020) 7946 0958', '2024-01-15', '15/01/2024', '12345.678', '1234567890123', 'TXN000123', 'José Müller',
      '+4915112345678', 'v1.2.3-4567 8901', '',
      // Random runs of digits and separators: the phone and card rules' edges.
      ...Array.from({ length: 400 }, () => Array.from({ length: 6 + random.int(20) }, () => pick('0123456789012345678901234567890123456789 -.()+@ab')).join('')),
    ];
    const { TemplateCodeGenerator } = await import('../src/pipeline/codegen/templateGenerator');
    const { redactText } = await import('../src/pipeline/redact');
    const issue = { type: 'missing_values', description: 'x', affectedColumns: ['a'] };
    const code = (await new TemplateCodeGenerator({ charts: true, redactPii: true }).generate({ issue } as never)).code;
    const preamble = code.slice(0, code.indexOf('\n# missing_values: rows'));
    expect(preamble).toContain('def redacted(');
    const script = `${preamble}\nimport sys\nprint(json.dumps([redacted(t) for t in json.load(sys.stdin)]))\n`;
    const python = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(texts) }).toString()) as string[];
    expect(python).toEqual(texts.map((t) => redactText(t).text));
    expect(python.filter((t, i) => t !== texts[i]).length).toBeGreaterThan(10);
  });

  it('keeps personal data out of log lines, error messages and stacks included', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger('trace', true, sink);
    logger.info({ value: 'ann.1@example.com', nested: { phone: '+1 415-555-0134' } }, 'row holds %s', 'bob.2@example.com');
    logger.error({ err: new Error('bad card 4111 1111 1111 1111') }, 'failed for 123-45-6789');
    const text = lines.join('');
    for (const secret of ['ann.1@example.com', '415-555-0134', 'bob.2@example.com', '4111 1111 1111 1111', '123-45-6789']) expect(text).not.toContain(secret);
    expect(text).toContain('[EMAIL]');
    expect(text).toContain('[NATIONAL_ID]');

    const open: string[] = [];
    createLogger('info', false, new Writable({ write: (chunk, _enc, done) => (open.push(String(chunk)), done()) })).info('x@y.org');
    expect(open.join('')).toContain('x@y.org');
  });
});
