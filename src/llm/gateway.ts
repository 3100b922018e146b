import type Anthropic from '@anthropic-ai/sdk';
import type { APIError } from '@anthropic-ai/sdk';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Config } from '../config';
import type { LlmUsage } from '../db/schema';
import type { Logger } from '../logger';
import { estimateCostUsd } from './pricing';

/** The API could not be used (down, overloaded, refusing the key, …) after the SDK's own retries. */
export class LlmUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/**
 * The one door to the Anthropic API: the SDK client (its retries cover 429 and 5xx), a concurrency limit
 * of its own (LLM_CONCURRENCY, apart from sandbox slots), and errors turned into messages a user can
 * read — the API's own message (`apiMessage`), never the raw body, and never the key.
 */
export class LlmGateway {
  readonly client: Anthropic;
  private readonly limit: LimitFunction;

  /** The SDK is loaded only when a key is configured: loading it costs about 0.2 s of every server start. */
  static async create(config: Config['anthropic'] & { apiKey: string }, logger: Logger): Promise<LlmGateway> {
    return new LlmGateway(await import('@anthropic-ai/sdk'), config, logger);
  }

  private constructor(
    readonly sdk: typeof import('@anthropic-ai/sdk'),
    config: Config['anthropic'] & { apiKey: string },
    private readonly logger: Logger,
  ) {
    this.client = new sdk.default({
      apiKey: config.apiKey,
      baseURL: config.baseUrl ?? null,
      maxRetries: config.maxRetries,
      timeout: config.timeoutMs,
      logLevel: 'off',
    });
    this.limit = pLimit(config.concurrency);
  }

  /** Runs one API call within the concurrency limit; API failures become LlmUnavailableError. */
  async call<T>(what: string, work: (client: Anthropic) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.limit(async () => {
      signal?.throwIfAborted();
      try {
        return await work(this.client);
      } catch (err) {
        if (err instanceof this.sdk.APIUserAbortError || signal?.aborted) throw err;
        if (err instanceof this.sdk.APIError) {
          const message = describeApiError(what, err, err instanceof this.sdk.APIConnectionError);
          this.logger.warn({ status: err.status ?? null, requestId: err.requestID ?? null, what }, message);
          throw new LlmUnavailableError(message, err.status ?? null);
        }
        throw err;
      }
    });
  }
}

function describeApiError(what: string, err: APIError, connection: boolean): string {
  if (connection) return `The Anthropic API could not be reached for ${what}: ${err.message}`;
  const detail = err.apiMessage ?? err.type ?? 'no message';
  return `The Anthropic API refused ${what} (${err.status}${err.type ? ` ${err.type}` : ''}): ${detail}`;
}

/** Usage of one response, with its estimated cost. */
export function usageOf(model: string, usage: { input_tokens: number; output_tokens: number } | null | undefined): LlmUsage {
  const inputTokens = usage?.input_tokens ?? 0;
  const outputTokens = usage?.output_tokens ?? 0;
  return { model, calls: 1, inputTokens, outputTokens, estimatedCostUsd: estimateCostUsd(model, inputTokens, outputTokens) };
}

export function addUsage(a: LlmUsage | null, b: LlmUsage | null): LlmUsage | null {
  if (!a) return b;
  if (!b) return a;
  return {
    model: [...new Set([...a.model.split(', '), ...b.model.split(', ')])].join(', '),
    calls: a.calls + b.calls,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    estimatedCostUsd: a.estimatedCostUsd + b.estimatedCostUsd,
  };
}
