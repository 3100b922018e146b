import { newId } from '../util/ids';
import { builder } from './builder';
import { Issue } from './issue';

builder.mutationField('detectIssues', (t) =>
  t.field({
    type: [Issue],
    description:
      "Hypotheses about the dataset's quality, from its profile (the analysis agent): core types measured on the whole dataset, then, with an LLM configured, hypotheses of other types from Claude. Each can be passed to investigateIssues as it is. Hypotheses dismissed for the dataset (dismissIssue) are left out.",
    args: {
      datasetId: t.arg.id({ required: true }),
      includeDismissed: t.arg.boolean({ defaultValue: false, description: 'Also the hypotheses dismissed for the dataset (dismissIssue).' }),
    },
    authScopes: { member: true },
    resolve: async (_, { datasetId, includeDismissed }, ctx) =>
      (await ctx.services.detection.detect(ctx.principal.tenantId, String(datasetId), { includeDismissed: includeDismissed ?? false })).map((issue) => ({
        ...issue,
        globalId: newId('Issue'),
      })),
  }),
);
