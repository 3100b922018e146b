import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { IssueInput } from './gql/graphql';

const claim = z.object({ comparator: z.string(), measure: z.string(), value: z.number() }).strict();
const issue = z
  .object({
    type: z.string().min(1),
    description: z.string(),
    affectedColumns: z.array(z.string()),
    options: z.record(z.string(), z.unknown()).nullish(),
    claim: claim.nullish(),
    evidence: z.unknown().optional(),
    id: z.string().optional(),
    clientId: z.string().optional(),
    source: z.enum(['PROFILE', 'LLM', 'USER']).optional(),
  })
  .strict();


/**
 * The issues in the file at `path`, or an error naming the file and what in it is wrong. Enum values
 * (comparators, measures) are checked by the server, whose error names a wrong one.
 */
export async function readIssuesFile(path: string): Promise<IssueInput[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the issues file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // A list of issues, or an object with one under `issues` (what `iterate detect` writes).
  const list = Array.isArray(parsed) ? parsed : (parsed as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(list)) throw new Error(`The issues file ${path} holds neither a list of issues nor an object with one under "issues"`);
  const result = z.array(issue).safeParse(list);
  if (!result.success) {
    const first = result.error.issues[0]!;
    throw new Error(`The issues file ${path} is not a list of issues: at ${first.path.join('.')}, ${first.message}`);
  }
  const issues = result.data;
  if (!issues.length) throw new Error(`The issues file ${path} lists no issues`);
  // Options and claims the file leaves empty are left out, as the API's defaults.
  return issues.map(({ options, claim, ...rest }) => ({ ...rest, ...(options ? { options } : {}), ...(claim ? { claim } : {}) }) as IssueInput);
}
