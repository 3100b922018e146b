import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { apiTokens, type ApiTokenRow } from '../schema';
import { preparedOnce } from './prepared';

export function insertApiToken(db: DbOrTx, row: ApiTokenRow) {
  db.insert(apiTokens).values(row).run();
}

const tokenById = preparedOnce((db) => db.select().from(apiTokens).where(eq(apiTokens.id, sql.placeholder('id'))).prepare());

export function apiTokenById(db: DbOrTx, id: string): ApiTokenRow | undefined {
  return tokenById(db).get({ id });
}

/** Newest first; one tenant's or every tenant's (null). */
export function listApiTokens(db: DbOrTx, tenantId: string | null, includeRevoked: boolean): ApiTokenRow[] {
  return db
    .select()
    .from(apiTokens)
    .where(and(tenantId === null ? undefined : eq(apiTokens.tenantId, tenantId), includeRevoked ? undefined : isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id))
    .all();
}

export function revokeApiTokenRow(db: DbOrTx, id: string, at: Date): ApiTokenRow | undefined {
  return db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${at.getTime()})` })
    .where(eq(apiTokens.id, id))
    .returning()
    .get();
}

export function touchApiToken(db: DbOrTx, id: string, at: Date) {
  db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
}

/** Whether some ADMIN token can still be used (neither revoked nor expired). */
export function hasUsableAdminToken(db: DbOrTx, now: Date): boolean {
  const row = db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.role, 'ADMIN'),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}
