import { createLoaders } from './loaders';
import { NotFoundError } from '../errors';
import { builder } from './builder';
import { ProgressEventTypeEnum } from './enums';
import type { Verdict } from '../db/schema';
import type { RunSummary } from '../runs/window';
import { VerdictType } from './investigation';
import { InvestigationRef, ProgressEventRef } from './refs';
import { RunSummaryType } from './run';

ProgressEventRef.implement({
  description: 'One step of a run, stored before it is published.',
  fields: (t) => ({
    runId: t.exposeID('runId'),
    investigationId: t.exposeID('investigationId', { nullable: true }),
    seq: t.exposeInt('seq', { description: '1, 2, 3, … within a run: no gaps.' }),
    type: t.expose('type', { type: ProgressEventTypeEnum }),
    message: t.exposeString('message'),
    timestamp: t.expose('timestamp', { type: 'DateTime' }),
    data: t.expose('data', { type: 'JSON', nullable: true }),
    investigation: t.field({
      type: InvestigationRef,
      nullable: true,
      description: 'The investigation the event is about, as it is now, so that a subscription updates it in a client cache.',
      resolve: (e, _, ctx) => (e.investigationId ? ctx.loaders.investigation.load(e.investigationId) : null),
    }),
    verdict: t.field({
      type: VerdictType,
      nullable: true,
      description: 'On an investigation’s final event (succeeded, failed, cancelled): its verdict.',
      resolve: (e) => (e.data?.verdict as Verdict | undefined) ?? null,
    }),
    summary: t.field({
      type: RunSummaryType,
      nullable: true,
      description: 'On RUN_FINISHED: the run’s totals.',
      resolve: (e) => (e.type === 'RUN_FINISHED' ? ((e.data?.summary as RunSummary | undefined) ?? null) : null),
    }),
  }),
});

builder.subscriptionFields((t) => ({
  investigationProgress: t.field({
    type: ProgressEventRef,
    description:
      'Every progress event of the run in seq order: first those already recorded with seq > afterSeq, then live ones, with no gap and no repeat; completes after RUN_FINISHED.',
    args: { runId: t.arg.id({ required: true }), afterSeq: t.arg.int() },
    subscribe: async (_, { runId, afterSeq }, ctx) => {
      const id = String(runId);
      if (!(await ctx.services.store.runs.byId(id, ctx.principal.tenantId))) throw new NotFoundError('Run', id);
      return ctx.services.progress.stream(id, afterSeq ?? 0);
    },
    // A subscription's context lives as long as it does: each event is read with fresh loaders, so that
    // what it selects (its investigation, the run's summary) is as of that event, not of the first one.
    resolve: (event, _, ctx) => {
      ctx.loaders = createLoaders(ctx.services.store, ctx.principal.tenantId);
      return event;
    },
  }),
}));
