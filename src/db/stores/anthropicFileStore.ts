import { eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { anthropicFiles } from '../schema';

export function uploadedFile(db: DbOrTx, datasetId: string) {
  return db.select().from(anthropicFiles).where(eq(anthropicFiles.datasetId, datasetId)).get() ?? null;
}

export function recordUploadedFile(db: DbOrTx, datasetId: string, fileId: string) {
  const uploadedAt = new Date();
  db.insert(anthropicFiles)
    .values({ datasetId, fileId, uploadedAt })
    .onConflictDoUpdate({ target: anthropicFiles.datasetId, set: { fileId, uploadedAt } })
    .run();
}

export function forgetUploadedFile(db: DbOrTx, fileId: string) {
  db.delete(anthropicFiles).where(eq(anthropicFiles.fileId, fileId)).run();
}

export function filesUploadedBefore(db: DbOrTx, before: Date) {
  return db.select().from(anthropicFiles).where(lt(anthropicFiles.uploadedAt, before)).all();
}
