import { availableParallelism, hostname, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ROLES, TENANT_ID_PATTERN } from './auth/principal';

/**
 * Every setting the service reads from the environment, validated once at start.
 * The README's configuration table lists the same variables with the same defaults.
 */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: integer(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_FILE: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  WORKER_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores').optional(),
  WORKER_SLOTS: integer(1, 1000).optional(),
  JOB_HEARTBEAT_SECONDS: integer(10, 3600).default(10),
  JOB_MAX_ATTEMPTS: integer(1, 100).default(3),
  DATASET_DIR: z.string().min(1).optional(),
  DATASET_STORE: z.string().regex(/^s3:\/\/[^/\s]+(\/\S*)?$/, 'must be s3://<bucket>[/<prefix>] (unset: files in DATASET_DIR)').optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  DATASET_CACHE_DIR: z.string().min(1).optional(),
  DATASET_CACHE_MB: integer(1, 1_000_000_000).default(20_480),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHIQL: flag.default(true),
  DASHBOARD: flag.default(true),
  REDACT_PII: flag.default(true),
  MAX_UPLOAD_MB: integer(1, 100_000).default(1024),
  SEED_DATASET: z.string().min(1).optional(),
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(5000),
  CORS_ORIGINS: z.string().default(''),
  ALLOWED_HOSTS: z.string().min(1).optional(),
  MAX_JSON_BODY_MB: integer(1, 1024).default(16),
  GRAPHQL_MAX_DEPTH: integer(2, 100).default(15),
  GRAPHQL_MAX_ALIASES: integer(1, 1000).default(30),
  GRAPHQL_MAX_TOKENS: integer(100, 1_000_000).default(10_000),
  GRAPHQL_MAX_COST: integer(100, 10_000_000).default(50_000),
  GRAPHQL_MAX_RESPONSE_MB: integer(1, 4096).default(64),

  TENANT_MAX_CONCURRENT_INVESTIGATIONS: integer(1, 10_000).default(16),
  TENANT_MAX_DATASETS: integer(1, 100_000_000).default(1000),
  TENANT_MAX_STORAGE_MB: integer(1, 1_000_000_000).default(20_480),
  TENANT_REQUESTS_PER_MINUTE: integer(0, 10_000_000).default(1200),
  QUEUE_TIMEOUT_S: integer(1, 7 * 86_400).default(3600),
  HTTP_REQUEST_TIMEOUT_S: integer(1, 86_400).default(900),
  HTTP_STALL_TIMEOUT_S: integer(1, 3600).default(30),

  AUTH: z.enum(['on', 'off']).default('on'),
  AUTH_JWT_JWKS_URL: z.url().optional(),
  AUTH_JWT_PUBLIC_KEY: z.string().min(1).optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'must have at least 32 characters').optional(),
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWT_ALGORITHMS: z.string().min(1).optional(),
  AUTH_JWT_TENANT_CLAIM: z.string().min(1).default('tenant'),
  AUTH_JWT_ROLE_CLAIM: z.string().min(1).default('role'),
  AUTH_JWT_DEFAULT_TENANT: z.string().regex(TENANT_ID_PATTERN, `must match ${TENANT_ID_PATTERN}`).optional(),
  AUTH_JWT_DEFAULT_ROLE: z.enum(ROLES).default('READER'),

  PYTHON_BIN: z.string().min(1).default('/usr/bin/python3'),
  BWRAP_BIN: z.string().min(1).default('bwrap'),
  PRLIMIT_BIN: z.string().min(1).default('prlimit'),
  SANDBOX_TIMEOUT_MS: integer(100, 3_600_000).default(60_000),
  SANDBOX_MEMORY_MB: integer(64, 1_048_576).default(2048),
  SANDBOX_OUTPUT_LIMIT_BYTES: integer(1024, 256 * 1024 * 1024).default(16 * 1024 * 1024),
  SANDBOX_OUTPUT_FILES: integer(0, 100).default(8),
  SANDBOX_OUTPUT_FILE_BYTES: integer(1024, 64 * 1024 * 1024).default(2 * 1024 * 1024),
  CHARTS: flag.default(true),
  SANDBOX_UID: integer(1, 4_294_967_294).default(60001),
  SANDBOX_SCRATCH_DIR: z.string().min(1).optional(),
  SANDBOX_SCRATCH_MB: integer(1, 1_048_576).default(64),
  SANDBOX_SCRATCH_FILES: integer(16, 10_000_000).default(2048),
  SANDBOX_BACKEND: z.enum(['bubblewrap', 'unsafe-process']).default('bubblewrap'),
  SANDBOX_WARM: flag.default(true),
  SANDBOX_POOL_MEMORY_MB: integer(64, 1_048_576).default(Math.max(1024, Math.floor(totalmem() / 1048576 / 4))),
  SANDBOX_POOL_IDLE_MS: integer(1000, 86_400_000).default(600_000),
  SANDBOX_POOL_RECYCLE_RUNS: integer(1, 1_000_000).default(500),
  SANDBOX_POOL_START_TIMEOUT_MS: integer(100, 3_600_000).optional(),
  SANDBOX_MAX_CONCURRENT: integer(1, 1024).default(availableParallelism()),
  SANDBOX_MAX_MEMORY_MB: integer(64, 1_048_576).default(Math.floor(totalmem() / 1048576 / 2)),

  INVESTIGATION_CONCURRENCY: integer(1, 256).default(availableParallelism()),
  SAMPLE_TOKEN_BUDGET: integer(1000, 10_000_000).default(120_000),
  SAMPLE_MIN_ROWS: integer(1, 100_000).default(25),

  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  CODEGEN_MODEL: z.string().min(1).default('claude-sonnet-5-5'),
  CODEGEN_FAST_MODEL: z.string().min(1).default('claude-haiku-5-5'),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(1).optional(),
  LLM_MAX_OUTPUT_TOKENS: integer(256, 128_000).default(8192),
  LLM_MAX_ATTEMPTS: integer(1, 10).default(3),
  LLM_CONCURRENCY: integer(1, 64).default(4),
  LLM_TIMEOUT_MS: integer(1000, 3_600_000).default(300_000),
  LLM_MAX_RETRIES: integer(0, 10).default(2),
  MAX_PROMPT_TOKENS: integer(2000, 1_000_000).default(120_000),
  DETECT_MAX_LLM_HYPOTHESES: integer(0, 50).default(5),
  CLAIM_READER: z.enum(['llm', 'rules']).default('llm'),
  CLAIM_MODEL: z.string().min(1).default('claude-haiku-5-5'),
  CODE_EXECUTION_TOOL: z
    .string()
    .regex(/^code_execution_\d{8}$/, 'must be code_execution_YYYYMMDD')
    .refine((v) => Number(v.slice(-8)) >= 20250825, 'must be code_execution_20250825 or newer (older versions run Python only)')
    .default('code_execution_20250825'),
  ANTHROPIC_FILE_RETENTION_HOURS: z.coerce.number().min(0).max(24 * 90).default(24),
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

