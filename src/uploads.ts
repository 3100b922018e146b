import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';

/**
 * GraphQL multipart requests (the upload spec) with the files streamed to disk as they arrive, instead
 * of yoga's default parser, which holds every file in memory. Resolvers get disk-backed `File`s; the
 * files are removed once the response is sent.
 */
export function useDiskBackedUploads(dir: string, maxFileBytes: number): Plugin {
  const filesOf = new WeakMap<Request, string[]>();
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
    const written = pipeline(stream, createWriteStream(path, { mode: 0o600 })).then(async () => {
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

  const operations = parseJsonField(fields.get('operations'), 'operations') as GraphQLParams | GraphQLParams[];
  const map = parseJsonField(fields.get('map') ?? '{}', 'map') as Record<string, string[]>;
  for (const [key, targets] of Object.entries(map)) {
    const file = files.get(key);
    if (!file) throw badRequest(`The multipart map names file "${key}", which the request does not contain`);
    const value = await file;
    for (const target of targets) setPath(operations, target, value);
  }
  return operations;
}

function parseJsonField(text: string | undefined, name: string): unknown {
  if (text === undefined) throw badRequest(`The multipart request has no "${name}" field`);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`The multipart "${name}" field is not valid JSON`);
  }
}

/** Sets `value` at a dotted path such as "variables.file" or "0.variables.files.1". */
function setPath(root: unknown, path: string, value: unknown) {
  const keys = path.split('.');
  let node = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = node?.[key];
    if (next === null || typeof next !== 'object') throw badRequest(`The multipart map path "${path}" is not in operations`);
    node = next as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

function badRequest(message: string) {
  return createGraphQLError(message, { extensions: { http: { status: 400 }, code: 'BAD_USER_INPUT' } });
}
