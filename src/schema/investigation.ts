import { suggestedFollowUps } from '../issueTypes/registry';
import { issueOf } from '../runs/issues';
import { resolvePage } from './paging';
import { fingerprintOf } from '../idempotency/idempotency';
import type { InvestigationRow } from '../db/schema';
import type { Context } from './builder';
import { IDEMPOTENCY_KEY } from './descriptions';
import { Issue, IssueInput, issueViewOf } from './issue';
import { builder } from './builder';
import { CodegenModeEnum, InvestigationErrorCodeEnum, InvestigationMethodEnum, InvestigationStatusEnum, VerdictStatusEnum } from './enums';
import { InvestigationResultRef, typedResult } from './results';
import { InvestigationConnection, InvestigationRef, LlmUsageType, RunRef } from './refs';

/** The most follow-ups Investigation.children lists (the investigations query pages through all of them). */
const MAX_CHILDREN = 100;

const PhaseTimings = builder.simpleObject('PhaseTimings', {
  description: 'Milliseconds spent in each phase of the pipeline.',
  fields: (t) => ({
    samplingMs: t.float({ nullable: true }),
    generationMs: t.float({ nullable: true }),
    executionMs: t.float({ nullable: true }),
    parsingMs: t.float({ nullable: true, description: 'Parsing and validating the output.' }),
    totalMs: t.float({ nullable: true }),
  }),
});

const SampleInfo = builder.simpleObject('SampleInfo', {
  description: 'The sample of rows the code generator was shown.',
  fields: (t) => ({
    rows: t.int(),
    estimatedTokens: t.int({ description: 'The sample at 2 characters per token.' }),
    promptTokens: t.int({ nullable: true, description: "The whole prompt, counted by the model's tokenizer (LLM only)." }),
    redactions: t.int({ nullable: true, description: 'Personal data replaced by markers before the LLM saw the sample.' }),
  }),
});

const CodeAttempt = builder.simpleObject('CodeAttempt', {
  description: 'One code generation and how its script fared; self-correction adds one per fix.',
  fields: (t) => ({
    attempt: t.int(),
    method: t.field({ type: InvestigationMethodEnum }),
    cached: t.boolean({ description: 'The code came from the code cache, with no LLM call.' }),
    code: t.string(),
    error: t.string({ nullable: true, description: 'Why the script failed; null when it succeeded.' }),
    usage: t.field({ type: LlmUsageType, nullable: true }),
    startedAt: t.field({ type: 'DateTime' }),
    finishedAt: t.field({ type: 'DateTime', nullable: true }),
  }),
});

export const VerdictType = builder.simpleObject('Verdict', {
  description:
    'Whether the hypothesis held: the figure its description claims against the measured one. Tolerances: a percentage within max(2 points, 10% of the claim); a count within max(1, 5%) (10% when hedged: "about", "~"); "more than", "at least", "below" compare one way; a bound ("prices above $500") holds when some value lies beyond it.',
  fields: (t) => ({
    status: t.field({ type: VerdictStatusEnum }),
    claimed: t.float({ nullable: true, description: 'The figure the description claims, if any.' }),
    measured: t.float({ nullable: true, description: 'The measured figure it was compared with.' }),
    explanation: t.string(),
  }),
});

const ValidationReport = builder.simpleObject('ValidationReport', {
  fields: (t) => ({ valid: t.boolean(), errors: t.stringList() }),
});

