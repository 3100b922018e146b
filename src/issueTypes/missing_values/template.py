# missing_values: rows where any of the columns is missing.
df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)

# Texts that stand for a missing value ("." or "unknown"), compared after trimming spaces and tabs.
options = read_options('{"placeholders": ["."]}')
placeholders = [str(p) for p in (options.get("placeholders") or [])]
missing = df[columns].isna()
if placeholders:
    marked = df[columns].apply(lambda s: s.notna() & s.astype(str).str.strip(" \t").isin(placeholders))
    missing = missing | marked
affected = missing.any(axis=1)

result = envelope("missing_values", columns, df, affected)
result["missing_count"] = result["affected_count"]
result["missing_by_column"] = {c: int(missing[c].sum()) for c in columns}

save_chart("missing_by_column", "Missing values by column (%d rows)" % len(df),
           lambda ax: (ax.bar([shortened(c) for c in columns], [int(missing[c].sum()) for c in columns], color="#c0504d"),
                       ax.set_ylabel("rows missing"), ax.tick_params(axis="x", labelrotation=30 if len(columns) > 4 else 0)))

date_column = find_date_column(df, exclude=columns)
if date_column is not None:
    dates = pd.to_datetime(df.loc[affected, date_column], errors="coerce").dropna()
    per_day = dates.dt.strftime("%Y-%m-%d").value_counts()
    top = sorted(per_day.items(), key=lambda item: (-item[1], item[0]))[:20]
    result["date_column"] = date_column
    result["missing_by_date"] = {day: int(n) for day, n in top}
    by_day = dates.dt.normalize().value_counts().sort_index()

    def draw_by_date(ax):
        # Days as positions with a few date labels: matplotlib's date axis costs more than the chart.
        days = (by_day.index - by_day.index[0]).days.to_numpy()
        per_day = np.zeros(days[-1] + 1)
        per_day[days] = by_day.to_numpy()
        ax.stairs(per_day, np.arange(days[-1] + 2), fill=True, color="#c0504d")
        ticks = np.unique(np.linspace(0, days[-1], 6).round().astype(int))
        ax.set_xticks(ticks, [(by_day.index[0] + pd.Timedelta(days=int(d))).strftime("%Y-%m-%d") for d in ticks])
        ax.set_ylabel("rows")

    if len(by_day):
        save_chart("missing_by_date", "Rows with a missing value, by %s" % shortened(date_column), draw_by_date)

if options.get("by") is not None:
    result["group_column"] = options["by"]
    result["missing_by_group"] = counts_by_group(df, options["by"], affected)
    save_group_chart("missing_by_group", "Rows with a missing value", options["by"], result["missing_by_group"])

emit(result)
