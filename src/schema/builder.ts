import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Loaders } from './loaders';
import type { Services } from '../services';
import { nodeTypeOf } from '../util/ids';

/** What every resolver receives: the services (one per process) and this request's batching loaders. */
export interface Context {
  services: Services;
  loaders: Loaders;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [RelayPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
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
