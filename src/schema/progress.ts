import { runById } from '../db/stores/runStore';
import { NotFoundError } from '../errors';
import { builder } from './builder';
import { ProgressEventTypeEnum } from './enums';
import { ProgressEventRef } from './refs';

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
  }),
});

builder.subscriptionFields((t) => ({
  investigationProgress: t.field({
    type: ProgressEventRef,
    description:
      'Every progress event of the run in seq order: first those already recorded with seq > afterSeq, then live ones, with no gap and no repeat; completes after RUN_FINISHED.',
    args: { runId: t.arg.id({ required: true }), afterSeq: t.arg.int() },
    subscribe: (_, { runId, afterSeq }, ctx) => {
      const id = String(runId);
      if (!runById(ctx.services.db, id)) throw new NotFoundError('Run', id);
      return ctx.services.progress.stream(id, afterSeq ?? 0);
    },
    resolve: (event) => event,
  }),
}));
