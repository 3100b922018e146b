# invalid_format: values that do not parse as their column's dominant kind (number, date, email, boolean)
# or do not fully match options.pattern.
columns = ISSUE["columns"]


options = read_options('{"expected": "date"}')

# The cell texts as written: dtype=str keeps "1.50" or "2024-1-5" as they are, with the same rows and the
# same NA rules as the default read (missing values are never invalid).
df = pd.read_csv("data.csv", dtype=str)
require_columns(df, columns)

KINDS = ("number", "date", "email", "boolean")  # inferred in this order of preference
EXPECTABLE = KINDS + ("integer",)

NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
INTEGER = r"[+-]?\d+(?:\.0*)?"
EMAIL = r"[A-Za-z0-9_%+'-]+(?:\.[A-Za-z0-9_%+'-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
BOOLEANS = {"true", "false", "yes", "no", "t", "f", "y", "n"}
TIME = r"(?:[T ](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
YMD = r"(?P<y>\d{4})(?P<s1>[-/.])(?P<m>\d{1,2})(?P=s1)(?P<d>\d{1,2})" + TIME
DMY = r"(?P<a>\d{1,2})(?P<s2>[-/.])(?P<b>\d{1,2})(?P=s2)(?P<yy>\d{4}|\d{2})" + TIME
DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def real_date(year, month, day):
    """Whether the (float arrays of) year, month and day form a calendar date."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    m = np.clip(np.nan_to_num(month, nan=1), 1, 12).astype(int)
    last = DAYS_IN_MONTH[m - 1] + ((m == 2) & leap)
    return (month >= 1) & (month <= 12) & (day >= 1) & (day <= last)


def is_kind(text, kind):
    """A boolean Series: which of the (stripped, present) texts are of this kind."""
    if kind == "number":
        return text.str.fullmatch(NUMBER)
    if kind == "integer":
        return text.str.fullmatch(INTEGER)
    if kind == "email":
        return text.str.fullmatch(EMAIL)
    if kind == "boolean":
        return text.str.casefold().isin(BOOLEANS)
    # date: year-month-day, or day/month/year or month/day/year (either reading may make it real)
    ymd = text.str.extract("^" + YMD + "$")
    ok = real_date(*(pd.to_numeric(ymd[k]).to_numpy(dtype=float) for k in ("y", "m", "d")))
    dmy = text.str.extract("^" + DMY + "$")
    a, b, yy = (pd.to_numeric(dmy[k]).to_numpy(dtype=float) for k in ("a", "b", "yy"))
    yy = np.where(yy < 100, yy + 2000, yy)
    ok = ok | real_date(yy, b, a) | real_date(yy, a, b)
    return pd.Series(ok, index=text.index)


expected = options.get("expected")
if expected is not None and not (isinstance(expected, str) and expected in EXPECTABLE):
    raise SystemExit("options.expected must be one of %s; got %s" % (", ".join(EXPECTABLE), shown(expected)))
pattern = options.get("pattern")
if pattern is not None:
    if not isinstance(pattern, str):
        raise SystemExit("options.pattern must be a string holding a Python regular expression; got %s" % shown(pattern))
    try:
        re.compile(pattern)
    except re.error as error:
        raise SystemExit("options.pattern must be a valid Python regular expression; got %s (%s)" % (shown(pattern), error))

invalid_cells = pd.DataFrame(False, index=df.index, columns=range(len(columns)))
column_formats = {}
checks = []
for position, column in enumerate(columns):
    raw = df[column].dropna()
    # Each distinct text is classified once; rows follow their text.
    distinct = pd.Series(raw.unique())
    stripped = distinct.str.strip()
    info = {"present": int(len(raw))}
    failures = []  # (label, the distinct texts that fail)
    kind, matches = expected, None
    if kind is None:
        weights = raw.value_counts(sort=False).reindex(distinct).to_numpy()
        for candidate in KINDS:
            mask = is_kind(stripped, candidate).to_numpy(dtype=bool)
            share = float(weights[mask].sum() / weights.sum()) if len(raw) else 0.0
            if share > 0.5:  # kinds are disjoint, so at most one can hold a majority
                kind, matches = candidate, mask
                info["matching_share"] = share
                break
    else:
        matches = is_kind(stripped, kind).to_numpy(dtype=bool)
    info["expected"] = kind
    info["source"] = "options" if expected is not None else "inferred"
    if kind is not None and matches is not None:
        failures.append((kind, distinct[~matches]))
    if pattern is not None:
        info["pattern"] = pattern
        failures.append(("pattern", distinct[~distinct.str.fullmatch(pattern).to_numpy(dtype=bool)]))
    column_formats[column] = info
    for label, bad_texts in failures:
        bad_values = raw[raw.isin(bad_texts)]
        invalid_cells.loc[bad_values.index, position] = True
        check = {
            "column": column,
            "expected": label,
            "count": int(len(bad_values)),
            "examples": bad_values.drop_duplicates().head(5).tolist(),
            "rows": [int(i) for i in bad_values.index[:10]],
        }
        if label == "pattern":
            check["pattern"] = pattern
        checks.append(check)

affected = invalid_cells.any(axis=1)
result = envelope("invalid_format", columns, df, affected)
result["invalid_value_count"] = int(invalid_cells.to_numpy().sum())
result["invalid_by_column"] = checks
result["column_formats"] = column_formats


def draw_checks(ax):
    shown_checks = [c for c in checks if c["count"]][:20][::-1]
    ax.barh(range(len(shown_checks)), [c["count"] for c in shown_checks], color="#c0504d")
    ax.set_yticks(range(len(shown_checks)), [shortened("%s (%s)" % (c["column"], c["expected"]), 34) for c in shown_checks])
    ax.set_xlabel("invalid values")


if result["invalid_value_count"]:
    save_chart("invalid_by_column", "Invalid values: %d in %d rows" % (result["invalid_value_count"], result["affected_count"]), draw_checks)
emit(result)
