import { pino, type DestinationStream, type Logger } from 'pino';
import { PiiRedactor } from './pipeline/redact';

export type { Logger };

/**
 * Structured JSON logs on stdout. Secrets are redacted wherever they might be logged by mistake; with
 * redactPii, so is personal data in any logged string (an example value in an error, say).
 */
export function createLogger(level: string, redactPii = true, destination?: DestinationStream): Logger {
  const pii = new PiiRedactor(redactPii);
  return pino({
    level,
    ...(redactPii
      ? {
          hooks: {
            logMethod(args: unknown[], method: (...a: unknown[]) => void) {
              method.apply(this, args.map((a) => (typeof a === 'string' ? pii.text(a) : a)));
            },
          },
          formatters: { log: (object: Record<string, unknown>) => pii.json(serializeErrors(object)).value },
        }
      : {}),
    base: { service: 'iterate-investigator' },
    redact: {
      paths: [
        'apiKey',
        '*.apiKey',
        'authorization',
        'headers.authorization',
        '*.headers.authorization',
        'headers["x-api-key"]',
        '*.headers["x-api-key"]',
      ],
      censor: '[redacted]',
    },
  }, destination);
}

/** Errors as pino would serialize them, so that their message and stack can be redacted too. */
function serializeErrors(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) out[k] = v instanceof Error ? pino.stdSerializers.err(v) : v;
  return out;
}
