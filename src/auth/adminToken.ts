import { chmod, writeFile } from 'node:fs/promises';
import type { ApiTokenService } from './apiTokens';
import { DEFAULT_TENANT } from './principal';

/**
 * Secure by default, as Jupyter is: when no usable ADMIN token exists (a fresh install, or every one
 * revoked or expired), one is created for the default tenant and written to `file` (mode 0600), which
 * only the server's own user can read. Returns the token when it created one.
 */
export async function ensureAdminToken(tokens: ApiTokenService, file: string): Promise<string | null> {
  if (tokens.hasUsableAdmin()) return null;
  const { secret } = tokens.create({ tenantId: DEFAULT_TENANT, name: 'first administrator (created at start)', role: 'ADMIN' });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // an existing file keeps its mode on write
  return secret;
}
