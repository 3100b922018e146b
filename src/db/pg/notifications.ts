import type { ProgressEventRow } from '../schema';

/** The channel a journal entry announces its events on, inside its transaction (so in commit order). */
export const EVENTS_CHANNEL = 'investigator_events';

/** The channel of messages between processes about runs (a cancel). */
export const CONTROL_CHANNEL = 'investigator_control';

/** NOTIFY refuses payloads of 8000 bytes or more; a bigger event is announced by its seq alone. */
const MAX_PAYLOAD_BYTES = 7900;

export type EventNotice = { event: ProgressEventRow } | { runId: string; seq: number; big: true };

export function encodeEventNotice(event: ProgressEventRow): string {
  const whole = JSON.stringify(event);
  return Buffer.byteLength(whole) <= MAX_PAYLOAD_BYTES ? whole : JSON.stringify({ runId: event.runId, seq: event.seq, big: true });
}

/** The notice a payload carries; null for a payload this version does not understand. */
export function decodeEventNotice(payload: string | undefined): EventNotice | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (typeof value.runId !== 'string' || typeof value.seq !== 'number') return null;
    if (value.big === true) return { runId: value.runId, seq: value.seq, big: true };
    return { event: { ...(value as unknown as ProgressEventRow), timestamp: new Date(value.timestamp as string) } };
  } catch {
    return null;
  }
}
