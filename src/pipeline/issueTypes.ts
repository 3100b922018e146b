/**
 * The issue types the service knows: what each checks, the columns it takes and the result keys it
 * guarantees beyond the envelope (RESULTS.md). A known type has a built-in template; any other type
 * string is a free hypothesis that only an LLM can write code for.
 */
export const ENVELOPE_KEYS = [
  'issue_type',
  'columns',
  'rows_analyzed',
  'affected_count',
  'affected_percentage',
  'affected_rows',
] as const;

export interface IssueTypeDefinition {
  type: string;
  description: string;
  /** Keys the result carries beyond the envelope. */
  extraKeys: string[];
  columns: { min: number; max: number; description: string };
}

export const ISSUE_TYPES: readonly IssueTypeDefinition[] = [
  {
    type: 'missing_values',
    description:
      'Rows where any of the columns is missing (pandas NA rules), with counts per column and, when the dataset has a date-like column, the 20 dates with most missing rows.',
    extraKeys: ['missing_count', 'missing_by_column'],
    columns: { min: 1, max: Infinity, description: 'one or more columns' },
  },
  {
    type: 'duplicates',
    description:
      'Rows whose key (the columns; no columns means whole rows) occurs more than once, whether they are exact copies, and examples of what differs between them.',
    extraKeys: [
      'duplicate_count',
      'unique_duplicate_ids',
      'exact_duplicate_rows',
      'are_exact_duplicates',
      'example_duplicates',
    ],
    columns: { min: 0, max: Infinity, description: 'the key columns (none for whole rows)' },
  },
  {
    type: 'outliers',
    description:
      'Rows whose value is more than 3 sample standard deviations from the mean of a numeric column, with the IQR rule count for comparison.',
    extraKeys: ['mean', 'std', 'min', 'max', 'outlier_count', 'outlier_percentage', 'iqr_outlier_count', 'example_outliers'],
    columns: { min: 1, max: 1, description: 'exactly one numeric column' },
  },
  {
    type: 'categorical_variation',
    description:
      'Values of a text column that are spellings of one another (equal after lower-casing and dropping accents and punctuation, or difflib ratio above 0.85), grouped, with the rows a fix would touch.',
    extraKeys: ['total_unique', 'total_variation_groups', 'variation_groups'],
    columns: { min: 1, max: 1, description: 'exactly one text column' },
  },
  {
    type: 'invalid_format',
    description:
      "Values that do not parse as their column's dominant kind (number, date, email or boolean: the kind of more than half the present values), or as options.expected (number, integer, date, email, boolean), or that do not fully match options.pattern; missing values are never invalid.",
    extraKeys: ['invalid_value_count', 'invalid_by_column', 'column_formats'],
    columns: { min: 1, max: Infinity, description: 'one or more columns' },
  },
  {
    type: 'out_of_range',
    description:
      'Numbers or dates outside their bounds: options.min / options.max (or options.bounds per column), else bounds read from the description ("above 500", "between 1 and 100"), else inferred (no negatives in a column that is at least 95% non-negative; dates from 1900-01-01 to today, UTC).',
    extraKeys: ['out_of_range_value_count', 'ranges', 'today'],
    columns: { min: 1, max: Infinity, description: 'one or more numeric or date columns' },
  },
  {
    type: 'whitespace_case',
    description:
      'Text values with leading/trailing whitespace or inner whitespace other than single spaces, and spellings that differ only in letter case (the rows not holding the most frequent spelling).',
    extraKeys: ['checked_columns', 'whitespace_count', 'case_variant_count', 'by_column'],
    columns: { min: 0, max: Infinity, description: 'the text columns (none for every text column)' },
  },
  {
    type: 'cross_column',
    description:
      'Rows that break a relation between columns, such as "revenue = price * quantity" or "end_date >= start_date" (options.relation, else read from the description), equality within a tolerance; rows with a missing operand are skipped.',
    extraKeys: ['relation', 'relation_columns', 'violation_count', 'checked_rows', 'skipped_rows', 'max_deviation', 'examples'],
    columns: { min: 2, max: Infinity, description: 'two or more columns (those of the relation)' },
  },
];

export function issueTypeDefinition(type: string): IssueTypeDefinition | undefined {
  return ISSUE_TYPES.find((t) => t.type === type);
}
