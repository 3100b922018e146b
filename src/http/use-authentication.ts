import type { IncomingMessage } from 'node:http';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { AuthenticationError, type Authenticator, type Credentials } from '../auth/authenticator';
import type { Principal } from '../auth/principal';

/** A request's credential wherever its transport carries it: a fetch Request, a WebSocket's upgrade and connectionParams. */
export function credentialsOf(context: {
  request?: Request;
  req?: IncomingMessage;
  connectionParams?: Readonly<Record<string, unknown>>;
}): Credentials {
  return {
    authorization: context.request?.headers.get('authorization') ?? context.req?.headers.authorization ?? null,
    connectionParams: context.connectionParams ?? null,
  };
}

/** The tenant an unauthenticated request's loaders read: none (no tenant id is empty). */
export const NO_TENANT = '';

/** Whose budget a request counts against (TENANT_REQUESTS_PER_MINUTE): its tenant's, else its address's. */
export function rateLimitKey(principal: Principal | null, context: object): string {
  return principal ? `tenant:${principal.tenantId}` : `address:${(context as { req?: IncomingMessage }).req?.socket.remoteAddress ?? 'unknown'}`;
}

/** The request's principal (null when it sends no credential); a credential that does not verify is a 401. */
export async function principalOf(auth: Authenticator, context: Parameters<typeof credentialsOf>[0]): Promise<Principal | null> {
  try {
    return await auth.authenticate(credentialsOf(context));
  } catch (err) {
    if (err instanceof AuthenticationError) throw unauthenticated(err.message);
    throw err;
  }
}

/**
 * Every operation needs a principal, except introspection alone (the schema is public: code generators,
 * GraphiQL's documentation and contract checks read it without a token).
 */
export function useAuthentication(auth: Authenticator): Plugin<{ principal: Principal | null }> {
  const refuse = (http: boolean) => unauthenticated(`Not authenticated: ${auth.howTo()}`, http);
  // A WebSocket operation's context has no fetch Request (app.ts builds it from the upgrade request).
  const overHttp = (context: object) => 'request' in context && !('socket' in context);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!args.contextValue.principal && !introspectionOnly(args.document, args.operationName)) {
        setResultAndStopExecution({ errors: [refuse(overHttp(args.contextValue))] });
      }
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      // No HTTP status: a subscription's refusal travels inside a stream or a WebSocket message.
      if (!args.contextValue.principal) setResultAndStopExecution({ errors: [refuse(false)] });
    },
  };
}

function unauthenticated(message: string, http = true) {
  return createGraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', ...(http ? { http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } } : {}) },
  });
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/** Whether the operation selects nothing but introspection fields at its root (fragments included). */
function introspectionOnly(document: DocumentNode, operationName?: string | null): boolean {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || operation.operation !== 'query') return false;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const only = (selections: OperationDefinitionNode['selectionSet']['selections']): boolean =>
    selections.every((s) => {
      if (s.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return only(s.selectionSet.selections);
      if (seen.has(s.name.value)) return true;
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment !== undefined && only(fragment.selectionSet.selections);
    });
  return only(operation.selectionSet.selections);
}
