import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiTokenRow } from '../db/schema';
import type { Store } from '../db/store';
import { InputError, NotFoundError } from '../errors';
import { newId } from '../util/ids';
import { isTenantId, TENANT_ID_PATTERN, type Principal, type Role } from './principal';

/**
 * A token is `iit_<ULID>_<secret>`: the ULID finds its row (`tok_<ULID>`), the secret (32 random bytes,
 * base64url) is compared with the SHA-256 stored there. The prefix lets secret scanners recognise it.
 */
const TOKEN_PATTERN = /^iit_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;
const MAX_NAME_CHARS = 200;
/** lastUsedAt is written at most this often per token, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface NewApiToken {
  tenantId: string;
  name: string;
  role: Role;
  expiresAt?: Date | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function looksLikeApiToken(credential: string): boolean {
  return credential.startsWith('iit_');
}

/** API tokens: created and revoked by administrators, verified on every request that sends one. */
export class ApiTokenService {
  constructor(private readonly store: Store) {}

  /** Stores a new token and returns it with its secret, which is never shown again. */
  async create(input: NewApiToken): Promise<{ token: ApiTokenRow; secret: string }> {
    const tenantId = input.tenantId.trim();
    if (!isTenantId(tenantId)) {
      throw new InputError(`tenant must match ${TENANT_ID_PATTERN} (lower-case letters, digits, '.', '_', '-'); got ${JSON.stringify(input.tenantId)}`, { field: 'tenant' });
    }
    const name = input.name.trim();
    if (!name || name.length > MAX_NAME_CHARS) throw new InputError(`name must have 1 to ${MAX_NAME_CHARS} characters`, { field: 'name' });
    const now = new Date();
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
      throw new InputError(`expiresAt must be in the future; got ${input.expiresAt.toISOString()}`, { field: 'expiresAt' });
    }
    const id = newId('ApiToken');
    const secretPart = randomBytes(32).toString('base64url');
    const token: ApiTokenRow = {
      id,
      tenantId,
      name,
      role: input.role,
      secretSha256: sha256(secretPart),
      createdAt: now,
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.store.apiTokens.insert(token);
    return { token, secret: `iit_${id.slice('tok_'.length)}_${secretPart}` };
  }

  /** Revokes a token (again is a no-op); it stops working at once, on every connection that next uses it. */
  async revoke(id: string): Promise<ApiTokenRow> {
    const row = await this.store.apiTokens.revoke(id, new Date());
    if (!row) throw new NotFoundError('ApiToken', id);
    return row;
  }

  get(id: string): Promise<ApiTokenRow | undefined> {
    return this.store.apiTokens.byId(id);
  }

  list(tenantId: string | null, includeRevoked = false): Promise<ApiTokenRow[]> {
    return this.store.apiTokens.list(tenantId, includeRevoked);
  }

  /** The principal a token stands for, or why it does not stand for one. */
  async verify(credential: string, now = new Date()): Promise<Principal | { refused: string }> {
    const match = TOKEN_PATTERN.exec(credential);
    if (!match) return { refused: 'the API token is malformed' };
    const row = await this.store.apiTokens.byId(`tok_${match[1]}`);
    const expected = Buffer.from(row?.secretSha256 ?? sha256(''), 'hex');
    const given = Buffer.from(sha256(match[2]!), 'hex');
    if (!row || !timingSafeEqual(expected, given)) return { refused: 'the API token is not valid' };
    if (row.revokedAt) return { refused: 'the API token has been revoked' };
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { refused: 'the API token has expired' };
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) await this.store.apiTokens.touch(row.id, now);
    return { tenantId: row.tenantId, role: row.role, method: 'TOKEN', tokenId: row.id };
  }

  hasUsableAdmin(): Promise<boolean> {
    return this.store.apiTokens.hasUsableAdmin(new Date());
  }
}
