import { asc, desc, gt, lt, type AnyColumn, type SQL } from 'drizzle-orm';

/** What Pothos' resolveCursorConnection asks for; cursors are row ids (sortable ULIDs). */
export interface PageQuery {
  after?: string;
  before?: string;
  limit: number;
  inverted: boolean;
}

/**
 * The where-conditions and order for one page over `id`, in the listing's natural direction
 * (`desc` = newest first). `inverted` reads the other way, as the helper needs for `last`/`before`.
 */
export function pageOver(id: AnyColumn, page: PageQuery, direction: 'asc' | 'desc') {
  const forward = direction === 'asc';
  const conditions: SQL[] = [];
  if (page.after) conditions.push(forward ? gt(id, page.after) : lt(id, page.after));
  if (page.before) conditions.push(forward ? lt(id, page.before) : gt(id, page.before));
  const ascending = forward !== page.inverted;
  return { conditions, orderBy: ascending ? asc(id) : desc(id), limit: page.limit };
}
