import { ISSUE_SOURCES, type InvestigationRow, type StatedClaim } from '../db/schema';
import type { IssueSpec } from '../pipeline/types';
import { issueOf } from '../runs/issues';
import { builder } from './builder';
import { ClaimMeasureEnum, ComparatorEnum } from './enums';

/** An issue as the API shows it: its globally unique id beside the client's own. */
export interface IssueView extends IssueSpec {
  /** Globally unique, so that normalizing client caches never merge two runs' issues. */
  globalId: string;
}

/** The issue an investigation checks: its id derives from the investigation's, so it is stable and unique. */
export function issueViewOf(inv: InvestigationRow): IssueView {
  return { ...issueOf(inv), globalId: `iss_${inv.id.slice(inv.id.indexOf('_') + 1)}` };
}

export const IssueSourceEnum = builder.enumType('IssueSource', {
  description: 'Where a hypothesis came from.',
  values: {
    PROFILE: { description: "The dataset's profile, measured on the whole dataset by the service's own rules (detectIssues)." },
    LLM: { description: 'Claude, from the profile (no rows): a hypothesis of another type (detectIssues).' },
    USER: { description: 'A client stated it.' },
  } satisfies Record<(typeof ISSUE_SOURCES)[number], unknown>,
});

const Claim = builder.objectRef<StatedClaim>('Claim').implement({
  description: 'A figure the hypothesis states, compared with the measured one for the verdict.',
  fields: (t) => ({
    measure: t.expose('measure', { type: ClaimMeasureEnum }),
    comparator: t.expose('comparator', { type: ComparatorEnum }),
    value: t.exposeFloat('value'),
  }),
});

const ClaimInput = builder.inputType('ClaimInput', {
  description: 'A figure the hypothesis states exactly: the verdict compares it with the measured one before reading the description.',
  fields: (t) => ({
    measure: t.field({ type: ClaimMeasureEnum, required: true }),
    comparator: t.field({ type: ComparatorEnum, required: true }),
    value: t.float({ required: true }),
  }),
});

export const Issue = builder.objectRef<IssueView>('Issue').implement({
  description: 'A hypothesis about the data, as the client stated it or the analysis agent proposed it.',
  fields: (t) => ({
    id: t.string({
      description: 'Globally unique: normalizing client caches key objects on __typename and id.',
      resolve: (i) => i.globalId,
    }),
    clientId: t.string({
      description: "The client's own id for the issue (IssueInput.id), or one made for it; unique within its run.",
      resolve: (i) => i.id,
    }),
    type: t.exposeString('type'),
    description: t.exposeString('description'),
    affectedColumns: t.exposeStringList('affectedColumns'),
    options: t.field({ type: 'JSON', nullable: true, description: 'Parameters beyond the description.', resolve: (i) => i.options ?? null }),
    source: t.field({
      type: IssueSourceEnum,
      nullable: true,
      description: 'Where the hypothesis came from: PROFILE or LLM for detectIssues, USER for a client’s own.',
      resolve: (i) => i.source ?? 'USER',
    }),
    evidence: t.field({
      type: 'JSON',
      nullable: true,
      description: 'For a hypothesis of detectIssues, the measured figures it was proposed on (an LLM hypothesis: its rationale).',
      resolve: (i) => i.evidence ?? null,
    }),
    claim: t.field({
      type: Claim,
      nullable: true,
      description: 'The figure the client stated (IssueInput.claim); null when the verdict reads it from the description.',
      resolve: (i) => i.claim ?? null,
    }),
  }),
});

export const IssueInput = builder.inputType('IssueInput', {
  description: 'A hypothesis to investigate. A hypothesis detectIssues returned can be sent back as it is.',
  fields: (t) => ({
    id: t.string({ description: "The client's own id for the issue; one is made when absent." }),
    clientId: t.string({
      description: 'The same as id (Issue.clientId, so that an Issue can be sent back as it is); takes precedence over id.',
    }),
    type: t.string({
      required: true,
      description: 'missing_values, duplicates, outliers, categorical_variation, or any other hypothesis type (issueTypes lists those with templates).',
    }),
    description: t.string({ required: true }),
    affectedColumns: t.stringList({ required: true }),
    options: t.field({
      type: 'JSON',
      description: 'Parameters of the type (issueTypes lists them); validated when the mutation is called.',
    }),
    source: t.field({ type: IssueSourceEnum, description: 'Accepted so that detectIssues’ hypotheses can be sent back as they are.' }),
    evidence: t.field({ type: 'JSON', description: 'Accepted so that detectIssues’ hypotheses can be sent back as they are; stored.' }),
    claim: t.field({
      type: ClaimInput,
      description: 'The figure the hypothesis states; when absent it is read from the description. Checked against the type.',
    }),
  }),
});
