/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CliFindDataset($sha256: String!) {\n    datasets(first: 1, sha256: $sha256) {\n      edges {\n        node {\n          id\n          name\n          rowCount\n          sha256\n        }\n      }\n    }\n  }\n": typeof types.CliFindDatasetDocument,
    "\n  mutation CliUploadDataset($file: File!, $name: String) {\n    uploadDataset(file: $file, name: $name) {\n      id\n      name\n      rowCount\n      sha256\n    }\n  }\n": typeof types.CliUploadDatasetDocument,
    "\n  mutation CliDetectIssues($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      type\n      description\n      affectedColumns\n      options\n      evidence\n      claim {\n        comparator\n        measure\n        value\n      }\n    }\n  }\n": typeof types.CliDetectIssuesDocument,
    "\n  mutation CliStartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n        issue {\n          type\n          description\n          affectedColumns\n        }\n      }\n    }\n  }\n": typeof types.CliStartRunDocument,
    "\n  subscription CliRunProgress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n      message\n      investigationId\n    }\n  }\n": typeof types.CliRunProgressDocument,
    "\n  query CliRunResults($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      label\n      createdAt\n      finishedAt\n      dataset {\n        id\n        name\n        sha256\n        rowCount\n      }\n      investigations {\n        id\n        status\n        method\n        attempts\n        executionTimeMs\n        error\n        errorCode\n        output\n        issue {\n          type\n          description\n          affectedColumns\n          claim {\n            comparator\n            measure\n            value\n          }\n        }\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n        artifacts {\n          name\n          mimeType\n          bytes\n          sha256\n          url\n        }\n        suggestedFollowUps {\n          question\n          issue {\n            type\n            description\n            affectedColumns\n            options\n          }\n        }\n      }\n    }\n  }\n": typeof types.CliRunResultsDocument,
};
const documents: Documents = {
    "\n  query CliFindDataset($sha256: String!) {\n    datasets(first: 1, sha256: $sha256) {\n      edges {\n        node {\n          id\n          name\n          rowCount\n          sha256\n        }\n      }\n    }\n  }\n": types.CliFindDatasetDocument,
    "\n  mutation CliUploadDataset($file: File!, $name: String) {\n    uploadDataset(file: $file, name: $name) {\n      id\n      name\n      rowCount\n      sha256\n    }\n  }\n": types.CliUploadDatasetDocument,
    "\n  mutation CliDetectIssues($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      type\n      description\n      affectedColumns\n      options\n      evidence\n      claim {\n        comparator\n        measure\n        value\n      }\n    }\n  }\n": types.CliDetectIssuesDocument,
    "\n  mutation CliStartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n        issue {\n          type\n          description\n          affectedColumns\n        }\n      }\n    }\n  }\n": types.CliStartRunDocument,
    "\n  subscription CliRunProgress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n      message\n      investigationId\n    }\n  }\n": types.CliRunProgressDocument,
    "\n  query CliRunResults($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      label\n      createdAt\n      finishedAt\n      dataset {\n        id\n        name\n        sha256\n        rowCount\n      }\n      investigations {\n        id\n        status\n        method\n        attempts\n        executionTimeMs\n        error\n        errorCode\n        output\n        issue {\n          type\n          description\n          affectedColumns\n          claim {\n            comparator\n            measure\n            value\n          }\n        }\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n        artifacts {\n          name\n          mimeType\n          bytes\n          sha256\n          url\n        }\n        suggestedFollowUps {\n          question\n          issue {\n            type\n            description\n            affectedColumns\n            options\n          }\n        }\n      }\n    }\n  }\n": types.CliRunResultsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliFindDataset($sha256: String!) {\n    datasets(first: 1, sha256: $sha256) {\n      edges {\n        node {\n          id\n          name\n          rowCount\n          sha256\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CliFindDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliUploadDataset($file: File!, $name: String) {\n    uploadDataset(file: $file, name: $name) {\n      id\n      name\n      rowCount\n      sha256\n    }\n  }\n"): typeof import('./graphql').CliUploadDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliDetectIssues($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      type\n      description\n      affectedColumns\n      options\n      evidence\n      claim {\n        comparator\n        measure\n        value\n      }\n    }\n  }\n"): typeof import('./graphql').CliDetectIssuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliStartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n        issue {\n          type\n          description\n          affectedColumns\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CliStartRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CliRunProgress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n      message\n      investigationId\n    }\n  }\n"): typeof import('./graphql').CliRunProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliRunResults($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      label\n      createdAt\n      finishedAt\n      dataset {\n        id\n        name\n        sha256\n        rowCount\n      }\n      investigations {\n        id\n        status\n        method\n        attempts\n        executionTimeMs\n        error\n        errorCode\n        output\n        issue {\n          type\n          description\n          affectedColumns\n          claim {\n            comparator\n            measure\n            value\n          }\n        }\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n        artifacts {\n          name\n          mimeType\n          bytes\n          sha256\n          url\n        }\n        suggestedFollowUps {\n          question\n          issue {\n            type\n            description\n            affectedColumns\n            options\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CliRunResultsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
