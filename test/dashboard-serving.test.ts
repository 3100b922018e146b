import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { useDashboard } from '../src/http/use-dashboard';
import { useSecurityHeaders } from '../src/http/use-security-headers';

// How the server serves the dashboard's built files (use-dashboard.ts), on a directory made here.
const built = mkdtempSync(join(tmpdir(), 'dashboard-'));
const PAGE = '<!doctype html><title>page</title><script type="module" src="/dashboard/app.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5000))});`;
writeFileSync(join(built, 'index.html'), PAGE);
writeFileSync(join(built, 'app.js'), SCRIPT);
writeFileSync(join(built, 'notes.txt'), 'not a file the build writes');
afterAll(() => rmSync(built, { recursive: true, force: true }));

const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }' });
const yogaServing = (directory: string) => createYoga({ schema, plugins: [useDashboard(directory), useSecurityHeaders()], logging: false });
const yoga = yogaServing(built);
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => yoga.fetch(`http://localhost${path}`, { method, headers });

describe('serving the dashboard', () => {
  it('answers the page at /dashboard and /dashboard/, as HTML under the content security policy', async () => {
    for (const path of ['/dashboard', '/dashboard/']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await response.text()).toBe(PAGE);
    }
  });

  it('compresses for browsers that accept gzip, and answers an unchanged file with 304', async () => {
    const response = await get('/dashboard/app.js', { 'accept-encoding': 'gzip, br' });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(body).toString()).toBe(SCRIPT);
    const again = await get('/dashboard/app.js', { 'accept-encoding': 'gzip', 'if-none-match': response.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const plain = await get('/dashboard/app.js', { 'if-none-match': response.headers.get('etag')! });
    expect(plain.status).toBe(200); // another encoding, another ETag
    expect(await plain.text()).toBe(SCRIPT);
  });

  it('serves only the files the build writes: others, and paths out of the directory, are 404', async () => {
    for (const path of ['/dashboard/notes.txt', '/dashboard/missing.js', '/dashboard/%2e%2e%2fpackage.json', '/dashboard/..%2F..%2Fpackage.json', '/dashboard/sub/app.js']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toMatch(/^No dashboard file /);
    }
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await get('/dashboard/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(SCRIPT)));
    const post = await get('/dashboard', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says how to build the dashboard when it is not built, and serves it once it is', async () => {
    const later = mkdtempSync(join(tmpdir(), 'dashboard-later-'));
    try {
      const serving = yogaServing(later);
      const missing = await serving.fetch('http://localhost/dashboard');
      expect(missing.status).toBe(503);
      expect(await missing.text()).toContain('npm run build');
      writeFileSync(join(later, 'index.html'), PAGE);
      expect(await (await serving.fetch('http://localhost/dashboard')).text()).toBe(PAGE);
    } finally {
      rmSync(later, { recursive: true, force: true });
    }
  });

  it('leaves other paths to the rest of the server', async () => {
    expect((await get('/dashboards')).status).toBe(404);
    const graphql = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ok }' }) });
    expect(await graphql.json()).toEqual({ data: { ok: null } });
  });
});
