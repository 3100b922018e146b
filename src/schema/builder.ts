import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { roleAllows, type Principal } from '../auth/principal';
import { ForbiddenError } from '../errors';
import type { Loaders } from './loaders';
import type { Services } from '../services';
import { nodeTypeOf } from '../util/ids';

/**
 * What every resolver receives: the services (one per process), who sends the request (its tenant
 * scopes every read; useAuthentication lets no resolver run without one) and this request's batching
 * loaders, which only see that tenant's records.
 */
export interface Context {
  services: Services;
  principal: Principal;
  loaders: Loaders;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  /** Roles a field may require (`authScopes: { member: true }`); reading needs only a principal. */
  AuthScopes: { member: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({ member: roleAllows(ctx.principal.role, 'MEMBER'), admin: roleAllows(ctx.principal.role, 'ADMIN') }),
    unauthorizedError: (_parent, ctx, info, result) =>
      new ForbiddenError(
        `${info.parentType.name}.${info.fieldName} needs the ${neededRole(result.failure)} role; this request's principal is a ${ctx.principal.role} of tenant ${JSON.stringify(ctx.principal.tenantId)}`,
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ids are already global (`ds_…`, `run_…`, `inv_…`), so they pass through unchanged.
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (id) => ({ typename: nodeTypeOf(id) ?? 'Unknown', id }),
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

function neededRole(failure: unknown): string {
  const scopes: string[] = [];
  const walk = (f: unknown) => {
    const node = f as { scope?: string; failures?: unknown[] };
    if (node.scope) scopes.push(node.scope);
    node.failures?.forEach(walk);
  };
  walk(failure);
  return scopes.includes('admin') ? 'ADMIN' : 'MEMBER';
}

builder.addScalarType('DateTime', DateTimeResolver);
// graphql-scalars builds objects written inline in a document with a null prototype (Object.create(null)),
// which drizzle and other code take for something other than a plain object: copy both forms into plain JSON
// so that a literal works exactly like the same value in variables.
builder.scalarType('JSON', {
  description: JSONResolver.description ?? undefined,
  specifiedByURL: JSONResolver.specifiedByURL ?? undefined,
  serialize: (value) => JSONResolver.serialize(value),
  parseValue: (value) => toPlainJson(JSONResolver.parseValue(value)),
  parseLiteral: (ast, variables) => toPlainJson(JSONResolver.parseLiteral(ast, variables)),
});

function toPlainJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainJson(v)]));
  }
  return value;
}
builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request spec.',
  serialize: () => {
    throw new Error('File is an input-only scalar');
  },
  parseValue: (value) => {
    if (value instanceof Blob) return value as File;
    throw new GraphQLError('A File argument must be a file sent with the GraphQL multipart request spec');
  },
  parseLiteral: () => {
    throw new GraphQLError('A File argument must be a file sent with the GraphQL multipart request spec, not a literal');
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
