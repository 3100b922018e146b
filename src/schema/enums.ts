import {
  CLAIM_MEASURES,
  CODEGEN_MODES,
  COMPARATORS,
  INVESTIGATION_ERROR_CODES,
  INVESTIGATION_METHODS,
  INVESTIGATION_STATUSES,
  PROGRESS_EVENT_TYPES,
  RUN_STATUSES,
  SANDBOX_MODES,
  VERDICT_STATUSES,
} from '../db/schema';
import { builder } from './builder';

const describe = <T extends string>(values: readonly T[], descriptions: Partial<Record<T, string>>) =>
  Object.fromEntries(values.map((v) => [v, { value: v, description: descriptions[v] }])) as Record<
    T,
    { value: T; description?: string }
  >;

export const RunStatusEnum = builder.enumType('RunStatus', {
  values: describe(RUN_STATUSES, {
    SUCCEEDED: 'Every investigation succeeded.',
    PARTIAL: 'Some investigations failed.',
    FAILED: 'Every investigation failed.',
    CANCELLED: 'cancelRun stopped the run.',
    INTERRUPTED: 'The server stopped while the run was in flight.',
  }),
});

export const InvestigationStatusEnum = builder.enumType('InvestigationStatus', {
  values: describe(INVESTIGATION_STATUSES, {}),
});

export const InvestigationMethodEnum = builder.enumType('InvestigationMethod', {
  values: describe(INVESTIGATION_METHODS, {
    TEMPLATE: 'Code from the built-in template for the issue type.',
    LLM: 'Code written by the LLM.',
    HEURISTIC: 'No code ran: the fallback computed the answer.',
    CUSTOM: 'Code given by the user (rerunInvestigation with code).',
  }),
});

export const CodegenModeEnum = builder.enumType('CodegenMode', {
  values: describe(CODEGEN_MODES, {
    AUTO: 'The LLM when an API key is configured, templates otherwise.',
    TEMPLATE: 'The built-in template for the issue type; types without one fail.',
    LLM: 'Code written by the LLM.',
    HEURISTIC: 'No code: the server computes the answer itself, streaming over the CSV (core types only).',
  }),
});

export const SandboxModeEnum = builder.enumType('SandboxMode', {
  values: describe(SANDBOX_MODES, {
    AUTO: "The local sandbox when it is available on this machine, Anthropic's code execution tool otherwise.",
    LOCAL: 'The local bubblewrap sandbox.',
    ANTHROPIC: "Anthropic's code execution tool.",
  }),
});

export const ProgressEventTypeEnum = builder.enumType('ProgressEventType', {
  values: describe(PROGRESS_EVENT_TYPES, {
    RUN_STARTED: 'The run began; data holds total and concurrency.',
    LOG: 'A step worth telling (such as the sample drawn).',
    INVESTIGATION_STARTED: 'An investigation left the queue.',
    CODE_GENERATED: 'Code was generated (data.attempt counts the attempts).',
    EXECUTION_STARTED: 'The code started in a sandbox.',
    EXECUTION_FINISHED: 'The code ended; data holds exitCode, durationMs and timedOut.',
    FALLBACK_USED: 'The heuristic answered instead of code.',
    INVESTIGATION_SUCCEEDED: 'An investigation ended with a valid result.',
    INVESTIGATION_FAILED: 'An investigation ended with an error.',
    INVESTIGATION_CANCELLED: 'An investigation was cancelled.',
    RUN_FINISHED: 'The run ended; always the last event; data holds status and summary.',
  }),
});

export const LlmModelEnum = builder.enumType('LlmModel', {
  values: {
    STANDARD: { value: 'STANDARD', description: 'CODEGEN_MODEL (default claude-sonnet-5-5).' },
    FAST: { value: 'FAST', description: 'CODEGEN_FAST_MODEL, cheaper and faster (default claude-haiku-5-5).' },
  } as const,
});

export const VerdictStatusEnum = builder.enumType('VerdictStatus', {
  values: describe(VERDICT_STATUSES, {
    CONFIRMED: 'The measured figure agrees with the claimed one, within the stated tolerance (or, with no figure claimed, something is affected).',
    REFUTED: 'The measured figure disagrees with the claimed one (or, with no figure claimed, nothing is affected).',
    INCONCLUSIVE: 'No result to judge by, or the result carries no figure comparable to the claim.',
  }),
});

export const InvestigationErrorCodeEnum = builder.enumType('InvestigationErrorCode', {
  description: 'Why an investigation failed, for programs; Investigation.error says it for people.',
  values: describe(INVESTIGATION_ERROR_CODES, {
    COLUMN_NOT_FOUND: 'An affected column is not in the dataset.',
    COLUMN_TYPE_UNSUPPORTED: 'The issue type cannot investigate these columns (their type, or their number).',
    NO_TEMPLATE: 'No code generator can take the issue: no template for its type and no LLM (or the codegen mode excludes it).',
    LLM_UNAVAILABLE: 'The LLM could not be reached or gave no code.',
    SCRIPT_ERROR: 'The script raised an error or exited non-zero (a bad option the template refused included).',
    IMPORT_REFUSED: 'The script imports a module the sandbox does not allow.',
    NO_RESULT: 'The script printed no JSON result line.',
    INVALID_RESULT: 'The result does not have the shape of its type (Investigation.validation says how).',
    TIMEOUT: 'The script ran past SANDBOX_TIMEOUT_MS.',
    MEMORY_LIMIT: 'The script ran out of memory (SANDBOX_MEMORY_MB).',
    OUTPUT_LIMIT: 'The script printed more than SANDBOX_OUTPUT_LIMIT_BYTES and its result was cut.',
    SANDBOX_UNAVAILABLE: 'No sandbox could run the script.',
    CANCELLED: 'cancelRun stopped it.',
    INTERRUPTED: 'The server stopped while it was pending or running.',
    INTERNAL: 'A fault of the service itself (logged).',
  }),
});

export const ClaimMeasureEnum = builder.enumType('ClaimMeasure', {
  description: 'Which measured figure a stated claim is about.',
  values: describe(CLAIM_MEASURES, {
    AFFECTED_ROWS: 'affected_count: the rows the issue affects (every type).',
    AFFECTED_PERCENTAGE: 'affected_percentage, 0 to 100 (every type).',
    DUPLICATE_KEYS: 'duplicates: distinct repeated keys (unique_duplicate_ids).',
    VARIATION_GROUPS: 'categorical_variation: variation groups (total_variation_groups).',
    SPELLINGS: 'categorical_variation: spellings of the largest variation group.',
    MAX_VALUE: 'outliers: the largest value of the column.',
    MIN_VALUE: 'outliers: the smallest value of the column.',
  }),
});

export const ComparatorEnum = builder.enumType('Comparator', {
  description: 'How the measured figure must compare with the stated value for the claim to hold.',
  values: describe(COMPARATORS, {
    EQ: 'Equal within the verdict’s tolerance: a count within max(1, 5%), a percentage within max(2 points, 10%), an extreme value exactly.',
    ABOUT: 'Roughly equal: a count within max(1, 10%), a percentage within max(2 points, 10%).',
    GT: 'Greater than the value.',
    GTE: 'At least the value.',
    LT: 'Less than the value.',
    LTE: 'At most the value.',
  }),
});
