import { randomUUID } from 'node:crypto';
import { TOKEN_HEADER_KEY, TOKEN_QUERY_KEY } from 'graphql-sse';

/** How long a reserved single-connection stream may wait for its event stream (GET) to open. */
const OPEN_WITHIN_MS = 30_000;
/** Reservations whose stream has not opened yet, at most, server-wide. */
const MAX_WAITING = 100;
/** Streams this module remembers (opened ones are forgotten after a day; graphql-sse itself closes them). */
const REMEMBERED_MS = 24 * 3600_000;

type Refusal = [string, { status: number; statusText: string; headers: Record<string, string> }];
const refuse = (status: number, statusText: string, message: string): Refusal => [
  JSON.stringify({ errors: [{ message }] }),
  { status, statusText, headers: { 'content-type': 'application/json; charset=utf-8', ...(status === 429 ? { 'retry-after': '5' } : {}) } },
];

/**
 * graphql-sse's single-connection mode keeps a stream for every reservation (PUT) until its event stream
 * (GET) opens, and buffers the events of operations POSTed to it meanwhile; a client that never opens it
 * made the server hold memory forever (4,000 reservations: +720 MB). Here a reservation must open within
 * OPEN_WITHIN_MS, at most MAX_WAITING wait at once, and no operation is taken before its stream is open.
 * It is graphql-sse's `authenticate` hook, which also makes the tokens.
 */
export function sseReservations(mayReserve: (req: { headers: { get(name: string): string | null | undefined } }) => Promise<boolean>) {
  const streams = new Map<string, { at: number; open: boolean }>();
  const prune = (now: number) => {
    for (const [token, s] of streams) if (now - s.at > (s.open ? REMEMBERED_MS : OPEN_WITHIN_MS)) streams.delete(token);
  };
  return {
    async authenticate(req: { method: string; url: string; headers: { get(name: string): string | null | undefined } }): Promise<string | Refusal | undefined> {
      const now = Date.now();
      const token = req.headers.get(TOKEN_HEADER_KEY) ?? new URL(req.url, 'http://localhost/').searchParams.get(TOKEN_QUERY_KEY);
      if (req.method === 'PUT') {
        // Only an authenticated client may make the server keep a stream (its operations are authenticated again).
        if (!(await mayReserve(req))) return refuse(401, 'Unauthorized', 'Reserving a stream needs "Authorization: Bearer <token>"');
        prune(now);
        if ([...streams.values()].filter((s) => !s.open).length >= MAX_WAITING) {
          return refuse(429, 'Too Many Requests', `${MAX_WAITING} reserved streams are waiting to be opened; open yours (GET) within ${OPEN_WITHIN_MS / 1000} s of reserving it`);
        }
        const reserved = randomUUID();
        streams.set(reserved, { at: now, open: false });
        return reserved;
      }
      if (!token) return undefined; // distinct connections: no reservation involved
      const stream = streams.get(token);
      if ((req.headers.get('accept') ?? '') === 'text/event-stream') {
        if (stream && !stream.open && now - stream.at > OPEN_WITHIN_MS) return refuse(404, 'Not Found', 'This reservation expired; reserve another stream');
        if (stream) stream.open = true;
        return token;
      }
      if (stream && !stream.open) return refuse(409, 'Conflict', 'Open the event stream (GET) of this reservation before sending operations to it');
      return token;
    },
  };
}