/** Parses the environment (empty strings count as unset) and derives absolute paths. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  if (e.AUTH === 'off' && !isLoopback(e.HOST)) {
    throw new ConfigError(`Invalid configuration: AUTH=off is allowed only on a loopback HOST (127.0.0.1, ::1, localhost); got HOST=${e.HOST}`);
  }
  if (e.DATASET_STORE && e.DATASET_DIR) {
    throw new ConfigError('Invalid configuration: set DATASET_DIR (a shared directory) or DATASET_STORE (S3), not both');
  }
  if (e.ROLE !== 'all' && !e.DATABASE_URL) {
    throw new ConfigError(`Invalid configuration: ROLE=${e.ROLE} needs DATABASE_URL (processes share their work through PostgreSQL); without it the one process does everything (ROLE=all)`);
  }
  const keySources = [e.AUTH_JWT_JWKS_URL, e.AUTH_JWT_PUBLIC_KEY, e.AUTH_JWT_SECRET].filter(Boolean).length;
  if (keySources > 1) throw new ConfigError('Invalid configuration: set one of AUTH_JWT_JWKS_URL, AUTH_JWT_PUBLIC_KEY and AUTH_JWT_SECRET, not several');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: resolve(e.DATABASE_FILE ?? `${dataDir}/investigator.db`),
    /** PostgreSQL instead of the SQLite file, when set. */
    databaseUrl: e.DATABASE_URL,
    /** What this process does: serve the API, execute investigations from the queue, or both. */
    role: e.ROLE,
    datasets: {
      /** Where dataset files are kept: a directory every process of a deployment reaches, or an S3 bucket. */
      store: e.DATASET_STORE
        ? { kind: 's3' as const, url: e.DATASET_STORE, endpoint: e.S3_ENDPOINT, region: e.S3_REGION ?? e.AWS_REGION ?? 'us-east-1' }
        : { kind: 'fs' as const, dir: resolve(e.DATASET_DIR ?? `${dataDir}/datasets`) },
      /** This process's copies of files from a remote store, least recently used removed beyond maxBytes. */
      cacheDir: resolve(e.DATASET_CACHE_DIR ?? `${dataDir}/dataset-cache`),
      cacheMaxBytes: e.DATASET_CACHE_MB * 1024 * 1024,
    },
    worker: {
      id: e.WORKER_ID ?? `${hostname()}-${process.pid}`,
      /** Investigations this process executes at once (default: INVESTIGATION_CONCURRENCY × 2, at least the sandbox's limit). */
      slots: e.WORKER_SLOTS,
      heartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
      maxAttempts: e.JOB_MAX_ATTEMPTS,
    },
    logLevel: e.LOG_LEVEL,
    graphiql: e.GRAPHIQL,
    dashboard: e.DASHBOARD,
    redactPii: e.REDACT_PII,
    /** Whether the templates draw their charts. */
    charts: e.CHARTS,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    seedDataset: e.SEED_DATASET ? resolve(e.SEED_DATASET) : undefined,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    browser: {
      /** Origins whose pages may call the API (CORS, WebSocket Origin); none by default. */
      corsOrigins: list(e.CORS_ORIGINS).map((o) => o.replace(/\/+$/, '')),
      /** Host headers served (DNS rebinding); `*` serves any. */
      allowedHosts: e.ALLOWED_HOSTS ? list(e.ALLOWED_HOSTS).map((h) => h.toLowerCase()) : defaultHosts(e.HOST),
    },
    auth: {
      enabled: e.AUTH === 'on',
      adminTokenFile: `${dataDir}/admin-token`,
      jwt: keySources
        ? {
            jwksUrl: e.AUTH_JWT_JWKS_URL,
            publicKey: e.AUTH_JWT_PUBLIC_KEY,
            secret: e.AUTH_JWT_SECRET,
            issuer: e.AUTH_JWT_ISSUER,
            audience: e.AUTH_JWT_AUDIENCE,
            algorithms: e.AUTH_JWT_ALGORITHMS ? list(e.AUTH_JWT_ALGORITHMS) : e.AUTH_JWT_SECRET ? ['HS256', 'HS384', 'HS512'] : undefined,
            tenantClaim: e.AUTH_JWT_TENANT_CLAIM,
            roleClaim: e.AUTH_JWT_ROLE_CLAIM,
            defaultTenant: e.AUTH_JWT_DEFAULT_TENANT,
            defaultRole: e.AUTH_JWT_DEFAULT_ROLE,
          }
        : null,
    },
    quotas: {
      /** Investigations of one tenant running at once, over all its runs; the others wait. */
      concurrentInvestigations: e.TENANT_MAX_CONCURRENT_INVESTIGATIONS,
      datasets: e.TENANT_MAX_DATASETS,
      storageBytes: e.TENANT_MAX_STORAGE_MB * 1024 * 1024,
      /** GraphQL requests and WebSocket operations per tenant per minute; 0: no limit. */
      requestsPerMinute: e.TENANT_REQUESTS_PER_MINUTE,
    },
    /** The longest an investigation waits for one of its tenant's slots, or a script for a sandbox. */
    queueTimeoutMs: e.QUEUE_TIMEOUT_S * 1000,
    http: {
      /** The longest a client may take to send a whole request (an upload's body included). */
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_S * 1000,
      /** A connection whose client takes no byte of its answer for this long is reset. */
      stallTimeoutMs: e.HTTP_STALL_TIMEOUT_S * 1000,
    },
    maxJsonBodyBytes: e.MAX_JSON_BODY_MB * 1024 * 1024,
    graphqlLimits: { maxDepth: e.GRAPHQL_MAX_DEPTH, maxAliases: e.GRAPHQL_MAX_ALIASES, maxTokens: e.GRAPHQL_MAX_TOKENS, maxCost: e.GRAPHQL_MAX_COST },
    maxResponseBytes: e.GRAPHQL_MAX_RESPONSE_MB * 1024 * 1024,
    sandbox: {
      pythonBin: e.PYTHON_BIN,
      bwrapBin: e.BWRAP_BIN,
      prlimitBin: e.PRLIMIT_BIN,
      timeoutMs: e.SANDBOX_TIMEOUT_MS,
      memoryMb: e.SANDBOX_MEMORY_MB,
      outputLimitBytes: e.SANDBOX_OUTPUT_LIMIT_BYTES,
      outputFiles: { maxFiles: e.SANDBOX_OUTPUT_FILES, maxFileBytes: e.SANDBOX_OUTPUT_FILE_BYTES },
      uid: e.SANDBOX_UID,
      scratchDir: e.SANDBOX_SCRATCH_DIR ? resolve(e.SANDBOX_SCRATCH_DIR) : undefined,
      scratchBytes: e.SANDBOX_SCRATCH_MB * 1024 * 1024,
      scratchFiles: e.SANDBOX_SCRATCH_FILES,
      backend: e.SANDBOX_BACKEND,
      warm: e.SANDBOX_WARM,
      /** Scripts at once: SANDBOX_MAX_CONCURRENT, and no more than SANDBOX_MAX_MEMORY_MB holds at SANDBOX_MEMORY_MB each. */
      maxConcurrent: Math.max(1, Math.min(e.SANDBOX_MAX_CONCURRENT, Math.floor(e.SANDBOX_MAX_MEMORY_MB / e.SANDBOX_MEMORY_MB))),
      maxMemoryMb: e.SANDBOX_MAX_MEMORY_MB,
      queueTimeoutMs: e.QUEUE_TIMEOUT_S * 1000,
      pool: {
        memoryBudgetBytes: e.SANDBOX_POOL_MEMORY_MB * 1024 * 1024,
        idleMs: e.SANDBOX_POOL_IDLE_MS,
        recycleAfterRuns: e.SANDBOX_POOL_RECYCLE_RUNS,
        startTimeoutMs: e.SANDBOX_POOL_START_TIMEOUT_MS ?? e.SANDBOX_TIMEOUT_MS,
      },
    },
    investigationConcurrency: e.INVESTIGATION_CONCURRENCY,
    sampling: { tokenBudget: e.SAMPLE_TOKEN_BUDGET, minRows: e.SAMPLE_MIN_ROWS },
    anthropic: {
      apiKey: e.ANTHROPIC_API_KEY,
      baseUrl: e.ANTHROPIC_BASE_URL,
      timeoutMs: e.LLM_TIMEOUT_MS,
      maxRetries: e.LLM_MAX_RETRIES,
      concurrency: e.LLM_CONCURRENCY,
      codeExecutionTool: e.CODE_EXECUTION_TOOL,
      fileRetentionMs: e.ANTHROPIC_FILE_RETENTION_HOURS * 3600_000,
    },
    llm: {
      model: e.CODEGEN_MODEL,
      fastModel: e.CODEGEN_FAST_MODEL,
      temperature: e.LLM_TEMPERATURE,
      maxOutputTokens: e.LLM_MAX_OUTPUT_TOKENS,
      maxAttempts: e.LLM_MAX_ATTEMPTS,
      maxPromptTokens: e.MAX_PROMPT_TOKENS,
    },
    detect: { maxLlmHypotheses: e.DETECT_MAX_LLM_HYPOTHESES },
    /** Who reads hypotheses' claims: the model (with an API key) or the rule reader. */
    claims: { reader: e.CLAIM_READER, model: e.CLAIM_MODEL },
  };
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The names a server on `host` is reached by: loopback's, and the address itself unless it is a wildcard. */
function defaultHosts(host: string): string[] {
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const named = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return wildcard ? loopback : [...new Set([...loopback, named.toLowerCase()])];
}
