import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hostAllowed, type BrowserPolicy } from './browser';
import { listenFailure } from './startup';

// Idle keep-alive connections outlive the clients' own idle timeouts (undici: 4 s), so a client never
// sends a request on a socket the server is closing at that moment (ECONNRESET).
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** How long requests in flight may take to finish when the server stops. */
export const HTTP_DRAIN_MS = 3000;

/** What the built app gives the HTTP server once it can answer. */
export interface AppHandler {
  /** Every request but /health and /ready. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** More fields for /health (the sandbox's state, …). */
  health(): Record<string, unknown>;
  /** Ready when the start-up work that may take time is done (the sandbox probe, say). */
  ready(): boolean;
}

export interface HttpTimeouts {
  /** The longest a client may take to send a whole request, body included (HTTP_REQUEST_TIMEOUT_S). */
  requestTimeoutMs: number;
  /** A connection whose answer has waited this long without a byte taken is closed (HTTP_STALL_TIMEOUT_S). */
  stallTimeoutMs: number;
}

/**
 * The HTTP server, which can listen before the app is built (importing and building it takes seconds):
 * `/health` answers from the first moment (liveness) with `ready` false until the app is built and
 * ready, `GET /ready` is 503 until then and 200 after (readiness), other requests are 503 until then.
 */
export class HttpServer {
  readonly server = createServer((req, res) => this.route(req, res));
  private app: AppHandler | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly stalls: StalledWrites;

  constructor(
    private readonly policy: BrowserPolicy,
    timeouts: HttpTimeouts,
  ) {
    this.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    this.server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 5_000;
    this.server.requestTimeout = timeouts.requestTimeoutMs;
    this.stalls = new StalledWrites(this.sockets, timeouts.stallTimeoutMs);
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('close', () => this.stalls.stop());
  }

  /** Listens on `port` (0 picks a free one); when it already listens, answers where. */
  listen(port: number, host: string): Promise<{ url: string; port: number }> {
    if (this.server.listening) return Promise.resolve(this.address());
    return new Promise((resolve, reject) => {
      const failed = (err: Error) => reject(listenFailure(err, port, host));
      this.server.once('error', failed);
      this.server.listen(port, host, () => {
        this.server.off('error', failed);
        resolve(this.address());
      });
    });
  }

  /** From now on, requests go to the app. */
  serve(app: AppHandler) {
    this.app = app;
  }

  /** Stops listening; requests in flight may finish for `drainMs`, idle keep-alive connections close now. */
  close(drainMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      const force = setTimeout(() => {
        for (const s of this.sockets) s.destroy();
      }, drainMs);
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  private address() {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { url: `http://${host}:${address.port}`, port: address.port };
  }

  private route(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(this.policy, req.headers.host)) return misdirected(res, req.headers.host);
    const path = req.url?.split('?')[0];
    const ready = this.app?.ready() ?? false;
    if (path === '/health') return json(res, 200, { status: 'ok', ready, ...this.app?.health() });
    if (path === '/ready') return json(res, ready ? 200 : 503, { ready });
    if (this.app) return this.app.handle(req, res);
    json(res, 503, { errors: [{ message: 'The server is starting; try again in a moment.' }] }, { 'retry-after': '1' });
  }
}

/**
 * Closes connections whose client stopped taking its answer (a response, an SSE or WebSocket stream):
 * bytes wait in the server's buffers and none has left for `timeoutMs`. Such a client would otherwise
 * hold its connection and the server's copy of everything sent to it for as long as it likes.
 */
class StalledWrites {
  private readonly progress = new WeakMap<Socket, { written: string; since: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sockets: Set<Socket>,
    private readonly timeoutMs: number,
  ) {
    this.timer = setInterval(() => this.sweep(), Math.min(5000, Math.max(250, timeoutMs / 4)));
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  private sweep() {
    const now = Date.now();
    let kernelQueues: Map<string, number> | null = null;
    for (const socket of this.sockets) {
      const seen = this.progress.get(socket);
      if (socket.writableLength === 0 || !seen) {
        this.progress.set(socket, { written: '', since: now });
        continue;
      }
      // What the kernel took from Node, and what it still holds for the client: either moving is progress.
      // (The kernel takes more only once its own buffer has drained a good part, seconds apart for a
      // slow reader of a large answer, so its queue is looked at too, where Linux shows it.)
      const accepted = acceptedBytes(socket);
      kernelQueues ??= readKernelSendQueues();
      const taken = `${accepted}/${kernelQueues.get(`${socket.localPort}:${socket.remotePort}`) ?? ''}`;
      if (seen.written !== taken) {
        this.progress.set(socket, { written: taken, since: now });
      } else if (now - seen.since >= this.timeoutMs) {
        socket.resetAndDestroy(); // a reset: the kernel drops what it still held for the client at once
      }
    }
  }
}

/** Linux's send queue (bytes not yet acknowledged by the client) of each TCP connection, by local and remote port. */
function readKernelSendQueues(): Map<string, number> {
  const queues = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, remote, , txRx] = line.trim().split(/\s+/);
      if (!local || !remote || !txRx) continue;
      const port = (address: string) => parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
      queues.set(`${port(local)}:${port(remote)}`, parseInt(txRx.split(':')[0]!, 16));
    }
  }
  return queues;
}

/**
 * Bytes the kernel has taken from the socket: what Node handed to libuv less what libuv still queues.
 * (`bytesWritten` counts a write in full as soon as it starts, so one large answer sent slowly but
 * steadily would look stalled, and new writes to a client that reads nothing would look like progress.)
 */
function acceptedBytes(socket: Socket): number {
  const internals = socket as unknown as { _bytesDispatched?: number; _handle?: { writeQueueSize?: number } | null };
  if (typeof internals._bytesDispatched !== 'number') return socket.bytesWritten - socket.writableLength;
  return internals._bytesDispatched - (internals._handle?.writeQueueSize ?? 0);
}

/** A Host this server does not answer to (DNS rebinding): 421, naming the setting that allows it. */
function misdirected(res: ServerResponse, host: string | undefined) {
  json(res, 421, { errors: [{ message: `This server does not answer to the host ${JSON.stringify(host ?? '')}; add it to ALLOWED_HOSTS to serve it` }] });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
