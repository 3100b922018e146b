# whitespace_case: text values with stray whitespace (leading/trailing, or inner runs other than one
# space) and spellings of one value that differ only in letter case.
# This type reads no option: any key given is listed in the result's ignored_options.
read_options()  # checks that options is an object

df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)
checked = list(columns) if columns else [c for c in df.columns if df[c].dtype == object]
GROUP_CAP = 20


problem_cells = pd.DataFrame(False, index=df.index, columns=range(len(checked)))
by_column = []
totals = {"whitespace": 0, "case": 0}
for position, column in enumerate(checked):
    series = df[column].map(str, na_action="ignore")
    # Each distinct value is looked at once (in order of first appearance); rows follow their value.
    codes, uniques = pd.factorize(series)
    present = codes >= 0
    distinct = pd.Series(uniques, dtype=object)
    rows = np.bincount(codes[present], minlength=len(distinct))
    stripped = distinct.str.strip()
    # cleaned: no leading/trailing whitespace, every inner whitespace run one space (like " ".join(v.split()))
    cleaned = stripped.str.replace(r"\s+", " ", regex=True)
    edge = (distinct != stripped).to_numpy(dtype=bool)
    inner = (stripped != cleaned).to_numpy(dtype=bool)

    # Case groups: distinct cleaned spellings that are equal after casefold(). The canonical spelling has
    # most rows (ties: first appearance); rows holding any other spelling of the group are case variants.
    spelling_codes, spelling_texts = pd.factorize(cleaned)  # cleaned spellings, first appearance first
    keys = pd.Series(spelling_texts, dtype=object).str.casefold()
    shared = keys.duplicated(keep=False).to_numpy(dtype=bool)  # only these spellings can form groups
    spellings = pd.DataFrame({
        "spelling": spelling_texts[shared],
        "key": keys[shared].to_numpy(),
        "rows": np.bincount(spelling_codes, weights=rows, minlength=len(spelling_texts))[shared].astype(np.int64),
        "first": np.flatnonzero(shared),
    })
    spellings = spellings.sort_values(["key", "rows", "first"], ascending=[True, False, True], kind="mergesort")
    variant_spellings = set(spellings.loc[spellings.groupby("key", sort=False).cumcount() > 0, "spelling"])
    case = cleaned.isin(variant_spellings).to_numpy(dtype=bool)

    groups = []
    for _, members in spellings.groupby("key", sort=False):
        groups.append({
            "variants": members["spelling"].tolist(),
            "count": int(members["rows"].sum()),
            "canonical": members["spelling"].iloc[0],
            "_first": int(members["first"].iloc[0]),
        })
    groups.sort(key=lambda g: (-g["count"], g["_first"]))
    for g in groups:
        del g["_first"]

    row_whitespace = np.zeros(len(series), dtype=bool)
    row_edge = np.zeros(len(series), dtype=bool)
    row_case = np.zeros(len(series), dtype=bool)
    row_whitespace[present] = (edge | inner)[codes[present]]
    row_edge[present] = edge[codes[present]]
    row_case[present] = case[codes[present]]
    problem_cells[position] = row_whitespace | row_case
    totals["whitespace"] += int(row_whitespace.sum())
    totals["case"] += int(row_case.sum())
    by_column.append({
        "column": column,
        "present": int(present.sum()),
        "whitespace_count": int(row_whitespace.sum()),
        "leading_trailing_count": int(row_edge.sum()),
        "inner_whitespace_count": int(rows[inner].sum()),
        "case_variant_count": int(row_case.sum()),
        "case_group_count": len(groups),
        "case_groups": groups[:GROUP_CAP],
        "whitespace_examples": distinct[edge | inner].head(5).tolist(),
        "case_examples": distinct[case].head(5).tolist(),
    })

affected = problem_cells.any(axis=1)
result = envelope("whitespace_case", columns, df, affected)
result["checked_columns"] = checked
result["whitespace_count"] = totals["whitespace"]
result["case_variant_count"] = totals["case"]
result["by_column"] = by_column


def draw_columns(ax):
    shown_columns = [c for c in by_column if c["whitespace_count"] or c["case_variant_count"]][:20][::-1]
    positions = np.arange(len(shown_columns))
    ax.barh(positions + 0.2, [c["whitespace_count"] for c in shown_columns], height=0.4, color="#4f81bd", label="stray spaces")
    ax.barh(positions - 0.2, [c["case_variant_count"] for c in shown_columns], height=0.4, color="#c0504d", label="case variants")
    ax.set_yticks(positions, [shortened(c["column"], 30) for c in shown_columns])
    ax.set_xlabel("rows")
    ax.legend(loc="lower right")


if result["affected_count"]:
    save_chart("whitespace_case", "Stray spaces and case variants: %d rows" % result["affected_count"], draw_columns)
emit(result)
