import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { DISK_FULL_MESSAGE, isDiskFull } from './errors';
import { drained, WRITE_BUFFER } from './util/files';
import { processDirName, staleProcessDirs } from './util/processDirs';

/**
 * GraphQL multipart requests (the upload spec) with the files streamed to disk as they arrive, instead
 * of yoga's default parser, which holds every file in memory. The operation starts as soon as its files
 * have started to arrive: resolvers get `File`s that read what is on disk and wait for the rest
 * ({@link ArrivingFile}), so a dataset is read while it is still being received. The files are removed
 * once the response is sent and the request's body has been read to its end.
 */
export async function diskBackedUploads(root: string, maxFileBytes: number): Promise<Plugin> {
  for (const stale of await staleProcessDirs(root)) await rm(stale, { recursive: true, force: true });
  const bodies = new WeakMap<Request, { paths: string[]; received: Promise<unknown> }>();
  const dir = join(root, processDirName());
  return {
    onRequestParse({ request, setRequestParser }) {
      const type = request.headers.get('content-type') ?? '';
      if (request.method !== 'POST' || !type.toLowerCase().startsWith('multipart/form-data')) return;
      const body = { paths: [] as string[], received: Promise.resolve() as Promise<unknown> };
      bodies.set(request, body);
      setRequestParser((req) => parseMultipart(req, type, dir, maxFileBytes, body));
    },
    async onResponse({ request }) {
      const body = bodies.get(request);
      if (!body) return;
      await body.received.catch(() => {});
      await Promise.all(body.paths.map((p) => rm(p, { force: true })));
    },
  };
}

async function parseMultipart(
  request: Request,
  contentType: string,
  dir: string,
  maxFileBytes: number,
  body: { paths: string[]; received: Promise<unknown> },
): Promise<GraphQLParams | GraphQLParams[]> {
  if (!request.body) throw badRequest('The multipart request has no body');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fields = new Map<string, string>();
  const files = new Map<string, ArrivingFile>();
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  const sizeHint = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
  const parser = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: maxFileBytes, fieldSize: 16 << 20 } });
  // The operation may start once the map has come and every file it names has started to arrive.
  let started!: () => void;
  const filesStarted = new Promise<void>((resolve) => (started = resolve));
  const checkStarted = () => {
    const map = fields.get('map');
    if (map === undefined) return;
    try {
      if (Object.keys(JSON.parse(map) as object).every((key) => files.has(key))) started();
    } catch {
      started(); // an invalid map is refused below
    }
  };
  parser.on('field', (name, value) => {
    fields.set(name, value);
    if (name === 'map') checkStarted();
  });
  parser.on('file', (name, stream, info) => {
    const path = join(dir, `upload-${randomUUID()}`);
    body.paths.push(path);
    const file = new ArrivingFile(path, info.filename ?? name, info.mimeType, sizeHint);
    files.set(name, file);
    file.receive(stream, maxFileBytes);
    checkStarted();
  });
  // The body is whatwg-node's stream, not Node's ReadableStream: read it as an async iterable.
  const received = pipeline(Readable.from(request.body as unknown as AsyncIterable<Uint8Array>), parser);
  body.received = received;
  received.then(started, (err: unknown) => {
    for (const file of files.values()) file.fail(err);
  });
  await Promise.race([filesStarted, received]);

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
    for (const target of targets) setPath(operations, target, file);
  }
  return operations as GraphQLParams | GraphQLParams[];
}

/**
 * A file of the request being written to disk as it arrives. Reading it (`stream()`, as often as wanted)
 * gives what is on disk and then waits for more, until the file has arrived whole; a file over the limit,
 * a full disk or a broken request fails the read with the error that says so. Its first reader is also
 * given what has arrived but is not yet on disk, from memory ({@link ArrivingFile.keep}): it starts as soon
 * as the first bytes come, and reads none of them back from the disk while it keeps up.
 */
export class ArrivingFile extends File {
  private written = 0;
  private received = 0;
  private complete = false;
  private failure: unknown = null;
  private waiting: Array<() => void> = [];
  /** The request has brought all of the file (some of it may still be on its way to the disk). */
  private arrived = false;
  /** Bytes [memoryFrom, memoryFrom + memoryBytes) of the file, kept for the first reader; null once it has gone. */
  private memory: Buffer[] | null = [];
  private memoryFrom = 0;
  private memoryBytes = 0;
  private firstReaderTaken = false;

  constructor(
    /** Where the file is being written; complete once a read of it has ended. */
    readonly path: string,
    name: string,
    type: string,
    /** The file's size or more, known before it has arrived: the request's Content-Length, when it had one. */
    readonly sizeHint?: number,
  ) {
    super([], name, { type });
  }

  override get size() {
    return this.written;
  }

  receive(source: Readable & { truncated?: boolean }, maxFileBytes: number) {
    void this.write(source, maxFileBytes).finally(() => this.wake());
  }

