import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/principal';
import type { ArtifactRow } from '../db/schema';

/** GET /artifacts/<id>: the bytes of an artifact (Artifact.url). */
export const ARTIFACT_PATH = '/artifacts';

export interface ArtifactAccess {
  /** The request's principal, as for GraphQL: null without a credential; throws for one that does not verify. */
  principal(request: Request): Promise<Principal | null>;
  /** Counts the request against its tenant's budget (TENANT_REQUESTS_PER_MINUTE); throws past it. */
  limitRate(principal: Principal): Promise<void>;
  /** The artifact, if it exists within the tenant. */
  read(id: string, tenantId: string): Promise<ArtifactRow | undefined>;
  /** How to authenticate, for the 401's message. */
  howTo(): string;
}

/**
 * Serves artifacts under the API's rules: a credential as for GraphQL, and only the principal's tenant's
 * (another tenant's id answers 404, as a missing one does). An artifact never changes: its SHA-256 is its
 * ETag, and clients may keep it.
 */
export function useArtifacts(access: ArtifactAccess): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(`${ARTIFACT_PATH}/`)) return;
      const answer = (status: number, message: string, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json', ...headers } }));
      if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, `${request.method} is not allowed here: GET an artifact`, { allow: 'GET, HEAD' });
      let principal: Principal | null;
      try {
        principal = await access.principal(request);
      } catch (err) {
        return answer(401, (err as Error).message, { 'www-authenticate': 'Bearer' });
      }
      if (!principal) return answer(401, `Not authenticated: ${access.howTo()}`, { 'www-authenticate': 'Bearer' });
      try {
        await access.limitRate(principal);
      } catch (err) {
        const extensions = (err as { extensions?: { http?: { headers?: Record<string, string> } } }).extensions;
        return answer(429, (err as Error).message, extensions?.http?.headers ?? {});
      }
      const id = safeDecode(url.pathname.slice(ARTIFACT_PATH.length + 1));
      const artifact = id === null ? undefined : await access.read(id, principal.tenantId);
      if (!artifact) return answer(404, `No artifact ${JSON.stringify(id ?? url.pathname)}`);
      const headers = {
        'content-type': artifact.mimeType,
        'content-length': String(artifact.content.length),
        etag: `"${artifact.sha256}"`,
        'cache-control': 'private, max-age=31536000, immutable',
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(artifact.name)}`,
      };
      if (request.headers.get('if-none-match') === headers.etag) return endResponse(new fetchAPI.Response(null, { status: 304, headers: { etag: headers.etag } }));
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(artifact.content), { status: 200, headers }));
    },
  };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
