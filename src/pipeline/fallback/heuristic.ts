import type { DatasetRef, IssueSpec } from '../types';
import { categoricalVariation } from './categoricalVariation';
import { duplicates } from './duplicates';
import { invalidFormat } from './invalidFormat';
import { missingValues } from './missingValues';
import { outliers } from './outliers';
import { scanner, type Scan } from './scan';
import { whitespaceCase } from './whitespaceCase';

type Computation = (issue: IssueSpec, dataset: DatasetRef, scan: Scan) => Promise<Record<string, unknown>>;

const COMPUTATIONS: Record<string, Computation> = {
  missing_values: missingValues,
  duplicates,
  outliers,
  categorical_variation: categoricalVariation,
  whitespace_case: whitespaceCase,
  invalid_format: invalidFormat,
};

/**
 * The answer without Python: for the core types, and for whitespace_case and invalid_format, a TypeScript
 * computation streaming over the whole CSV (papaparse) that returns the same RESULTS.md result as the
 * pandas template — pandas' NA rules and dtypes, numpy's summation, ddof=1, linear quantiles, the
 * template's variation groups, Python's whitespace, digits and casefold(). Where a case cannot be
 * reproduced exactly, a computation throws (each file's top comment says when) and the investigation fails.
 */
export class HeuristicFallback {
  supports(issueType: string): boolean {
    return issueType in COMPUTATIONS;
  }

  compute(issue: IssueSpec, dataset: DatasetRef, signal: AbortSignal): Promise<Record<string, unknown>> {
    const computation = COMPUTATIONS[issue.type];
    if (!computation) throw new Error(`There is no heuristic for issue type "${issue.type}"`);
    return computation(issue, dataset, scanner(dataset, signal));
  }
}
