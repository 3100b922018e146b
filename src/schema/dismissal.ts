import type { DismissalRow } from '../db/schema';
import { builder } from './builder';
import { DatasetRef } from './refs';

const Dismissal = builder.objectRef<DismissalRow>('Dismissal').implement({
  description: '"Not an issue": a hypothesis (a type on some columns) a person dismissed for a dataset; detectIssues no longer proposes it there.',
  fields: (t) => ({
    id: t.exposeID('id'),
    dataset: t.field({
      type: DatasetRef,
      resolve: async (d, _, ctx) => ctx.services.datasets.get(d.datasetId, ctx.principal.tenantId),
    }),
    type: t.exposeString('issueType'),
    affectedColumns: t.exposeStringList('affectedColumns'),
    reason: t.exposeString('reason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.objectField(DatasetRef, 'dismissals', (t) =>
  t.field({
    type: [Dismissal],
    description: 'The hypotheses dismissed for this dataset ("not an issue"), oldest first.',
    resolve: (d, _, ctx) => ctx.services.dismissals.ofDataset(d.id),
  }),
);

builder.mutationField('dismissIssue', (t) =>
  t.field({
    type: Dismissal,
    description:
      'Tells the service that a hypothesis is not an issue for this dataset: detectIssues stops proposing its type on these columns (in any order). Dismissing it again returns the first dismissal.',
    args: {
      datasetId: t.arg.id({ required: true }),
      type: t.arg.string({ required: true }),
      affectedColumns: t.arg.stringList({ required: true, description: 'The columns of the hypothesis; [] for whole rows.' }),
      reason: t.arg.string({ description: 'Why it is not an issue, for the people who read the dismissal later.' }),
    },
    authScopes: { member: true },
    resolve: (_, args, ctx) =>
      ctx.services.dismissals.dismiss(ctx.principal.tenantId, String(args.datasetId), { type: args.type, affectedColumns: args.affectedColumns, reason: args.reason }),
  }),
);

builder.mutationField('restoreIssue', (t) =>
  t.field({
    type: Dismissal,
    description: 'Undoes a dismissal: detectIssues proposes the hypothesis again. Returns the dismissal removed.',
    args: { id: t.arg.id({ required: true }) },
    authScopes: { member: true },
    resolve: (_, { id }, ctx) => ctx.services.dismissals.restore(ctx.principal.tenantId, String(id)),
  }),
);
