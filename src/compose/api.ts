import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, maskError } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { announceAuthentication } from '../auth/adminToken';
import { Authenticator } from '../auth/authenticator';
import { JwtVerifier } from '../auth/jwt';
import { DEFAULT_TENANT } from '../auth/principal';
import { InputError, internalError } from '../errors';
import { corsFor, hostAllowed, originAllowed } from '../http/browser';
import { GRAPHIQL_TABS } from '../http/graphiql-examples';
import { withTokenFromFragment } from '../http/graphiql-token';
import { requestRateLimit } from '../http/rate-limit';
import { HTTP_DRAIN_MS, type AppHandler, type HttpServer } from '../http/server';
import { sseReservations } from '../http/sse-reservations';
import { startupStep } from '../http/startup';
import { NO_TENANT, principalOf, rateLimitKey, useAuthentication } from '../http/use-authentication';
import { useArtifacts } from '../http/use-artifacts';
import { useBodyLimits } from '../http/use-body-limits';
import { useCsrfPrevention } from '../http/use-csrf-prevention';
import { useDashboard } from '../http/use-dashboard';
import { useGraphiQLCache } from '../http/use-graphiql-cache';
import { useGraphQLLimits } from '../http/use-graphql-limits';
import { useLastEventId } from '../http/use-last-event-id';
import { useResponseLimit } from '../http/use-response-limit';
import { useSecurityHeaders } from '../http/use-security-headers';
import { useSseEventIds } from '../http/use-sse-event-ids';
import type { Logger } from '../logger';
import { schema } from '../schema';
import type { Context } from '../schema/builder';
import { createLoaders } from '../schema/loaders';
import { diskBackedUploads } from '../uploads';
import type { Core } from './core';
import type { Resources } from './resources';

export const GRAPHQL_PATH = '/graphql';
/** GraphQL over SSE in both of graphql-sse's modes (single connection too); /graphql has distinct connections. */
const GRAPHQL_SSE_PATH = '/graphql/stream';
/** What `npm run build` writes for the dashboard (scripts/build.mjs). */
const DASHBOARD_FILES = fileURLToPath(new URL('../../dist/dashboard', import.meta.url));
const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** The API (ROLE=api and all): authentication, GraphQL over HTTP, SSE and WebSocket. Returns its HTTP handler. */
export async function composeApi(core: Core, http: HttpServer, resources: Resources): Promise<AppHandler['handle']> {
  const { config, logger, services } = core;
  const { tokens, datasets } = services;
  const authenticator = new Authenticator({
    enabled: config.auth.enabled,
    tokens,
    jwt: config.auth.jwt ? await startupStep('reading the JWT key settings (AUTH_JWT_*)', () => JwtVerifier.create(config.auth.jwt!)) : null,
  });
  await announceAuthentication(config, tokens, logger);
  if (config.seedDataset) {
    const file = config.seedDataset;
    const seeded = await startupStep(`loading SEED_DATASET ${file}`, () => datasets.ensureFromFile(DEFAULT_TENANT, file));
    logger.info({ datasetId: seeded.id, name: seeded.name }, 'sample dataset loaded');
  }
  await services.idempotency.prune();

  // Closed in reverse: sockets first, then HTTP (requests in flight drain), then Yoga, which they use.
  const yoga = resources.add('GraphQL', await graphqlServer(core, authenticator), (server) => server.dispose());
  resources.add('HTTP server', http, (server) => server.close(HTTP_DRAIN_MS));
  resources.add('WebSocket server', webSocketServer(config, http, yoga, authenticator), (server) => server.dispose());
  return yoga;
}

