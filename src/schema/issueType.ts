import { ENVELOPE_KEYS, ISSUE_TYPES, requiredKeys, type IssueTypeModule } from '../issueTypes/registry';
import type { OptionSpec } from '../issueTypes/definition';
import { builder } from './builder';

const IssueOptionInfo = builder.objectRef<OptionSpec>('IssueOptionInfo').implement({
  description: 'One option of an issue type, as IssueInput.options takes it.',
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.exposeString('type', {
      description: 'JSON type of the value: number, string, boolean, object, array, or a union such as number|string.',
    }),
    default: t.field({ type: 'JSON', nullable: true, description: 'What the type uses when the option is absent; null when nothing or the description decides.', resolve: (o) => o.default ?? null }),
    description: t.exposeString('description'),
  }),
});

const IssueTypeInfo = builder.objectRef<IssueTypeModule>('IssueTypeInfo').implement({
  fields: (t) => ({
    type: t.exposeString('type'),
    description: t.exposeString('description'),
    resultKeys: t.stringList({
      description: 'Every key the result is guaranteed to carry: the envelope, then the type’s own.',
      resolve: (d) => [...ENVELOPE_KEYS, ...requiredKeys(d.result)],
    }),
    columns: t.string({ description: 'Which affectedColumns the type takes.', resolve: (d) => d.columns.description }),
    minColumns: t.int({ resolve: (d) => d.columns.min }),
    maxColumns: t.int({ nullable: true, description: 'Null: no upper limit.', resolve: (d) => (Number.isFinite(d.columns.max) ? d.columns.max : null) }),
    options: t.field({
      type: [IssueOptionInfo],
      description: 'Every option the type reads; other keys are listed in the result’s ignored_options.',
      resolve: (d) => d.options,
    }),
    heuristic: t.boolean({ description: 'The heuristic fallback answers this type without Python.', resolve: (d) => d.heuristic !== undefined }),
  }),
});

builder.queryField('issueTypes', (t) =>
  t.field({
    type: [IssueTypeInfo],
    description: 'The issue types that have templates, and the result keys each guarantees.',
    resolve: () => [...ISSUE_TYPES],
  }),
);
