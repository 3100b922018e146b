import { chmod, writeFile } from 'node:fs/promises';
import type { Config } from '../config';
import { startupStep } from '../http/startup';
import type { Logger } from '../logger';
import type { ApiTokenService } from './apiTokens';
import { DEFAULT_TENANT } from './principal';

/**
 * Secure by default, as Jupyter is: when no usable ADMIN token exists (a fresh install, or every one
 * revoked or expired), one is created for the default tenant and written to `file` (mode 0600), which
 * only the server's own user can read. Returns the token when it created one.
 */
export async function ensureAdminToken(tokens: ApiTokenService, file: string): Promise<string | null> {
  if (await tokens.hasUsableAdmin()) return null;
  const { secret } = await tokens.create({ tenantId: DEFAULT_TENANT, name: 'first administrator (created at start)', role: 'ADMIN' });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // an existing file keeps its mode on write
  return secret;
}

/** Says how requests authenticate; creates and announces the first admin token on a fresh install. */
export async function announceAuthentication(config: Config, tokens: ApiTokenService, logger: Logger) {
  if (!config.auth.enabled) {
    logger.warn(
      { host: config.host },
      'AUTHENTICATION IS OFF (AUTH=off): every request acts as the administrator of the default tenant. Allowed only on a loopback address; never expose this server.',
    );
    return;
  }
  const file = config.auth.adminTokenFile;
  const created = await startupStep(`writing the admin token to ${file}`, () => ensureAdminToken(tokens, file));
  if (created) {
    logger.warn(
      { file },
      `no administrator token existed: created one, readable only by this user in ${file}. Send it as "Authorization: Bearer $(cat ${file})", open GraphiQL at /graphql#token=<it>, or create tokens for others with npm run tokens -- create`,
    );
  }
  if (config.auth.jwt) logger.info({ jwks: config.auth.jwt.jwksUrl ?? null, issuer: config.auth.jwt.issuer ?? null }, 'JWTs of the identity provider are accepted');
}
