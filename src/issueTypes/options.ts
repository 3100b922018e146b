import { z } from 'zod';
import { InputError } from '../errors';
import { shownOption as shown } from '../pipeline/fallback/pythonValues';
import type { IssueSpec } from '../pipeline/types';
import type { IssueTypeModule } from './definition';

/** A finite number that is not negative. */
export const nonNegativeNumber = z.number({ error: 'be a non-negative number' }).finite({ error: 'be a non-negative number' }).min(0, { error: 'be a non-negative number' });

/** A non-empty string, with an example of what it holds. */
export const nonEmptyString = (example: string) =>
  z.string({ error: `be a non-empty string such as ${example}` }).refine((s) => s.trim() !== '', { error: `be a non-empty string such as ${example}` });

export const oneOf = (values: readonly [string, ...string[]]) => z.enum(values, { error: `be one of ${values.join(', ')}` });

/**
 * Checks an issue's options against its type's option specs, as the mutation is called: a bad value is
 * an InputError naming `<where>.options.<key>` (with the path inside it), what it must be and what it got,
 * in the words the templates use. Schema messages are predicates: "be a non-negative number".
 * A key set to null counts as absent. Returns the keys the type does not read, in their order.
 */
export function checkOptions(module: IssueTypeModule, issue: Pick<IssueSpec, 'affectedColumns' | 'options'>, where: string): string[] {
  const options = issue.options;
  if (!options) return [];
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    const spec = module.options.find((o) => o.name === key);
    if (!spec) {
      ignored.push(key);
      continue;
    }
    if (value === null) continue;
    checkOption(typeof spec.schema === 'function' ? spec.schema(issue) : spec.schema, value, `${where}.options.${key}`);
  }
  return ignored;
}

function checkOption(schema: z.ZodType, value: unknown, path: string) {
  const parsed = schema.safeParse(value);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  // A record's bad key: the key's own rule says what keys must be.
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  const inner = issue.path.map(String);
  const got = issue.code === 'invalid_key' ? `the key ${shown(inner.at(-1))}` : shownAt(value, inner);
  const at = [path, ...(issue.code === 'invalid_key' ? inner.slice(0, -1) : inner)].join('.');
  throw new InputError(`${at} must ${message}; got ${got}`, { field: at });
}

function shownAt(value: unknown, inner: string[]): string {
  const got = inner.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
  return got === undefined && inner.length ? 'nothing' : shown(got);
}
