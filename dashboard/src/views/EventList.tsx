import { elapsedMs, formatMs } from '../format';
import type { ProgressEvent, RunDetail } from '../runState';

/** Events with their time since the run was created, in seq order. */
export function EventList({ run, events }: { run: RunDetail; events: ProgressEvent[] }) {
  if (!events.length) return null;
  return (
    <details class="events">
      <summary>{events.length} events</summary>
      <ol data-testid="events">
        {events.map((event) => (
          <li key={event.seq} data-type={event.type}>
            <span class="at">+{formatMs(elapsedMs(run.createdAt, event.timestamp))}</span> <code>{event.type}</code> {event.message}
          </li>
        ))}
      </ol>
    </details>
  );
}
