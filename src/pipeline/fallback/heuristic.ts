import { issueTypeModule } from '../../issueTypes/registry';
import type { CpuPool } from '../../workers/pool';
import type { DatasetRef, IssueSpec } from '../types';
import { scanner } from './scan';

/**
 * The answer without Python, for the issue types whose module has a heuristic: a TypeScript computation
 * over the whole dataset (read once per worker thread and kept: encodedDataset.ts) that returns the same RESULTS.md result as the pandas template —
 * pandas' NA rules and dtypes, numpy's summation, ddof=1, linear quantiles, the template's variation
 * groups, Python's whitespace, digits and casefold(). Where a case cannot be reproduced exactly, a
 * computation throws (each file's top comment says when) and the investigation fails.
 */
export class HeuristicFallback {
  /** With a pool, each computation runs in a worker thread (the server's); without, here (inside a worker). */
  constructor(private readonly pool?: CpuPool) {}

  supports(issueType: string): boolean {
    return issueTypeModule(issueType)?.heuristic !== undefined;
  }

  async compute(issue: IssueSpec, dataset: DatasetRef, signal: AbortSignal): Promise<Record<string, unknown>> {
    if (this.pool) return this.pool.run<Record<string, unknown>>({ kind: 'heuristic', issue, dataset }, signal);
    const module = issueTypeModule(issue.type);
    if (!module?.heuristic) throw new Error(`There is no heuristic for issue type "${issue.type}"`);
    const result = await module.heuristic(issue, dataset, scanner(dataset, signal));
    // Option keys the type does not read are listed last, as the templates' emit() does.
    const ignored = Object.keys(issue.options ?? {}).filter((key) => !module.options.some((o) => o.name === key));
    return ignored.length && !('ignored_options' in result) ? { ...result, ignored_options: ignored } : result;
  }
}
