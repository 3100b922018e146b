import { ENVELOPE_KEYS, ISSUE_TYPES, type IssueTypeDefinition } from '../pipeline/issueTypes';
import { builder } from './builder';

const IssueTypeInfo = builder.objectRef<IssueTypeDefinition>('IssueTypeInfo').implement({
  fields: (t) => ({
    type: t.exposeString('type'),
    description: t.exposeString('description'),
    resultKeys: t.stringList({
      description: 'Every key the result is guaranteed to carry: the envelope, then the type’s own.',
      resolve: (d) => [...ENVELOPE_KEYS, ...d.extraKeys],
    }),
    columns: t.string({ description: 'Which affectedColumns the type takes.', resolve: (d) => d.columns.description }),
  }),
});

builder.queryField('issueTypes', (t) =>
  t.field({
    type: [IssueTypeInfo],
    description: 'The issue types that have templates, and the result keys each guarantees.',
    resolve: () => [...ISSUE_TYPES],
  }),
);
