/**
 * The tabs GraphiQL opens with (until a browser has tabs of its own stored): one example operation of
 * each kind, written for the sample dataset (examples/sales.csv, loaded by the quick start).
 */
const tab = (query: string, variables?: object) => ({
  query: query.trim() + '\n',
  variables: variables ? JSON.stringify(variables, null, 2) : null,
});

export const GRAPHIQL_TABS = [
  tab(`
# The datasets, newest first. Copy an id into the variables of the next tabs
# (the quick start loads examples/sales.csv).
query Datasets {
  datasets(first: 10) {
    edges {
      node { id name rowCount columns { name dtype nullCount } }
    }
  }
}`),
  tab(
    `
# Hypotheses about a dataset's quality, measured on the whole dataset.
# Each can be passed to investigateIssues as it is.
mutation DetectIssues($datasetId: ID!) {
  detectIssues(datasetId: $datasetId) {
    id type description affectedColumns options source evidence
  }
}`,
    { datasetId: 'ds_… (from the Datasets tab)' },
  ),
  tab(
    `
# One investigation per issue, run in parallel; the options are per issue type
# (docs/RESULTS.md). Follow the run with the next tab: copy the run's id.
mutation InvestigateIssues($datasetId: ID!, $issues: [IssueInput!]!) {
  investigateIssues(input: { datasetId: $datasetId, issues: $issues }) {
    id
    status
    investigations { id status issue { type description } }
  }
}`,
    {
      datasetId: 'ds_… (from the Datasets tab)',
      issues: [
        { type: 'missing_values', description: 'revenue has 20% missing values', affectedColumns: ['revenue'] },
        { type: 'duplicates', description: 'transaction ids repeat', affectedColumns: ['transaction_id'] },
        {
          type: 'cross_column',
          description: 'revenue = price × quantity',
          affectedColumns: ['revenue', 'price', 'quantity'],
          options: { relation: 'revenue = price * quantity', tolerance: 0.01 },
        },
      ],
    },
  ),
  tab(
    `
# Every step of a run: those already stored after afterSeq, then live ones;
# completes after RUN_FINISHED. Run it while the run is going, or after.
subscription InvestigationProgress($runId: ID!) {
  investigationProgress(runId: $runId, afterSeq: 0) {
    seq type message investigationId data
  }
}`,
    { runId: 'run_… (from investigateIssues)' },
  ),
];
