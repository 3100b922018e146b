# categorical_variation: spellings of one value that differ in case, accents, punctuation or a few letters.
import difflib
import unicodedata
from collections import Counter, defaultdict

df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)
column = columns[0]

# Values are compared as text: str() of each (object columns may hold numbers or booleans too).
series = df[column].map(str, na_action="ignore")
present = series.dropna()

counts = present.value_counts(sort=False)
values = present.drop_duplicates().tolist()  # distinct values in order of first appearance
order = {v: i for i, v in enumerate(values)}
THRESHOLD = RULES["similarity_threshold"]  # 0.85; the candidate filter below is derived from it

parent = list(range(len(values)))


def find(i):
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def union(i, j):
    a, b = find(i), find(j)
    if a != b:
        parent[max(a, b)] = min(a, b)


def fingerprint(value):
    text = unicodedata.normalize("NFKD", value).lower()
    return "".join(ch for ch in text if ch.isalnum())


# 1. Equal fingerprints (and equal lower-cased text) are always variants.
for key in (fingerprint, str.lower):
    first_with = {}
    for i, v in enumerate(values):
        first_with.setdefault(key(v), i)
        union(first_with[key(v)], i)


# 2. Ratio > 0.85 on lower-cased text, for candidate pairs from a prefix filter over character bigrams.
#    If ratio(s, t) > 0.85, the M matched characters lie in B blocks that keep M - B bigrams intact, and
#    B - 1 <= (m - M) + (n - M); so s and t share at least 3M - (m + n) - 1 bigrams, with 40M > 17(m + n).
#    Each value is indexed under its rarest |bigrams| - min_overlap + 1 bigrams, which finds every such
#    pair. To keep the work near-linear on adversarial data, one bigram indexes at most POSTING_CAP values
#    (the first to carry it): only a pair whose shared rare bigrams are all that common can be missed.
POSTING_CAP = 32


def min_overlap(m, n):
    matched = (17 * (m + n)) // 40 + 1
    if matched > min(m, n) - (1 if m == n else 0):
        return None  # no two different texts of these lengths can reach the threshold
    return 3 * matched - (m + n) - 1


def min_overlap_for_length(m):
    bounds = [b for b in (min_overlap(m, n) for n in range(1, 2 * m + 3)) if b is not None]
    return min(bounds) if bounds else None


def bigrams(text):
    seen = Counter()
    tokens = []
    for i in range(len(text) - 1):
        gram = text[i:i + 2]
        seen[gram] += 1
        tokens.append((gram, seen[gram]))
    return tokens


lowered = [v.lower() for v in values]
tokens = [bigrams(s) for s in lowered]
frequency = Counter(t for ts in tokens for t in ts)
bound_by_length = {}
index = defaultdict(list)
for i, s in enumerate(lowered):
    m = len(s)
    if m not in bound_by_length:
        bound_by_length[m] = min_overlap_for_length(m)
    bound = bound_by_length[m]
    if bound is None:
        continue
    ranked = sorted(tokens[i], key=lambda t: (frequency[t], t))
    candidates = set()
    for t in ranked[: len(ranked) - bound + 1]:
        posting = index[t]
        candidates.update(posting)
        if len(posting) < POSTING_CAP:
            posting.append(i)
    matcher = difflib.SequenceMatcher(None, "", s)  # the value seen first is `a`, this one `b`
    for j in sorted(candidates):
        if find(i) == find(j) or min_overlap(m, len(lowered[j])) is None:
            continue
        matcher.set_seq1(lowered[j])
        if matcher.quick_ratio() > THRESHOLD and matcher.ratio() > THRESHOLD:
            union(i, j)

members = defaultdict(list)
for i in range(len(values)):
    members[find(i)].append(i)

groups = []
for indices in members.values():
    if len(indices) < 2:
        continue
    variants = sorted((values[i] for i in indices), key=lambda v: (-int(counts[v]), order[v]))
    groups.append({
        "variants": variants,
        "count": int(sum(int(counts[v]) for v in variants)),
        "canonical": variants[0],
        "variant_counts": [int(counts[v]) for v in variants],
    })
groups.sort(key=lambda g: (-g["count"], order[g["canonical"]]))

non_canonical = [v for g in groups for v in g["variants"][1:]]
affected = series.isin(non_canonical) & series.notna()

result = envelope("categorical_variation", columns, df, affected)
result["total_unique"] = int(len(values))
result["total_variation_groups"] = len(groups)
result["variation_groups"] = groups


def draw_groups(ax):
    labels, heights, colors = [], [], []
    for g in groups[:8][::-1]:
        for variant, n in list(zip(g["variants"], g["variant_counts"]))[:6][::-1]:
            labels.append(shortened(redacted(variant), 30))
            heights.append(n)
            colors.append("#4f81bd" if variant == g["canonical"] else "#c0504d")
    ax.barh(range(len(labels)), heights, color=colors)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("rows (blue: the most common spelling)")


if groups:
    save_chart("variation_groups", "Spellings of %s: %d groups" % (shortened(column), len(groups)), draw_groups)
emit(result)
