import type { InvestigationRow } from '../../db/schema';
import type { InvestigationJob } from '../executor';

/** Executes a job; the in-process queue also hands over the investigation's row as queued. */
export type JobHandler = (job: InvestigationJob, signal?: AbortSignal, queued?: InvestigationRow) => Promise<void>;

/**
 * How investigations the run's window queued reach an executor: in this process, or through a queue every
 * worker of a deployment takes from. Chosen once at start (src/platform.ts); nothing above names one.
 */
export interface RunQueue {
  /** True when jobs are written by the journal's own transaction (so a crash cannot lose one). */
  readonly transactional: boolean;
  /** After a journal entry committed, what its window queued (the in-process queue executes them now). */
  committed(queued: InvestigationRow[]): void;
  /** This process executes jobs from now on, at most `slots` at once. */
  consume(handler: JobHandler, slots: number): Promise<void>;
  /** Takes no new job from now on (the first step of a stop); the running ones go on. */
  pause(): Promise<void>;
  /** Stops taking jobs and waits (at most `graceMs`) for the ones running; then closes. */
  close(graceMs: number): Promise<void>;
}
