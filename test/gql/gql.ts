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
    "\n  mutation RemoteRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      usage {\n        calls\n        inputTokens\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        output\n        usage {\n          calls\n        }\n        artifacts {\n          name\n          bytes\n          sha256\n          width\n          height\n          url\n        }\n      }\n      events {\n        type\n        message\n        data\n      }\n    }\n  }\n": typeof types.RemoteRunDocument,
    "\n  mutation RemoteRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      method\n      error\n      artifacts {\n        name\n      }\n      run {\n        sandbox\n        events {\n          type\n          message\n        }\n      }\n    }\n  }\n": typeof types.RemoteRerunDocument,
    "\n  mutation RemoteStart($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n    }\n  }\n": typeof types.RemoteStartDocument,
    "\n  mutation RemoteCancel($id: ID!) {\n    cancelRun(id: $id) {\n      status\n    }\n  }\n": typeof types.RemoteCancelDocument,
    "\n  mutation ChartsInvestigate($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        method\n        code\n        output\n        artifacts {\n          id\n          name\n          mimeType\n          bytes\n          sha256\n          width\n          height\n          url\n          investigation {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.ChartsInvestigateDocument,
    "\n  mutation ChartsRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n      method\n      error\n      output\n      artifacts {\n        name\n        bytes\n        sha256\n        url\n      }\n      run {\n        events {\n          type\n          message\n          investigationId\n        }\n      }\n    }\n  }\n": typeof types.ChartsRerunDocument,
    "\n  mutation ChartsFollowUp($id: ID!, $issue: IssueInput!) {\n    followUp(investigationId: $id, issue: $issue) {\n      code\n      artifacts {\n        name\n      }\n      run {\n        charts\n      }\n    }\n  }\n": typeof types.ChartsFollowUpDocument,
    "\n  query CliTestDatasets {\n    datasets {\n      totalCount\n    }\n  }\n": typeof types.CliTestDatasetsDocument,
    "\n  mutation InvestigateWithoutPython($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        code\n        error\n        output\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n": typeof types.InvestigateWithoutPythonDocument,
    "\n  mutation DashboardTestDetect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      description\n    }\n  }\n": typeof types.DashboardTestDetectDocument,
    "\n  query DashboardTestRun($id: ID!) {\n    run(id: $id) {\n      label\n      charts\n      investigations {\n        id\n        status\n        method\n        code\n        issue {\n          type\n          description\n          affectedColumns\n          options\n        }\n        verdict {\n          status\n        }\n        artifacts {\n          width\n        }\n        parent {\n          id\n        }\n      }\n    }\n  }\n": typeof types.DashboardTestRunDocument,
    "\n  query DashboardTestOutput($id: ID!) {\n    investigation(id: $id) {\n      output\n    }\n  }\n": typeof types.DashboardTestOutputDocument,
    "\n  query DashboardTestDatasets {\n    datasets(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    runs(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.DashboardTestDatasetsDocument,
    "\n  mutation CreateDataset($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n      name\n      rowCount\n      sizeBytes\n      sha256\n      createdAt\n      columns {\n        name\n        dtype\n        nullCount\n      }\n    }\n  }\n": typeof types.CreateDatasetDocument,
    "\n  query DatasetCount {\n    datasets(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.DatasetCountDocument,
    "\n  mutation Detect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      id: clientId\n      type\n      description\n      affectedColumns\n      options\n      source\n      evidence\n    }\n  }\n": typeof types.DetectDocument,
    "\n  mutation InvestigateDetected($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        output\n        issue {\n          id: clientId\n          type\n          affectedColumns\n        }\n      }\n    }\n  }\n": typeof types.InvestigateDetectedDocument,
    "\n  mutation JudgeDetectedHypotheses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      investigations {\n        id\n        status\n        method\n        output\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n      }\n      events {\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": typeof types.JudgeDetectedHypothesesDocument,
    "mutation Upload($csv: String!) { createDataset(name: \"rows\", csv: $csv) { id } }": typeof types.UploadDocument,
    "\n  mutation DurableStart($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.DurableStartDocument,
    "\n  query Everything($runId: ID!, $datasetId: ID!) {\n    dataset(id: $datasetId) {\n      id\n      rowCount\n    }\n    run(id: $runId) {\n      status\n      finishedAt\n      summary {\n        total\n        succeeded\n        failed\n        cancelled\n      }\n      investigations {\n        status\n        error\n        output\n      }\n      events {\n        seq\n        type\n        investigationId\n        message\n        data\n      }\n    }\n  }\n": typeof types.EverythingDocument,
    "\n  subscription Watch($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n      investigationId\n    }\n  }\n": typeof types.WatchDocument,
    "\n  mutation FollowUpBase($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        code\n        output\n      }\n    }\n  }\n": typeof types.FollowUpBaseDocument,
    "\n  mutation FollowUpStart($id: ID!, $issue: IssueInput!, $codegen: CodegenMode, $wait: Boolean) {\n    followUp(investigationId: $id, issue: $issue, codegen: $codegen, wait: $wait) {\n      id\n      status\n      error\n      method\n      code\n      output\n      run {\n        id\n      }\n      parent {\n        id\n      }\n    }\n  }\n": typeof types.FollowUpStartDocument,
    "\n  query FollowUpLineage($id: ID!) {\n    investigation(id: $id) {\n      id\n      parent {\n        id\n      }\n      children {\n        id\n        issue {\n          type\n          description\n        }\n      }\n    }\n    investigations(filter: { parentId: $id }) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.FollowUpLineageDocument,
    "\n  mutation FollowUpRerun($id: ID!) {\n    rerunInvestigation(id: $id) {\n      id\n      parent {\n        id\n      }\n    }\n  }\n": typeof types.FollowUpRerunDocument,
    "\n  mutation FollowUpRerunWith($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n    }\n  }\n": typeof types.FollowUpRerunWithDocument,
    "\n  query FollowUpSuggested($id: ID!) {\n    investigation(id: $id) {\n      output\n      suggestedFollowUps {\n        question\n        issue {\n          type\n          description\n          affectedColumns\n          options\n        }\n      }\n    }\n  }\n": typeof types.FollowUpSuggestedDocument,
    "\n  mutation SeedDataset($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n      rowCount\n    }\n  }\n": typeof types.SeedDatasetDocument,
    "\n  mutation HeuristicCompare($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        code\n        error\n        output\n        attempts\n        validation {\n          valid\n          errors\n        }\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n": typeof types.HeuristicCompareDocument,
    "\n  mutation Investigate($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      concurrency\n      startedAt\n      finishedAt\n      summary {\n        total\n        succeeded\n        failed\n        fallback\n        cancelled\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        code\n        output\n        executionTimeMs\n        issue {\n          id: clientId\n          type\n          affectedColumns\n        }\n        timings {\n          samplingMs\n          generationMs\n          executionMs\n          parsingMs\n          totalMs\n        }\n        sample {\n          rows\n          estimatedTokens\n        }\n        validation {\n          valid\n          errors\n        }\n      }\n      events {\n        seq\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": typeof types.InvestigateDocument,
    "\n  query RunState($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      investigations {\n        id\n        status\n        error\n      }\n      events {\n        seq\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": typeof types.RunStateDocument,
    "\n  mutation Cancel($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n      summary {\n        total\n        cancelled\n      }\n      investigations {\n        status\n      }\n      events {\n        seq\n        type\n        data\n      }\n    }\n  }\n": typeof types.CancelDocument,
    "\n  mutation Rerun($id: ID!, $code: String, $wait: Boolean) {\n    rerunInvestigation(id: $id, code: $code, wait: $wait) {\n      id\n      status\n      method\n      code\n      output\n      error\n      run {\n        id\n        status\n        investigations {\n          id\n        }\n      }\n    }\n  }\n": typeof types.RerunDocument,
    "\n  query OneInvestigation($id: ID!) {\n    investigation(id: $id) {\n      id\n      status\n      method\n      code\n      output\n    }\n  }\n": typeof types.OneInvestigationDocument,
    "\n  mutation RunTemplates($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        error\n        output\n        issue {\n          id\n          type\n        }\n        validation {\n          valid\n          errors\n        }\n      }\n    }\n  }\n": typeof types.RunTemplatesDocument,
    "\n  query IssueTypeList {\n    issueTypes {\n      type\n      description\n      resultKeys\n      columns\n    }\n  }\n": typeof types.IssueTypeListDocument,
    "\n  mutation LlmRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      llmModel\n      fresh\n      usage {\n        model\n        calls\n        inputTokens\n        outputTokens\n        estimatedCostUsd\n      }\n      summary {\n        fallback\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        code\n        output\n        artifacts {\n          name\n          width\n          height\n        }\n        sample {\n          rows\n          estimatedTokens\n          promptTokens\n          redactions\n        }\n        usage {\n          model\n          calls\n          inputTokens\n          outputTokens\n          estimatedCostUsd\n        }\n        attemptHistory {\n          attempt\n          method\n          cached\n          code\n          error\n        }\n      }\n      events {\n        seq\n        type\n        message\n        data\n      }\n    }\n  }\n": typeof types.LlmRunDocument,
    "\n  mutation LlmRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      error\n      output\n    }\n  }\n": typeof types.LlmRerunDocument,
    "\n  mutation InvestigateOnBackend($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        status\n        method\n        output\n        verdict {\n          status\n        }\n      }\n      events {\n        seq\n        type\n      }\n    }\n  }\n": typeof types.InvestigateOnBackendDocument,
    "\n  subscription ReplayOnBackend($runId: ID!) {\n    investigationProgress(runId: $runId) {\n      seq\n    }\n  }\n": typeof types.ReplayOnBackendDocument,
    "\n  mutation StartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.StartRunDocument,
    "\n  query StoredEvents($id: ID!, $afterSeq: Int) {\n    run(id: $id) {\n      status\n      events(afterSeq: $afterSeq) {\n        runId\n        investigationId\n        seq\n        type\n        message\n        timestamp\n        data\n      }\n    }\n  }\n": typeof types.StoredEventsDocument,
    "\n  subscription Progress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      runId\n      investigationId\n      seq\n      type\n      message\n      timestamp\n      data\n    }\n  }\n": typeof types.ProgressDocument,
    "\n  mutation CreateForQueries($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n    }\n  }\n": typeof types.CreateForQueriesDocument,
    "\n  mutation RunForQueries($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n      }\n    }\n  }\n": typeof types.RunForQueriesDocument,
    "\n  query DatasetsPage($first: Int, $after: String, $last: Int, $before: String) {\n    datasets(first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.DatasetsPageDocument,
    "\n  query RunsPage($first: Int, $after: String, $datasetId: ID, $status: RunStatus) {\n    runs(first: $first, after: $after, datasetId: $datasetId, status: $status) {\n      edges {\n        node {\n          id\n          status\n          dataset {\n            id\n            name\n          }\n          investigations {\n            id\n            status\n          }\n          summary {\n            total\n            succeeded\n          }\n          events {\n            seq\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunsPageDocument,
    "\n  query InvestigationsPage($first: Int, $after: String, $filter: InvestigationFilter) {\n    investigations(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          status\n          method\n          issue {\n            type\n          }\n          run {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.InvestigationsPageDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Dataset {\n        name\n        runs(first: 10) {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n      ... on InvestigationRun {\n        runStatus: status\n      }\n      ... on Investigation {\n        investigationStatus: status\n      }\n    }\n  }\n": typeof types.NodeByIdDocument,
    "\n  query Lookups($id: ID!) {\n    dataset(id: $id) {\n      id\n    }\n    run(id: $id) {\n      id\n    }\n    investigation(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": typeof types.LookupsDocument,
    "\n  mutation RedactedRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        output\n      }\n    }\n  }\n": typeof types.RedactedRunDocument,
    "\n  mutation RedactedRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n      error\n      attemptHistory {\n        error\n      }\n      run {\n        events {\n          message\n          data\n        }\n      }\n    }\n  }\n": typeof types.RedactedRerunDocument,
    "\n  query RedactedDatasetDigest($id: ID!) {\n    dataset(id: $id) {\n      sha256\n    }\n  }\n": typeof types.RedactedDatasetDigestDocument,
    "\n  mutation AttackBase($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n      }\n    }\n  }\n": typeof types.AttackBaseDocument,
    "\n  mutation Attack($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      error\n      output\n      run {\n        events {\n          type\n          data\n        }\n      }\n    }\n  }\n": typeof types.AttackDocument,
    "\n  mutation PoolRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        id\n        status\n        method\n        code\n        error\n        output\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n": typeof types.PoolRunDocument,
    "\n  mutation InvestigateAcrossProcesses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n      }\n    }\n  }\n": typeof types.InvestigateAcrossProcessesDocument,
    "\n  query RunAcrossProcesses($id: ID!) {\n    run(id: $id) {\n      status\n      investigations {\n        status\n        errorCode\n        output\n      }\n      events {\n        seq\n        type\n        message\n        investigationId\n        data\n      }\n    }\n  }\n": typeof types.RunAcrossProcessesDocument,
    "\n  query NewestRunAcrossProcesses {\n    runs(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.NewestRunAcrossProcessesDocument,
    "\n  mutation RerunAcrossProcesses($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      errorCode\n      output\n    }\n  }\n": typeof types.RerunAcrossProcessesDocument,
    "\n  mutation CancelAcrossProcesses($id: ID!) {\n    cancelRun(id: $id) {\n      status\n    }\n  }\n": typeof types.CancelAcrossProcessesDocument,
    "\n  subscription ProgressAcrossProcesses($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n    }\n  }\n": typeof types.ProgressAcrossProcessesDocument,
    "\n  query TimelineAcrossProcesses($id: ID!) {\n    run(id: $id) {\n      status\n      investigations {\n        startedAt\n        finishedAt\n      }\n    }\n  }\n": typeof types.TimelineAcrossProcessesDocument,
    "\n  mutation JudgeHypotheses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      investigations {\n        id\n        status\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n      }\n      events {\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": typeof types.JudgeHypothesesDocument,
    "\n  query StoredVerdict($id: ID!) {\n    investigation(id: $id) {\n      verdict {\n        status\n        claimed\n        measured\n      }\n    }\n  }\n": typeof types.StoredVerdictDocument,
};
const documents: Documents = {
    "\n  mutation RemoteRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      usage {\n        calls\n        inputTokens\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        output\n        usage {\n          calls\n        }\n        artifacts {\n          name\n          bytes\n          sha256\n          width\n          height\n          url\n        }\n      }\n      events {\n        type\n        message\n        data\n      }\n    }\n  }\n": types.RemoteRunDocument,
    "\n  mutation RemoteRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      method\n      error\n      artifacts {\n        name\n      }\n      run {\n        sandbox\n        events {\n          type\n          message\n        }\n      }\n    }\n  }\n": types.RemoteRerunDocument,
    "\n  mutation RemoteStart($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n    }\n  }\n": types.RemoteStartDocument,
    "\n  mutation RemoteCancel($id: ID!) {\n    cancelRun(id: $id) {\n      status\n    }\n  }\n": types.RemoteCancelDocument,
    "\n  mutation ChartsInvestigate($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        method\n        code\n        output\n        artifacts {\n          id\n          name\n          mimeType\n          bytes\n          sha256\n          width\n          height\n          url\n          investigation {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.ChartsInvestigateDocument,
    "\n  mutation ChartsRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n      method\n      error\n      output\n      artifacts {\n        name\n        bytes\n        sha256\n        url\n      }\n      run {\n        events {\n          type\n          message\n          investigationId\n        }\n      }\n    }\n  }\n": types.ChartsRerunDocument,
    "\n  mutation ChartsFollowUp($id: ID!, $issue: IssueInput!) {\n    followUp(investigationId: $id, issue: $issue) {\n      code\n      artifacts {\n        name\n      }\n      run {\n        charts\n      }\n    }\n  }\n": types.ChartsFollowUpDocument,
    "\n  query CliTestDatasets {\n    datasets {\n      totalCount\n    }\n  }\n": types.CliTestDatasetsDocument,
    "\n  mutation InvestigateWithoutPython($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        code\n        error\n        output\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n": types.InvestigateWithoutPythonDocument,
    "\n  mutation DashboardTestDetect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      description\n    }\n  }\n": types.DashboardTestDetectDocument,
    "\n  query DashboardTestRun($id: ID!) {\n    run(id: $id) {\n      label\n      charts\n      investigations {\n        id\n        status\n        method\n        code\n        issue {\n          type\n          description\n          affectedColumns\n          options\n        }\n        verdict {\n          status\n        }\n        artifacts {\n          width\n        }\n        parent {\n          id\n        }\n      }\n    }\n  }\n": types.DashboardTestRunDocument,
    "\n  query DashboardTestOutput($id: ID!) {\n    investigation(id: $id) {\n      output\n    }\n  }\n": types.DashboardTestOutputDocument,
    "\n  query DashboardTestDatasets {\n    datasets(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    runs(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.DashboardTestDatasetsDocument,
    "\n  mutation CreateDataset($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n      name\n      rowCount\n      sizeBytes\n      sha256\n      createdAt\n      columns {\n        name\n        dtype\n        nullCount\n      }\n    }\n  }\n": types.CreateDatasetDocument,
    "\n  query DatasetCount {\n    datasets(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.DatasetCountDocument,
    "\n  mutation Detect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      id: clientId\n      type\n      description\n      affectedColumns\n      options\n      source\n      evidence\n    }\n  }\n": types.DetectDocument,
    "\n  mutation InvestigateDetected($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        output\n        issue {\n          id: clientId\n          type\n          affectedColumns\n        }\n      }\n    }\n  }\n": types.InvestigateDetectedDocument,
    "\n  mutation JudgeDetectedHypotheses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      investigations {\n        id\n        status\n        method\n        output\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n      }\n      events {\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": types.JudgeDetectedHypothesesDocument,
    "mutation Upload($csv: String!) { createDataset(name: \"rows\", csv: $csv) { id } }": types.UploadDocument,
    "\n  mutation DurableStart($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n    }\n  }\n": types.DurableStartDocument,
    "\n  query Everything($runId: ID!, $datasetId: ID!) {\n    dataset(id: $datasetId) {\n      id\n      rowCount\n    }\n    run(id: $runId) {\n      status\n      finishedAt\n      summary {\n        total\n        succeeded\n        failed\n        cancelled\n      }\n      investigations {\n        status\n        error\n        output\n      }\n      events {\n        seq\n        type\n        investigationId\n        message\n        data\n      }\n    }\n  }\n": types.EverythingDocument,
    "\n  subscription Watch($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n      investigationId\n    }\n  }\n": types.WatchDocument,
    "\n  mutation FollowUpBase($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        code\n        output\n      }\n    }\n  }\n": types.FollowUpBaseDocument,
    "\n  mutation FollowUpStart($id: ID!, $issue: IssueInput!, $codegen: CodegenMode, $wait: Boolean) {\n    followUp(investigationId: $id, issue: $issue, codegen: $codegen, wait: $wait) {\n      id\n      status\n      error\n      method\n      code\n      output\n      run {\n        id\n      }\n      parent {\n        id\n      }\n    }\n  }\n": types.FollowUpStartDocument,
    "\n  query FollowUpLineage($id: ID!) {\n    investigation(id: $id) {\n      id\n      parent {\n        id\n      }\n      children {\n        id\n        issue {\n          type\n          description\n        }\n      }\n    }\n    investigations(filter: { parentId: $id }) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.FollowUpLineageDocument,
    "\n  mutation FollowUpRerun($id: ID!) {\n    rerunInvestigation(id: $id) {\n      id\n      parent {\n        id\n      }\n    }\n  }\n": types.FollowUpRerunDocument,
    "\n  mutation FollowUpRerunWith($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n    }\n  }\n": types.FollowUpRerunWithDocument,
    "\n  query FollowUpSuggested($id: ID!) {\n    investigation(id: $id) {\n      output\n      suggestedFollowUps {\n        question\n        issue {\n          type\n          description\n          affectedColumns\n          options\n        }\n      }\n    }\n  }\n": types.FollowUpSuggestedDocument,
    "\n  mutation SeedDataset($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n      rowCount\n    }\n  }\n": types.SeedDatasetDocument,
    "\n  mutation HeuristicCompare($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        code\n        error\n        output\n        attempts\n        validation {\n          valid\n          errors\n        }\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n": types.HeuristicCompareDocument,
    "\n  mutation Investigate($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      concurrency\n      startedAt\n      finishedAt\n      summary {\n        total\n        succeeded\n        failed\n        fallback\n        cancelled\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        code\n        output\n        executionTimeMs\n        issue {\n          id: clientId\n          type\n          affectedColumns\n        }\n        timings {\n          samplingMs\n          generationMs\n          executionMs\n          parsingMs\n          totalMs\n        }\n        sample {\n          rows\n          estimatedTokens\n        }\n        validation {\n          valid\n          errors\n        }\n      }\n      events {\n        seq\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": types.InvestigateDocument,
    "\n  query RunState($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      investigations {\n        id\n        status\n        error\n      }\n      events {\n        seq\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": types.RunStateDocument,
    "\n  mutation Cancel($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n      summary {\n        total\n        cancelled\n      }\n      investigations {\n        status\n      }\n      events {\n        seq\n        type\n        data\n      }\n    }\n  }\n": types.CancelDocument,
    "\n  mutation Rerun($id: ID!, $code: String, $wait: Boolean) {\n    rerunInvestigation(id: $id, code: $code, wait: $wait) {\n      id\n      status\n      method\n      code\n      output\n      error\n      run {\n        id\n        status\n        investigations {\n          id\n        }\n      }\n    }\n  }\n": types.RerunDocument,
    "\n  query OneInvestigation($id: ID!) {\n    investigation(id: $id) {\n      id\n      status\n      method\n      code\n      output\n    }\n  }\n": types.OneInvestigationDocument,
    "\n  mutation RunTemplates($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        error\n        output\n        issue {\n          id\n          type\n        }\n        validation {\n          valid\n          errors\n        }\n      }\n    }\n  }\n": types.RunTemplatesDocument,
    "\n  query IssueTypeList {\n    issueTypes {\n      type\n      description\n      resultKeys\n      columns\n    }\n  }\n": types.IssueTypeListDocument,
    "\n  mutation LlmRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      llmModel\n      fresh\n      usage {\n        model\n        calls\n        inputTokens\n        outputTokens\n        estimatedCostUsd\n      }\n      summary {\n        fallback\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        code\n        output\n        artifacts {\n          name\n          width\n          height\n        }\n        sample {\n          rows\n          estimatedTokens\n          promptTokens\n          redactions\n        }\n        usage {\n          model\n          calls\n          inputTokens\n          outputTokens\n          estimatedCostUsd\n        }\n        attemptHistory {\n          attempt\n          method\n          cached\n          code\n          error\n        }\n      }\n      events {\n        seq\n        type\n        message\n        data\n      }\n    }\n  }\n": types.LlmRunDocument,
    "\n  mutation LlmRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      error\n      output\n    }\n  }\n": types.LlmRerunDocument,
    "\n  mutation InvestigateOnBackend($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        status\n        method\n        output\n        verdict {\n          status\n        }\n      }\n      events {\n        seq\n        type\n      }\n    }\n  }\n": types.InvestigateOnBackendDocument,
    "\n  subscription ReplayOnBackend($runId: ID!) {\n    investigationProgress(runId: $runId) {\n      seq\n    }\n  }\n": types.ReplayOnBackendDocument,
    "\n  mutation StartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n    }\n  }\n": types.StartRunDocument,
    "\n  query StoredEvents($id: ID!, $afterSeq: Int) {\n    run(id: $id) {\n      status\n      events(afterSeq: $afterSeq) {\n        runId\n        investigationId\n        seq\n        type\n        message\n        timestamp\n        data\n      }\n    }\n  }\n": types.StoredEventsDocument,
    "\n  subscription Progress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      runId\n      investigationId\n      seq\n      type\n      message\n      timestamp\n      data\n    }\n  }\n": types.ProgressDocument,
    "\n  mutation CreateForQueries($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n    }\n  }\n": types.CreateForQueriesDocument,
    "\n  mutation RunForQueries($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n      }\n    }\n  }\n": types.RunForQueriesDocument,
    "\n  query DatasetsPage($first: Int, $after: String, $last: Int, $before: String) {\n    datasets(first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.DatasetsPageDocument,
    "\n  query RunsPage($first: Int, $after: String, $datasetId: ID, $status: RunStatus) {\n    runs(first: $first, after: $after, datasetId: $datasetId, status: $status) {\n      edges {\n        node {\n          id\n          status\n          dataset {\n            id\n            name\n          }\n          investigations {\n            id\n            status\n          }\n          summary {\n            total\n            succeeded\n          }\n          events {\n            seq\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunsPageDocument,
    "\n  query InvestigationsPage($first: Int, $after: String, $filter: InvestigationFilter) {\n    investigations(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          status\n          method\n          issue {\n            type\n          }\n          run {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.InvestigationsPageDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Dataset {\n        name\n        runs(first: 10) {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n      ... on InvestigationRun {\n        runStatus: status\n      }\n      ... on Investigation {\n        investigationStatus: status\n      }\n    }\n  }\n": types.NodeByIdDocument,
    "\n  query Lookups($id: ID!) {\n    dataset(id: $id) {\n      id\n    }\n    run(id: $id) {\n      id\n    }\n    investigation(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": types.LookupsDocument,
    "\n  mutation RedactedRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        output\n      }\n    }\n  }\n": types.RedactedRunDocument,
    "\n  mutation RedactedRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n      error\n      attemptHistory {\n        error\n      }\n      run {\n        events {\n          message\n          data\n        }\n      }\n    }\n  }\n": types.RedactedRerunDocument,
    "\n  query RedactedDatasetDigest($id: ID!) {\n    dataset(id: $id) {\n      sha256\n    }\n  }\n": types.RedactedDatasetDigestDocument,
    "\n  mutation AttackBase($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n      }\n    }\n  }\n": types.AttackBaseDocument,
    "\n  mutation Attack($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      error\n      output\n      run {\n        events {\n          type\n          data\n        }\n      }\n    }\n  }\n": types.AttackDocument,
    "\n  mutation PoolRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        id\n        status\n        method\n        code\n        error\n        output\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n": types.PoolRunDocument,
    "\n  mutation InvestigateAcrossProcesses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n      }\n    }\n  }\n": types.InvestigateAcrossProcessesDocument,
    "\n  query RunAcrossProcesses($id: ID!) {\n    run(id: $id) {\n      status\n      investigations {\n        status\n        errorCode\n        output\n      }\n      events {\n        seq\n        type\n        message\n        investigationId\n        data\n      }\n    }\n  }\n": types.RunAcrossProcessesDocument,
    "\n  query NewestRunAcrossProcesses {\n    runs(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.NewestRunAcrossProcessesDocument,
    "\n  mutation RerunAcrossProcesses($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      errorCode\n      output\n    }\n  }\n": types.RerunAcrossProcessesDocument,
    "\n  mutation CancelAcrossProcesses($id: ID!) {\n    cancelRun(id: $id) {\n      status\n    }\n  }\n": types.CancelAcrossProcessesDocument,
    "\n  subscription ProgressAcrossProcesses($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n    }\n  }\n": types.ProgressAcrossProcessesDocument,
    "\n  query TimelineAcrossProcesses($id: ID!) {\n    run(id: $id) {\n      status\n      investigations {\n        startedAt\n        finishedAt\n      }\n    }\n  }\n": types.TimelineAcrossProcessesDocument,
    "\n  mutation JudgeHypotheses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      investigations {\n        id\n        status\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n      }\n      events {\n        type\n        investigationId\n        data\n      }\n    }\n  }\n": types.JudgeHypothesesDocument,
    "\n  query StoredVerdict($id: ID!) {\n    investigation(id: $id) {\n      verdict {\n        status\n        claimed\n        measured\n      }\n    }\n  }\n": types.StoredVerdictDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoteRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      usage {\n        calls\n        inputTokens\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        output\n        usage {\n          calls\n        }\n        artifacts {\n          name\n          bytes\n          sha256\n          width\n          height\n          url\n        }\n      }\n      events {\n        type\n        message\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').RemoteRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoteRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      method\n      error\n      artifacts {\n        name\n      }\n      run {\n        sandbox\n        events {\n          type\n          message\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RemoteRerunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoteStart($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').RemoteStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoteCancel($id: ID!) {\n    cancelRun(id: $id) {\n      status\n    }\n  }\n"): typeof import('./graphql').RemoteCancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChartsInvestigate($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        method\n        code\n        output\n        artifacts {\n          id\n          name\n          mimeType\n          bytes\n          sha256\n          width\n          height\n          url\n          investigation {\n            id\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ChartsInvestigateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChartsRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n      method\n      error\n      output\n      artifacts {\n        name\n        bytes\n        sha256\n        url\n      }\n      run {\n        events {\n          type\n          message\n          investigationId\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ChartsRerunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChartsFollowUp($id: ID!, $issue: IssueInput!) {\n    followUp(investigationId: $id, issue: $issue) {\n      code\n      artifacts {\n        name\n      }\n      run {\n        charts\n      }\n    }\n  }\n"): typeof import('./graphql').ChartsFollowUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliTestDatasets {\n    datasets {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').CliTestDatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvestigateWithoutPython($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        code\n        error\n        output\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').InvestigateWithoutPythonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardTestDetect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      description\n    }\n  }\n"): typeof import('./graphql').DashboardTestDetectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTestRun($id: ID!) {\n    run(id: $id) {\n      label\n      charts\n      investigations {\n        id\n        status\n        method\n        code\n        issue {\n          type\n          description\n          affectedColumns\n          options\n        }\n        verdict {\n          status\n        }\n        artifacts {\n          width\n        }\n        parent {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardTestRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTestOutput($id: ID!) {\n    investigation(id: $id) {\n      output\n    }\n  }\n"): typeof import('./graphql').DashboardTestOutputDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTestDatasets {\n    datasets(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    runs(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardTestDatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDataset($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n      name\n      rowCount\n      sizeBytes\n      sha256\n      createdAt\n      columns {\n        name\n        dtype\n        nullCount\n      }\n    }\n  }\n"): typeof import('./graphql').CreateDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetCount {\n    datasets(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DatasetCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Detect($datasetId: ID!) {\n    detectIssues(datasetId: $datasetId) {\n      id: clientId\n      type\n      description\n      affectedColumns\n      options\n      source\n      evidence\n    }\n  }\n"): typeof import('./graphql').DetectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvestigateDetected($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        output\n        issue {\n          id: clientId\n          type\n          affectedColumns\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').InvestigateDetectedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JudgeDetectedHypotheses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      investigations {\n        id\n        status\n        method\n        output\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n      }\n      events {\n        type\n        investigationId\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').JudgeDetectedHypothesesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Upload($csv: String!) { createDataset(name: \"rows\", csv: $csv) { id } }"): typeof import('./graphql').UploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DurableStart($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').DurableStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Everything($runId: ID!, $datasetId: ID!) {\n    dataset(id: $datasetId) {\n      id\n      rowCount\n    }\n    run(id: $runId) {\n      status\n      finishedAt\n      summary {\n        total\n        succeeded\n        failed\n        cancelled\n      }\n      investigations {\n        status\n        error\n        output\n      }\n      events {\n        seq\n        type\n        investigationId\n        message\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').EverythingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Watch($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n      investigationId\n    }\n  }\n"): typeof import('./graphql').WatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowUpBase($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        code\n        output\n      }\n    }\n  }\n"): typeof import('./graphql').FollowUpBaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowUpStart($id: ID!, $issue: IssueInput!, $codegen: CodegenMode, $wait: Boolean) {\n    followUp(investigationId: $id, issue: $issue, codegen: $codegen, wait: $wait) {\n      id\n      status\n      error\n      method\n      code\n      output\n      run {\n        id\n      }\n      parent {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').FollowUpStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowUpLineage($id: ID!) {\n    investigation(id: $id) {\n      id\n      parent {\n        id\n      }\n      children {\n        id\n        issue {\n          type\n          description\n        }\n      }\n    }\n    investigations(filter: { parentId: $id }) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FollowUpLineageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowUpRerun($id: ID!) {\n    rerunInvestigation(id: $id) {\n      id\n      parent {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').FollowUpRerunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowUpRerunWith($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').FollowUpRerunWithDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowUpSuggested($id: ID!) {\n    investigation(id: $id) {\n      output\n      suggestedFollowUps {\n        question\n        issue {\n          type\n          description\n          affectedColumns\n          options\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FollowUpSuggestedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeedDataset($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n      rowCount\n    }\n  }\n"): typeof import('./graphql').SeedDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HeuristicCompare($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        code\n        error\n        output\n        attempts\n        validation {\n          valid\n          errors\n        }\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').HeuristicCompareDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Investigate($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      concurrency\n      startedAt\n      finishedAt\n      summary {\n        total\n        succeeded\n        failed\n        fallback\n        cancelled\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        code\n        output\n        executionTimeMs\n        issue {\n          id: clientId\n          type\n          affectedColumns\n        }\n        timings {\n          samplingMs\n          generationMs\n          executionMs\n          parsingMs\n          totalMs\n        }\n        sample {\n          rows\n          estimatedTokens\n        }\n        validation {\n          valid\n          errors\n        }\n      }\n      events {\n        seq\n        type\n        investigationId\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').InvestigateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunState($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      investigations {\n        id\n        status\n        error\n      }\n      events {\n        seq\n        type\n        investigationId\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').RunStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Cancel($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n      summary {\n        total\n        cancelled\n      }\n      investigations {\n        status\n      }\n      events {\n        seq\n        type\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').CancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Rerun($id: ID!, $code: String, $wait: Boolean) {\n    rerunInvestigation(id: $id, code: $code, wait: $wait) {\n      id\n      status\n      method\n      code\n      output\n      error\n      run {\n        id\n        status\n        investigations {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RerunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OneInvestigation($id: ID!) {\n    investigation(id: $id) {\n      id\n      status\n      method\n      code\n      output\n    }\n  }\n"): typeof import('./graphql').OneInvestigationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunTemplates($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        status\n        method\n        error\n        output\n        issue {\n          id\n          type\n        }\n        validation {\n          valid\n          errors\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RunTemplatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IssueTypeList {\n    issueTypes {\n      type\n      description\n      resultKeys\n      columns\n    }\n  }\n"): typeof import('./graphql').IssueTypeListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LlmRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      llmModel\n      fresh\n      usage {\n        model\n        calls\n        inputTokens\n        outputTokens\n        estimatedCostUsd\n      }\n      summary {\n        fallback\n      }\n      investigations {\n        id\n        status\n        method\n        error\n        attempts\n        code\n        output\n        artifacts {\n          name\n          width\n          height\n        }\n        sample {\n          rows\n          estimatedTokens\n          promptTokens\n          redactions\n        }\n        usage {\n          model\n          calls\n          inputTokens\n          outputTokens\n          estimatedCostUsd\n        }\n        attemptHistory {\n          attempt\n          method\n          cached\n          code\n          error\n        }\n      }\n      events {\n        seq\n        type\n        message\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').LlmRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LlmRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      error\n      output\n    }\n  }\n"): typeof import('./graphql').LlmRerunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvestigateOnBackend($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        status\n        method\n        output\n        verdict {\n          status\n        }\n      }\n      events {\n        seq\n        type\n      }\n    }\n  }\n"): typeof import('./graphql').InvestigateOnBackendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReplayOnBackend($runId: ID!) {\n    investigationProgress(runId: $runId) {\n      seq\n    }\n  }\n"): typeof import('./graphql').ReplayOnBackendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').StartRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoredEvents($id: ID!, $afterSeq: Int) {\n    run(id: $id) {\n      status\n      events(afterSeq: $afterSeq) {\n        runId\n        investigationId\n        seq\n        type\n        message\n        timestamp\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').StoredEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Progress($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      runId\n      investigationId\n      seq\n      type\n      message\n      timestamp\n      data\n    }\n  }\n"): typeof import('./graphql').ProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateForQueries($name: String!, $csv: String!) {\n    createDataset(name: $name, csv: $csv) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateForQueriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunForQueries($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').RunForQueriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetsPage($first: Int, $after: String, $last: Int, $before: String) {\n    datasets(first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').DatasetsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsPage($first: Int, $after: String, $datasetId: ID, $status: RunStatus) {\n    runs(first: $first, after: $after, datasetId: $datasetId, status: $status) {\n      edges {\n        node {\n          id\n          status\n          dataset {\n            id\n            name\n          }\n          investigations {\n            id\n            status\n          }\n          summary {\n            total\n            succeeded\n          }\n          events {\n            seq\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').RunsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvestigationsPage($first: Int, $after: String, $filter: InvestigationFilter) {\n    investigations(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          status\n          method\n          issue {\n            type\n          }\n          run {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').InvestigationsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Dataset {\n        name\n        runs(first: 10) {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n      ... on InvestigationRun {\n        runStatus: status\n      }\n      ... on Investigation {\n        investigationStatus: status\n      }\n    }\n  }\n"): typeof import('./graphql').NodeByIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Lookups($id: ID!) {\n    dataset(id: $id) {\n      id\n    }\n    run(id: $id) {\n      id\n    }\n    investigation(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').LookupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedactedRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n        status\n        output\n      }\n    }\n  }\n"): typeof import('./graphql').RedactedRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedactedRerun($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      id\n      status\n      error\n      attemptHistory {\n        error\n      }\n      run {\n        events {\n          message\n          data\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RedactedRerunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RedactedDatasetDigest($id: ID!) {\n    dataset(id: $id) {\n      sha256\n    }\n  }\n"): typeof import('./graphql').RedactedDatasetDigestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttackBase($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      investigations {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').AttackBaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Attack($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      error\n      output\n      run {\n        events {\n          type\n          data\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AttackDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PoolRun($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      status\n      investigations {\n        id\n        status\n        method\n        code\n        error\n        output\n      }\n      events {\n        type\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').PoolRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvestigateAcrossProcesses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      status\n      investigations {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').InvestigateAcrossProcessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunAcrossProcesses($id: ID!) {\n    run(id: $id) {\n      status\n      investigations {\n        status\n        errorCode\n        output\n      }\n      events {\n        seq\n        type\n        message\n        investigationId\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').RunAcrossProcessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewestRunAcrossProcesses {\n    runs(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').NewestRunAcrossProcessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RerunAcrossProcesses($id: ID!, $code: String) {\n    rerunInvestigation(id: $id, code: $code) {\n      status\n      errorCode\n      output\n    }\n  }\n"): typeof import('./graphql').RerunAcrossProcessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelAcrossProcesses($id: ID!) {\n    cancelRun(id: $id) {\n      status\n    }\n  }\n"): typeof import('./graphql').CancelAcrossProcessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProgressAcrossProcesses($runId: ID!, $afterSeq: Int) {\n    investigationProgress(runId: $runId, afterSeq: $afterSeq) {\n      seq\n      type\n    }\n  }\n"): typeof import('./graphql').ProgressAcrossProcessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineAcrossProcesses($id: ID!) {\n    run(id: $id) {\n      status\n      investigations {\n        startedAt\n        finishedAt\n      }\n    }\n  }\n"): typeof import('./graphql').TimelineAcrossProcessesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JudgeHypotheses($input: InvestigateIssuesInput!) {\n    investigateIssues(input: $input) {\n      id\n      investigations {\n        id\n        status\n        verdict {\n          status\n          claimed\n          measured\n          explanation\n        }\n      }\n      events {\n        type\n        investigationId\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').JudgeHypothesesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoredVerdict($id: ID!) {\n    investigation(id: $id) {\n      verdict {\n        status\n        claimed\n        measured\n      }\n    }\n  }\n"): typeof import('./graphql').StoredVerdictDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
