import { graphql } from './gql';

// Every operation the dashboard sends, typed by `npm run codegen` (dashboard/src/gql/).

export const ViewerQuery = graphql(`
  query DashboardViewer {
    viewer {
      tenant
      role
      authMethod
    }
    issueTypes {
      type
    }
  }
`);

export const DatasetFields = graphql(`
  fragment DashboardDataset on Dataset {
    id
    name
    rowCount
    sizeBytes
    sha256
    createdAt
    columns {
      name
      dtype
    }
  }
`);

export const DatasetsQuery = graphql(`
  query DashboardDatasets($sha256: String) {
    datasets(first: 100, sha256: $sha256) {
      edges {
        node {
          ...DashboardDataset
        }
      }
    }
  }
`);

export const DatasetQuery = graphql(`
  query DashboardDataset($id: ID!) {
    dataset(id: $id) {
      ...DashboardDataset
      runs(first: 50) {
        edges {
          node {
            ...DashboardRunRow
          }
        }
      }
    }
  }
`);

export const UploadDataset = graphql(`
  mutation DashboardUpload($file: File!, $name: String) {
    uploadDataset(file: $file, name: $name) {
      ...DashboardDataset
    }
  }
`);

export const DetectIssues = graphql(`
  mutation DashboardDetect($datasetId: ID!) {
    detectIssues(datasetId: $datasetId) {
      type
      description
      affectedColumns
      options
      evidence
      source
    }
  }
`);

export const SummaryFields = graphql(`
  fragment DashboardSummary on RunSummary {
    total
    succeeded
    failed
    confirmed
    refuted
    inconclusive
  }
`);

export const RunRowFields = graphql(`
  fragment DashboardRunRow on InvestigationRun {
    id
    label
    status
    createdAt
    finishedAt
    dataset {
      id
      name
    }
    summary {
      ...DashboardSummary
    }
  }
`);

export const RunsQuery = graphql(`
  query DashboardRuns {
    runs(first: 50) {
      edges {
        node {
          ...DashboardRunRow
        }
      }
    }
  }
`);

export const InvestigationFields = graphql(`
  fragment DashboardInvestigation on Investigation {
    id
    status
    method
    attempts
    code
    error
    errorCode
    output
    createdAt
    startedAt
    finishedAt
    issue {
      clientId
      type
      description
      affectedColumns
      options
    }
    verdict {
      status
      claimed
      measured
      explanation
    }
    timings {
      generationMs
      executionMs
      parsingMs
      totalMs
    }
    artifacts {
      id
      name
      url
      width
      height
      bytes
    }
    suggestedFollowUps {
      question
      issue {
        type
        description
        affectedColumns
        options
      }
    }
    parent {
      id
      run {
        id
      }
    }
    children {
      id
      run {
        id
      }
    }
  }
`);

export const EventFields = graphql(`
  fragment DashboardEvent on ProgressEvent {
    seq
    type
    message
    timestamp
    investigationId
    data
  }
`);

export const RunQuery = graphql(`
  query DashboardRun($id: ID!) {
    run(id: $id) {
      ...DashboardRunRow
      charts
      codegen
      sandbox
      startedAt
      investigations {
        ...DashboardInvestigation
      }
      events {
        ...DashboardEvent
      }
    }
  }
`);

export const RunProgress = graphql(`
  subscription DashboardProgress($runId: ID!, $afterSeq: Int) {
    investigationProgress(runId: $runId, afterSeq: $afterSeq) {
      ...DashboardEvent
      investigation {
        ...DashboardInvestigation
      }
    }
  }
`);

export const StartRun = graphql(`
  mutation DashboardStartRun($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
    }
  }
`);

export const RerunInvestigation = graphql(`
  mutation DashboardRerun($id: ID!, $code: String) {
    rerunInvestigation(id: $id, code: $code, wait: false) {
      id
      run {
        id
      }
    }
  }
`);

export const FollowUp = graphql(`
  mutation DashboardFollowUp($investigationId: ID!, $issue: IssueInput!) {
    followUp(investigationId: $investigationId, issue: $issue, wait: false) {
      id
      run {
        id
      }
    }
  }
`);

export const CancelRun = graphql(`
  mutation DashboardCancelRun($id: ID!) {
    cancelRun(id: $id) {
      id
      status
    }
  }
`);
