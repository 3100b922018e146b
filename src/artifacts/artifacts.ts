import { createHash } from 'node:crypto';
import type { DroppedFile, OutputFile } from '../pipeline/types';

/** A file a script saved that the service keeps with its investigation (a chart), before it is stored. */
export interface ArtifactDraft {
  name: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  content: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_NAME_CHARS = 200;

/** A PNG's size from its header (the IHDR chunk, which the format requires first), or null for anything else. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * What the service keeps of the files a script saved: PNG images (charts), each with its type, size,
 * dimensions and SHA-256; any other file is left out, and said why.
 */
export function artifactDrafts(files: OutputFile[]): { drafts: ArtifactDraft[]; dropped: DroppedFile[] } {
  const drafts: ArtifactDraft[] = [];
  const dropped: DroppedFile[] = [];
  for (const file of files) {
    const size = pngSize(file.data);
    if (!size) {
      dropped.push({ name: file.name, reason: 'not a PNG image (only PNG charts are kept)' });
      continue;
    }
    if ([...file.name].length > MAX_NAME_CHARS) {
      dropped.push({ name: file.name, reason: `a name longer than ${MAX_NAME_CHARS} characters` });
      continue;
    }
    drafts.push({
      name: file.name,
      mimeType: 'image/png',
      sizeBytes: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      ...size,
      content: file.data,
    });
  }
  return { drafts, dropped };
}