/** GraphQL over HTTP and SSE (Yoga), one behaviour per plugin. */
async function graphqlServer(core: Core, authenticator: Authenticator) {
  const { config, logger, services, platform } = core;
  const limitRate = requestRateLimit(config.quotas.requestsPerMinute, platform.rateLimiter);
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: async (initial) => {
      const principal = await principalOf(authenticator, initial);
      await limitRate(rateLimitKey(principal, initial));
      // Only introspection runs without a principal (useAuthentication); its loaders see no tenant.
      return { services, principal: principal!, loaders: createLoaders(services.store, principal?.tenantId ?? NO_TENANT) };
    },
    graphiql: false, // served by useGraphiQLCache
    landingPage: false,
    maxRequestBodySize: false, // useBodyLimits: one limit for uploads, a smaller one for JSON
    cors: corsFor(config.browser),
    maskedErrors: { maskError: exposeInputErrors(logger.child({ component: 'graphql' })) },
    logging: yogaLogger(logger.child({ component: 'graphql' })),
    plugins: [
      useAuthentication(authenticator),
      useArtifacts({
        principal: (request) => principalOf(authenticator, { request }),
        limitRate: (principal) => limitRate(rateLimitKey(principal, {})),
        read: (id, tenantId) => services.store.artifacts.byId(id, tenantId),
        howTo: () => authenticator.howTo(),
      }),
      config.dashboard && useDashboard(DASHBOARD_FILES),
      useSecurityHeaders(),
      useCsrfPrevention(),
      await diskBackedUploads(join(config.dataDir, 'uploads'), config.maxUploadBytes),
      useBodyLimits({ jsonBytes: config.maxJsonBodyBytes, uploadBytes: config.maxUploadBytes + 1024 * 1024 }),
      useGraphQLLimits(config.graphqlLimits),
      useResponseLimit(config.maxResponseBytes),
      config.graphiql &&
        useGraphiQLCache({
          endpoint: GRAPHQL_PATH,
          render: async () =>
            withTokenFromFragment(
              (await import('@graphql-yoga/render-graphiql')).renderGraphiQL({
                title: 'Iterate Investigator',
                subscriptionsProtocol: 'WS',
                defaultTabs: GRAPHIQL_TABS,
                shouldPersistHeaders: true,
              }),
              GRAPHIQL_TABS,
            ),
        }),
      useGraphQLSSE({
        endpoint: GRAPHQL_SSE_PATH,
        authenticate: sseReservations((request) => principalOf(authenticator, { request: request as Request }).then((p) => p !== null, () => false)).authenticate,
      }),
      useSseEventIds(),
      useLastEventId(),
    ],
  });
}

/** GraphQL over WebSocket (graphql-ws) on the HTTP server, executed through Yoga's envelope. */
function webSocketServer(config: Core['config'], http: HttpServer, yoga: Awaited<ReturnType<typeof graphqlServer>>, authenticator: Authenticator) {
  const wss = new WebSocketServer({
    server: http.server,
    path: GRAPHQL_PATH,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    // A page of another origin (or a rebound host name) may not open a socket in its user's name.
    verifyClient: ({ origin, req }: { origin?: string; req: IncomingMessage }) =>
      hostAllowed(config.browser, req.headers.host) && (!origin || originAllowed(config.browser, origin, req.headers.host)),
  });
  return useServer(
    {
      // A credential that does not verify closes the socket at once (4403); none at all allows introspection.
      onConnect: async (ctx) => {
        try {
          await principalOf(authenticator, { req: ctx.extra.request, connectionParams: ctx.connectionParams });
          return true;
        } catch {
          return false;
        }
      },
      execute: (args: unknown) => (args as { rootValue: { execute: Function } }).rootValue.execute(args),
      subscribe: (args: unknown) => (args as { rootValue: { subscribe: Function } }).rootValue.subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        let contextValue;
        try {
          contextValue = await contextFactory();
        } catch (err) {
          if (err instanceof GraphQLError) {
            const { http: _status, ...extensions } = err.extensions; // a WebSocket message has no HTTP status
            return [new GraphQLError(err.message, { extensions })];
          }
          throw err;
        }
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue,
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    wss,
  );
}

/**
 * Bad input and missing records are told to the client with their message; any other error is masked,
 * with a reference that the log line carrying it in full has too.
 */
function exposeInputErrors(logger: Logger) {
  return (error: unknown, message: string, isDev?: boolean): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    const at = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
    if (original instanceof InputError) {
      return new GraphQLError(original.message, { ...at, extensions: { code: original.code, ...original.details } });
    }
    if (original instanceof PothosValidationError) {
      return new GraphQLError(original.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const masked = maskError(error, message, isDev);
    // Errors yoga raises itself (bad requests, limits) carry their own status and say nothing internal.
    if (masked instanceof GraphQLError && masked.message !== message) return masked;
    const { ref, message: text } = internalError((ref) => logger.error({ err: original, ref }, 'unexpected error in a GraphQL operation'));
    return new GraphQLError(text, { ...at, extensions: { code: 'INTERNAL_SERVER_ERROR', ref } });
  };
}

function yogaLogger(logger: Logger) {
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(line(args)),
    info: (...args: unknown[]) => logger.info(line(args)),
    warn: (...args: unknown[]) => logger.warn(line(args)),
    error: (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error);
      logger.error({ err }, line(args.filter((a) => !(a instanceof Error))));
    },
  };
}
