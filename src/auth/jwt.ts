import { createRemoteJWKSet, importJWK, importSPKI, jwtVerify, errors, type JWTPayload, type JWTVerifyGetKey, type CryptoKey, type KeyObject } from 'jose';
import { ROLES, isTenantId, type Principal, type Role } from './principal';

export interface JwtConfig {
  /** The identity provider's JSON Web Key Set (fetched and cached by jose, refetched for unknown key ids). */
  jwksUrl?: string;
  /** One public key: PEM (SPKI) or a JWK as JSON. */
  publicKey?: string;
  /** A shared secret for HS256/384/512. */
  secret?: string;
  issuer?: string;
  audience?: string;
  /** Accepted `alg` values; jose refuses every other (and `none`) in any case. */
  algorithms?: string[];
  /** Where the tenant is: a top-level claim name, or a JSON Pointer (`/https:~1~1example.com~1claims/tenant`). */
  tenantClaim: string;
  roleClaim: string;
  /** The tenant of tokens without a tenant claim; unset refuses them. */
  defaultTenant?: string;
  /** The role of tokens whose role claim names no known role. */
  defaultRole: Role;
}

type Key = JWTVerifyGetKey | CryptoKey | KeyObject | Uint8Array;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(credential: string): boolean {
  return JWT_SHAPE.test(credential);
}

/** JWTs of an existing identity provider, verified with jose; tenant and role come from configured claims. */
export class JwtVerifier {
  private constructor(
    private readonly config: JwtConfig,
    private readonly key: Key,
  ) {}

  static async create(config: JwtConfig): Promise<JwtVerifier> {
    return new JwtVerifier(config, await keyOf(config));
  }

  async verify(credential: string): Promise<Principal | { refused: string }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(credential, this.key as JWTVerifyGetKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
      }));
    } catch (err) {
      if (!(err instanceof errors.JOSEError) && this.config.jwksUrl) return { refused: "the JWT cannot be checked: the identity provider's keys could not be fetched" };
      return { refused: `the JWT is not valid: ${reason(err)}` };
    }
    const tenantValue = claimAt(payload, this.config.tenantClaim);
    const tenantId = tenantValue === undefined ? this.config.defaultTenant : String(tenantValue);
    if (tenantId === undefined) return { refused: `the JWT has no ${this.config.tenantClaim} claim naming its tenant` };
    if (!isTenantId(tenantId)) return { refused: `the JWT's tenant ${JSON.stringify(tenantId)} is not a valid tenant id` };
    return {
      tenantId,
      role: roleOf(claimAt(payload, this.config.roleClaim)) ?? this.config.defaultRole,
      method: 'JWT',
      subject: payload.sub,
    };
  }
}

async function keyOf(config: JwtConfig): Promise<Key> {
  if (config.jwksUrl) return createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  if (config.secret) return new TextEncoder().encode(config.secret);
  const text = config.publicKey!.trim();
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text) as { alg?: string };
    const alg = jwk.alg ?? config.algorithms?.[0];
    if (!alg) throw new Error('AUTH_JWT_PUBLIC_KEY is a JWK without "alg": set AUTH_JWT_ALGORITHMS');
    return importJWK(jwk, alg) as Promise<Key>;
  }
  const alg = config.algorithms?.[0];
  if (!alg) throw new Error('AUTH_JWT_PUBLIC_KEY is a PEM key: set AUTH_JWT_ALGORITHMS to its algorithm (e.g. RS256)');
  return importSPKI(text, alg);
}

/** A claim by top-level name, or by JSON Pointer when the name starts with '/'. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (!path.startsWith('/')) return payload[path];
  let value: unknown = payload;
  for (const raw of path.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The highest known role a claim names: a string or a list of strings, in any case. */
function roleOf(claim: unknown): Role | undefined {
  const names = (Array.isArray(claim) ? claim : [claim]).filter((v): v is string => typeof v === 'string').map((v) => v.toUpperCase());
  return [...ROLES].reverse().find((role) => names.includes(role));
}

function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'it has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `its "${err.claim}" claim is not the one expected`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key of the identity provider matches it';
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return "the identity provider's keys could not be fetched";
  if (err instanceof errors.JOSEError) return err.code.toLowerCase().replace(/^err_/, '').replace(/_/g, ' ');
  return 'it cannot be read';
}
