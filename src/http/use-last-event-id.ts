import type { Plugin } from 'graphql-yoga';

/**
 * An EventSource that reconnects sends the id of the last event it got (its seq, see use-sse-event-ids)
 * as `Last-Event-ID`: an operation that declares `$afterSeq` then resumes after it instead of replaying
 * what the browser already has.
 */
export function useLastEventId(): Plugin {
  return {
    onParams({ params, request, setParams }) {
      const header = request.headers.get('last-event-id');
      if (header === null || !/^\d+$/.test(header.trim()) || !/\$afterSeq\b/.test(params.query ?? '')) return;
      const variables = params.variables ?? {};
      const given = typeof variables.afterSeq === 'number' ? variables.afterSeq : 0;
      setParams({ ...params, variables: { ...variables, afterSeq: Math.max(given, Number(header)) } });
    },
  };
}
