import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressView } from '../src/cli/iterate/progress';

/** A terminal as cli-progress sees one: a TTY of 100 columns that keeps what is written. */
function terminal() {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text(): string };
  Object.assign(stream, { isTTY: true, columns: 100, rows: 40, cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true });
  stream.text = () => written.join('').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return stream;
}

const LABELS = [
  { id: 'a', label: '#1 missing_values (amount)' },
  { id: 'b', label: '#2 duplicates (order_id)' },
  { id: 'c', label: '#3 outliers (amount)' },
];

describe('the CLI’s progress', () => {
  it('draws a bar per investigation on a terminal, each ending in its final state, cancelled included', () => {
    const tty = terminal();
    const view = progressView(LABELS, tty);
    for (const [investigationId, type] of [
      ['a', 'INVESTIGATION_STARTED'],
      ['b', 'INVESTIGATION_STARTED'],
      ['a', 'EXECUTION_STARTED'],
      ['a', 'INVESTIGATION_SUCCEEDED'],
      ['b', 'FALLBACK_USED'],
      ['b', 'INVESTIGATION_FAILED'],
      ['c', 'INVESTIGATION_CANCELLED'],
    ] as const)
      view.event({ type, message: '', investigationId });
    view.stop();
    const lastLines = tty.text().trimEnd().split('\n').slice(-3);
    expect(lastLines.map((l) => l.replace(/^\s*\S+\s+/, '').trim().replace(/\s+/g, ' '))).toEqual(['succeeded #1 missing_values (amount)', 'failed #2 duplicates (order_id)', 'cancelled #3 outliers (amount)']);
    // A full bar for each: the stages are all passed when an investigation ends, however it ends.
    for (const line of lastLines) expect(line.trim().split(/\s+/)[0]).toBe('█'.repeat(20));
  });

  it('writes a line per step when not on a terminal, and the run’s own messages', () => {
    const written: string[] = [];
    const plain = new Writable({ write: (chunk, _e, done) => (written.push(String(chunk)), done()) }) as unknown as NodeJS.WriteStream;
    const view = progressView(LABELS, plain);
    view.event({ type: 'RUN_STARTED', message: 'Run started: 3 investigations', investigationId: null });
    view.event({ type: 'INVESTIGATION_CANCELLED', message: '', investigationId: 'c' });
    view.event({ type: 'LOG', message: 'a sample of 40 rows', investigationId: 'a' });
    expect(written.join('')).toBe('Run started: 3 investigations\n#3 outliers (amount): cancelled\n');
  });
});
