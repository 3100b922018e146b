import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { InputError } from '../errors';
import { ID_PREFIXES, type NodeTypeName } from '../util/ids';

/** The largest page a connection returns; asking for more is an error, not a silent cut. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * One page of a list whose cursors are the ids of its nodes (`<prefix>_<ULID>`): page sizes above
 * MAX_PAGE_SIZE and cursors that are not ids of this list are BAD_USER_INPUT naming the argument.
 */
export async function resolvePage<T extends { id: string }>(
  args: PageArgs,
  node: NodeTypeName,
  fetch: (page: ResolveCursorConnectionArgs) => Promise<T[]>,
  count: () => Promise<number>,
) {
  checkPageArgs(args, node);
  const connection = await resolveCursorConnection(
    { args, toCursor: (row: T) => row.id, maxSize: MAX_PAGE_SIZE, defaultSize: DEFAULT_PAGE_SIZE },
    fetch,
  );
  // Counted only when a client selects totalCount.
  return Object.assign(connection, { totalCount: count });
}

function checkPageArgs(args: PageArgs, node: NodeTypeName) {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new InputError(`${name} must be between 0 and ${MAX_PAGE_SIZE}; got ${size}`, { field: name, max: MAX_PAGE_SIZE });
    }
  }
  const cursor = new RegExp(`^${ID_PREFIXES[node]}_[0-9A-HJKMNP-TV-Z]{26}$`);
  for (const name of ['after', 'before'] as const) {
    const value = args[name];
    if (value != null && !cursor.test(value)) {
      throw new InputError(
        `${name} must be a cursor this list returned (an id such as ${ID_PREFIXES[node]}_…); got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`,
        { field: name },
      );
    }
  }
}
