import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArrivingFile, diskBackedUploads } from '../src/uploads';

/**
 * The multipart plugin (src/uploads.ts) alone, on a real HTTP server: a resolver that reads the file it is
 * given and says what it knew of it beforehand.
 */
let server: Server;
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'uploads-'));

beforeAll(async () => {
  const schema = createSchema({
    typeDefs: 'scalar File\ntype Query { ok: Boolean }\ntype Mutation { read(file: File!): Read }\ntype Read { sizeHint: Float, bytes: Int, text: String }',
    resolvers: {
      Mutation: {
        read: async (_: unknown, { file }: { file: File }) => {
          const chunks: Uint8Array[] = [];
          for await (const chunk of file.stream() as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
          const bytes = Buffer.concat(chunks);
          return { sizeHint: file instanceof ArrivingFile ? (file.sizeHint ?? null) : -1, bytes: bytes.length, text: bytes.subarray(0, 20).toString() };
        },
      },
    },
  });
  const yoga = createYoga({ schema, plugins: [await diskBackedUploads(dir, 1 << 30)] });
  server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** A multipart request for `read` with `file`, its length sent (Content-Length) or not (chunked). */
function send(file: Buffer, withLength: boolean): Promise<{ status: number; body: any; length: number }> {
  const boundary = 'b0undary';
  const part = (name: string, extra = '') => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"${extra}\r\n`;
  const body = Buffer.concat([
    Buffer.from(
      `${part('operations')}\r\n${JSON.stringify({ query: 'mutation($f: File!) { read(file: $f) { sizeHint bytes text } }', variables: { f: null } })}\r\n` +
        `${part('map')}\r\n${JSON.stringify({ 0: ['variables.f'] })}\r\n${part('0', '; filename="x.csv"')}content-type: text/csv\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'graphql-require-preflight': '1' };
  if (withLength) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()), length: body.length }));
    });
    req.on('error', reject);
    // In two writes: without a Content-Length, Node sends the body chunked.
    req.write(body.subarray(0, 100));
    req.end(body.subarray(100));
  });
}

describe('multipart uploads streamed to disk', () => {
  const file = Buffer.from(`a,b\n${Array.from({ length: 50_000 }, (_, i) => `${i},${i % 7}`).join('\n')}\n`);

  it("give the resolver the request's Content-Length as the file's size hint, an upper bound known before the file has arrived", async () => {
    const answer = await send(file, true);
    expect(answer.status).toBe(200);
    expect(answer.body.data.read).toEqual({ sizeHint: answer.length, bytes: file.length, text: file.subarray(0, 20).toString() });
    expect(answer.length).toBeGreaterThan(file.length);
  });

  it('give no size hint for a body sent without a length', async () => {
    const answer = await send(file, false);
    expect(answer.status).toBe(200);
    expect(answer.body.data.read).toEqual({ sizeHint: null, bytes: file.length, text: file.subarray(0, 20).toString() });
  });
});

describe('a file read while it arrives', () => {
  /** 20 MB of seeded bytes, arriving in pieces of 64 KB (more than ArrivingFile keeps in memory for its first reader). */
  const total = 20 << 20;
  const expected = createHash('sha256');
  const pieces: Buffer[] = [];
  for (let at = 0, seed = 1; at < total; at += 65536) {
    const piece = Buffer.allocUnsafe(65536);
    for (let i = 0; i < piece.length; i += 4) piece.writeUInt32LE((seed = Math.imul(seed, 1664525) + 1013904223) >>> 0, i);
    pieces.push(piece);
    expected.update(piece);
  }
  const digest = expected.digest('hex');

  function arriving(name: string) {
    const file = new ArrivingFile(join(dir, name), name, 'text/csv');
    file.receive(Readable.from(pieces), total);
    return file;
  }

  /** The sha256 of what a reader gets, the reader pausing `pauseMs` after its first piece and after every `every` bytes. */
  async function read(file: File, pauseMs: number, every = Number.POSITIVE_INFINITY) {
    const hash = createHash('sha256');
    let sinceLast = 0;
    let first = true;
    for await (const chunk of file.stream() as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      sinceLast += chunk.length;
      if (first || sinceLast >= every) {
        first = false;
        sinceLast = 0;
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
    return hash.digest('hex');
  }

  it('gives a reader that keeps up the bytes as they come, and a later reader the same bytes from the disk', async () => {
    const file = arriving('keeps-up');
    expect(await read(file, 0)).toBe(digest);
    expect(await read(file, 0)).toBe(digest);
  });

  it('gives a reader that falls behind, past what is kept in memory, every byte once and in order', async () => {
    // Behind by the whole file (it has all arrived before the reader goes on), then behind now and then.
    expect(await read(arriving('behind'), 300)).toBe(digest);
    expect(await read(arriving('behind-at-times'), 15, 2 << 20)).toBe(digest);
  });

  it('gives two readers at once the same bytes', async () => {
    const file = arriving('two');
    expect(await Promise.all([read(file, 5, 1 << 20), read(file, 0)])).toEqual([digest, digest]);
  });
});
