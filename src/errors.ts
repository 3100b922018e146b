import { randomBytes } from 'node:crypto';

/**
 * Expected failures: bad input or a missing record. The GraphQL layer shows their message and code to
 * the client; anything else is an unexpected error and stays masked.
 */
export class InputError extends Error {
  readonly code: string = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export class NotFoundError extends InputError {
  override readonly code = 'NOT_FOUND';
  constructor(kind: string, id: string) {
    super(`${kind} ${JSON.stringify(id)} does not exist`, { kind, id });
    this.name = 'NotFoundError';
  }
}

/** The principal is known but its role does not allow the operation. */
export class ForbiddenError extends InputError {
  override readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A tenant's quota (datasets, storage, request rate) does not allow the request. */
export class QuotaError extends InputError {
  override readonly code = 'QUOTA_EXCEEDED';
}

/** The server could not store something (its disk full, its database not writable); what was stored is intact. */
export class StorageError extends InputError {
  override readonly code = 'STORAGE_FAILED';
}

/** Whether an error is the file system saying there is no room left. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

export const DISK_FULL_MESSAGE = "The server's disk is full: the file could not be stored, and nothing of it was kept. Retry once space has been freed";

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A fault of the service itself, as clients see it: no internal text (paths, library messages), only a
 * reference that the log line with the details carries.
 */
export function internalError(log: (ref: string) => void): { ref: string; message: string } {
  const ref = randomBytes(4).toString('hex');
  log(ref);
  return { ref, message: `Internal error (ref ${ref}); the server log has the details` };
}
