import { fingerprintOf } from '../idempotency/idempotency';
import { IDEMPOTENCY_KEY } from './descriptions';
import { resolvePage } from './paging';
import { summarize } from '../runs/window';
import { builder } from './builder';
import { IssueInput } from './issue';
import type { LlmUsage } from '../db/schema';
import { addUsage } from '../llm/gateway';
import { CodegenModeEnum, LlmModelEnum, RunStatusEnum, SandboxModeEnum } from './enums';
import { DatasetRef, InvestigationRef, LlmUsageType, ProgressEventRef, RunConnection, RunRef } from './refs';

export const RunSummaryType = builder.simpleObject('RunSummary', {
  fields: (t) => ({
    total: t.int(),
    succeeded: t.int(),
    failed: t.int(),
    fallback: t.int({ description: 'Investigations answered by the heuristic fallback.' }),
    cancelled: t.int(),
    pending: t.int(),
    running: t.int(),
    confirmed: t.int({ description: 'Finished investigations whose hypothesis held (verdict CONFIRMED).' }),
    refuted: t.int({ description: 'Finished investigations whose hypothesis did not hold.' }),
    inconclusive: t.int({ description: 'Finished investigations whose verdict could not be decided (failed ones included).' }),
  }),
});

builder.node(RunRef, {
  description: 'One investigateIssues call: an investigation per issue, run in parallel.',
  id: { resolve: (r) => r.id },
  isTypeOf: (v) => typeof (v as { id?: unknown }).id === 'string' && (v as { id: string }).id.startsWith('run_'),
  fields: (t) => ({
    dataset: t.field({
      type: DatasetRef,
      resolve: async (r, _, ctx) => (await ctx.loaders.dataset.load(r.datasetId))!,
    }),
    status: t.expose('status', { type: RunStatusEnum }),
    concurrency: t.exposeInt('concurrency'),
    codegen: t.expose('codegen', { type: CodegenModeEnum }),
    sandbox: t.expose('sandbox', { type: SandboxModeEnum }),
    llmModel: t.exposeString('llmModel', { nullable: true, description: 'The model LLM code generation uses in this run.' }),
    fresh: t.exposeBoolean('fresh', { description: 'The run bypassed the LLM code cache.' }),
    charts: t.exposeBoolean('charts', { description: "The run's templates drew their charts (Investigation.artifacts)." }),
    label: t.exposeString('label', { nullable: true, description: "A client's name for the run, shown in lists." }),
    usage: t.field({
      type: LlmUsageType,
      nullable: true,
      description: "The run's LLM usage, summed over its investigations; null when no LLM was called.",
      resolve: async (r, _, ctx) => (await ctx.loaders.investigationsByRun.load(r.id)).reduce((sum, i) => addUsage(sum, i.usage), null as LlmUsage | null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    investigations: t.field({
      type: [InvestigationRef],
      description: 'In the order of the issues given.',
      resolve: (r, _, ctx) => ctx.loaders.investigationsByRun.load(r.id),
    }),
    events: t.field({
      type: [ProgressEventRef],
      args: { afterSeq: t.arg.int() },
      resolve: async (r, { afterSeq }, ctx) =>
        (await ctx.loaders.eventsByRun.load(r.id)).filter((e) => e.seq > (afterSeq ?? 0)),
    }),
    summary: t.field({
      type: RunSummaryType,
      resolve: async (r, _, ctx) => summarize(await ctx.loaders.investigationsByRun.load(r.id)),
    }),
  }),
});

const InvestigateIssuesInput = builder.inputType('InvestigateIssuesInput', {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    issues: t.field({ type: [IssueInput], required: true }),
    concurrency: t.int({ description: 'At most this many investigations at once (default INVESTIGATION_CONCURRENCY).' }),
    codegen: t.field({ type: CodegenModeEnum, defaultValue: 'AUTO' }),
    sandbox: t.field({ type: SandboxModeEnum, defaultValue: 'AUTO' }),
    model: t.field({
      type: LlmModelEnum,
      defaultValue: 'STANDARD',
      description: 'Which configured model writes code: CODEGEN_MODEL (STANDARD) or the cheaper CODEGEN_FAST_MODEL (FAST).',
    }),
    fresh: t.boolean({ defaultValue: false, description: 'Ask the LLM afresh instead of reusing cached code for the same issue, schema and sample.' }),
    charts: t.boolean({
      description: "Whether the templates draw their charts (PNG artifacts, about 30 ms each); default: the server's CHARTS (true unless set). Reruns and follow-ups keep their run's choice.",
    }),
    wait: t.boolean({ defaultValue: false, description: 'When true the mutation answers after the run has finished.' }),
    label: t.string({ description: "A client's name for the run, shown in lists (at most 200 characters)." }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY }),
  }),
});

builder.queryFields((t) => ({
  run: t.field({
    type: RunRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ctx.loaders.run.load(String(id)),
  }),
  runs: t.connection(
    {
      type: RunRef,
      description: 'Runs, newest first.',
      args: { datasetId: t.arg.id(), status: t.arg({ type: RunStatusEnum }) },
      resolve: (_, args, ctx) => {
        const filter = { tenantId: ctx.principal.tenantId, datasetId: args.datasetId == null ? undefined : String(args.datasetId), status: args.status ?? undefined };
        return resolvePage(args, 'InvestigationRun', (page) => ctx.services.store.runs.page(filter, page), () => ctx.services.store.runs.count(filter));
      },
    },
    RunConnection,
  ),
}));

builder.mutationFields((t) => ({
  investigateIssues: t.field({
    type: RunRef,
    description: 'Starts one investigation per issue, run in parallel; returns at once unless wait is true.',
    args: { input: t.arg({ type: InvestigateIssuesInput, required: true }) },
    authScopes: { member: true },
    resolve: async (_, { input }, ctx) => {
      const { wait, idempotencyKey, ...request } = input;
      const start = () =>
        ctx.services.runs.start({
          tenantId: ctx.principal.tenantId,
          datasetId: String(request.datasetId),
          issues: request.issues,
          concurrency: request.concurrency,
          codegen: request.codegen ?? 'AUTO',
          sandbox: request.sandbox ?? 'AUTO',
          modelTier: request.model ?? 'STANDARD',
          fresh: request.fresh ?? false,
          charts: request.charts,
          label: request.label,
        });
      const run =
        idempotencyKey == null
          ? await start()
          : await ctx.services.idempotency.once(
              { tenantId: ctx.principal.tenantId, operation: 'investigateIssues', key: idempotencyKey },
              fingerprintOf(request),
              start,
              (id) => ctx.services.runs.find(id, ctx.principal.tenantId),
            );
      return wait ? ctx.services.runs.finished(run.id) : run;
    },
  }),
  cancelRun: t.field({
    type: RunRef,
    description: 'Stops a run: pending investigations never start and running ones are killed.',
    args: { id: t.arg.id({ required: true }) },
    authScopes: { member: true },
    resolve: (_, { id }, ctx) => ctx.services.runs.cancel(ctx.principal.tenantId, String(id)),
  }),
}));
