import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, maskError } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Config } from './config';
import { DetectionService } from './analysis/detectionService';
import { announceAuthentication } from './auth/adminToken';
import { ApiTokenService } from './auth/apiTokens';
import { Authenticator } from './auth/authenticator';
import { JwtVerifier } from './auth/jwt';
import { DEFAULT_TENANT } from './auth/principal';
import type { Db } from './db/client';
import { Idempotency } from './idempotency/idempotency';
import { DatasetService } from './datasets/datasetService';
import { InputError, internalError } from './errors';
import { GRAPHIQL_TABS } from './http/graphiql-examples';
import { withTokenFromFragment } from './http/graphiql-token';
import { corsFor, hostAllowed, originAllowed } from './http/browser';
import { HttpServer } from './http/server';
import { sseReservations } from './http/sse-reservations';
import { NO_TENANT, principalOf, rateLimitKey, useAuthentication } from './http/use-authentication';
import { requestRateLimit } from './http/rate-limit';
import { useBodyLimits } from './http/use-body-limits';
import { useCsrfPrevention } from './http/use-csrf-prevention';
import { useGraphQLLimits } from './http/use-graphql-limits';
import { useResponseLimit } from './http/use-response-limit';
import { useSecurityHeaders } from './http/use-security-headers';
import { startupStep } from './http/startup';
import { openPlatform } from './platform';
import { useGraphiQLCache } from './http/use-graphiql-cache';
import { useLastEventId } from './http/use-last-event-id';
import { useSseEventIds } from './http/use-sse-event-ids';
import { createLogger, type Logger } from './logger';
import { TemplateCodeGenerator } from './pipeline/codegen/templateGenerator';
import { InvestigationPipeline } from './pipeline/investigate';
import { LlmCodeGenerator } from './pipeline/codegen/llmGenerator';
import { LlmGateway } from './llm/gateway';
import { AnthropicSandbox } from './pipeline/sandbox/anthropic';
import { HeuristicFallback } from './pipeline/fallback/heuristic';
import { CpuPool } from './workers/pool';
import { PiiRedactor } from './pipeline/redact';
import { ISSUE_TYPES } from './issueTypes/registry';
import { NoLocalSandbox } from './pipeline/sandbox/none';
import { createLocalSandbox, type LocalSandbox } from './pipeline/sandbox/local';
import { PoolSampler } from './pipeline/sampling';
import { resultParser } from './pipeline/parse';
import type { SandboxAvailability } from './pipeline/types';
import { InvestigationExecutor } from './runs/executor';
import { RunJournal } from './runs/journal';
import { RunControls } from './runs/runControls';
import { TenantSlots } from './runs/tenantSlots';
import { ProgressStreams } from './runs/progressStream';
import { RunService } from './runs/runService';
import type { Context } from './schema/builder';
import { schema } from './schema';
import { createLoaders } from './schema/loaders';
import type { Services } from './services';
import { diskBackedUploads } from './uploads';

const GRAPHQL_PATH = '/graphql';
/** GraphQL over SSE in both of graphql-sse's modes (single connection too); /graphql has distinct connections. */
const GRAPHQL_SSE_PATH = '/graphql/stream';
const MAX_ISSUES_PER_RUN = 500;
const MAX_CONCURRENCY = 64;
const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
const HTTP_DRAIN_MS = 3000;

export interface App {
  services: Services;
  /** The embedded database's connection, when it is SQLite (tests simulate its faults through it). */
  sqlite: Db | null;
  logger: Logger;
  /**
   * Listens on `port` (0 picks a free one), unless the HttpServer given to buildApp already listens, and
   * resolves with the address it serves once GraphQL answers there.
   */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Finishes or interrupts runs, closes connections and the database. */
  stop(): Promise<void>;
}

export interface BuildOptions {
  logger?: Logger;
  /** Called with every SQL statement run (tests count them). */
  onSql?: (sql: string) => void;
  /** A server already listening (main.ts listens first, so /health answers while the app is built). */
  http?: HttpServer;
}

