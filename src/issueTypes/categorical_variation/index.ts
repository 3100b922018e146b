import { z } from 'zod';
import { categoricalVariation } from '../../pipeline/fallback/categoricalVariation';
import type { IssueTypeModule } from '../definition';
import { finite, sameColumns } from '../consistency';

const groupSizes = (output: Record<string, unknown>) =>
  (Array.isArray(output.variation_groups) ? (output.variation_groups as Array<{ variants?: unknown[] }>) : []).map((g) =>
    Array.isArray(g.variants) ? g.variants.length : 0,
  );
import { count, variationGroup } from '../resultSchema';
import { spellingPair } from '../../analysis/spelling';

interface Group {
  variants: string[];
  variant_counts?: number[];
}

/** The groups with two variants that look like one value misspelled, or null when the result does not count each variant's rows. */
function misspellingGroups(output: Record<string, unknown>): Group[] | null {
  const groups = Array.isArray(output.variation_groups) ? (output.variation_groups as Group[]) : [];
  if (!groups.length || !groups.every((g) => Array.isArray(g.variant_counts) && g.variant_counts.length === g.variants?.length)) return null;
  return groups.filter((g) => g.variants.some((a, i) => g.variants.some((b, j) => i < j && spellingPair(a, b, g.variant_counts![i], g.variant_counts![j]))));
}

/** The figures "spelled five ways" and "3 groups" may mean. */
const spellings = { what: 'spellings in the largest variation group', of: (o: Record<string, unknown>) => Math.max(0, ...groupSizes(o)) };
const variationGroups = { what: 'variation groups', of: (o: Record<string, unknown>) => finite(o.total_variation_groups) };

/** Nouns a count claim uses for spellings, for variation groups, and for rows (which this type does not count). */
const SPELLING_NOUN = /^(ways?|spellings?|variants?|variations?|versions?|forms?|names?)$/;
const GROUP_NOUN = /^groups?$/;
const ROW_NOUN = /^(?:rows?|records?|entries|values?|cells?)$/;

export const categoricalVariationType: IssueTypeModule = {
  type: 'categorical_variation',
  description:
    'Values of a text column that are spellings of one another (equal after lower-casing and dropping accents and punctuation, or difflib ratio above 0.85), grouped, with the rows a fix would touch.',
  columns: { min: 1, max: 1, description: 'exactly one text column' },
  options: [],
  result: z.object({
    total_unique: count,
    total_variation_groups: count,
    variation_groups: z.array(variationGroup),
  }),
  core: true,
  template: new URL('./template.py', import.meta.url),
  consistency(e, issue) {
    const errors = sameColumns(e, issue);
    const groups = e.variation_groups as Array<{ variants: string[]; count: number; canonical: string }> | undefined;
    if (!Array.isArray(groups)) return errors;
    if (e.total_variation_groups !== groups.length) {
      errors.push(`total_variation_groups ${String(e.total_variation_groups)} but variation_groups lists ${groups.length}`);
    }
    const variants = groups.reduce((n, g) => n + (g.variants?.length ?? 0), 0);
    if (typeof e.total_unique === 'number' && variants > e.total_unique) errors.push(`the groups hold ${variants} variants, more than total_unique ${e.total_unique}`);
    const rows = groups.reduce((n, g) => n + (g.count ?? 0), 0);
    if (rows > e.rows_analyzed) errors.push(`the groups' counts add up to ${rows}, more than rows_analyzed ${e.rows_analyzed}`);
    if (e.affected_count > rows) errors.push(`affected_count ${e.affected_count} exceeds the rows holding a variant (${rows})`);
    groups.forEach((g, i) => {
      if (Array.isArray(g.variants) && !g.variants.includes(g.canonical)) errors.push(`variation_groups.${i}: canonical "${g.canonical}" is not one of its variants`);
    });
    return errors;
  },
  showingRows: ({ pool, listed }) => listed(pool.valueFirstRows),
  followUps(r, issue) {
    if (!r.affected_count) return [];
    const column = issue.affectedColumns[0]!;
    return [
      {
        question: `Do the spellings of ${column} differ only in spaces and letter case, which a trim and a case fold would mend?`,
        issue: { type: 'whitespace_case', description: `${column} values differ in spaces or case`, affectedColumns: [column] },
      },
    ];
  },
  verdict: {
    claimMeasures: { VARIATION_GROUPS: variationGroups, SPELLINGS: spellings },
    countsOwn: (nouns) => nouns.some((w) => SPELLING_NOUN.test(w) || GROUP_NOUN.test(w)) || !nouns.some((w) => ROW_NOUN.test(w)),
    countMeasures(nouns, output) {
      // "variant groups": the last noun says what is counted, the words before it what kind.
      const said = (pattern: RegExp) => (GROUP_NOUN.test(nouns[nouns.length - 1] ?? '') ? GROUP_NOUN === pattern : nouns.some((w) => pattern.test(w)));
      // A claimed number of spellings counts the groups that look like misspellings (spelling.ts), not the
      // groups of different things named alike ("Ivan" and "Ian"), when the result gives each variant's rows.
      const misspelt = misspellingGroups(output);
      const sizes = misspelt ? misspelt.map((g) => g.variants.length) : groupSizes(output);
      const what = misspelt ? 'spellings in the largest group of misspellings' : spellings.what;
      const measures = [];
      if (said(SPELLING_NOUN)) {
        // "Spelled five ways" may mean one name's spellings or all the variant spellings found: either counts.
        if (!sizes.length) measures.push({ value: 1, what: misspelt ? 'spellings of each value (no group of misspellings)' : 'spellings of each value (no variation group)' });
        else measures.push({ value: Math.max(...sizes), what });
        if (sizes.length > 1) measures.push({ value: sizes.reduce((a, b) => a + b, 0), what: `variant spellings across the ${sizes.length} variation groups` });
      }
      const groups = variationGroups.of(output);
      if (said(GROUP_NOUN) && groups !== null) measures.push({ value: groups, what: variationGroups.what });
      // "Some cereals appear under two names", "3 suppliers are spelled several ways": things, each a group of spellings.
      if (!measures.length && !said(ROW_NOUN)) {
        measures.push(misspelt ? { value: misspelt.length, what: 'groups of misspellings' } : { value: groups ?? 0, what: variationGroups.what });
      }
      return measures;
    },
  },
  heuristic: categoricalVariation,
};
