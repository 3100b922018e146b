import { createGraphQLError, type Plugin } from 'graphql-yoga';

const tooLarge = (what: string, limit: number) =>
  createGraphQLError(`The request body is larger than the ${Math.round(limit / 1048576)} MiB ${what} limit`, {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });

/**
 * Two body limits instead of yoga's one: multipart uploads may be as large as MAX_UPLOAD_MB (streamed to
 * disk), every other body (JSON, which is parsed in memory) only MAX_JSON_BODY_MB. A declared length over
 * the limit is refused before a byte is read; a chunked body is cut off as it crosses it.
 */
export function useBodyLimits(limits: { jsonBytes: number; uploadBytes: number }): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
      const [what, limit] = multipart ? ['upload', limits.uploadBytes] : ['JSON body', limits.jsonBytes];
      const declared = request.headers.get('content-length');
      if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) throw tooLarge(what, limit);
      if (!requestParser || !request.body) return;
      let read = 0;
      const counted = request.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            read += chunk.byteLength;
            if (read > limit) controller.error(tooLarge(what, limit));
            else controller.enqueue(chunk);
          },
        }),
      );
      const limited = new fetchAPI.Request(request.url, {
        method: request.method,
        headers: request.headers,
        signal: request.signal,
        body: counted,
        // @ts-expect-error: Node's fetch needs duplex for a streamed body; the DOM types lack it.
        duplex: 'half',
      });
      setRequestParser((req) => requestParser(req === request ? limited : req));
    },
  };
}
