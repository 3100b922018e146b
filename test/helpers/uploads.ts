import { authHeaders } from './graphql';

/**
 * A multipart upload of `csv` to the GraphQL endpoint `url` whose body is sent in `pieces` parts, `gapMs`
 * apart (the request is under way all that time); `abortAfter` stops it after that many.
 */
export async function trickledUpload(url: string, csv: string, pieces: number, gapMs: number, abortAfter?: number) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadDataset(file: $f) { rowCount sha256 } }', variables: { f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([csv]), 'trickled.csv');
  const encoded = new Response(form);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const controller = new AbortController();
  const step = Math.ceil(bytes.length / pieces);
  const body = new ReadableStream<Uint8Array>({
    async start(stream) {
      for (let i = 0; i * step < bytes.length; i++) {
        if (abortAfter !== undefined && i === abortAfter) {
          controller.abort();
          return;
        }
        stream.enqueue(bytes.subarray(i * step, (i + 1) * step));
        await new Promise((r) => setTimeout(r, gapMs));
      }
      stream.close();
    },
  });
  const res = await fetch(url, {
    method: 'POST',
    body,
    duplex: 'half',
    signal: controller.signal,
    headers: { 'content-type': encoded.headers.get('content-type')!, 'x-graphql-yoga-csrf': '1', ...authHeaders(url) },
  } as RequestInit);
  return (await res.json()) as { data?: { uploadDataset: { rowCount: number; sha256: string } }; errors?: Array<{ message: string }> };
}