  fail(err: unknown) {
    if (this.complete || this.failure) return;
    this.failure = err;
    this.wake();
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const chunks = this.chunks();
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
  }

  private async write(source: Readable & { truncated?: boolean }, maxFileBytes: number) {
    // A write stream gathers what arrives while the disk is busy into one write; each chunk counts as
    // readable once its write has completed.
    const out = createWriteStream(this.path, { flags: 'wx', mode: 0o600, highWaterMark: WRITE_BUFFER });
    out.on('error', (err) => this.fail(writeError(err)));
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        // After a failure the rest is read and dropped, so that the request ends and its client gets the answer.
        if (this.failure) continue;
        this.keep(chunk);
        this.received += chunk.length;
        this.wake();
        const more = out.write(chunk, (err) => {
          if (err) return;
          this.written += chunk.length;
          this.wake();
        });
        // (a failed write emits 'error', which fails the file; the loop goes on reading, and drops, the rest)
        if (!more) await drained(out).catch(() => {});
      }
      this.arrived = true;
      this.wake();
      if (source.truncated) {
        this.fail(
          createGraphQLError(`The file is larger than the ${Math.round(maxFileBytes / 1048576)} MB upload limit`, {
            extensions: { http: { status: 413 }, code: 'BAD_USER_INPUT' },
          }),
        );
      }
    } catch (err) {
      this.fail(err);
      source.resume();
    } finally {
      if (!out.destroyed) out.end();
      if (!out.closed) await once(out, 'close').catch(() => {});
      this.complete = !this.failure;
    }
  }

  private wake() {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /**
   * Keeps `chunk` (the bytes that arrive next) for the first reader while what it has not read fits in
   * MEMORY_WINDOW. Past it, nothing more is kept until the reader has taken all that memory held; it reads
   * what was not kept from the disk.
   */
  private keep(chunk: Buffer) {
    if (!this.memory) return;
    if (this.memoryBytes === 0) this.memoryFrom = this.received;
    else if (this.memoryFrom + this.memoryBytes !== this.received) return;
    if (this.memoryBytes + chunk.length > MEMORY_WINDOW) return;
    this.memory.push(chunk);
    this.memoryBytes += chunk.length;
  }

  /** What memory holds from `position` on, up to READ_BYTES in one buffer, once there is at least `least` of it. */
  private fromMemory(position: number, least: number): Buffer | null {
    if (!this.memory || position !== this.memoryFrom || this.memoryBytes === 0) return null;
    if (this.memoryBytes < least && !this.arrived) return null;
    const taken: Buffer[] = [];
    let bytes = 0;
    while (this.memory.length && (bytes === 0 || bytes + this.memory[0]!.length <= READ_BYTES)) {
      const chunk = this.memory.shift()!;
      taken.push(chunk);
      bytes += chunk.length;
    }
    this.memoryFrom += bytes;
    this.memoryBytes -= bytes;
    return taken.length === 1 ? taken[0]! : Buffer.concat(taken, bytes);
  }

  private async *chunks(): AsyncGenerator<Uint8Array<ArrayBuffer>> {
    const first = !this.firstReaderTaken;
    this.firstReaderTaken = true;
    let handle: FileHandle | null = null;
    let position = 0;
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        // Reads wait for a good part to have arrived (many small reads cost more than the bytes they bring),
        // but the first: the file's reader starts on it while the rest arrives.
        const least = position === 0 ? 1 : MIN_READ_BYTES;
        const kept = first ? this.fromMemory(position, least) : null;
        if (kept) {
          position += kept.length;
          yield kept as Buffer<ArrayBuffer>;
          continue;
        }
        // From the disk: what memory did not keep, up to where it holds bytes again.
        const gapEnd = first && this.memory && this.memoryBytes > 0 ? this.memoryFrom : Number.POSITIVE_INFINITY;
        const readable = Math.min(this.written, gapEnd) - position;
        if (readable > 0 && (this.complete || readable >= least || this.written >= gapEnd)) {
          handle ??= await open(this.path, 'r');
          const buffer = Buffer.allocUnsafe(Math.min(READ_BYTES, readable));
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
          position += bytesRead;
          yield buffer.subarray(0, bytesRead);
        } else if (this.complete && position >= this.written) return;
        else await new Promise<void>((resolve) => this.waiting.push(resolve));
      }
    } finally {
      if (first) this.memory = null;
      await handle?.close();
    }
  }
}

const READ_BYTES = 1 << 20;
const MIN_READ_BYTES = 256 << 10;
/** The most the first reader is kept in memory, per file: what arrives beyond it is read back from the disk. */
const MEMORY_WINDOW = 8 << 20;

function writeError(err: unknown) {
  return isDiskFull(err) ? createGraphQLError(DISK_FULL_MESSAGE, { extensions: { http: { status: 507 }, code: 'STORAGE_FAILED' } }) : err;
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
