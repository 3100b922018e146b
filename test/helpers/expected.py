"""Expected results for the tests, computed independently of the service's templates.

pandas only reads the CSV (RESULTS.md defines the data as pandas.read_csv reads it); everything else is
plain Python: loops, Counter, statistics, and all-pairs comparison for variation groups.
Usage: expected.py <csv> <issue type> <columns as JSON>
"""
import difflib
import json
import math
import statistics
import sys
import unicodedata
from collections import Counter

import pandas as pd

path, issue_type, columns = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
df = pd.read_csv(path)
records = df.to_dict("records")
n = len(records)


def missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def norm(v):
    return ("<NA>",) if missing(v) else v


def envelope(affected):
    return {
        "rows_analyzed": n,
        "affected_count": len(affected),
        "affected_percentage": len(affected) / n * 100,
        "affected_rows": affected[:10],
    }


out = {}
if issue_type == "missing_values":
    affected = [i for i, r in enumerate(records) if any(missing(r[c]) for c in columns)]
    out = envelope(affected)
    out["missing_by_column"] = {c: sum(1 for r in records if missing(r[c])) for c in columns}
elif issue_type == "duplicates":
    key_cols = columns or list(df.columns)
    keys = [tuple(norm(r[c]) for c in key_cols) for r in records]
    whole = [tuple(norm(r[c]) for c in df.columns) for r in records]
    key_counts, whole_counts = Counter(keys), Counter(whole)
    affected = [i for i, k in enumerate(keys) if key_counts[k] > 1]
    out = envelope(affected)
    out["unique_duplicate_ids"] = len({keys[i] for i in affected})
    out["exact_duplicate_rows"] = sum(1 for i in affected if whole_counts[whole[i]] > 1)
    # What differs between the copies: per other column, the repeated keys whose rows hold 2+ values there.
    values_by_key = {}
    for i in affected:
        for c in df.columns:
            if c not in key_cols:
                values_by_key.setdefault((keys[i], c), set()).add(norm(records[i][c]))
    differing = {(k, c) for (k, c), values in values_by_key.items() if len(values) > 1}
    out["differences_by_column"] = {c: n for c, n in Counter(c for _, c in differing).items()}
    out["keys_with_differences"] = len({k for k, _ in differing})
elif issue_type == "outliers":
    x = [float(v) if not missing(v) else None for v in pd.to_numeric(df[columns[0]], errors="coerce")]
    present = [v for v in x if v is not None]
    mean, std = statistics.fmean(present), statistics.stdev(present)
    affected = [i for i, v in enumerate(x) if v is not None and abs(v - mean) / std > 3]
    ordered = sorted(present)

    def quantile(q):
        pos = (len(ordered) - 1) * q
        lo = math.floor(pos)
        hi = min(lo + 1, len(ordered) - 1)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)

    q1, q3 = quantile(0.25), quantile(0.75)
    out = envelope(affected)
    out.update(mean=mean, std=std, min=min(present), max=max(present))
    out["iqr_outlier_count"] = sum(1 for v in present if v < q1 - 1.5 * (q3 - q1) or v > q3 + 1.5 * (q3 - q1))
elif issue_type == "categorical_variation":
    column = columns[0]
    values = [r[column] for r in records]
    counts = Counter(v for v in values if not missing(v))
    distinct = list(dict.fromkeys(v for v in values if not missing(v)))

    def fingerprint(v):
        return "".join(ch for ch in unicodedata.normalize("NFKD", v).lower() if ch.isalnum())

    parent = list(range(len(distinct)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(distinct)):
        for j in range(i):
            a, b = distinct[j], distinct[i]
            if fingerprint(a) == fingerprint(b) or difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() > 0.85:
                parent[find(i)] = find(j)
    groups = {}
    for i, v in enumerate(distinct):
        groups.setdefault(find(i), []).append(v)
    groups = [g for g in groups.values() if len(g) > 1]
    canonical = {}
    for g in groups:
        best = max(g, key=lambda v: (counts[v], -distinct.index(v)))
        canonical.update({v: best for v in g})
    affected = [i for i, v in enumerate(values) if not missing(v) and v in canonical and canonical[v] != v]
    out = envelope(affected)
    out["total_unique"] = len(distinct)
    out["groups"] = sorted(
        [{"variants": sorted(g), "count": sum(counts[v] for v in g), "canonical": canonical[g[0]], "rows": {v: counts[v] for v in g}} for g in groups],
        key=lambda g: g["variants"],
    )
else:
    raise SystemExit("unknown type " + issue_type)
print(json.dumps(out))
