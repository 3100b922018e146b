import { getRandomValues } from 'node:crypto';
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

/**
 * Uniform numbers in [0, 1) from the system's cryptographic generator, drawn 4 KB at a time: the ulid
 * package's own asks it for each of an id's 16 random characters (~2 µs each; a template investigation
 * makes several ids: 0.3 ms of its ~12 ms in this thread at 2 rows).
 */
export function pooledRandom(): () => number {
  const pool = new Uint32Array(1024);
  let next = pool.length;
  return () => {
    if (next === pool.length) {
      getRandomValues(pool);
      next = 0;
    }
    return pool[next++]! / 0x1_0000_0000;
  };
}

const ulid = monotonicFactory(pooledRandom());

export function newId(type: NodeTypeName): string {
  return `${ID_PREFIXES[type]}_${ulid()}`;
}

export function nodeTypeOf(id: string): NodeTypeName | null {
  const prefix = id.slice(0, id.indexOf('_'));
  const entry = Object.entries(ID_PREFIXES).find(([, p]) => p === prefix);
  return entry ? (entry[0] as NodeTypeName) : null;
}
