/**
 * List prices in USD per million tokens (input, output), for the cost estimate stored with each
 * investigation. Models not listed are estimated at the Sonnet price. Haiku 5.5 costs five times as much
 * for a prompt above 100k tokens.
 */
const PRICES: Record<string, { input: number; output: number; longPrompt?: { above: number; input: number; output: number } }> = {
  'claude-haiku-5-5': { input: 0.1, output: 0.5, longPrompt: { above: 100_000, input: 0.5, output: 2.5 } },
  'claude-sonnet-5-5': { input: 2, output: 10 },
  'claude-opus-5-5': { input: 4, output: 20 },
  'claude-sonnet-5': { input: 3, output: 15 },
  'claude-opus-5': { input: 5, output: 25 },
  'claude-haiku-4-5': { input: 1, output: 5 },
};
const DEFAULT_PRICE = PRICES['claude-sonnet-5-5']!;

export function estimateCostUsd(model: string, inputTokens: number, outputTokens: number): number {
  const base = PRICES[model] ?? PRICES[model.replace(/-\d{8}$/, '')] ?? DEFAULT_PRICE;
  const price = base.longPrompt && inputTokens > base.longPrompt.above ? base.longPrompt : base;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
