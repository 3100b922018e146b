import { ApiTokenService, looksLikeApiToken } from './apiTokens';
import { JwtVerifier, looksLikeJwt } from './jwt';
import { ANONYMOUS_ADMIN, type Principal } from './principal';

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** Where a request's credential is: the Authorization header, or a WebSocket's connectionParams. */
export interface Credentials {
  authorization?: string | null;
  connectionParams?: Readonly<Record<string, unknown>> | null;
}

/**
 * Turns a request's credential into its principal. No credential at all gives null (the caller decides
 * what an anonymous request may do); a credential that does not verify is refused, never ignored.
 */
export class Authenticator {
  constructor(
    private readonly options: { enabled: boolean; tokens: ApiTokenService; jwt: JwtVerifier | null },
  ) {}

  get enabled() {
    return this.options.enabled;
  }

  async authenticate(credentials: Credentials): Promise<Principal | null> {
    if (!this.options.enabled) return ANONYMOUS_ADMIN;
    const credential = bearerOf(credentials);
    if (credential === null) return null;
    if (!credential) throw new AuthenticationError(`The Authorization header must be "Bearer <token>"; ${this.howTo()}`);
    let result: Principal | { refused: string };
    if (looksLikeApiToken(credential)) result = await this.options.tokens.verify(credential);
    else if (looksLikeJwt(credential)) {
      result = this.options.jwt ? await this.options.jwt.verify(credential) : { refused: 'JWTs are not accepted: no identity provider is configured (AUTH_JWT_*)' };
    } else result = { refused: 'the credential is neither an API token (iit_…) nor a JWT' };
    if ('refused' in result) throw new AuthenticationError(`Not authenticated: ${result.refused}`);
    return result;
  }

  /** What an unauthenticated client is told to do. */
  howTo(): string {
    return `send "Authorization: Bearer <token>" (an API token, or a JWT when AUTH_JWT_* is configured); the first administrator token is in the file admin-token of the server's DATA_DIR`;
  }
}

/**
 * The bearer credential: null when none is sent, '' when something is sent that is not one. WebSocket
 * clients put it in connectionParams as `Authorization`/`authorization` (a header value) or `token`.
 */
export function bearerOf({ authorization, connectionParams }: Credentials): string | null {
  const params = connectionParams ?? {};
  const fromParams = params.Authorization ?? params.authorization ?? (params.headers as Record<string, unknown> | undefined)?.Authorization ?? (params.headers as Record<string, unknown> | undefined)?.authorization;
  if (typeof params.token === 'string' && params.token.trim()) return params.token.trim();
  const header = typeof fromParams === 'string' ? fromParams : authorization;
  if (header === undefined || header === null || !header.trim()) return null;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}
