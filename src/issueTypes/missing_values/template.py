# missing_values: rows where any of the columns is missing.
df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)

# Texts that stand for a missing value ("." or "unknown"), compared after trimming spaces and tabs.
placeholders = [str(p) for p in (read_options('{"placeholders": ["."]}').get("placeholders") or [])]
missing = df[columns].isna()
if placeholders:
    marked = df[columns].apply(lambda s: s.notna() & s.astype(str).str.strip(" \t").isin(placeholders))
    missing = missing | marked
affected = missing.any(axis=1)

result = envelope("missing_values", columns, df, affected)
result["missing_count"] = result["affected_count"]
result["missing_by_column"] = {c: int(missing[c].sum()) for c in columns}

date_column = find_date_column(df, exclude=columns)
if date_column is not None:
    dates = pd.to_datetime(df.loc[affected, date_column], errors="coerce").dropna()
    per_day = dates.dt.strftime("%Y-%m-%d").value_counts()
    top = sorted(per_day.items(), key=lambda item: (-item[1], item[0]))[:20]
    result["date_column"] = date_column
    result["missing_by_date"] = {day: int(n) for day, n in top}

emit(result)
