import { nodeTypeOf } from '../util/ids';
import { builder } from './builder';

builder.queryField('node', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: 'Any dataset, run or investigation by id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => {
      const key = String(id);
      switch (nodeTypeOf(key)) {
        case 'Dataset':
          return ctx.loaders.dataset.load(key);
        case 'InvestigationRun':
          return ctx.loaders.run.load(key);
        case 'Investigation':
          return ctx.loaders.investigation.load(key);
        default:
          return null;
      }
    },
  }),
);
