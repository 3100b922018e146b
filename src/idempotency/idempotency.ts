import { createHash } from 'node:crypto';
import type { Store } from '../db/store';
import type { IdempotencyScope } from '../db/stores/idempotencyStore';
import { InputError } from '../errors';

const MAX_KEY_CHARS = 200;
/** How long a key is remembered: a client retries within minutes, not weeks. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3600_000;

export class ConflictError extends InputError {
  override readonly code = 'CONFLICT';
}

/**
 * Requests that carry an idempotency key (uploads, investigateIssues): the first creates its record, a
 * retry with the same key and the same request gets that record back, never a second one. A different
 * request under a used key, or a retry while the first is still being served, is refused.
 */
export class Idempotency {
  constructor(private readonly store: Store) {}

  /** Forgets old keys, and the claims of requests a previous process was serving when it stopped. */
  prune(now = new Date()): Promise<void> {
    return this.store.idempotency.prune(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
  }

  async once<T extends { id: string }>(
    scope: IdempotencyScope,
    fingerprint: string,
    create: () => Promise<T> | T,
    find: (id: string) => Promise<T | undefined>,
  ): Promise<T> {
    checkKey(scope.key);
    if (await this.store.idempotency.claim(scope, fingerprint)) {
      try {
        const created = await create();
        await this.store.idempotency.complete(scope, created.id);
        return created;
      } catch (err) {
        await this.store.idempotency.release(scope);
        throw err;
      }
    }
    const record = (await this.store.idempotency.record(scope))!;
    const quoted = JSON.stringify(scope.key);
    if (record.fingerprint !== fingerprint) {
      throw new InputError(`idempotencyKey ${quoted} was already used for a different ${scope.operation} request; use a new key for a new request`, {
        field: 'idempotencyKey',
      });
    }
    const found = record.resultId ? await find(record.resultId) : undefined;
    if (!found) throw new ConflictError(`The first ${scope.operation} request with idempotencyKey ${quoted} is still being served; retry once it has answered`, { field: 'idempotencyKey' });
    return found;
  }
}

function checkKey(key: string) {
  if (!key || key.length > MAX_KEY_CHARS) throw new InputError(`idempotencyKey must have 1 to ${MAX_KEY_CHARS} characters`, { field: 'idempotencyKey' });
}

/** A hash of a JSON value that does not depend on the order of its keys. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
