import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type { LlmUsage } from '../../db/schema';
import type { Store } from '../../db/store';
import { type LlmGateway, usageOf } from '../../llm/gateway';
import { redactText, totalRedactions } from '../redact';
import { CHARS_PER_TOKEN } from '../sampling';
import type { CodeGenerator, CodeRequest, GeneratedCode, RepairRequest, Sample } from '../types';
import { PROMPT_VERSION, SYSTEM_PROMPT, codePrompt, extractCode, repairPrompt, typeSpecification } from './prompt';

export interface LlmSettings {
  model: string;
  maxOutputTokens: number;
  /** Sent only when configured: newer models refuse any non-default sampling parameter. */
  temperature?: number;
  maxPromptTokens: number;
}

/** The model answered, but with nothing that can run (the tokens it spent are still counted). */
export class CodeGenerationError extends Error {
  constructor(
    message: string,
    readonly usage: LlmUsage | null = null,
  ) {
    super(message);
  }
}

interface Conversation {
  model: string;
  cacheKey: string;
  messages: Anthropic.MessageParam[];
}

const MAX_SHRINKS = 6;

/**
 * Code written by Claude. The prompt carries the rules, the hypothesis, the column profile and a redacted
 * sample, shrunk until the whole prompt fits MAX_PROMPT_TOKENS as the model's tokenizer counts it. Code
 * that produced a valid result is cached under (prompt version, model, issue, schema, sample): the same
 * request reuses it without a call unless `fresh`. A failed script is repaired in the same conversation.
 */
export class LlmCodeGenerator implements CodeGenerator {
  readonly method = 'LLM' as const;

  constructor(
    private readonly gateway: LlmGateway,
    private readonly store: Store,
    private readonly settings: LlmSettings,
  ) {}

  supports(): boolean {
    return true;
  }

