import type { DetectionService } from './analysis/detectionService';
import type { DismissalService } from './analysis/dismissals';
import type { ApiTokenService } from './auth/apiTokens';
import type { Idempotency } from './idempotency/idempotency';
import type { Store } from './db/store';
import type { DatasetService } from './datasets/datasetService';
import type { RunJournal } from './runs/journal';
import type { ProgressStreams } from './runs/progressStream';
import type { RunService } from './runs/runService';

/** The long-lived services resolvers call; built once by buildApp. */
export interface Services {
  store: Store;
  datasets: DatasetService;
  runs: RunService;
  journal: RunJournal;
  progress: ProgressStreams;
  /** detectIssues: the analysis agent. */
  detection: DetectionService;
  /** "Not an issue" per dataset, respected by detectIssues. */
  dismissals: DismissalService;
  /** API tokens: verified on requests, managed by administrators. */
  tokens: ApiTokenService;
  /** Idempotency keys of uploads and investigateIssues. */
  idempotency: Idempotency;
}
