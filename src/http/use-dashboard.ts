import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

/** Where the dashboard is served: the page at /dashboard, its files under /dashboard/. */
export const DASHBOARD_PATH = '/dashboard';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

interface StaticFile {
  type: string;
  etag: string;
  identity: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

/**
 * Serves the dashboard that `npm run build` writes to `directory` (dist/dashboard), from memory: the files
 * are read and compressed once, answered with an ETag and `Cache-Control: no-cache` (a new build is seen at
 * the next visit, an unchanged file costs a 304). Only the files the build wrote are served, by name. The
 * page holds no secret: it signs in with a token as GraphiQL does (`/dashboard#token=…`).
 */
export function useDashboard(directory: string): Plugin {
  let files: Promise<Map<string, StaticFile>> | undefined;
  const load = () => {
    files ??= readFiles(directory);
    files.catch(() => (files = undefined));
    return files;
  };

  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== DASHBOARD_PATH && !url.pathname.startsWith(`${DASHBOARD_PATH}/`)) return;
      const answer = (status: number, message: string, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } }));
      if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, `${request.method} is not allowed here: GET the dashboard`, { allow: 'GET, HEAD' });
      let served: Map<string, StaticFile>;
      try {
        served = await load();
      } catch {
        return answer(503, `The dashboard is not built: run \`npm run build\` (it writes ${directory})`);
      }
      const name = url.pathname.slice(DASHBOARD_PATH.length + 1) || 'index.html';
      const file = served.get(name);
      if (!file) return answer(404, `No dashboard file ${JSON.stringify(name)}`);
      const encoding = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') ? 'gzip' : 'identity';
      const etag = `"${file.etag}-${encoding}"`;
      const headers: Record<string, string> = { 'content-type': file.type, 'cache-control': 'no-cache', etag, vary: 'accept-encoding' };
      if (request.headers.get('if-none-match') === etag) return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      const body = file[encoding];
      if (encoding === 'gzip') headers['content-encoding'] = 'gzip';
      headers['content-length'] = String(body.length);
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}

async function readFiles(directory: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const type = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || !type) continue;
    const identity = new Uint8Array(await readFile(join(directory, entry.name)));
    const compressed = new Uint8Array(await promisify(gzip)(identity, { level: 9 }));
    files.set(entry.name, { type, etag: createHash('sha256').update(identity).digest('base64url').slice(0, 27), identity, gzip: compressed });
  }
  if (!files.has('index.html')) throw new Error(`${directory} has no index.html`);
  return files;
}
