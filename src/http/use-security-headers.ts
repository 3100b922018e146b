import type { Plugin } from 'graphql-yoga';

/**
 * Headers that keep browsers from misusing responses: no MIME sniffing, no framing by other sites
 * (clickjacking GraphiQL), no referrer leaking ids; HTML pages (GraphiQL) also get a content security
 * policy that loads nothing from other origins.
 */
export function useSecurityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      response.headers.set('x-content-type-options', 'nosniff');
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('referrer-policy', 'no-referrer');
      if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
        response.headers.set(
          'content-security-policy',
          "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        );
      }
    },
  };
}
