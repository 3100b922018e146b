import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** How far an investigation is, by the last progress event it had (a repaired script goes through them again). */
const STAGE: Record<string, number> = {
  INVESTIGATION_STARTED: 1,
  CODE_GENERATED: 2,
  EXECUTION_STARTED: 3,
  EXECUTION_FINISHED: 4,
  FALLBACK_USED: 4,
  INVESTIGATION_SUCCEEDED: 5,
  INVESTIGATION_FAILED: 5,
  INVESTIGATION_CANCELLED: 5,
};
const STAGES = 5;
const STATE: Record<string, string> = {
  INVESTIGATION_STARTED: 'started',
  CODE_GENERATED: 'code ready',
  EXECUTION_STARTED: 'running',
  EXECUTION_FINISHED: 'checking',
  FALLBACK_USED: 'fallback',
  INVESTIGATION_SUCCEEDED: 'succeeded',
  INVESTIGATION_FAILED: 'failed',
  INVESTIGATION_CANCELLED: 'cancelled',
};

const padState = (state: string) => state.padEnd(Math.max(...Object.values(STATE).map((s) => s.length)));

export interface ProgressEventLike {
  type: string;
  message: string;
  investigationId?: string | null;
}

/** Shows a run's progress: a bar per investigation on a terminal, else one line per step, on stderr. */
export interface ProgressView {
  event(e: ProgressEventLike): void;
  stop(): void;
}

export function progressView(labels: Array<{ id: string; label: string }>, stream: NodeJS.WriteStream = process.stderr): ProgressView {
  return stream.isTTY ? new Bars(labels, stream) : new Lines(labels, stream);
}

class Bars implements ProgressView {
  private readonly multi: MultiBar;
  private readonly bars = new Map<string, SingleBar>();

  constructor(labels: Array<{ id: string; label: string }>, stream: NodeJS.WriteStream) {
    // The state before the label: a line longer than the terminal is cut at its end.
    this.multi = new MultiBar({ stream, format: ' {bar} {state} {label}', barsize: 20, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
    for (const { id, label } of labels) this.bars.set(id, this.multi.create(STAGES, 0, { label, state: padState('queued') }));
  }

  event(e: ProgressEventLike) {
    const bar = e.investigationId ? this.bars.get(e.investigationId) : undefined;
    if (bar && e.type in STAGE) bar.update(STAGE[e.type]!, { state: padState(STATE[e.type]!) });
  }

  stop() {
    this.multi.stop();
  }
}

class Lines implements ProgressView {
  private readonly labels: Map<string, string>;

  constructor(
    labels: Array<{ id: string; label: string }>,
    private readonly stream: NodeJS.WriteStream,
  ) {
    this.labels = new Map(labels.map((l) => [l.id, l.label]));
  }

  event(e: ProgressEventLike) {
    const label = e.investigationId ? this.labels.get(e.investigationId) : undefined;
    if (label && e.type in STATE) this.stream.write(`${label}: ${STATE[e.type]}\n`);
    else if (e.type === 'RUN_STARTED' || e.type === 'RUN_FINISHED') this.stream.write(`${e.message}\n`);
  }

  stop() {}
}
