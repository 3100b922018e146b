/**
 * Rules the pandas templates and the TypeScript side (heuristics, sampling) must apply alike, defined once:
 * every generated script receives them as `RULES` (a JSON line in its header, like `ISSUE`). Regexes are
 * written in the syntax Python's re and JavaScript read alike.
 */
export const SHARED_RULES = {
  /** A value that looks like a date (a prefix match): year-first or day/month-first, with an optional time. */
  date_like: String.raw`^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?`,
  /**
   * categorical_variation: two spellings are variants when difflib's ratio exceeds this. Its candidate
   * filter (40M > 17(m + n), in the template and the heuristic) is derived from 0.85: re-derive it first.
   */
  similarity_threshold: 0.85,
  /** outliers: rows whose |z| (sample standard deviations from the mean) exceeds this. */
  outlier_z: 3,
  /** Column names that identify rows (shown beside outlier examples); case-insensitive. */
  id_name: '(^|[^a-z])id$|_id$|^id',
} as const;
