import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { DISK_FULL_MESSAGE, isDiskFull } from './errors';
import { processDirName, staleProcessDirs } from './util/processDirs';

/**
 * GraphQL multipart requests (the upload spec) with the files streamed to disk as they arrive, instead
 * of yoga's default parser, which holds every file in memory. Resolvers get disk-backed `File`s; the
 * files are removed once the response is sent.
 */
export async function diskBackedUploads(root: string, maxFileBytes: number): Promise<Plugin> {
  for (const stale of await staleProcessDirs(root)) await rm(stale, { recursive: true, force: true });
  const filesOf = new WeakMap<Request, string[]>();
  const dir = join(root, processDirName());
  return {
    onRequestParse({ request, setRequestParser }) {
      const type = request.headers.get('content-type') ?? '';
      if (request.method !== 'POST' || !type.toLowerCase().startsWith('multipart/form-data')) return;
      const paths: string[] = [];
      filesOf.set(request, paths);
      setRequestParser((req) => parseMultipart(req, type, dir, maxFileBytes, paths));
    },
    async onResponse({ request }) {
      const paths = filesOf.get(request);
      if (paths) await Promise.all(paths.map((p) => rm(p, { force: true })));
    },
  };
}

async function parseMultipart(
  request: Request,
  contentType: string,
  dir: string,
  maxFileBytes: number,
  paths: string[],
): Promise<GraphQLParams | GraphQLParams[]> {
  if (!request.body) throw badRequest('The multipart request has no body');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fields = new Map<string, string>();
  const files = new Map<string, Promise<File>>();
  const parser = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: maxFileBytes, fieldSize: 16 << 20 } });
  parser.on('field', (name, value) => fields.set(name, value));
  parser.on('file', (name, stream, info) => {
    const path = join(dir, `upload-${randomUUID()}`);
    paths.push(path);
    const written = new Promise<void>((resolve, reject) => {
      const out = createWriteStream(path, { mode: 0o600 });
      out.on('close', resolve);
      out.on('error', (err) => {
        // The rest of the file is read and dropped, so that the request ends and its client gets the
        // answer (a full disk used to hang the request forever).
        stream.unpipe(out);
        stream.resume();
        reject(isDiskFull(err) ? createGraphQLError(DISK_FULL_MESSAGE, { extensions: { http: { status: 507 }, code: 'STORAGE_FAILED' } }) : err);
      });
      stream.pipe(out);
    }).then(async () => {
      if ((stream as unknown as { truncated: boolean }).truncated) {
        throw createGraphQLError(`The file is larger than the ${Math.round(maxFileBytes / 1048576)} MB upload limit`, {
          extensions: { http: { status: 413 }, code: 'BAD_USER_INPUT' },
        });
      }
      return new File([await openAsBlob(path, { type: info.mimeType })], info.filename ?? name, { type: info.mimeType });
    });
    written.catch(() => {});
    files.set(name, written);
  });
  // The body is whatwg-node's stream, not Node's ReadableStream: read it as an async iterable.
  await pipeline(Readable.from(request.body as unknown as AsyncIterable<Uint8Array>), parser);

  const operations = parseJsonField(fields.get('operations'), 'operations');
  if (operations === null || typeof operations !== 'object') throw badRequest('The multipart "operations" field must be a JSON object or array');
  const map = parseJsonField(fields.get('map') ?? '{}', 'map');
  if (map === null || typeof map !== 'object' || Array.isArray(map)) throw badRequest('The multipart "map" field must be a JSON object');
  for (const [key, targets] of Object.entries(map)) {
    if (!Array.isArray(targets) || !targets.every((t) => typeof t === 'string')) {
      throw badRequest(`The multipart map entry "${key}" must be a list of paths`);
    }
    const file = files.get(key);
    if (!file) throw badRequest(`The multipart map names file "${key}", which the request does not contain`);
    const value = await file;
    for (const target of targets) setPath(operations, target, value);
  }
  return operations as GraphQLParams | GraphQLParams[];
}

function parseJsonField(text: string | undefined, name: string): unknown {
  if (text === undefined) throw badRequest(`The multipart request has no "${name}" field`);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`The multipart "${name}" field is not valid JSON`);
  }
}

/**
 * Sets `value` at a dotted path such as "variables.file" or "0.variables.files.1", walking only the
 * request's own properties (a path through "__proto__" would otherwise change every object's prototype).
 */
function setPath(root: object, path: string, value: unknown) {
  const keys = path.split('.');
  let node = root as Record<string, unknown>;
  keys.forEach((key, i) => {
    if (UNSAFE_KEYS.has(key) || !Object.hasOwn(node, key)) throw badRequest(`The multipart map path "${path}" is not in operations`);
    if (i === keys.length - 1) node[key] = value;
    else {
      const next = node[key];
      if (next === null || typeof next !== 'object') throw badRequest(`The multipart map path "${path}" is not in operations`);
      node = next as Record<string, unknown>;
    }
  });
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function badRequest(message: string) {
  return createGraphQLError(message, { extensions: { http: { status: 400 }, code: 'BAD_USER_INPUT' } });
}
