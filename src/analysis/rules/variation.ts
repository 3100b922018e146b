import { count, number, plural, quoted, share } from '../format';
import type { ColumnStats, DatasetProfile } from '../profiler';
import { misspelledWords, spellingPair } from '../spelling';
import { type Candidate, type DetectedIssue, isIdLike, issue, pick, type RuleContext, THRESHOLDS } from './context';

/** categorical_variation: spelling variants of one value, and misspelled words inside names. */

/** Text columns of few, short, countable values: the candidates for spelling variants. */
export function categoricalCandidates(profile: DatasetProfile): ColumnStats[] {
  return profile.columns.filter((c) => {
    if (c.dtype !== 'object' || c.dateLike || c.distinctEstimated || c.distinctCount < 2 || isIdLike(c)) return false;
    if (c.numericCount / c.present >= 0.5 || c.meanLength > THRESHOLDS.categoricalMaxMeanLength) return false;
    return c.distinctCount <= THRESHOLDS.categoricalMaxDistinct && c.distinctCount <= THRESHOLDS.categoricalDistinctShare * c.present;
  });
}

export function categoricalVariation(ctx: RuleContext, measured: Candidate[]): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  const shown = (v: string) => ctx.redactor.text(v);
  for (const { column: c, result: r } of measured) {
    const groups = r.variation_groups as Array<{ variants: string[]; count: number; canonical: string }>;
    const seen = (v: string) => c.valueCounts?.get(v) ?? 1;
    const evidenced = groups.filter((g) => g.variants.some((a, i) => g.variants.slice(i + 1).some((b) => spellingPair(a, b, seen(a), seen(b)))));
    if (!evidenced.length || !r.affected_count) continue;
    const examples = evidenced.slice(0, 2).map((g) => `${JSON.stringify(shown(g.canonical))} also written ${quoted(g.variants.slice(1).map(shown))}`);
    out.push(
      issue(
        'categorical_variation',
        [c.name],
        `${c.name} has ${plural(r.total_variation_groups, 'value')} spelled several ways among its ${count(r.total_unique)} distinct values ` +
          `(${examples.join('; ')}); ${share(r.affected_count, ctx.profile.rows)} hold a non-canonical spelling`,
        {
          ...pick(r, ['rows_analyzed', 'affected_count', 'affected_percentage', 'total_unique', 'total_variation_groups']),
          variation_groups: groups.slice(0, 10).map((g) => ({ ...g, variants: g.variants.map(shown), canonical: shown(g.canonical) })),
        },
      ),
    );
  }
  return out;
}

/** Text columns of names or titles (values of several words) with a word misspelled in a few of them. */
export function misspelledNames(ctx: RuleContext, proposed: Set<string>): DetectedIssue[] {
  const out: DetectedIssue[] = [];
  const shown = (v: string) => JSON.stringify(ctx.redactor.text(v));
  for (const c of ctx.profile.columns) {
    if (c.dtype !== 'object' || c.dateLike || !c.valueCounts || proposed.has(c.name) || c.numericCount / Math.max(1, c.present) >= 0.5) continue;
    const words = misspelledWords(c.valueCounts.keys());
    if (!words.length) continue;
    const pairs = words.slice(0, 4).map((w) => `${shown(w.word)} beside ${shown(w.likely)}`);
    out.push(
      issue('categorical_variation', [c.name], `${c.name} has words misspelled inside some of its values: ${pairs.join(', ')}${words.length > 4 ? ' and others' : ''}`, {
        rows_analyzed: ctx.profile.rows,
        total_unique: c.distinctCount,
        misspelled_words: words.map((w) => ({ word: ctx.redactor.text(w.word), likely: ctx.redactor.text(w.likely), values: w.values, likely_values: w.likelyValues })),
      }),
    );
  }
  return out;
}
