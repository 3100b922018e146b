import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_CSV } from './helpers/data';
import { seedDataset } from './helpers/seed';
import { ROOT, startServer, type TestServer } from './helpers/server';

// GraphiQL in a real browser (Debian's chromium, driven by playwright-core): opening /graphql#token=…
// signs it in, and its requests carry the token.
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'test-results');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  await seedDataset(server.url, SALES_CSV, 'sales in the browser');
  // As root, Chromium's own sandbox needs namespaces this container may refuse: the test page is ours.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens GraphiQL at `fragment`, runs the active tab (the Datasets query) and returns what it answered. */
async function runFirstTab(fragment: string, screenshot: string): Promise<{ answer: string; hash: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}${fragment}`);
    await page.locator('.graphiql-execute-button').click({ timeout: 30_000 });
    const response = page.locator('.result-window');
    await expect.poll(async () => (await response.innerText()).replace(/\s+/g, ' '), { timeout: 20_000 }).toMatch(/"(data|errors)"/);
    await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
    return { answer: (await response.innerText()).replace(/\s+/g, ' '), hash: new URL(page.url()).hash };
  } finally {
    await context.close();
  }
}

describe('GraphiQL in Chromium', () => {
  it('signs in from /graphql#token=, drops the token from the address bar, and sends it with every request', async () => {
    const { answer, hash } = await runFirstTab(`#token=${encodeURIComponent(server.adminToken!)}`, 'graphiql-signed-in.png');
    expect(hash).toBe('');
    expect(answer).toContain('sales in the browser');
    expect(answer).not.toContain('UNAUTHENTICATED');
  });

  it('without the token, shows why the request was refused and how to get one', async () => {
    const { answer } = await runFirstTab('', 'graphiql-anonymous.png');
    expect(answer).toContain('UNAUTHENTICATED');
    expect(answer).not.toContain('sales in the browser');
  });
});