  async generate(request: CodeRequest): Promise<GeneratedCode> {
    const model = request.model ?? this.settings.model;
    // The key is the request as drawn (before any shrinking), so that a hit needs no API call at all.
    const cacheKey = codeCacheKey(model, request);
    const cached = request.fresh ? null : await this.store.codeCache.take(cacheKey);
    if (cached) {
      const redacted = redactText(request.sample.csv);
      const prompt = codePrompt({ issue: request.issue, dataset: request.dataset, sampleCsv: redacted.text, sampleRows: request.sample.rows });
      const conversation: Conversation = {
        model,
        cacheKey,
        messages: [{ role: 'user', content: prompt }, { role: 'assistant', content: fence(cached) }],
      };
      const sample = { rows: request.sample.rows, estimatedTokens: request.sample.estimatedTokens, redactions: totalRedactions(redacted.counts) };
      return { code: cached, method: 'LLM', cached: true, usage: null, sample, conversation };
    }
    const { prompt, sample, promptTokens, redactions } = await this.fitPrompt(request, model);
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt }];
    const sampleInfo = { rows: sample.rows, estimatedTokens: sample.estimatedTokens, promptTokens, redactions };
    const answer = await this.ask(model, messages, request.signal);
    const conversation: Conversation = { model, cacheKey, messages: [...messages, { role: 'assistant', content: answer.text }] };
    return { code: answer.code, method: 'LLM', cached: false, usage: answer.usage, sample: sampleInfo, conversation };
  }

  async repair(request: RepairRequest): Promise<GeneratedCode> {
    const previous = request.previous.conversation as Conversation | undefined;
    if (!previous) return this.generate(request);
    const messages: Anthropic.MessageParam[] = [...previous.messages, { role: 'user', content: repairPrompt(request.error) }];
    const answer = await this.ask(previous.model, messages, request.signal);
    const conversation: Conversation = { ...previous, messages: [...messages, { role: 'assistant', content: answer.text }] };
    return { code: answer.code, method: 'LLM', cached: false, usage: answer.usage, sample: request.previous.sample, conversation };
  }

  async succeeded(request: CodeRequest, generated: GeneratedCode): Promise<void> {
    const conversation = generated.conversation as Conversation | undefined;
    if (generated.method !== 'LLM' || generated.cached || !conversation) return;
    await this.store.codeCache.put({ key: conversation.cacheKey, model: conversation.model, issueType: request.issue.type, code: generated.code });
  }

  /** The first prompt, with the sample shrunk until the counted prompt fits the budget. */
  private async fitPrompt(request: CodeRequest, model: string) {
    let sample = request.sample;
    for (let round = 0; ; round++) {
      const redacted = redactText(sample.csv);
      const prompt = codePrompt({ issue: request.issue, dataset: request.dataset, sampleCsv: redacted.text, sampleRows: sample.rows });
      const { input_tokens: promptTokens } = await this.gateway.call(
        'token counting',
        (client) => client.messages.countTokens({ model, system: SYSTEM_PROMPT, messages: [{ role: 'user', content: prompt }] }, { signal: request.signal }),
        request.signal,
      );
      const fits = promptTokens <= this.settings.maxPromptTokens;
      if (fits) return { prompt, sample, promptTokens, redactions: totalRedactions(redacted.counts) };
      const smaller = request.resample && round < MAX_SHRINKS ? await request.resample(this.smallerBudget(sample, prompt, promptTokens)) : null;
      if (!smaller || smaller.csv.length >= sample.csv.length) {
        throw new CodeGenerationError(
          `The prompt takes ${promptTokens} tokens, more than MAX_PROMPT_TOKENS (${this.settings.maxPromptTokens}), even with a sample of ${sample.rows} rows`,
        );
      }
      sample = smaller;
    }
  }

  /** A sample budget (in estimated tokens) that should bring the prompt under the limit, with margin. */
  private smallerBudget(sample: Sample, prompt: string, promptTokens: number): number {
    const estimated = (prompt.length + SYSTEM_PROMPT.length) / CHARS_PER_TOKEN;
    const realPerEstimated = promptTokens / estimated;
    const overhead = estimated - sample.csv.length / CHARS_PER_TOKEN;
    const target = (this.settings.maxPromptTokens * 0.95) / realPerEstimated - overhead;
    return Math.max(1, Math.floor(Math.min(target, sample.estimatedTokens * 0.8)));
  }

  private async ask(model: string, messages: Anthropic.MessageParam[], signal: AbortSignal) {
    const response = await this.gateway.call(
      'code generation',
      (client) =>
        client.messages.create(
          {
            model,
            max_tokens: this.settings.maxOutputTokens,
            system: SYSTEM_PROMPT,
            messages,
            ...(this.settings.temperature === undefined ? {} : { temperature: this.settings.temperature }),
          },
          { signal },
        ),
      signal,
    );
    const usage = usageOf(model, response.usage);
    if (response.stop_reason === 'refusal') throw new CodeGenerationError('The model declined to write code for this hypothesis', usage);
    const text = response.content
      .filter((b): b is Anthropic.TextBlock => b.type === 'text')
      .map((b) => b.text)
      .join('\n');
    const code = extractCode(text);
    if (!code.trim()) throw new CodeGenerationError(`The model returned no code (stop reason: ${response.stop_reason})`, usage);
    return { text, code, usage };
  }
}

function fence(code: string): string {
  return `\`\`\`python\n${code.trimEnd()}\n\`\`\``;
}

/** What makes two code requests the same: the prompt's wording and rules, model, issue (and what it follows up), schema and sample. */
function codeCacheKey(model: string, request: CodeRequest): string {
  const { issue, dataset, sample } = request;
  const schema = dataset.columns.map((c) => [c.name, c.dtype]);
  const rules = [PROMPT_VERSION, SYSTEM_PROMPT, typeSpecification(issue.type)];
  return createHash('sha256')
    .update(JSON.stringify([rules, model, issue.type, issue.description, issue.affectedColumns, issue.options ?? {}, schema, sample.csv, issue.previous ?? null]))
    .digest('hex');
}

