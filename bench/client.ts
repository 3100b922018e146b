import { basename } from 'node:path';
import { ApiClient } from '../src/cli/iterate/client';
import { UploadDataset } from '../src/cli/iterate/operations';
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

/** A multipart upload as the `iterate` CLI sends it: the file streamed from disk (src/cli/iterate/client.ts). */
export async function upload(server: ChildServer, path: string): Promise<string> {
  const token = authHeaders(server.url).authorization?.replace(/^Bearer /, '') ?? null;
  const { uploadDataset } = await new ApiClient(server.url, token).upload(UploadDataset, path, { name: basename(path) });
  return uploadDataset.id;
}
