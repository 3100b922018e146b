import { DetectionService } from '../analysis/detectionService';
import { DismissalService } from '../analysis/dismissals';
import { ApiTokenService } from '../auth/apiTokens';
import type { Config } from '../config';
import { DatasetService, type DatasetLease } from '../datasets/datasetService';
import { warmUpUploadPath } from '../datasets/warmUp';
import { startupStep } from '../http/startup';
import { Idempotency } from '../idempotency/idempotency';
import { ISSUE_TYPES } from '../issueTypes/registry';
import { LlmGateway } from '../llm/gateway';
import { LlmClaimReader, RuleClaimReader } from '../claims/claimService';
import type { Logger } from '../logger';
import { LlmCodeGenerator } from '../pipeline/codegen/llmGenerator';
import { TemplateCodeGenerator } from '../pipeline/codegen/templateGenerator';
import { HeuristicFallback } from '../pipeline/fallback/heuristic';
import { InvestigationPipeline } from '../pipeline/investigate';
import { resultParser } from '../pipeline/parse';
import { PiiRedactor } from '../pipeline/redact';
import { AnthropicSandbox } from '../pipeline/sandbox/anthropic';
import type { LocalSandbox } from '../pipeline/sandbox/local';
import { PoolSampler } from '../pipeline/sampling';
import type { SandboxAvailability } from '../pipeline/types';
import type { Platform } from '../platform';
import { InvestigationExecutor } from '../runs/executor';
import { RunJournal } from '../runs/journal';
import { ProgressStreams } from '../runs/progressStream';
import { RunControls } from '../runs/runControls';
import { RunService } from '../runs/runService';
import { TenantSlots } from '../runs/tenantSlots';
import { watchStopRequests } from '../runs/stopWatch';
import { WorkerDirectory } from '../runs/workerRegistry';
import type { Services } from '../services';
import { CpuPool } from '../workers/pool';
import type { Resources } from './resources';
import { warmUp } from './warmUp';

const MAX_ISSUES_PER_RUN = 500;
const MAX_CONCURRENCY = 64;

/** What every role is built on: the services, the pipeline that executes investigations, and their state. */
export interface Core {
  config: Config;
  logger: Logger;
  platform: Platform;
  services: Services;
  executor: InvestigationExecutor;
  /** What /health reports of this process. */
  health(): Record<string, unknown>;
  /** Readiness: the local sandbox's start-up probe has answered. */
  ready(): boolean;
  /** Stops taking work and lets running investigations end (SHUTDOWN_GRACE_MS); before any resource closes. */
  drain(): Promise<void>;
}

