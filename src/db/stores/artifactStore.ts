import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { artifacts, type ArtifactInfo, type ArtifactRow } from '../schema';
import { inTenant, type TenantScope } from './tenancy';

/** Every column but the bytes: lists carry what an artifact is, GET /artifacts/:id its content. */
const { content: _content, ...INFO_COLUMNS } = getTableColumns(artifacts);

export function insertArtifacts(db: DbOrTx, rows: ArtifactRow[]) {
  if (rows.length) db.insert(artifacts).values(rows).run();
}

export function artifactsOfInvestigations(db: DbOrTx, investigationIds: readonly string[], scope: TenantScope): ArtifactInfo[] {
  if (!investigationIds.length) return [];
  return db
    .select(INFO_COLUMNS)
    .from(artifacts)
    .where(and(inArray(artifacts.investigationId, [...investigationIds]), inTenant(artifacts.tenantId, scope)))
    .orderBy(asc(artifacts.investigationId), asc(artifacts.name))
    .all();
}

export function artifactById(db: DbOrTx, id: string, scope: TenantScope): ArtifactRow | undefined {
  return db.select().from(artifacts).where(and(eq(artifacts.id, id), inTenant(artifacts.tenantId, scope))).get();
}
