import type { DetectedIssue } from '../analysis/rules';
import { builder } from './builder';
import { Issue } from './investigation';

/** detectIssues (the analysis agent) and what it adds to Issue: where a hypothesis came from and its figures. */
const IssueSourceEnum = builder.enumType('IssueSource', {
  description: 'Where a hypothesis of detectIssues came from.',
  values: {
    PROFILE: { description: "The dataset's profile, measured on the whole dataset by the service's own rules." },
    LLM: { description: 'Claude, from the profile (no rows): a hypothesis of another type, not yet checked.' },
  },
});

const detected = (i: object) => i as Partial<Pick<DetectedIssue, 'source' | 'evidence'>>;

builder.objectFields(Issue, (t) => ({
  source: t.field({
    type: IssueSourceEnum,
    nullable: true,
    description: 'For a hypothesis of detectIssues, where it came from; null for an issue a client stated.',
    resolve: (i) => detected(i).source ?? null,
  }),
  evidence: t.field({
    type: 'JSON',
    nullable: true,
    description: 'For a hypothesis of detectIssues, the measured figures it was proposed on (an LLM hypothesis: its rationale).',
    resolve: (i) => detected(i).evidence ?? null,
  }),
}));

builder.mutationField('detectIssues', (t) =>
  t.field({
    type: [Issue],
    description:
      "Hypotheses about the dataset's quality, from its profile (the analysis agent): core types measured on the whole dataset, then, with an LLM configured, hypotheses of other types from Claude. Each can be passed to investigateIssues as it is.",
    args: { datasetId: t.arg.id({ required: true }) },
    resolve: (_, { datasetId }, ctx) => ctx.services.detection.detect(String(datasetId)),
  }),
);
