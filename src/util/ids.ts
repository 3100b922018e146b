import { monotonicFactory } from 'ulid';

/**
 * Ids are `<prefix>_<ULID>`: unique across types (so `node(id)` knows the type of a node from the prefix)
 * and increasing in creation order within a process, which is what cursor pagination sorts by. Issues
 * (`iss_…`) are not nodes: an investigation's issue is reached through it, a detected one is not stored;
 * nor are API tokens (`tok_…`), which only administrators list, nor dismissals (`dis_…`), reached through
 * their dataset, nor artifacts (`art_…`), reached through their investigation.
 */
export const ID_PREFIXES = { Dataset: 'ds', InvestigationRun: 'run', Investigation: 'inv', Issue: 'iss', ApiToken: 'tok', Dismissal: 'dis', Artifact: 'art' } as const;
export type NodeTypeName = keyof typeof ID_PREFIXES;

const ulid = monotonicFactory();

export function newId(type: NodeTypeName): string {
  return `${ID_PREFIXES[type]}_${ulid()}`;
}

export function nodeTypeOf(id: string): NodeTypeName | null {
  const prefix = id.slice(0, id.indexOf('_'));
  const entry = Object.entries(ID_PREFIXES).find(([, p]) => p === prefix);
  return entry ? (entry[0] as NodeTypeName) : null;
}
