import type { CpuPool } from '../workers/pool';
import { detectionWork } from './detectionWork';
import { profileAndPropose } from './propose';
import type { DatasetService } from '../datasets/datasetService';
import type { DismissalService } from './dismissals';
import { errorMessage } from '../errors';
import type { LlmGateway } from '../llm/gateway';
import type { Logger } from '../logger';
import type { PiiRedactor } from '../pipeline/redact';
import type { DatasetRow } from '../db/schema';
import { type DetectLlmSettings, llmHypotheses } from './llmHypotheses';
import type { DatasetProfile } from './profiler';
import type { DetectedIssue } from './rules';

const CACHE_SIZE = 8;

interface Profiled {
  profile: DatasetProfile;
  issues: DetectedIssue[];
}

/**
 * detectIssues: the analysis agent. Profiles the dataset in one streaming pass, turns the profile into
 * hypotheses of the core types (and plainly evidenced extended ones) measured on the whole dataset, then,
 * with an LLM configured, asks Claude for hypotheses of other types. A dataset never changes, so the
 * profile's part is kept for the last few datasets; the LLM is asked on every call. An LLM failure never
 * fails the call: the profile's hypotheses are returned and a warning is logged.
 *
 * Example values in the hypotheses' descriptions and evidence are redacted as REDACT_PII says (`redactor`);
 * what goes to Claude (example values, and the descriptions of the hypotheses already made) is always
 * redacted.
 */
export class DetectionService {
  private readonly cache = new Map<string, Promise<Profiled>>();

  constructor(
    private readonly datasets: DatasetService,
    private readonly dismissals: DismissalService,
    private readonly gateway: LlmGateway | null,
    private readonly settings: DetectLlmSettings,
    private readonly logger: Logger,
    private readonly redactor: PiiRedactor,
    /** Profiling and measuring are spread over its worker threads when given one. */
    private readonly pool?: CpuPool,
  ) {}

  get llmEnabled(): boolean {
    return this.gateway !== null && this.settings.maxHypotheses > 0;
  }

  /** The hypotheses, without those dismissed for the dataset ("not an issue") unless `includeDismissed`. */
  async detect(tenantId: string, datasetId: string, options: { signal?: AbortSignal; includeDismissed?: boolean } = {}): Promise<DetectedIssue[]> {
    const issues = await this.proposed(tenantId, datasetId, options.signal ?? new AbortController().signal);
    return options.includeDismissed ? issues : this.dismissals.without(datasetId, issues);
  }

  private async proposed(tenantId: string, datasetId: string, signal: AbortSignal): Promise<DetectedIssue[]> {
    const dataset = await this.datasets.get(datasetId, tenantId);
    const started = performance.now();
    const { profile, issues } = await this.profiled(dataset, signal);
    if (!this.gateway || !this.llmEnabled) return issues;
    try {
      const llm = await llmHypotheses(this.gateway, this.settings, profile, issues, signal);
      this.logger.info(
        { datasetId, profileHypotheses: issues.length, llmHypotheses: llm.issues.length, dropped: llm.dropped, redactions: llm.redactions, usage: llm.usage, ms: Math.round(performance.now() - started) },
        'hypotheses detected',
      );
      return [...issues, ...llm.issues];
    } catch (err) {
      if (signal.aborted) throw err;
      this.logger.warn({ datasetId, err: errorMessage(err) }, "the LLM could not propose hypotheses; returning the profile's alone");
      return issues;
    }
  }

  private profiled(row: DatasetRow, signal: AbortSignal): Promise<Profiled> {
    let entry = this.cache.get(row.id);
    if (!entry) {
      entry = (async () => {
        const files = await this.datasets.open(row);
        const dataset = files.dataset;
        try {
          const started = performance.now();
          const work = detectionWork(this.pool, dataset);
          const { profile, issues } = await profileAndPropose(dataset, signal, this.redactor, work);
          this.logger.debug({ datasetId: dataset.id, hypotheses: issues.length, where: work.where, ms: Math.round(performance.now() - started) }, 'dataset profiled');
          return { profile, issues };
        } finally {
          files.release();
        }
      })();
      entry.catch(() => this.cache.delete(row.id));
      this.cache.set(row.id, entry);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return entry;
  }
}
