import { ROLES, type Role } from '../db/schema';

export { ROLES, type Role };

/** Who sends a request: the tenant whose records it sees and the role that says what it may do there. */
export interface Principal {
  tenantId: string;
  role: Role;
  /** How it proved who it is: an API token, a JWT of the identity provider, or nothing (AUTH=off). */
  method: 'TOKEN' | 'JWT' | 'NONE';
  /** The API token's id, for TOKEN. */
  tokenId?: string;
  /** The JWT's `sub`, for JWT. */
  subject?: string;
}

export const DEFAULT_TENANT = 'default';

/** Tenant ids: what API tokens are created for and JWTs carry. Lower case, so `Acme` and `acme` are not two tenants. */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export function isTenantId(value: string): boolean {
  return TENANT_ID_PATTERN.test(value);
}

/** Whether `role` includes what `needed` may do (ADMIN ⊃ MEMBER ⊃ READER). */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The principal of every request when AUTH=off: the default tenant's administrator. */
export const ANONYMOUS_ADMIN: Principal = { tenantId: DEFAULT_TENANT, role: 'ADMIN', method: 'NONE' };
