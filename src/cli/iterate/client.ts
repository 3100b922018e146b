import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
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

  /** Sends `doc` with the file at `path` as its `file` variable, streamed from disk. */
  async upload<R, V>(doc: TypedDocumentString<R, V>, path: string, variables: Omit<V, 'file'>): Promise<R> {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: doc.toString(), variables: { ...variables, file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', await openAsBlob(path, { type: 'text/csv' }), basename(path));
    // Yoga refuses multipart requests without a header that a browser form cannot set (CSRF prevention).
    return this.send(form, { 'graphql-require-preflight': '1' });
  }

  private async send<R>(body: string | FormData, headers: Record<string, string>): Promise<R> {
    let response: Response;
    try {
      response = await fetch(this.url, { method: 'POST', headers: { accept: 'application/graphql-response+json', ...this.headers, ...headers }, body });
    } catch (err) {
      throw new ApiError(`Cannot reach ${this.url}: ${causeOf(err)}`);
    }
    const text = await response.text();
    let result: { data?: R | null; errors?: Array<{ message: string }> };
    try {
      result = JSON.parse(text);
    } catch {
      throw new ApiError(`${this.url} answered ${response.status} ${response.statusText}, not GraphQL: ${text.slice(0, 200)}`);
    }
    if (result.errors?.length) throw new ApiError(result.errors.map((e) => e.message).join('; '));
    if (!result.data) throw new ApiError(`${this.url} answered ${response.status} without data`);
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
