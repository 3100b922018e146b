import type { CORSOptions } from '@whatwg-node/server';

/**
 * Which browsers' requests the server serves: Host headers it answers to (a page on another name that
 * resolves to this machine, DNS rebinding, is refused) and origins whose pages may call it (CORS and
 * WebSocket upgrades). Requests without an Origin (curl, SDKs, graphql-ws in Node) are not from a page.
 */
export interface BrowserPolicy {
  /** Host names (no port); `*` serves any, `*.example.com` its subdomains. */
  allowedHosts: string[];
  /** Origins (`https://app.example.com`) besides the server's own. */
  corsOrigins: string[];
}

/** The host name of a Host header, without its port (IPv6 literals keep their brackets). */
function hostName(host: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return name.toLowerCase();
}

export function hostAllowed(policy: BrowserPolicy, host: string | null | undefined): boolean {
  if (!host) return false;
  const name = hostName(host);
  return policy.allowedHosts.some((allowed) => allowed === '*' || allowed === name || (allowed.startsWith('*.') && name.endsWith(allowed.slice(1))));
}

/** A page's origin may call the API: one listed in CORS_ORIGINS, or the server's own (GraphiQL). */
export function originAllowed(policy: BrowserPolicy, origin: string, host: string | null | undefined): boolean {
  if (policy.corsOrigins.includes(origin)) return true;
  try {
    return host != null && new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Yoga's CORS options for a request: headers only for allowed origins, credentials included. */
export function corsFor(policy: BrowserPolicy) {
  return (request: Request): CORSOptions => {
    const origin = request.headers.get('origin');
    if (!origin || !originAllowed(policy, origin, request.headers.get('host'))) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'x-graphql-yoga-csrf', 'graphql-require-preflight', 'last-event-id'],
      maxAge: 600,
    };
  };
}