/** The whole service, wired from its configuration; nothing listens until start() (unless `options.http` does). */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel, config.redactPii);
  const platform = await openPlatform(config, logger, options.onSql);
  const { store, bus, queue } = platform;
  const datasets = new DatasetService(store, config.dataDir, platform.datasetFiles, config.maxUploadBytes, config.quotas, logger);
  await startupStep(`preparing DATA_DIR ${config.dataDir}`, () => datasets.init());

  const tokens = new ApiTokenService(store);
  const authenticator = new Authenticator({
    enabled: config.auth.enabled,
    tokens,
    jwt: config.auth.jwt ? await startupStep('reading the JWT key settings (AUTH_JWT_*)', () => JwtVerifier.create(config.auth.jwt!)) : null,
  });
  await announceAuthentication(config, tokens, logger);

  const localSandbox: LocalSandbox = config.role === 'api' ? new NoLocalSandbox() : await createLocalSandbox(config.sandbox, logger.child({ component: 'sandbox' }));
  const { apiKey } = config.anthropic;
  const gateway = apiKey ? new LlmGateway({ ...config.anthropic, apiKey }, logger.child({ component: 'llm' })) : null;
  const remoteSandbox = gateway
    ? new AnthropicSandbox(gateway, store, {
        model: config.llm.model,
        tool: config.anthropic.codeExecutionTool,
        timeoutMs: config.sandbox.timeoutMs,
        outputLimitBytes: config.sandbox.outputLimitBytes,
        fileRetentionMs: config.anthropic.fileRetentionMs,
      }, logger.child({ component: 'anthropic-sandbox' }))
    : null;
  const cpuPool = new CpuPool();
  const quickCpuPool = new CpuPool({ threads: 1, keepStarted: true });
  const fallback = new HeuristicFallback(cpuPool);
  const pii = new PiiRedactor(config.redactPii);
  const pipeline = new InvestigationPipeline({
    // Sampling and large results are worked on in worker threads, off the event loop.
    sampler: new PoolSampler((dataset, issue, budget) => quickCpuPool.run({ kind: 'sample', dataset, issue, budget })),
    parseResult: resultParser((stdout) => quickCpuPool.run({ kind: 'parse', stdout })),
    generators: {
      template: new TemplateCodeGenerator(),
      llm: gateway ? new LlmCodeGenerator(gateway, store, config.llm) : undefined,
    },
    sandboxes: { local: localSandbox, remote: remoteSandbox ?? undefined },
    sampleBudget: { tokens: config.sampling.tokenBudget, minRows: config.sampling.minRows, maxRows: 1000 },
    maxAttempts: config.llm.maxAttempts,
    fallback,
    redactor: pii,
    logger: logger.child({ component: 'pipeline' }),
  });
  if (gateway) logger.info({ model: config.llm.model, fastModel: config.llm.fastModel }, 'LLM code generation enabled');
  const journal = new RunJournal(store, bus, queue, pii);
  const progress = new ProgressStreams(store, bus);
  const tenantSlots = new TenantSlots(config.quotas.concurrentInvestigations);
  const controls = new RunControls(tenantSlots);
  bus.onCancel((runId) => controls.stop(runId, 'CANCELLED'));
  const runLogger = logger.child({ component: 'runs' });
  const sharedQueue = queue.transactional;
  const executor = new InvestigationExecutor(
    store,
    journal,
    datasets,
    pipeline,
    tenantSlots,
    controls,
    { queueTimeoutMs: config.queueTimeoutMs, workerId: config.worker.id, maxClaims: config.worker.maxAttempts, sharedQueue },
    (runId, err) => void runs.failUnexpectedly(runId, err),
    runLogger,
  );
  const runs: RunService = new RunService(
    {
      store,
      journal,
      datasets,
      controls,
      tenantSlots,
      waitForEnd: async (runId, afterSeq) => {
        for await (const _ of progress.stream(runId, afterSeq));
      },
      sendCancel: (runId) => bus.sendCancel(runId),
      logger: runLogger,
    },
    {
      defaultConcurrency: config.investigationConcurrency,
      maxConcurrency: MAX_CONCURRENCY,
      maxIssues: MAX_ISSUES_PER_RUN,
      llmConfigured: gateway !== null,
      remoteSandboxConfigured: remoteSandbox !== null,
      models: { STANDARD: config.llm.model, FAST: config.llm.fastModel },
      queueTimeoutMs: config.queueTimeoutMs,
      sharedQueue,
    },
  );
  if (!sharedQueue) {
    // Alone, this process was the only one that could finish them; with a shared queue, workers take them on.
    const interrupted = await runs.recoverInterrupted();
    if (interrupted) logger.warn({ runs: interrupted }, 'marked runs left unfinished by the last shutdown as INTERRUPTED');
  }
  if (config.role !== 'api') {
    const slots = config.worker.slots ?? Math.max(config.sandbox.maxConcurrent, config.investigationConcurrency * 2);
    await startupStep('taking investigations from the queue', () => queue.consume((job, signal, queued) => executor.run(job, signal, queued), slots));
  }
  if (config.seedDataset) {
    const file = config.seedDataset;
    const seeded = await startupStep(`loading SEED_DATASET ${file}`, () => datasets.ensureFromFile(DEFAULT_TENANT, file));
    logger.info({ datasetId: seeded.id, name: seeded.name }, 'sample dataset loaded');
  }
  const detection = new DetectionService(
    datasets,
    gateway,
    {
      model: config.llm.model,
      maxOutputTokens: Math.min(config.llm.maxOutputTokens, 4096),
      temperature: config.llm.temperature,
      maxHypotheses: config.detect.maxLlmHypotheses,
    },
    logger.child({ component: 'detect' }),
    pii,
    cpuPool,
  );
  const idempotency = new Idempotency(store);
  await idempotency.prune();
  const services: Services = { store, datasets, runs, journal, progress, detection, tokens, idempotency };
  let sandboxState: SandboxAvailability | null = null;
  let remoteState: SandboxAvailability | null = null;
  void remoteSandbox?.availability().then((s) => {
    remoteState = s;
    if (s.available) logger.info({ ...s.details }, "Anthropic's code execution sandbox is available");
    else logger.warn({ reason: s.reason }, "Anthropic's code execution sandbox is unavailable");
  });
  void localSandbox.availability().then((s) => {
    sandboxState = s;
    void quickCpuPool.warmUp().catch((err: unknown) => logger.warn({ err: String(err) }, 'the worker thread for sampling did not start'));
    if (!s.available && config.role !== 'api') {
      logger.error(
        { reason: s.reason },
        `the local sandbox is unavailable: investigations of ${ISSUE_TYPES.map((t) => t.type).filter((t) => fallback.supports(t)).join(', ')} are answered by the heuristic fallback, others fail unless Anthropic's sandbox is configured`,
      );
    }
  });

  const limitRate = requestRateLimit(config.quotas.requestsPerMinute, platform.rateLimiter);
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: async (initial) => {
      const principal = await principalOf(authenticator, initial);
      await limitRate(rateLimitKey(principal, initial));
      // Only introspection runs without a principal (useAuthentication); its loaders see no tenant.
      return { services, principal: principal!, loaders: createLoaders(store, principal?.tenantId ?? NO_TENANT) };
    },
    graphiql: false, // served by useGraphiQLCache
    landingPage: false,
    maxRequestBodySize: false, // useBodyLimits: one limit for uploads, a smaller one for JSON
    cors: corsFor(config.browser),
    maskedErrors: { maskError: exposeInputErrors(logger.child({ component: 'graphql' })) },
    logging: yogaLogger(logger.child({ component: 'graphql' })),
    plugins: [
      useAuthentication(authenticator),
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

  const health = () => ({
    role: config.role,
    ...(config.role === 'api' ? {} : { workerId: config.worker.id }),
    datasetFiles: { store: config.datasets.store.kind, cache: platform.datasetFiles.state() },
    sandbox: { backend: localSandbox.name, ...(sandboxState ?? { available: null, reason: 'still checking' }) },
    warmPool: localSandbox.state?.() ?? null,
    admission: localSandbox.admission?.() ?? null,
    workerThreads: { ...cpuPool.state, quick: quickCpuPool.state },
    heuristicFallback: {
      types: ISSUE_TYPES.map((t) => t.type).filter((t) => fallback.supports(t)),
      answersEveryCoreInvestigation: config.role !== 'api' && sandboxState?.available === false,
    },
    remoteSandbox: remoteSandbox ? { backend: remoteSandbox.name, ...(remoteState ?? { available: null, reason: 'still checking' }) } : null,
  });
  const http = options.http ?? new HttpServer(config.browser, config.http);

  const wss = new WebSocketServer({
    server: http.server,
    path: GRAPHQL_PATH,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    // A page of another origin (or a rebound host name) may not open a socket in its user's name.
    verifyClient: ({ origin, req }: { origin?: string; req: IncomingMessage }) =>
      config.role !== 'worker' && hostAllowed(config.browser, req.headers.host) && (!origin || originAllowed(config.browser, origin, req.headers.host)),
  });
  const wsServer = useServer(
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

  return {
    services,
    sqlite: platform.sqlite,
    logger,
    async start(port = config.port, host = config.host) {
      const address = await http.listen(port, host);
      // Ready once the sandbox probe has answered (migrations and the seed dataset are done by now).
      http.serve({ handle: config.role === 'worker' ? answerAsWorker : yoga, health, ready: () => sandboxState !== null });
      const url = `${address.url}${GRAPHQL_PATH}`;
      logger.info({ url }, 'serving');
      return { url, port: address.port };
    },
    async stop() {
      await queue.pause();
      await runs.shutdown(config.shutdownGraceMs);
      await progress.drain(1000);
      await wsServer.dispose();
      await http.close(HTTP_DRAIN_MS);
      await yoga.dispose();
      // A stop right after the start must not leave the startup probe's sandbox running (its scratch mounted).
      await localSandbox.availability().catch(() => undefined);
      await localSandbox.dispose();
      await remoteSandbox?.dispose();
      await cpuPool.dispose();
      await quickCpuPool.dispose();
      await platform.close(config.shutdownGraceMs);
      logger.info('stopped');
    },
  };
}

/** A worker (ROLE=worker) answers /health and /ready, and nothing else. */
function answerAsWorker(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message: 'This process is a worker (ROLE=worker): it executes investigations and serves no API; send requests to an API server' }] }));
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