builder.node(InvestigationRef, {
  description: 'One issue checked with code against the whole dataset.',
  id: { resolve: (i) => i.id },
  isTypeOf: (v) => typeof (v as { id?: unknown }).id === 'string' && (v as { id: string }).id.startsWith('inv_'),
  fields: (t) => ({
    run: t.field({ type: RunRef, resolve: async (i, _, ctx) => (await ctx.loaders.run.load(i.runId))! }),
    issue: t.field({ type: Issue, resolve: (i) => issueViewOf(i) }),
    status: t.expose('status', { type: InvestigationStatusEnum }),
    method: t.expose('method', { type: InvestigationMethodEnum, nullable: true }),
    code: t.exposeString('code', { nullable: true }),
    output: t.expose('output', {
      type: 'JSON',
      nullable: true,
      description: 'The parsed result: the envelope of RESULTS.md and more.',
    }),
    error: t.exposeString('error', { nullable: true }),
    errorCode: t.expose('errorCode', {
      type: InvestigationErrorCodeEnum,
      nullable: true,
      description: 'Why it failed (or was cancelled), for programs; error says it for people.',
    }),
    result: t.field({
      type: InvestigationResultRef,
      nullable: true,
      description: 'The output, typed by issue type (GenericResult for types without a built-in definition); null until it succeeded.',
      resolve: (i) => (i.status === 'SUCCEEDED' ? typedResult(i.issueType, i.output) : null),
    }),
    attempts: t.exposeInt('attempts', { description: 'Code generations tried (self-correction adds attempts).' }),
    executionTimeMs: t.exposeFloat('executionTimeMs', { nullable: true }),
    timings: t.expose('timings', { type: PhaseTimings, nullable: true }),
    sample: t.expose('sample', { type: SampleInfo, nullable: true }),
    validation: t.expose('validation', { type: ValidationReport, nullable: true }),
    verdict: t.expose('verdict', { type: VerdictType, nullable: true, description: 'Set when the investigation has finished.' }),
    attemptHistory: t.field({
      type: [CodeAttempt],
      description: 'Every code generation of this investigation, in order, with its error.',
      resolve: (i) => (i.attemptLog ?? []).map((a) => ({ ...a, startedAt: new Date(a.startedAt), finishedAt: a.finishedAt === null ? null : new Date(a.finishedAt) })),
    }),
    usage: t.expose('usage', { type: LlmUsageType, nullable: true, description: 'LLM tokens and estimated cost; null when no LLM was called.' }),
    parent: t.field({
      type: InvestigationRef,
      nullable: true,
      description: 'The investigation this one follows up (followUp): its issue and result were the starting point of this one\'s code.',
      resolve: (i, _, ctx) => (i.parentId ? ctx.loaders.investigation.load(i.parentId) : null),
    }),
    children: t.field({
      type: [InvestigationRef],
      description: 'The follow-ups of this investigation (followUp), oldest first.',
      resolve: (i, _, ctx) => ctx.services.store.investigations.page({ tenantId: i.tenantId, parentId: i.id }, { limit: MAX_CHILDREN, inverted: false }),
    }),
    suggestedFollowUps: t.field({
      type: [SuggestedFollowUp],
      description: "The questions its result raises (did data collection fail on these dates? are these copies a double import?), each with the issue a follow-up investigates to answer it; empty until it succeeded, and for types that suggest none.",
      resolve: async (i, _, ctx) => {
        if (i.status !== 'SUCCEEDED' || !i.output) return [];
        const dataset = await ctx.loaders.dataset.load(i.datasetId);
        return suggestedFollowUps(i.issueType, i.output, issueOf(i), dataset?.columns ?? []);
      },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true, description: 'When it left PENDING.' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

const SuggestedIssue = builder.simpleObject('SuggestedIssue', {
  description: 'An issue as IssueInput takes it: pass it to followUp as it is, or edit it first.',
  fields: (t) => ({
    type: t.string(),
    description: t.string(),
    affectedColumns: t.stringList(),
    options: t.field({ type: 'JSON', nullable: true }),
  }),
});

const SuggestedFollowUp = builder.simpleObject('SuggestedFollowUp', {
  description: "A question an investigation's result raises, and the issue whose follow-up investigation answers it.",
  fields: (t) => ({
    question: t.string(),
    issue: t.field({ type: SuggestedIssue }),
  }),
});

const InvestigationFilter = builder.inputType('InvestigationFilter', {
  fields: (t) => ({
    datasetId: t.id(),
    runId: t.id(),
    status: t.field({ type: InvestigationStatusEnum }),
    issueType: t.string(),
    method: t.field({ type: InvestigationMethodEnum }),
    parentId: t.id({ description: 'Only the follow-ups of this investigation.' }),
  }),
});

builder.queryFields((t) => ({
  investigation: t.field({
    type: InvestigationRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ctx.loaders.investigation.load(String(id)),
  }),
  investigations: t.connection(
    {
      type: InvestigationRef,
      description: 'Investigations in creation order (each run in the order of its issues).',
      args: { filter: t.arg({ type: InvestigationFilter }) },
      resolve: (_, args, ctx) => {
        const f = args.filter;
        const filter = {
          tenantId: ctx.principal.tenantId,
          datasetId: f?.datasetId == null ? undefined : String(f.datasetId),
          runId: f?.runId == null ? undefined : String(f.runId),
          status: f?.status ?? undefined,
          issueType: f?.issueType ?? undefined,
          method: f?.method ?? undefined,
          parentId: f?.parentId == null ? undefined : String(f.parentId),
        };
        return resolvePage(
          args,
          'Investigation',
          (page) => ctx.services.store.investigations.page(filter, page),
          () => ctx.services.store.investigations.count(filter),
        );
      },
    },
    InvestigationConnection,
  ),
}));

builder.mutationField('rerunInvestigation', (t) =>
  t.field({
    type: InvestigationRef,
    description:
      'Runs an investigation again in a new run, with its code or with code edited by the user (method CUSTOM); answers once it has finished unless wait is false (then at once, to follow it by its run). The original is untouched.',
    args: {
      id: t.arg.id({ required: true }),
      code: t.arg.string(),
      wait: t.arg.boolean({ defaultValue: true }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY }),
    },
    authScopes: { member: true },
    resolve: (_, { id, code, wait, idempotencyKey }, ctx) =>
      startedOnce(ctx, 'rerunInvestigation', idempotencyKey, { id, code }, wait, () => ctx.services.runs.rerun(ctx.principal.tenantId, String(id), code)),
  }),
);

builder.mutationField('followUp', (t) =>
  t.field({
    type: InvestigationRef,
    description:
      "Investigates `issue` as a follow-up of an investigation that succeeded, in a new run on the same dataset: the new code gets that investigation's issue and result as context (templates: PREVIOUS; the LLM: its code and result in the prompt), and the two are linked (parent, children). Answers once the follow-up has finished unless wait is false.",
    args: {
      investigationId: t.arg.id({ required: true }),
      issue: t.arg({ type: IssueInput, required: true }),
      codegen: t.arg({ type: CodegenModeEnum, description: "How the follow-up's code is written; by default as the followed-up investigation's run." }),
      wait: t.arg.boolean({ defaultValue: true }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY }),
    },
    authScopes: { member: true },
    resolve: (_, { investigationId, issue, codegen, wait, idempotencyKey }, ctx) =>
      startedOnce(ctx, 'followUp', idempotencyKey, { investigationId, issue, codegen }, wait, () =>
        ctx.services.runs.followUp(ctx.principal.tenantId, String(investigationId), issue, { codegen }),
      ),
  }),
);

/**
 * Starts an investigation in a new run (a rerun, a follow-up) once per idempotency key, as investigateIssues
 * does a run: a retry with the key and the same request gets the investigation the first started. Then,
 * unless `wait` is false, answers it as it is once its run has finished.
 */
async function startedOnce(
  ctx: Context,
  operation: string,
  idempotencyKey: string | null | undefined,
  request: unknown,
  wait: boolean | null | undefined,
  start: () => Promise<InvestigationRow>,
): Promise<InvestigationRow> {
  const tenantId = ctx.principal.tenantId;
  const started =
    idempotencyKey == null
      ? await start()
      : await ctx.services.idempotency.once({ tenantId, operation, key: idempotencyKey }, fingerprintOf(request), start, async (id) => (await ctx.services.store.investigations.byIds([id], tenantId))[0]);
  if (wait === false) return started;
  await ctx.services.runs.finished(started.runId);
  return (await ctx.services.store.investigations.byIds([started.id], tenantId))[0]!;
}
