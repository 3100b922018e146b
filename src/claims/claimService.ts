import { z } from 'zod';
import type { LlmUsage, StatedClaim } from '../db/schema';
import type { Store } from '../db/store';
import { issueTypeModule } from '../issueTypes/registry';
import { type LlmGateway, LlmUnavailableError } from '../llm/gateway';
import type { Logger } from '../logger';
import { askClaimReading, claimCacheKey, ClaimReadingError, ClaimToolInput, toReading } from './llmClaimReader';
import { readClaim, type ClaimReading, type ReadOptions } from './reader';

/** A hypothesis as its claim is read: what it says and about what. */
export interface ClaimSource {
  type: string;
  description: string;
  affectedColumns: readonly string[];
  claim?: StatedClaim | null;
}

/** What the store keeps for a reading the check refused. */
const REFUSED = z.object({ refused: z.string() });

/** The claim as understood, and by whom. */
export interface UnderstoodClaim {
  reading: ClaimReading;
  /** The model whose reading this is; absent when the rule reader read it. */
  model?: string;
  cached?: boolean;
  /** Why the model's reading is not used, when the model was asked. */
  fallback?: string;
  /** What asking the model cost. */
  usage: LlmUsage | null;
}

/** Reads what a hypothesis claims: by the model when one is configured (CLAIM_READER), else by the rule reader. */
export interface ClaimReader {
  understand(issue: ClaimSource, signal?: AbortSignal): Promise<UnderstoodClaim>;
}

/** How a type's descriptions are read: its columns, and the things it counts itself. */
export function claimReadOptions(type: string, columns: readonly string[]): ReadOptions {
  const verdict = issueTypeModule(type)?.verdict;
  return { type, columns, countsOwn: verdict?.countsOwn, boundsValues: verdict?.boundHoldsWhenAffected, problemWords: verdict?.problemWords };
}

/** The rule reader's reading (src/claims/reader.ts): offline, and the check on the model's. */
export function readByRules(issue: ClaimSource): UnderstoodClaim {
  return { reading: readClaim(issue.description, claimReadOptions(issue.type, issue.affectedColumns)), usage: null };
}

export class RuleClaimReader implements ClaimReader {
  async understand(issue: ClaimSource): Promise<UnderstoodClaim> {
    return readByRules(issue);
  }
}

/**
 * The model reads the description (src/claims/llmClaimReader.ts); a reading that passed validation and the
 * check against the description is stored and reused for the same description, type, columns and model.
 * When the model cannot be asked or its reading fails the check, the rule reader's reading is used and the
 * verdict says why. A claim stated exactly (IssueInput.claim) needs no reading of its figure: no call.
 */
export class LlmClaimReader implements ClaimReader {
  constructor(
    private readonly gateway: LlmGateway,
    private readonly store: Store,
    private readonly settings: { model: string; maxOutputTokens: number },
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  async understand(issue: ClaimSource, signal?: AbortSignal): Promise<UnderstoodClaim> {
    if (issue.claim) return readByRules(issue);
    const { model } = this.settings;
    const request = { type: issue.type, columns: issue.affectedColumns, description: issue.description };
    const key = claimCacheKey(model, request);
    const stored = await this.store.claimReadings.take(key);
    const refused = REFUSED.safeParse(stored);
    if (refused.success) return { ...readByRules(issue), fallback: `${refused.data.refused} (a stored refusal)` };
    const reused = ClaimToolInput.safeParse(stored);
    if (reused.success) return { reading: toReading(reused.data), model, cached: true, usage: null };
    try {
      const { reading, input, usage } = await askClaimReading(this.gateway, this.settings, request, signal);
      await this.store.claimReadings.put({ key, model, reading: input });
      return { reading, model, cached: false, usage };
    } catch (err) {
      if (signal?.aborted || !(err instanceof LlmUnavailableError || err instanceof ClaimReadingError)) throw err;
      this.logger.warn({ model, reason: err.message }, 'the model’s claim reading is not used; the rule reader reads it');
      // A reading refused would be refused again for the same words: stored, so that it costs one call.
      // An API failure may pass: the next investigation asks again.
      if (err instanceof ClaimReadingError) await this.store.claimReadings.put({ key, model, reading: { refused: err.message } });
      return { ...readByRules(issue), fallback: err.message, usage: err instanceof ClaimReadingError ? err.usage : null };
    }
  }
}
