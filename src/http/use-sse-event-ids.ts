import type { Plugin } from 'graphql-yoga';

type FetchAPI = Parameters<NonNullable<Plugin['onResponse']>>[0]['fetchAPI'];

/**
 * Gives each `next` event of a GraphQL-over-SSE stream whose value has a `seq` (investigationProgress)
 * that seq as its SSE `id:`, so that a browser's EventSource reconnects with `Last-Event-ID`. Neither
 * SSE transport (Yoga's distinct connections, graphql-sse's handler) writes ids, nor has a hook that
 * could, so the stream's frames are rewritten on their way out.
 */
export function useSseEventIds(): Plugin {
  return {
    onResponse({ response, setResponse, fetchAPI }) {
      if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
      const { status, statusText, headers } = response;
      setResponse(new fetchAPI.Response(response.body.pipeThrough(withEventIds(fetchAPI)), { status, statusText, headers }));
    },
  };
}

/** Passes complete frames (`…\n\n`) on at once, each `next` event with the id of its value's seq. */
function withEventIds({ TransformStream, TextDecoder, TextEncoder }: FetchAPI) {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      const end = pending.lastIndexOf('\n\n') + 2;
      if (end < 2) return;
      const frames = pending.slice(0, end).split(/(?<=\n\n)/);
      pending = pending.slice(end);
      controller.enqueue(encoder.encode(frames.map(withId).join('')));
    },
    flush(controller) {
      if (pending) controller.enqueue(encoder.encode(pending));
    },
  });
}

function withId(frame: string): string {
  if (!frame.startsWith('event: next\n')) return frame;
  const data = /^data: ?(.*)$/m.exec(frame)?.[1];
  const seq = data?.includes('"seq":') ? seqOf(JSON.parse(data)) : undefined;
  return seq === undefined ? frame : `id: ${seq}\n${frame}`;
}

/** The seq of the one root field's value; in single-connection mode the result is the message's payload. */
function seqOf(message: { payload?: unknown; data?: unknown }): number | undefined {
  const result = (message.payload ?? message) as { data?: Record<string, { seq?: unknown } | null> | null };
  const values = Object.values(result.data ?? {});
  const seq = values.length === 1 ? values[0]?.seq : undefined;
  return Number.isInteger(seq) ? (seq as number) : undefined;
}
