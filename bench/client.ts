import { openAsBlob } from 'node:fs';
import { authHeaders } from '../test/helpers/graphql';
import type { ChildServer } from '../test/helpers/server';

export async function gql(server: ChildServer, query: string, variables: Record<string, unknown>) {
  const payload = JSON.stringify({ query, variables });
  const post = () => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders(server.url) }, body: payload });
  // A kept-alive socket the server closed while the next file was being generated fails the write
  // (EPIPE) before the server saw the request: send it again on a new connection.
  const res = await post().catch(post);
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A multipart upload, as clients send large files (JSON bodies are limited to MAX_JSON_BODY_MB). */
export async function upload(server: ChildServer, path: string): Promise<string> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { id } }', variables: { f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', await openAsBlob(path), path.split('/').pop()!);
  const res = await fetch(server.url, { method: 'POST', body: form, headers: { 'graphql-require-preflight': '1', ...authHeaders(server.url) } });
  const body = (await res.json()) as { data?: { uploadDataset: { id: string } }; errors?: unknown };
  if (!body.data) throw new Error(`upload failed: ${JSON.stringify(body.errors)}`);
  return body.data.uploadDataset.id;
}
