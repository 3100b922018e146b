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
    "\n  query DashboardViewer {\n    viewer {\n      tenant\n      role\n      authMethod\n    }\n    issueTypes {\n      type\n    }\n  }\n": typeof types.DashboardViewerDocument,
    "\n  fragment DashboardDataset on Dataset {\n    id\n    name\n    rowCount\n    sizeBytes\n    sha256\n    createdAt\n    columns {\n      name\n      dtype\n    }\n  }\n": typeof types.DashboardDatasetFragmentDoc,
    "\n  query DashboardDatasets($sha256: String) {\n    datasets(first: 100, sha256: $sha256) {\n      edges {\n        node {\n          ...DashboardDataset\n        }\n      }\n    }\n  }\n": typeof types.DashboardDatasetsDocument,
    "\n  query DashboardDataset($id: ID!) {\n    dataset(id: $id) {\n      ...DashboardDataset\n      runs(first: 50) {\n        edges {\n          node {\n            ...DashboardRunRow\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardDatasetDocument,
    "\n  mutation DashboardUpload($file: File!, $name: String) {\n    uploadDataset(file: $file, name: $name) {\n      ...DashboardDataset\n    }\n  }\n": typeof types.DashboardUploadDocument,
    "\n  mutation DashboardDetect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      type\n      description\n      affectedColumns\n      options\n      evidence\n      source\n    }\n  }\n": typeof types.DashboardDetectDocument,
    "\n  fragment DashboardSummary on RunSummary {\n    total\n    succeeded\n    failed\n    confirmed\n    refuted\n    inconclusive\n  }\n": typeof types.DashboardSummaryFragmentDoc,
    "\n  fragment DashboardRunRow on InvestigationRun {\n    id\n    label\n    status\n    createdAt\n    finishedAt\n    dataset {\n      id\n      name\n    }\n    summary {\n      ...DashboardSummary\n    }\n  }\n": typeof types.DashboardRunRowFragmentDoc,
    "\n  query DashboardRuns {\n    runs(first: 50) {\n      edges {\n        node {\n          ...DashboardRunRow\n        }\n      }\n    }\n  }\n": typeof types.DashboardRunsDocument,
    "\n  fragment DashboardInvestigation on Investigation {\n    id\n    status\n    method\n    attempts\n    code\n    error\n    errorCode\n    output\n    createdAt\n    startedAt\n    finishedAt\n    issue {\n      clientId\n      type\n      description\n      affectedColumns\n      options\n    }\n    verdict {\n      status\n      claimed\n      measured\n      explanation\n    }\n    timings {\n      generationMs\n      executionMs\n      parsingMs\n      totalMs\n    }\n    artifacts {\n      id\n      name\n      url\n      width\n      height\n      bytes\n    }\n    suggestedFollowUps {\n      question\n      issue {\n        type\n        description\n        affectedColumns\n        options\n      }\n    }\n    parent {\n      id\n      run {\n        id\n      }\n    }\n    children {\n      id\n      run {\n        id\n      }\n    }\n  }\n": typeof types.DashboardInvestigationFragmentDoc,
    "\n  fragment DashboardEvent on ProgressEvent {\n    seq\n    type\n    message\n    timestamp\n    investigationId\n    data\n  }\n": typeof types.DashboardEventFragmentDoc,
    "\n  query DashboardRun($id: ID!) {\n    run(id: $id) {\n      ...DashboardRunRow\n      charts\n      codegen\n      sandbox\n      startedAt\n      investigations {\n        ...DashboardInvestigation\n      }\n      events {\n        ...DashboardEvent\n      }\n    }\n  }\n": typeof types.DashboardRunDocument,
    "\n  subscription DashboardProgress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      ...DashboardEvent\n      investigation {\n        ...DashboardInvestigation\n      }\n    }\n  }\n": typeof types.DashboardProgressDocument,
    "\n  mutation DashboardStartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n    }\n  }\n": typeof types.DashboardStartRunDocument,
    "\n  mutation DashboardRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code, wait: false) {\n      id\n      run {\n        id\n      }\n    }\n  }\n": typeof types.DashboardRerunDocument,
    "\n  mutation DashboardFollowUp($investigationId: ID!, $issue: IssueInput!) {\n    followUp(investigationId: $investigationId, issue: $issue, wait: false) {\n      id\n      run {\n        id\n      }\n    }\n  }\n": typeof types.DashboardFollowUpDocument,
    "\n  mutation DashboardCancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DashboardCancelRunDocument,
};
const documents: Documents = {
    "\n  query DashboardViewer {\n    viewer {\n      tenant\n      role\n      authMethod\n    }\n    issueTypes {\n      type\n    }\n  }\n": types.DashboardViewerDocument,
    "\n  fragment DashboardDataset on Dataset {\n    id\n    name\n    rowCount\n    sizeBytes\n    sha256\n    createdAt\n    columns {\n      name\n      dtype\n    }\n  }\n": types.DashboardDatasetFragmentDoc,
    "\n  query DashboardDatasets($sha256: String) {\n    datasets(first: 100, sha256: $sha256) {\n      edges {\n        node {\n          ...DashboardDataset\n        }\n      }\n    }\n  }\n": types.DashboardDatasetsDocument,
    "\n  query DashboardDataset($id: ID!) {\n    dataset(id: $id) {\n      ...DashboardDataset\n      runs(first: 50) {\n        edges {\n          node {\n            ...DashboardRunRow\n          }\n        }\n      }\n    }\n  }\n": types.DashboardDatasetDocument,
    "\n  mutation DashboardUpload($file: File!, $name: String) {\n    uploadDataset(file: $file, name: $name) {\n      ...DashboardDataset\n    }\n  }\n": types.DashboardUploadDocument,
    "\n  mutation DashboardDetect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      type\n      description\n      affectedColumns\n      options\n      evidence\n      source\n    }\n  }\n": types.DashboardDetectDocument,
    "\n  fragment DashboardSummary on RunSummary {\n    total\n    succeeded\n    failed\n    confirmed\n    refuted\n    inconclusive\n  }\n": types.DashboardSummaryFragmentDoc,
    "\n  fragment DashboardRunRow on InvestigationRun {\n    id\n    label\n    status\n    createdAt\n    finishedAt\n    dataset {\n      id\n      name\n    }\n    summary {\n      ...DashboardSummary\n    }\n  }\n": types.DashboardRunRowFragmentDoc,
    "\n  query DashboardRuns {\n    runs(first: 50) {\n      edges {\n        node {\n          ...DashboardRunRow\n        }\n      }\n    }\n  }\n": types.DashboardRunsDocument,
    "\n  fragment DashboardInvestigation on Investigation {\n    id\n    status\n    method\n    attempts\n    code\n    error\n    errorCode\n    output\n    createdAt\n    startedAt\n    finishedAt\n    issue {\n      clientId\n      type\n      description\n      affectedColumns\n      options\n    }\n    verdict {\n      status\n      claimed\n      measured\n      explanation\n    }\n    timings {\n      generationMs\n      executionMs\n      parsingMs\n      totalMs\n    }\n    artifacts {\n      id\n      name\n      url\n      width\n      height\n      bytes\n    }\n    suggestedFollowUps {\n      question\n      issue {\n        type\n        description\n        affectedColumns\n        options\n      }\n    }\n    parent {\n      id\n      run {\n        id\n      }\n    }\n    children {\n      id\n      run {\n        id\n      }\n    }\n  }\n": types.DashboardInvestigationFragmentDoc,
    "\n  fragment DashboardEvent on ProgressEvent {\n    seq\n    type\n    message\n    timestamp\n    investigationId\n    data\n  }\n": types.DashboardEventFragmentDoc,
    "\n  query DashboardRun($id: ID!) {\n    run(id: $id) {\n      ...DashboardRunRow\n      charts\n      codegen\n      sandbox\n      startedAt\n      investigations {\n        ...DashboardInvestigation\n      }\n      events {\n        ...DashboardEvent\n      }\n    }\n  }\n": types.DashboardRunDocument,
    "\n  subscription DashboardProgress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      ...DashboardEvent\n      investigation {\n        ...DashboardInvestigation\n      }\n    }\n  }\n": types.DashboardProgressDocument,
    "\n  mutation DashboardStartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n    }\n  }\n": types.DashboardStartRunDocument,
    "\n  mutation DashboardRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code, wait: false) {\n      id\n      run {\n        id\n      }\n    }\n  }\n": types.DashboardRerunDocument,
    "\n  mutation DashboardFollowUp($investigationId: ID!, $issue: IssueInput!) {\n    followUp(investigationId: $investigationId, issue: $issue, wait: false) {\n      id\n      run {\n        id\n      }\n    }\n  }\n": types.DashboardFollowUpDocument,
    "\n  mutation DashboardCancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n    }\n  }\n": types.DashboardCancelRunDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardViewer {\n    viewer {\n      tenant\n      role\n      authMethod\n    }\n    issueTypes {\n      type\n    }\n  }\n"): typeof import('./graphql').DashboardViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardDataset on Dataset {\n    id\n    name\n    rowCount\n    sizeBytes\n    sha256\n    createdAt\n    columns {\n      name\n      dtype\n    }\n  }\n"): typeof import('./graphql').DashboardDatasetFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDatasets($sha256: String) {\n    datasets(first: 100, sha256: $sha256) {\n      edges {\n        node {\n          ...DashboardDataset\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDataset($id: ID!) {\n    dataset(id: $id) {\n      ...DashboardDataset\n      runs(first: 50) {\n        edges {\n          node {\n            ...DashboardRunRow\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardUpload($file: File!, $name: String) {\n    uploadDataset(file: $file, name: $name) {\n      ...DashboardDataset\n    }\n  }\n"): typeof import('./graphql').DashboardUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardDetect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      type\n      description\n      affectedColumns\n      options\n      evidence\n      source\n    }\n  }\n"): typeof import('./graphql').DashboardDetectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardSummary on RunSummary {\n    total\n    succeeded\n    failed\n    confirmed\n    refuted\n    inconclusive\n  }\n"): typeof import('./graphql').DashboardSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardRunRow on InvestigationRun {\n    id\n    label\n    status\n    createdAt\n    finishedAt\n    dataset {\n      id\n      name\n    }\n    summary {\n      ...DashboardSummary\n    }\n  }\n"): typeof import('./graphql').DashboardRunRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardRuns {\n    runs(first: 50) {\n      edges {\n        node {\n          ...DashboardRunRow\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardInvestigation on Investigation {\n    id\n    status\n    method\n    attempts\n    code\n    error\n    errorCode\n    output\n    createdAt\n    startedAt\n    finishedAt\n    issue {\n      clientId\n      type\n      description\n      affectedColumns\n      options\n    }\n    verdict {\n      status\n      claimed\n      measured\n      explanation\n    }\n    timings {\n      generationMs\n      executionMs\n      parsingMs\n      totalMs\n    }\n    artifacts {\n      id\n      name\n      url\n      width\n      height\n      bytes\n    }\n    suggestedFollowUps {\n      question\n      issue {\n        type\n        description\n        affectedColumns\n        options\n      }\n    }\n    parent {\n      id\n      run {\n        id\n      }\n    }\n    children {\n      id\n      run {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardInvestigationFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardEvent on ProgressEvent {\n    seq\n    type\n    message\n    timestamp\n    investigationId\n    data\n  }\n"): typeof import('./graphql').DashboardEventFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardRun($id: ID!) {\n    run(id: $id) {\n      ...DashboardRunRow\n      charts\n      codegen\n      sandbox\n      startedAt\n      investigations {\n        ...DashboardInvestigation\n      }\n      events {\n        ...DashboardEvent\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardProgress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      ...DashboardEvent\n      investigation {\n        ...DashboardInvestigation\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardStartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').DashboardStartRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code, wait: false) {\n      id\n      run {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardRerunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardFollowUp($investigationId: ID!, $issue: IssueInput!) {\n    followUp(investigationId: $investigationId, issue: $issue, wait: false) {\n      id\n      run {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardFollowUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').DashboardCancelRunDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
