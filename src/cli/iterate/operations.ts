import { graphql } from './gql';

/** The operations the CLI sends; `npm run codegen` types them (./gql). */

export const FindDataset = graphql(`
  query CliFindDataset($sha256: String!) {
    datasets(first: 1, sha256: $sha256) {
      edges {
        node {
          id
          name
          rowCount
          sha256
        }
      }
    }
  }
`);

export const UploadDataset = graphql(`
  mutation CliUploadDataset($file: File!, $name: String) {
    uploadDataset(file: $file, name: $name) {
      id
      name
      rowCount
      sha256
    }
  }
`);

export const DetectIssues = graphql(`
  mutation CliDetectIssues($datasetId: ID!) {
    detectIssues(datasetId: $datasetId) {
      type
      description
      affectedColumns
      options
      evidence
      claim {
        comparator
        measure
        value
      }
    }
  }
`);

export const StartRun = graphql(`
  mutation CliStartRun($input: InvestigateIssuesInput!) {
    investigateIssues(input: $input) {
      id
      status
      investigations {
        id
        issue {
          type
          description
          affectedColumns
        }
      }
    }
  }
`);

export const RunProgress = graphql(`
  subscription CliRunProgress($runId: ID!, $afterSeq: Int) {
    investigationProgress(runId: $runId, afterSeq: $afterSeq) {
      seq
      type
      message
      investigationId
    }
  }
`);

export const RunResults = graphql(`
  query CliRunResults($id: ID!) {
    run(id: $id) {
      id
      status
      label
      createdAt
      finishedAt
      dataset {
        id
        name
        sha256
        rowCount
      }
      investigations {
        id
        status
        method
        attempts
        executionTimeMs
        error
        errorCode
        output
        issue {
          type
          description
          affectedColumns
          claim {
            comparator
            measure
            value
          }
        }
        verdict {
          status
          claimed
          measured
          explanation
        }
        artifacts {
          name
          mimeType
          bytes
          sha256
          url
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
      }
    }
  }
`);
