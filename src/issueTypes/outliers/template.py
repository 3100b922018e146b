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


def draw_distribution(ax):
    counts, edges = np.histogram(present.to_numpy(), bins=60)
    ax.stairs(counts, edges, fill=True, color="#4f81bd")
    limit = RULES["outlier_z"]
    for edge, label in ((mean - limit * std, "mean ± %g std" % limit), (mean + limit * std, None)):
        ax.axvline(edge, color="#c0504d", linestyle="--", label=label)
    for edge, label in ((low, "IQR fences (1.5 × IQR)"), (high, None)):
        ax.axvline(edge, color="#9bbb59", linestyle=":", label=label)
    ax.set_xlabel(shortened(column))
    from matplotlib.ticker import FuncFormatter, NullLocator
    ax.set_yscale("log")  # a lone outlier's bar stays visible beside thousands of ordinary rows
    ax.yaxis.set_minor_locator(NullLocator())  # plain labels: the default ones cost more than the chart
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: "%g" % value))
    ax.set_ylabel("rows (log scale)")
    ax.legend(loc="upper right")


if len(present) and math.isfinite(std) and math.isfinite(iqr):
    save_chart("distribution", "Distribution of %s: %d outliers" % (shortened(column), result["outlier_count"]), draw_distribution)

# With outliers, the dataset's date column: a follow-up counts them per day of it (options.by).
if result["outlier_count"]:
    date_column = find_date_column(df, exclude=columns)
    if date_column is not None:
        result["date_column"] = date_column

by = read_options('{"by": "region"}').get("by")
if by is not None:
    result["group_column"] = by
    result["outliers_by_group"] = counts_by_group(df, by, affected)
    save_group_chart("outliers_by_group", "Outliers", by, result["outliers_by_group"])

ids = identifying_columns(df, column)
most_extreme = z[affected].sort_values(ascending=False, kind="stable").index[:5]
result["example_outliers"] = [
    {"row": int(i), "z_score": z.at[i], "values": {c: df.at[i, c] for c in [column] + ids}}
    for i in most_extreme
]

emit(result)
