import type { IssueInput, IssueSource } from './gql/graphql';

/** A hypothesis as the editor holds it: every field as text the user may change. */
export interface Draft {
  key: number;
  selected: boolean;
  type: string;
  description: string;
  /** Comma-separated column names; empty for whole rows. */
  columns: string;
  /** JSON object text; empty for none. */
  options: string;
  source: IssueSource | null;
  evidence: unknown;
}

let nextKey = 1;

export function draftOf(issue: { type: string; description: string; affectedColumns: string[]; options?: unknown; evidence?: unknown; source?: IssueSource | null }): Draft {
  return {
    key: nextKey++,
    selected: true,
    type: issue.type,
    description: issue.description,
    columns: issue.affectedColumns.join(', '),
    options: issue.options == null ? '' : JSON.stringify(issue.options),
    source: issue.source ?? null,
    evidence: issue.evidence ?? null,
  };
}

export function blankDraft(): Draft {
  return draftOf({ type: 'missing_values', description: '', affectedColumns: [], source: 'USER' });
}

/** The issue a draft stands for, or why it cannot be sent, the error starting with `where` (e.g. "Hypothesis 5", numbered as the page shows it). */
export function issueOf(draft: Draft, where: string): { issue: IssueInput } | { error: string } {
  const type = draft.type.trim();
  if (!type) return { error: `${where}: the type is empty` };
  if (!draft.description.trim()) return { error: `${where}: the description is empty` };
  const affectedColumns = draft.columns
    .split(',')
    .map((column) => column.trim())
    .filter((column) => column !== '');
  let options: unknown;
  if (draft.options.trim()) {
    try {
      options = JSON.parse(draft.options);
    } catch (err) {
      return { error: `${where}: options is not JSON (${(err as Error).message})` };
    }
    if (options === null || typeof options !== 'object' || Array.isArray(options)) return { error: `${where}: options must be a JSON object, like {"by": "region"}` };
  }
  return {
    issue: {
      type,
      description: draft.description.trim(),
      affectedColumns,
      ...(options === undefined ? {} : { options }),
      ...(draft.source ? { source: draft.source } : {}),
      ...(draft.evidence == null ? {} : { evidence: draft.evidence }),
    },
  };
}

/** The selected drafts as issues, or every error among them. */
export function selectedIssues(drafts: Draft[]): { issues: IssueInput[]; errors: string[] } {
  const issues: IssueInput[] = [];
  const errors: string[] = [];
  drafts.forEach((draft, index) => {
    if (!draft.selected) return;
    const outcome = issueOf(draft, `Hypothesis ${index + 1}`);
    if ('error' in outcome) errors.push(outcome.error);
    else issues.push(outcome.issue);
  });
  if (!issues.length && !errors.length) errors.push('Select at least one hypothesis to investigate');
  return { issues, errors };
}
