import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentString } from './gql/graphql';

type Vars<V> = V extends Record<string, never> ? [] : [V];

/** A failure talking to the server (unreachable, refused, or GraphQL errors), worded for the command line. */
export class ApiError extends Error {}

/**
 * The CLI's connection to an Iterate Investigator server: GraphQL over HTTP for queries and mutations (the
 * multipart request spec for uploads), graphql-ws for progress. The token, when given, goes as a bearer
 * token on each request and in the WebSocket's connectionParams, as the server reads it.
 */
export class ApiClient {
  constructor(
    readonly url: string,
    private readonly token: string | null,
  ) {}

  private get headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async request<R, V>(doc: TypedDocumentString<R, V>, ...[variables]: Vars<V>): Promise<R> {
    return this.send(JSON.stringify({ query: doc.toString(), variables }), { 'content-type': 'application/json' });
  }

  /**
   * Sends `doc` with the file at `path` as its `file` variable (the GraphQL multipart request spec), the
   * file streamed from disk in 1 MB reads: far less of the machine's CPU than fetch with FormData and a
   * Blob, which matters when client and server share it.
   */
  async upload<R, V>(doc: TypedDocumentString<R, V>, path: string, variables: Omit<V, 'file'>): Promise<R> {
    const boundary = `----iterate${randomBytes(12).toString('hex')}`;
    const part = (name: string, extra = '') => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"${extra}\r\n`;
    const head = Buffer.from(
      `${part('operations')}\r\n${JSON.stringify({ query: doc.toString(), variables: { ...variables, file: null } })}\r\n` +
        `${part('map')}\r\n${JSON.stringify({ 0: ['variables.file'] })}\r\n` +
        `${part('0', `; filename=${JSON.stringify(basename(path))}`)}content-type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (err) {
      throw new Error(`Cannot read ${path}: ${causeOf(err)}`);
    }
    const headers = {
      ...this.headers,
      accept: 'application/graphql-response+json',
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
      // Yoga refuses multipart requests without a header that a browser form cannot set (CSRF prevention).
      'graphql-require-preflight': '1',
    };
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(this.url);
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      request.on('error', (err) => reject(new ApiError(`Cannot reach ${this.url}: ${causeOf(err)}`)));
      request.write(head);
      pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), request, { end: false })
        .then(() => request.end(tail))
        .catch((err) => {
          request.destroy();
          reject(err instanceof ApiError ? err : new Error(`Cannot send ${path}: ${causeOf(err)}`));
        });
    });
    return this.result(status, text);
  }

  private async send<R>(body: string, headers: Record<string, string>): Promise<R> {
    let response: Response;
    try {
      response = await fetch(this.url, { method: 'POST', headers: { accept: 'application/graphql-response+json', ...this.headers, ...headers }, body });
    } catch (err) {
      throw new ApiError(`Cannot reach ${this.url}: ${causeOf(err)}`);
    }
    return this.result(response.status, await response.text());
  }

  private result<R>(status: number, text: string): R {
    let result: { data?: R | null; errors?: Array<{ message: string }> };
    try {
      result = JSON.parse(text);
    } catch {
      throw new ApiError(`${this.url} answered ${status}, not GraphQL: ${text.slice(0, 200)}`);
    }
    if (result.errors?.length) throw new ApiError(result.errors.map((e) => e.message).join('; '));
    if (!result.data) throw new ApiError(`${this.url} answered ${status} without data`);
    return result.data;
  }

  /** Every value of a subscription until the server completes it (or `until` says it is done). */
  async subscribe<R, V>(doc: TypedDocumentString<R, V>, variables: V, onValue: (value: R) => boolean | void): Promise<void> {
    const client = createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: this.headers,
      retryAttempts: 3,
      lazy: true,
    });
    try {
      for await (const result of client.iterate({ query: doc.toString(), variables: variables as Record<string, unknown> })) {
        if (result.errors?.length) throw new ApiError(result.errors.map((e) => e.message).join('; '));
        if (result.data && onValue(result.data as R) === true) break;
      }
    } catch (err) {
      throw err instanceof ApiError ? err : new ApiError(`Following progress at ${this.url} failed: ${causeOf(err)}`);
    } finally {
      await client.dispose();
    }
  }
}

function causeOf(err: unknown): string {
  if (err instanceof Error) return err.cause instanceof Error ? err.cause.message : err.message;
  if (typeof err === 'object' && err && 'reason' in err) return String((err as { reason: unknown }).reason || 'connection closed');
  return String(err);
}