export async function composeCore(
  config: Config,
  platform: Platform,
  localSandbox: LocalSandbox,
  resources: Resources,
  logger: Logger,
  /** The upload path's warm-up, when main.ts started it while the app loaded (else it starts here). */
  uploadPathWarmUp?: Promise<DatasetLease>,
): Promise<Core> {
  const { store, bus, queue } = platform;
  const datasets = new DatasetService(store, config.dataDir, platform.datasetFiles, config.maxUploadBytes, config.quotas, logger);
  await startupStep(`preparing DATA_DIR ${config.dataDir}`, () => datasets.init());

  const { apiKey } = config.anthropic;
  const gateway = apiKey ? await LlmGateway.create({ ...config.anthropic, apiKey }, logger.child({ component: 'llm' })) : null;
  const remoteSandbox = gateway
    ? resources.add(
        "Anthropic's sandbox",
        new AnthropicSandbox(
          gateway,
          store,
          {
            model: config.llm.model,
            tool: config.anthropic.codeExecutionTool,
            timeoutMs: config.sandbox.timeoutMs,
            outputLimitBytes: config.sandbox.outputLimitBytes,
            outputFiles: config.sandbox.outputFiles,
            fileRetentionMs: config.anthropic.fileRetentionMs,
          },
          logger.child({ component: 'anthropic-sandbox' }),
        ),
        (sandbox) => sandbox.dispose(),
      )
    : null;
  const cpuPool = resources.add('worker threads', new CpuPool({ keepStarted: true }), (pool) => pool.dispose());
  const quickCpuPool = resources.add('quick worker thread', new CpuPool({ threads: 1, keepStarted: true }), (pool) => pool.dispose());
  const fallback = new HeuristicFallback(cpuPool);
  const pii = new PiiRedactor(config.redactPii);
  const pipeline = new InvestigationPipeline({
    // Sampling and large results are worked on in worker threads, off the event loop.
    sampler: new PoolSampler((dataset, issue, budget) => quickCpuPool.run({ kind: 'sample', dataset, issue, budget })),
    parseResult: resultParser((stdout) => quickCpuPool.run({ kind: 'parse', stdout })),
    generators: {
      template: new TemplateCodeGenerator({ charts: config.charts, redactPii: config.redactPii }),
      llm: gateway ? new LlmCodeGenerator(gateway, store, config.llm) : undefined,
    },
    sandboxes: { local: localSandbox, remote: remoteSandbox ?? undefined },
    sampleBudget: { tokens: config.sampling.tokenBudget, minRows: config.sampling.minRows, maxRows: 1000 },
    maxAttempts: config.llm.maxAttempts,
    claims:
      gateway && config.claims.reader === 'llm'
        ? new LlmClaimReader(gateway, store, { model: config.claims.model, maxOutputTokens: 1024 }, logger.child({ component: 'claims' }))
        : new RuleClaimReader(),
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
  resources.add('stop watch', watchStopRequests(store, bus, controls, logger.child({ component: 'runs' })), (watch) => watch.stop());
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
      charts: config.charts,
      queueTimeoutMs: config.queueTimeoutMs,
      sharedQueue,
    },
  );
  if (!sharedQueue) {
    // Alone, this process was the only one that could finish them; with a shared queue, workers take them on.
    const interrupted = await runs.recoverInterrupted();
    if (interrupted) logger.warn({ runs: interrupted }, 'marked runs left unfinished by the last shutdown as INTERRUPTED');
  }
  const dismissals = new DismissalService(store, datasets);
  const detection = new DetectionService(
    datasets,
    dismissals,
    gateway,
    { model: config.llm.model, maxOutputTokens: Math.min(config.llm.maxOutputTokens, 4096), temperature: config.llm.temperature, maxHypotheses: config.detect.maxLlmHypotheses },
    logger.child({ component: 'detect' }),
    pii,
    cpuPool,
  );
  const services: Services = { store, datasets, runs, journal, progress, detection, dismissals, tokens: new ApiTokenService(store), idempotency: new Idempotency(store) };

  // An API server with a shared queue shows the workers that execute its runs.
  const workers = sharedQueue && config.role !== 'worker' ? new WorkerDirectory(store, config.worker.heartbeatSeconds * 1000) : null;
  if (workers) {
    await startupStep('reading the worker registry', () => workers.start());
    resources.add('worker directory', workers, (directory) => directory.stop());
  }

  let sandboxState: SandboxAvailability | null = null;
  let remoteState: SandboxAvailability | null = null;
  void remoteSandbox?.availability().then((s) => {
    remoteState = s;
    if (s.available) logger.info({ ...s.details }, "Anthropic's code execution sandbox is available");
    else logger.warn({ reason: s.reason }, "Anthropic's code execution sandbox is unavailable");
  });
  const fallbackTypes = ISSUE_TYPES.map((t) => t.type).filter((t) => fallback.supports(t));
  const sandboxChecked = localSandbox.availability().then((s) => {
    sandboxState = s;
    void quickCpuPool.warmUp().catch((err: unknown) => logger.warn({ err: String(err) }, 'the worker thread for sampling did not start'));
    if (!s.available && config.role !== 'api') {
      logger.error(
        { reason: s.reason },
        `the local sandbox is unavailable: investigations of ${fallbackTypes.join(', ')} are answered by the heuristic fallback, others fail unless Anthropic's sandbox is configured`,
      );
    }
  });
  // A worker takes no uploads and runs no detection.
  const warming = config.role !== 'worker' ? warmUp(uploadPathWarmUp ?? warmUpUploadPath(logger), datasets, cpuPool, logger, sandboxChecked) : null;

  return {
    config,
    logger,
    platform,
    services,
    executor,
    // Ready once the sandbox probe has answered and an upload would run compiled code.
    ready: () => sandboxState !== null && warming?.state().step !== 'upload path',
    health: () => ({
      role: config.role,
      ...(config.role === 'api' ? {} : { workerId: config.worker.id }),
      ...(workers ? { workers: workers.state() } : {}),
      datasetFiles: { store: config.datasets.store.kind, cache: platform.datasetFiles.state() },
      sandbox: { backend: localSandbox.name, ...(sandboxState ?? { available: null, reason: 'still checking' }) },
      warmPool: localSandbox.state?.() ?? null,
      admission: localSandbox.admission?.() ?? null,
      workerThreads: { ...cpuPool.state, quick: quickCpuPool.state, warmUp: warming?.state() ?? null },
      heuristicFallback: {
        types: fallbackTypes,
        answersEveryCoreInvestigation: config.role !== 'api' && sandboxState?.available === false,
      },
      remoteSandbox: remoteSandbox ? { backend: remoteSandbox.name, ...(remoteState ?? { available: null, reason: 'still checking' }) } : null,
    }),
    drain: async () => {
      await queue.pause();
      await runs.shutdown(config.shutdownGraceMs);
      await progress.drain(1000);
    },
  };
}
