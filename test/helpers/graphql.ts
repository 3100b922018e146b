import type { FormattedExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentString } from '../gql/graphql';

type Vars<V> = V extends Record<string, never> ? [] : [V];

/** The token each test server's requests carry, by origin (its admin token unless a test says otherwise). */
const tokens = new Map<string, string>();

const originOf = (url: string) => new URL(url.replace(/^ws/, 'http')).origin;

export function useToken(url: string, token: string | null) {
  const origin = originOf(url);
  if (token) tokens.set(origin, token);
  else tokens.delete(origin);
}

/** The Authorization header for requests to `url`'s server ({} when it runs with AUTH=off). */
export function authHeaders(url: string): Record<string, string> {
  const token = tokens.get(originOf(url));
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** fetch with the Authorization header of the server `input` points at (test files that speak HTTP themselves). */
export function authFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  for (const [name, value] of Object.entries(authHeaders(url))) if (!headers.has(name)) headers.set(name, value);
  return fetch(input, { ...init, headers });
}

/** Runs a typed operation over HTTP POST and returns the raw result (data and errors). */
export async function request<R, V>(url: string, doc: TypedDocumentString<R, V>, ...[variables]: Vars<V>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...authHeaders(url) },
    body: JSON.stringify({ query: doc.toString(), variables }),
  });
  return (await res.json()) as FormattedExecutionResult<R>;
}

/** Like request, but fails the test on any GraphQL error. */
export async function ok<R, V>(url: string, doc: TypedDocumentString<R, V>, ...variables: Vars<V>): Promise<R> {
  const result = await request(url, doc, ...variables);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The first error's message and code, for operations that must fail. */
export async function failure<R, V>(url: string, doc: TypedDocumentString<R, V>, ...variables: Vars<V>) {
  const result = await request(url, doc, ...variables);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { message: error.message, code: error.extensions?.code as string | undefined, extensions: error.extensions };
}

/** Every value of a subscription over graphql-ws, until it completes. */
export async function subscribeWs<R, V>(wsUrl: string, doc: TypedDocumentString<R, V>, variables: V, onEach?: (r: R) => void) {
  const client = createWsClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: authHeaders(wsUrl) });
  try {
    return await collect(client.iterate({ query: doc.toString(), variables: variables as Record<string, unknown> }), onEach);
  } finally {
    await client.dispose();
  }
}

/** Every value of a subscription over GraphQL over SSE (distinct connections mode), until it completes. */
export async function subscribeSse<R, V>(url: string, doc: TypedDocumentString<R, V>, variables: V, onEach?: (r: R) => void) {
  const client = createSseClient({ url, retryAttempts: 0, headers: authHeaders(url) });
  try {
    return await collect(client.iterate({ query: doc.toString(), variables: variables as Record<string, unknown> }), onEach);
  } finally {
    client.dispose();
  }
}

async function collect<R>(iterator: AsyncIterable<{ data?: unknown; errors?: unknown }>, onEach?: (r: R) => void): Promise<R[]> {
  const out: R[] = [];
  for await (const result of iterator) {
    if (result.errors) throw new Error(`subscription error: ${JSON.stringify(result.errors)}`);
    out.push(result.data as R);
    onEach?.(result.data as R);
  }
  return out;
}

/** Runs a document written out as text (a literal the typed documents cannot express), over HTTP POST. */
export async function post<R = any>(url: string, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...authHeaders(url) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as FormattedExecutionResult<R>;
}
