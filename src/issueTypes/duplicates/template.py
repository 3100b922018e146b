# duplicates: rows whose key occurs more than once (no key columns: whole rows).
df = read_dataset()
key = ISSUE["columns"]
require_columns(df, key)
subset = list(key) if key else list(df.columns)

affected = df.duplicated(subset=subset, keep=False)
whole_row = df.duplicated(keep=False)

result = envelope("duplicates", key, df, affected)
count = result["affected_count"]
duplicated_rows = df[affected]
distinct_keys = duplicated_rows[subset].drop_duplicates()
exact = int((affected & whole_row).sum())
result["duplicate_count"] = count
result["key_columns"] = subset
result["unique_duplicate_ids"] = int(len(distinct_keys))
result["exact_duplicate_rows"] = exact
result["are_exact_duplicates"] = bool(count > 0 and exact == count)

# What differs between the copies, over every repeated key: per other column, the keys whose rows hold
# more than one value there (missing counts as a value). Hashing (drop_duplicates) rather than groupby's
# nunique, which costs ten times as much in the trusted worker.
differing_keys = []
result["differences_by_column"] = {}
for column in [c for c in df.columns if c not in subset] if count else []:
    pairs = duplicated_rows[subset + [column]].drop_duplicates()
    keys = pairs.loc[pairs.duplicated(subset=subset, keep=False), subset].drop_duplicates()
    if len(keys):
        result["differences_by_column"][column] = int(len(keys))
        differing_keys.append(keys)
result["keys_with_differences"] = int(len(pd.concat(differing_keys).drop_duplicates())) if differing_keys else 0


def rows_with_key(frame, values):
    match = pd.Series(True, index=frame.index)
    for column, value in zip(subset, values):
        if pd.isna(value):
            match &= frame[column].isna()
        else:
            match &= frame[column] == value
    return frame[match]


examples = []
for values in distinct_keys.head(5).itertuples(index=False, name=None):
    group = rows_with_key(duplicated_rows, values)
    differing = {}
    for column in df.columns:
        if column in subset:
            continue
        distinct = group[column].drop_duplicates()
        if len(distinct) > 1:
            differing[column] = distinct.head(10).tolist()
    examples.append({
        "key": dict(zip(subset, values)),
        "count": int(len(group)),
        "rows": [int(i) for i in group.index[:10]],
        "differing_columns": differing,
    })
result["example_duplicates"] = examples

if count:
    copies = duplicated_rows.groupby(subset, dropna=False, sort=False).size().sort_values(ascending=False, kind="stable")
    top_keys = copies.head(20)[::-1]
    save_rows_chart("duplicate_keys", "Most repeated %s: %d of them repeat" % ("keys" if key else "rows", len(copies)),
                    [", ".join(map(str, k)) if isinstance(k, tuple) else k for k in top_keys.index], top_keys.to_numpy(), "#8064a2")

emit(result)
