import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from './gql/graphql';

/** The server's answer to a request that failed: its message, and the error code when GraphQL gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

const ENDPOINT = '/graphql';

/**
 * The API as the page uses it: GraphQL over HTTP (queries, mutations, the multipart upload), progress over
 * graphql-ws, and artifacts, all with the signed-in token (none when the server runs with AUTH=off).
 */
export class Api {
  private socket: Client | undefined;

  constructor(readonly token: string | null) {}

  private authorization(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
    return this.post(JSON.stringify({ query: document.toString(), variables }), { 'content-type': 'application/json' });
  }

  /** A GraphQL multipart request for the variables that hold a File: the browser streams it, the page never reads it. */
  async upload<R, V extends Record<string, unknown>>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const files = Object.entries(variables).filter((entry): entry is [string, File] => entry[1] instanceof File);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: document.toString(), variables: { ...variables, ...Object.fromEntries(files.map(([name]) => [name, null])) } }));
    form.append('map', JSON.stringify(Object.fromEntries(files.map(([name], i) => [i, [`variables.${name}`]]))));
    files.forEach(([, file], i) => form.append(String(i), file, file.name));
    // A multipart POST is one a plain form could send: the server asks for a header no form can set.
    return this.post(form, { 'graphql-require-preflight': '1' });
  }

  private async post<R>(body: BodyInit, headers: Record<string, string>): Promise<R> {
    let response: Response;
    try {
      response = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { accept: 'application/graphql-response+json, application/json', ...headers, ...this.authorization() },
        body,
      });
    } catch (err) {
      throw new ApiError(`The server could not be reached: ${(err as Error).message}`);
    }
    const answer = (await response.json().catch(() => null)) as { data?: R; errors?: GraphQLErrorBody[] } | null;
    if (answer?.errors?.length) throw new ApiError(answer.errors.map((e) => e.message).join('\n'), answer.errors[0]!.extensions?.code);
    if (!answer?.data) throw new ApiError(`The server answered HTTP ${response.status} without data`);
    return answer.data;
  }

  /** Follows a subscription; returns a function that stops it. */
  subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, sink: { next(data: R): void; error(err: ApiError): void; complete(): void }): () => void {
    this.socket ??= createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${ENDPOINT}`,
      connectionParams: this.token ? { Authorization: `Bearer ${this.token}` } : {},
      retryAttempts: 5,
    });
    return this.socket.subscribe<R>(
      { query: document.toString(), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors?.length) sink.error(new ApiError(result.errors.map((e) => e.message).join('\n')));
          else if (result.data) sink.next(result.data);
        },
        error: (err) => sink.error(new ApiError(err instanceof Error ? err.message : 'The progress connection closed')),
        complete: () => sink.complete(),
      },
    );
  }

  /** An artifact's bytes as an object URL (an <img> cannot send the Authorization header itself). */
  async artifactUrl(url: string): Promise<string> {
    const response = await fetch(url, { headers: this.authorization() });
    if (!response.ok) throw new ApiError(`Chart ${url}: HTTP ${response.status}`);
    return URL.createObjectURL(await response.blob());
  }

  close(): void {
    void this.socket?.dispose();
  }
}

/** The token the page signs in with: taken from `#token=` (then removed from the address bar) or kept for the tab. */
export function signedInToken(): string | null {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function rememberToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

const TOKEN_KEY = 'iterate:token';
