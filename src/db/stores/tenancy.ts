import { eq } from 'drizzle-orm';
import type { AnyColumn } from 'drizzle-orm';

/**
 * Whose records a read may return: one tenant's (every read a client causes) or, as `ALL_TENANTS`, every
 * tenant's (the service's own work: running an investigation, recovery at start). Store functions take it
 * explicitly, so that no client-facing read can forget it.
 */
export type TenantScope = string | typeof ALL_TENANTS;
export const ALL_TENANTS = null;

export function inTenant(column: AnyColumn, scope: TenantScope) {
  return scope === ALL_TENANTS ? undefined : eq(column, scope);
}
