import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { answerWithCode, FakeAnthropic, hypothesis, missingValuesScript } from './helpers/fakeAnthropic';
import { SALES_CSV, salesCsv } from './helpers/data';
import { ok } from './helpers/graphql';
import { seedDataset } from './helpers/seed';
import { ROOT, startServer, type TestServer } from './helpers/server';

// The dashboard (/dashboard) end to end in a real browser (Debian's chromium, driven by playwright-core),
// against a real server: what the page shows is checked against the API's answers and against figures
// computed here from the CSV.
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'test-results');
const VIEWPORT = { width: 1280, height: 900 };

const DashboardDetect = graphql(`
  mutation DashboardTestDetect($datasetId: ID!) {
    detectIssues(datasetId: $datasetId) {
      description
    }
  }
`);

const DashboardTestRun = graphql(`
  query DashboardTestRun($id: ID!) {
    run(id: $id) {
      label
      charts
      investigations {
        id
        status
        method
        code
        issue {
          type
          description
          affectedColumns
          options
        }
        verdict {
          status
        }
        artifacts {
          width
        }
        parent {
          id
        }
      }
    }
  }
`);

const DashboardTestOutput = graphql(`
  query DashboardTestOutput($id: ID!) {
    investigation(id: $id) {
      output
    }
  }
`);

