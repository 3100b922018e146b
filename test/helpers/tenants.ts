import type { TestServer } from './server';

export type Answer = { status: number; headers: Headers; data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };

/** A GraphQL request over HTTP with `token`, answered with its status and headers. */
export async function as(server: TestServer, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, ...((await res.json()) as object) };
}

/** A new MEMBER token of `tenant`, made by the server's admin. */
export async function tokenFor(server: TestServer, tenant: string): Promise<string> {
  const r = await as(server, server.adminToken!, 'mutation($t: String!) { createApiToken(input: { name: "m", tenant: $t }) { secret } }', { t: tenant });
  return r.data.createApiToken.secret;
}
