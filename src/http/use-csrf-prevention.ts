import { useCSRFPrevention as yogaCsrfPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';

/** Headers a page cannot send without a CORS preflight; any one of them lets a form-like request through. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];

/**
 * Yoga's CSRF prevention for requests that can change state: a POST whose content type a plain HTML form
 * can send (urlencoded, multipart, text/plain) must carry one of CSRF_HEADERS, so a foreign page can no
 * longer run mutations (uploads, reruns) in a user's browser. GET never runs mutations (yoga refuses them)
 * and stays open, so that EventSource can follow a run.
 */
export function useCsrfPrevention(): Plugin {
  const inner = yogaCsrfPrevention({ requestHeaders: CSRF_HEADERS });
  return {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      return inner.onRequestParse!(payload);
    },
  };
}