const DashboardTestDatasets = graphql(`
  query DashboardTestDatasets {
    datasets(first: 100) {
      edges {
        node {
          id
        }
      }
    }
    runs(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** Rows of sales.csv and rows without revenue, read with papaparse (not the service's reader). */
function salesFigures() {
  const rows = Papa.parse<Record<string, string>>(salesCsv(), { header: true, skipEmptyLines: true }).data;
  const missingRevenue = rows.filter((row) => (row.revenue ?? '').trim() === '').length;
  return { rows: rows.length, missingRevenue, missingPercentage: (missingRevenue / rows.length) * 100 };
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  // As root, Chromium's own sandbox needs namespaces this container may refuse: the test page is ours.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Tab {
  page: Page;
  context: BrowserContext;
  /** Errors the page's scripts threw. */
  errors: string[];
}

async function openTab(url: string): Promise<Tab> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  return { page, context, errors };
}

/** Where the server's pages are (TestServer.url is its GraphQL endpoint). */
const site = (s: TestServer = server) => new URL(s.url).origin;
const signedIn = (s: TestServer = server) => `${site(s)}/dashboard#token=${encodeURIComponent(s.adminToken!)}`;
const runIdOf = (page: Page) => decodeURIComponent(/#\/runs\/(.+)$/.exec(page.url())?.[1] ?? '');
const cards = (page: Page) => page.locator('[data-testid=investigation]');

/** A promise the test resolves when it chooses. */
function gate(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function waitForRunToFinish(page: Page) {
  await expect
    .poll(async () => cards(page).evaluateAll((all) => all.length > 0 && all.every((card) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes((card as HTMLElement).dataset.status!))), {
      timeout: 90_000,
    })
    .toBe(true);
}

/** The pixels of a screenshot: its size, and the share that is coloured (neither white nor grey). */
function pixels(png: Buffer) {
  const image = PNG.sync.read(png);
  let coloured = 0;
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    colours.add((r << 16) | (g << 8) | b);
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
  }
  return { width: image.width, height: image.height, colouredShare: coloured / (image.width * image.height), colours: colours.size };
}

describe('signing in to the dashboard', () => {
  it('signs in from /dashboard#token=, drops the token from the address bar, and shows who the page acts as', async () => {
    const { page, context, errors } = await openTab(signedIn());
    try {
      await expect.poll(() => page.getByTestId('viewer').textContent()).toBe('default · admin');
      expect(page.url()).toBe(`${site()}/dashboard#/`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('without a token says why it was refused, refuses a wrong one, and signs in with one pasted', async () => {
    const { page, context } = await openTab(`${site()}/dashboard`);
    try {
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not authenticated/i);
      await page.fill('input[name=token]', 'iit_not-a-token');
      await page.click('button:has-text("Sign in")');
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/token/i);
      await expect(page.getByTestId('viewer').count()).resolves.toBe(0);
      await page.fill('input[name=token]', server.adminToken!);
      await page.click('button:has-text("Sign in")');
      await expect.poll(() => page.getByTestId('viewer').textContent()).toBe('default · admin');
    } finally {
      await context.close();
    }
  });

  it('`npm run tokens -- dashboard` prints a link that signs in', () => {
    const port = new URL(server.url).port;
    const link = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'tokens.ts'), 'dashboard'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    }).trim();
    expect(link).toBe(`http://127.0.0.1:${port}/dashboard#token=${server.adminToken}`);
  });
});

describe('a run from the dashboard', () => {
  let tab: Tab;
  let runId: string;
  let datasetId: string;
  const figures = salesFigures();

  beforeAll(async () => {
    tab = await openTab(signedIn());
  });
  afterAll(() => tab?.context.close());

  it('uploads a CSV (once: the same file again opens the dataset the server has) and shows its size', async () => {
    const { page } = tab;
    for (let upload = 0; upload < 2; upload++) {
      await page.goto(`${site()}/dashboard#/`);
      await page.setInputFiles('input[name=csv]', SALES_CSV);
      await page.click('button:has-text("Upload")');
      await expect.poll(() => page.getByTestId('dataset-name').textContent({ timeout: 30_000 })).toBe('sales.csv');
    }
    expect(await page.getByTestId('dataset-summary').textContent()).toContain(`${figures.rows.toLocaleString('en-US')} rows · 8 columns`);
    datasetId = decodeURIComponent(/#\/datasets\/(.+)$/.exec(page.url())![1]!);
    const { datasets } = await ok(server.url, DashboardTestDatasets);
    expect(datasets.edges.map((e) => e.node.id)).toEqual([datasetId]);
  });

  it('proposes what detectIssues does, refuses an edited hypothesis that is not valid (naming it), and starts the run as edited', async () => {
    const { page } = tab;
    await page.click('button:has-text("Detect hypotheses")');
    await page.getByTestId('hypothesis').first().waitFor({ timeout: 60_000 });
    const { detectIssues } = await ok(server.url, DashboardDetect, { datasetId });
    expect(await page.locator('[data-testid=hypothesis] textarea[name=description]').evaluateAll((all) => all.map((t) => (t as HTMLTextAreaElement).value))).toEqual(
      detectIssues.map((issue) => issue.description),
    );
    const types = await page.locator('[data-testid=hypothesis] input[name=type]').evaluateAll((all) => all.map((t) => (t as HTMLInputElement).value));
    expect(types.slice(0, 4)).toEqual(['missing_values', 'duplicates', 'outliers', 'categorical_variation']);

    // The first claims 30% missing (the data has about 22%): the verdict must say refuted.
    const hypotheses = page.getByTestId('hypothesis');
    await hypotheses.nth(0).locator('textarea[name=description]').fill('revenue is missing in 30% of rows');
    for (let i = 3; i < types.length; i++) await hypotheses.nth(i).locator('input[name=selected]').uncheck();
    await page.click('button:has-text("Add a hypothesis")');
    const added = hypotheses.nth(types.length);
    await added.locator('input[name=type]').fill('outliers');
    await added.locator('input[name=columns]').fill('price');
    await added.locator('input[name=options]').fill('{"by": "product"');
    await added.locator('textarea[name=description]').fill('prices spike in some products');
    await page.fill('input[name=label]', 'from the dashboard');

    await page.click('button:has-text("Investigate 4 selected")');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(new RegExp(`^Hypothesis ${types.length + 1}: options is not JSON`));
    expect(page.url()).toContain('#/datasets/');

    await added.locator('input[name=options]').fill('{"by": "product"}');
    await page.click('button:has-text("Investigate 4 selected")');
    await page.waitForURL(/#\/runs\//);
    runId = runIdOf(page);
    await waitForRunToFinish(page);

    const { run } = await ok(server.url, DashboardTestRun, { id: runId });
    expect(run!.label).toBe('from the dashboard');
    expect(run!.investigations.map((i) => i.issue.type)).toEqual(['missing_values', 'duplicates', 'outliers', 'outliers']);
    expect(run!.investigations[3]!.issue.options).toEqual({ by: 'product' });
  });

  it('shows each investigation as the API stores it: status, verdict, figures, events and charts', async () => {
    const { page, errors } = tab;
    const { run } = await ok(server.url, DashboardTestRun, { id: runId });
    expect(await cards(page).evaluateAll((all) => all.map((c) => (c as HTMLElement).dataset.id))).toEqual(run!.investigations.map((i) => i.id));
    const verdicts = await page.locator('[data-testid=investigation] h2 .badge:last-child').allTextContents();
    expect(verdicts).toEqual(run!.investigations.map((i) => i.verdict!.status.toLowerCase()));
    expect(verdicts[0]).toBe('refuted');

    // The refuted claim's figures, against the count made here.
    const missing = cards(page).nth(0).getByTestId('figures');
    expect(await missing.locator('tr:has(th:text-is("affected_count")) td').textContent()).toBe(figures.missingRevenue.toLocaleString('en-US'));
    expect(await missing.locator('tr:has(th:text-is("rows_analyzed")) td').textContent()).toBe(figures.rows.toLocaleString('en-US'));
    expect(await cards(page).nth(3).getByTestId('figures').locator('tr:has(th:text-is("group_column")) td').textContent()).toBe('product');

    // Every card's events, as recorded: an investigation that succeeded ran its code.
    await page.locator('[data-testid=investigation] details.events summary').first().click();
    const types = await cards(page).nth(0).locator('[data-testid=events] li').evaluateAll((all) => all.map((li) => (li as HTMLElement).dataset.type));
    expect(types).toEqual(expect.arrayContaining(['INVESTIGATION_STARTED', 'EXECUTION_STARTED', 'EXECUTION_FINISHED', 'INVESTIGATION_SUCCEEDED']));

    // Charts: as many as the API lists, each decoded by the browser at its stored width.
    const expectedWidths = run!.investigations.flatMap((i) => i.artifacts.map((a) => a.width));
    expect(expectedWidths.length).toBeGreaterThanOrEqual(4);
    await expect
      .poll(() => page.locator('[data-testid=chart] img').evaluateAll((all) => all.map((img) => ((img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0))), { timeout: 30_000 })
      .toEqual(expectedWidths);
    expect(errors).toEqual([]);

    const chart = pixels(await page.locator('[data-testid=chart] img').first().screenshot());
    expect(chart.colouredShare).toBeGreaterThan(0.03); // the bars, not a blank or broken image
    await page.evaluate(() => window.scrollTo(0, 0));
    const top = pixels(await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-run-top.png') })); // docs/dashboard.png
    expect([top.width, top.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    expect(top.colouredShare).toBeGreaterThan(0.01);
    const whole = pixels(await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-run.png'), fullPage: true }));
    expect(whole.width).toBe(VIEWPORT.width);
    expect(whole.height).toBeGreaterThan(VIEWPORT.height);
    expect(whole.colours).toBeGreaterThan(200);
  });

  it('re-runs an investigation with code edited on the page, as a new run', async () => {
    const { page } = tab;
    const card = cards(page).nth(0);
    await card.locator('details.code summary').click();
    const editor = card.locator('textarea[name=code]');
    const code = await editor.inputValue();
    const { run } = await ok(server.url, DashboardTestRun, { id: runId });
    expect(code).toBe(run!.investigations[0]!.code);

    // The edited code lingers after printing its result: the page must open the new run while it runs.
    // (time is not among the imports allowed.)
    const edited = `${code}\n# edited in the dashboard\nimport datetime\nuntil = datetime.datetime.now() + datetime.timedelta(seconds=4)\nwhile datetime.datetime.now() < until:\n    pass\n`;
    await editor.fill(edited);
    await card.locator('button:has-text("Re-run with this code")').click();
    await page.waitForURL((url) => url.hash.startsWith('#/runs/') && !url.hash.endsWith(encodeURIComponent(runId)), { timeout: 60_000 });
    await expect.poll(() => cards(page).first().getAttribute('data-status'), { timeout: 3_000 }).toBe('RUNNING');
    await waitForRunToFinish(page);
    expect(await cards(page).first().getAttribute('data-status')).toBe('SUCCEEDED');
    const rerun = await ok(server.url, DashboardTestRun, { id: runIdOf(page) });
    expect(rerun.run!.investigations[0]!.method).toBe('CUSTOM');
    expect(rerun.run!.investigations[0]!.code).toBe(edited);
    expect(await cards(page).nth(0).getByTestId('timings').textContent()).toMatch(/^custom · 1 attempt/);
  });

  it('follows up a suggested question, linked to the investigation it follows', async () => {
    const { page } = tab;
    await page.goto(`${site()}/dashboard#/runs/${encodeURIComponent(runId)}`);
    await cards(page).first().waitFor();
    const { run } = await ok(server.url, DashboardTestRun, { id: runId });
    await cards(page).nth(0).locator('button:has-text("Follow up")').first().click();
    await page.waitForURL((url) => url.hash.startsWith('#/runs/') && !url.hash.endsWith(encodeURIComponent(runId)), { timeout: 60_000 });
    await waitForRunToFinish(page);
    const followUp = await ok(server.url, DashboardTestRun, { id: runIdOf(page) });
    expect(followUp.run!.investigations[0]!.parent!.id).toBe(run!.investigations[0]!.id);
    expect(await cards(page).nth(0).textContent()).toContain('follows up an investigation');
  });

  it('follows up a question of its own (refused while its options are not JSON, saying so) and one edited first', async () => {
    const { page } = tab;
    await page.goto(`${site()}/dashboard#/runs/${encodeURIComponent(runId)}`);
    await cards(page).first().waitFor();
    const { run } = await ok(server.url, DashboardTestRun, { id: runId });
    const parent = cards(page).nth(0);
    const parentInvestigation = run!.investigations[0]!;
    expect(parentInvestigation.issue).toMatchObject({ type: 'missing_values', affectedColumns: ['revenue'] });
    await parent.locator('button:has-text("Ask a follow-up of your own")').click();
    const own = parent.getByTestId('follow-up-editor');
    expect(await own.locator('input[name=type]').inputValue()).toBe('missing_values');
    expect(await own.locator('input[name=columns]').inputValue()).toBe('revenue');
    await own.locator('textarea[name=description]').fill('is revenue missing by supplier?');
    await own.locator('input[name=options]').fill('{by: supplier}');
    await own.locator('button:has-text("Follow up with this")').click();
    await expect.poll(() => parent.locator('.error').textContent()).toMatch(/^The follow-up: options is not JSON/);
    expect(runIdOf(page)).toBe(runId);
    await own.locator('input[name=options]').fill('{"by": "supplier"}');
    expect(await parent.locator('.error').count()).toBe(0);
    await own.locator('button:has-text("Follow up with this")').click();
    await page.waitForURL((url) => url.hash.startsWith('#/runs/') && !url.hash.endsWith(encodeURIComponent(runId)), { timeout: 60_000 });
    await waitForRunToFinish(page);
    const mine = (await ok(server.url, DashboardTestRun, { id: runIdOf(page) })).run!.investigations[0]!;
    expect(mine).toMatchObject({ status: 'SUCCEEDED', parent: { id: parentInvestigation.id } });
    expect(mine.issue).toMatchObject({ type: 'missing_values', description: 'is revenue missing by supplier?', affectedColumns: ['revenue'], options: { by: 'supplier' } });
    // Rows without revenue per supplier, as papaparse reads the file (not the service's reader).
    const perSupplier: Record<string, number> = {};
    for (const row of Papa.parse<Record<string, string>>(salesCsv(), { header: true, skipEmptyLines: true }).data) {
      if ((row.revenue ?? '').trim() === '' && (row.supplier ?? '') !== '') perSupplier[row.supplier!] = (perSupplier[row.supplier!] ?? 0) + 1;
    }
    const { investigation } = await ok(server.url, DashboardTestOutput, { id: mine.id });
    expect(investigation!.output.missing_by_group).toEqual(perSupplier);

    await page.goto(`${site()}/dashboard#/runs/${encodeURIComponent(runId)}`);
    await cards(page).first().waitFor();
    await parent.locator('button:has-text("Edit first")').first().click();
    const suggested = parent.getByTestId('follow-up-editor');
    // One draft at a time: no other suggestion can replace it (and lose its edits) until it is sent or closed.
    expect(await parent.locator('button:has-text("Edit first")').count()).toBe(0);
    const description = suggested.locator('textarea[name=description]');
    await description.fill(`${await description.inputValue()} (edited)`);
    const edited = {
      description: await description.inputValue(),
      type: await suggested.locator('input[name=type]').inputValue(),
      columns: await suggested.locator('input[name=columns]').inputValue(),
      options: await suggested.locator('input[name=options]').inputValue(),
    };
    await suggested.locator('button:has-text("Follow up with this")').click();
    await page.waitForURL((url) => url.hash.startsWith('#/runs/') && !url.hash.endsWith(encodeURIComponent(runId)), { timeout: 60_000 });
    await waitForRunToFinish(page);
    const followUp = (await ok(server.url, DashboardTestRun, { id: runIdOf(page) })).run!.investigations[0]!;
    expect(followUp.parent!.id).toBe(parentInvestigation.id);
    expect(followUp.issue).toEqual({
      type: edited.type,
      description: edited.description,
      affectedColumns: edited.columns ? edited.columns.split(', ') : [],
      options: edited.options ? JSON.parse(edited.options) : null,
    });
    expect(followUp.status).toBe('SUCCEEDED');
  });

  it('lists past runs after a reload and opens one as it was stored', async () => {
    const { page } = tab;
    await page.goto(`${site()}/dashboard#/`);
    await page.reload();
    const { runs } = await ok(server.url, DashboardTestDatasets);
    await expect.poll(() => page.locator('[data-testid=runs] tbody tr').count()).toBe(runs.edges.length);
    expect(runs.edges.length).toBe(5);
    await page.locator('[data-testid=runs] tbody tr:has-text("from the dashboard") a').click();
    await expect.poll(() => runIdOf(page)).toBe(runId);
    await waitForRunToFinish(page);
    const { run } = await ok(server.url, DashboardTestRun, { id: runId });
    expect(await page.locator('[data-testid=investigation] h2 .badge:last-child').allTextContents()).toEqual(run!.investigations.map((i) => i.verdict!.status.toLowerCase()));
  });

  it('starts a run without charts when the box is unchecked, and lists the dataset’s own runs on its page', async () => {
    const { page, errors } = tab;
    await page.goto(`${site()}/dashboard#/datasets/${encodeURIComponent(datasetId)}`);
    await page.click('button:has-text("Add a hypothesis")');
    await page.getByTestId('hypothesis').last().locator('input[name=columns]').fill('price');
    await page.getByTestId('hypothesis').last().locator('input[name=type]').fill('outliers');
    await page.getByTestId('hypothesis').last().locator('textarea[name=description]').fill('prices spike');
    expect(await page.getByTestId('hypothesis').count()).toBe(1);
    await page.uncheck('input[name=charts]');
    await page.click('button:has-text("Investigate 1 selected")');
    await page.waitForURL((url) => url.hash.startsWith('#/runs/') && !url.hash.endsWith(encodeURIComponent(runId)), { timeout: 60_000 });
    await waitForRunToFinish(page);
    const plain = await ok(server.url, DashboardTestRun, { id: runIdOf(page) });
    expect(plain.run!.charts).toBe(false);
    expect(plain.run!.investigations.map((i) => [i.status, i.issue.type, i.artifacts.length])).toEqual([['SUCCEEDED', 'outliers', 0]]);
    expect(await page.locator('[data-testid=chart]').count()).toBe(0);

    // The dataset's page lists the runs on it (all of this server's runs are on it), the newest first.
    await page.goto(`${site()}/dashboard#/datasets/${encodeURIComponent(datasetId)}`);
    const { runs } = await ok(server.url, DashboardTestDatasets);
    await expect.poll(() => page.locator('[data-testid=runs] tbody tr').count()).toBe(runs.edges.length);
    await page.locator('[data-testid=runs] tbody tr a').first().click();
    await expect.poll(() => runIdOf(page)).toBe(runs.edges[0]!.node.id);
    expect(errors).toEqual([]);
  });
});

describe('following a run live', () => {
  const KEY = 'sk-ant-dashboard-test-0123456789abcdef';
  let fake: FakeAnthropic;
  let llm: TestServer;

  beforeAll(async () => {
    fake = await new FakeAnthropic().start();
    llm = await startServer({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, CLAIM_READER: 'rules' });
  });
  afterAll(async () => {
    await llm?.stop();
    await fake?.stop();
  });

  it('updates each investigation from the subscription while the run goes on, without reloading', async () => {
    // Claude's answer for each column waits for the test: revenue's investigation finishes while price's is
    // still held, a state only the subscription's events can show (the page reads the run again only at its end).
    const gates = new Map(['revenue', 'price'].map((column) => [column, gate()]));
    fake.onMessage = async (body) => {
      const { columns } = hypothesis(body);
      await gates.get(columns[0]!)!.promise;
      return answerWithCode(missingValuesScript(columns));
    };
    const datasetId = await seedDataset(llm.url, SALES_CSV);
    const { page, context, errors } = await openTab(signedIn(llm));
    const statuses = () => cards(page).evaluateAll((all) => all.map((card) => (card as HTMLElement).dataset.status));
    try {
      await page.getByTestId('viewer').waitFor();
      await page.goto(`${site(llm)}/dashboard#/datasets/${encodeURIComponent(datasetId)}`);
      for (const [column, claim] of [['revenue', 'about 22%'], ['price', '10%']]) {
        await page.click('button:has-text("Add a hypothesis")');
        const added = page.getByTestId('hypothesis').last();
        await added.locator('input[name=columns]').fill(column!);
        await added.locator('textarea[name=description]').fill(`${column} is missing in ${claim} of rows`);
      }
      await page.click('button:has-text("Investigate 2 selected")');
      await page.waitForURL(/#\/runs\//);
      await expect.poll(statuses, { timeout: 30_000 }).toEqual(['RUNNING', 'RUNNING']);
      await expect.poll(() => fake.calls('POST', '/v1/messages').length, { timeout: 30_000 }).toBe(2);
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

      gates.get('revenue')!.resolve();
      await expect.poll(statuses, { timeout: 60_000 }).toEqual(['SUCCEEDED', 'RUNNING']);
      expect(await cards(page).first().locator('h2 .badge:last-child').textContent()).toBe('confirmed');
      expect(await page.getByTestId('run-summary').textContent()).toMatch(/^1 of 2 finished · 1 confirmed/);
      expect(await page.locator('h1 .badge').textContent()).toBe('running');

      gates.get('price')!.resolve();
      await waitForRunToFinish(page);
      expect(await statuses()).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('succeeded');
      expect(await cards(page).nth(1).locator('h2 .badge:last-child').textContent()).toBe('refuted'); // no price is missing
      expect(await cards(page).first().getByTestId('timings').textContent()).toMatch(/^llm · 1 attempt/);
      await cards(page).first().locator('details.events summary').click();
      const types = await cards(page).first().locator('[data-testid=events] li').evaluateAll((all) => all.map((li) => (li as HTMLElement).dataset.type));
      expect(types).toEqual(expect.arrayContaining(['CODE_GENERATED', 'EXECUTION_STARTED', 'EXECUTION_FINISHED', 'INVESTIGATION_SUCCEEDED']));
      expect(errors).toEqual([]);
    } finally {
      for (const gate of gates.values()) gate.resolve();
      await context.close();
    }
  });
  it('cancels a run in flight: its investigations stop and the page shows it cancelled', async () => {
    const held = gate();
    fake.onMessage = async (body) => {
      await held.promise;
      return answerWithCode(missingValuesScript(hypothesis(body).columns));
    };
    const datasetId = await seedDataset(llm.url, SALES_CSV, 'to cancel');
    const { page, context, errors } = await openTab(signedIn(llm));
    try {
      await page.getByTestId('viewer').waitFor();
      await page.goto(`${site(llm)}/dashboard#/datasets/${encodeURIComponent(datasetId)}`);
      await page.click('button:has-text("Add a hypothesis")');
      await page.fill('input[name=columns]', 'revenue');
      await page.fill('textarea[name=description]', 'revenue is missing in about 22% of rows');
      await page.click('button:has-text("Investigate 1 selected")');
      await page.waitForURL(/#\/runs\//);
      await expect.poll(() => cards(page).first().getAttribute('data-status'), { timeout: 30_000 }).toBe('RUNNING');
      await page.click('button:has-text("Cancel run")');
      await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 30_000 }).toBe('cancelled');
      expect(await cards(page).first().getAttribute('data-status')).toBe('CANCELLED');
      expect(await page.locator('button:has-text("Cancel run")').count()).toBe(0);
      const { run } = await ok(llm.url, DashboardTestRun, { id: runIdOf(page) });
      expect(run!.investigations.map((i) => i.status)).toEqual(['CANCELLED']);
      expect(errors).toEqual([]);
    } finally {
      held.resolve();
      await context.close();
    }
  });
});
