# outliers: rows more than RULES["outlier_z"] (3) sample standard deviations from the mean of the numeric column.
df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)
column = columns[0]

x = pd.to_numeric(df[column], errors="coerce").astype("float64")
present = x.dropna()
mean = present.mean()
std = present.std()
z = (x - mean).abs() / std
affected = z > RULES["outlier_z"]

result = envelope("outliers", columns, df, affected)
result["mean"] = mean
result["std"] = std
result["min"] = present.min()
result["max"] = present.max()
result["outlier_count"] = result["affected_count"]
result["outlier_percentage"] = result["affected_percentage"]

q1 = present.quantile(0.25)
q3 = present.quantile(0.75)
iqr = q3 - q1
low, high = q1 - 1.5 * iqr, q3 + 1.5 * iqr
result["iqr_bounds"] = [low, high]
result["iqr_outlier_count"] = int(((x < low) | (x > high)).sum())


def identifying_columns(frame, exclude):
    named = [c for c in frame.columns if c != exclude and re.search(RULES["id_name"], str(c), re.I)]
    unique = [c for c in frame.columns if c != exclude and c not in named
              and frame[c].dtype == object and frame[c].is_unique]
    return (named + unique)[:3]


ids = identifying_columns(df, column)
most_extreme = z[affected].sort_values(ascending=False, kind="stable").index[:5]
result["example_outliers"] = [
    {"row": int(i), "z_score": z.at[i], "values": {c: df.at[i, c] for c in [column] + ids}}
    for i in most_extreme
]

emit(result)
