import { setMaxListeners } from 'node:events';
import type { DatasetRow } from '../db/schema';
import type { TenantSlots } from './tenantSlots';

/** What this process holds of a run it works on: how to stop it here, and what of it is still running here. */
export interface RunControl {
  readonly runId: string;
  readonly tenantId: string;
  readonly abort: AbortController;
  /** Why it was stopped here; INTERRUPTED when the server stops (its running investigations then end FAILED). */
  stoppedFor: 'CANCELLED' | 'INTERRUPTED' | null;
  /** A tenant slot taken for the run's first investigation while the run waited (QUEUED), not yet used. */
  heldSlot: boolean;
  /** The run's dataset, once read here. */
  dataset?: DatasetRow;
  /** The first error that stopped the run from being recorded here. */
  broken: unknown;
  /** Investigations executing here. */
  readonly tasks: Set<Promise<void>>;
  /** Resolves once nothing of the run runs here any more. */
  readonly idle: Promise<void>;
}

/** The runs this process works on, by id. */
export class RunControls {
  private readonly controls = new Map<string, RunControl & { settle: () => void }>();

  constructor(private readonly tenantSlots: TenantSlots) {}

  open(runId: string, tenantId: string): RunControl {
    let control = this.controls.get(runId);
    if (control) return control;
    let settle = () => {};
    const idle = new Promise<void>((resolve) => (settle = resolve));
    const abort = new AbortController();
    setMaxListeners(0, abort.signal); // one listener per running investigation
    control = { runId, tenantId, abort, stoppedFor: null, heldSlot: false, broken: null, tasks: new Set(), idle, settle };
    this.controls.set(runId, control);
    return control;
  }

  get(runId: string): RunControl | undefined {
    return this.controls.get(runId);
  }

  all(): RunControl[] {
    return [...this.controls.values()];
  }

  /** Stops what of the run runs here. */
  stop(runId: string, why: 'CANCELLED' | 'INTERRUPTED') {
    const control = this.controls.get(runId);
    if (!control) return;
    control.stoppedFor ??= why;
    control.abort.abort();
  }

  /** Takes the slot held for the run's first investigation, if there is one. */
  takeHeldSlot(control: RunControl): boolean {
    const held = control.heldSlot;
    control.heldSlot = false;
    return held;
  }

  /** Forgets the run here once nothing of it runs here; a slot still held goes back to its tenant. */
  closeIfIdle(runId: string) {
    const control = this.controls.get(runId);
    if (!control || control.tasks.size) return;
    if (this.takeHeldSlot(control)) this.tenantSlots.release(control.tenantId);
    this.controls.delete(runId);
    control.settle();
  }
}
