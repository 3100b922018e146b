# out_of_range: values outside their column's bounds: bounds from options, from the description, or
# inferred (0 for a column that is almost never negative; 1900-01-01 and today, UTC, for dates).
import datetime

df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)
options = ISSUE.get("options") or {}
description = ISSUE.get("description") or ""

TODAY = pd.Timestamp(datetime.datetime.now(datetime.timezone.utc).date())  # the run's date, in UTC
EARLIEST = pd.Timestamp("1900-01-01")
NON_NEGATIVE_SHARE = 0.95
YEAR_PREFIX = r"^\s*(\d{4})[-/.]"

# Phrases of the description that give a bound: "above 500", "prices over $1,000", "before 2020-01-01",
# "between 1 and 100". The first phrase of each kind (number or date) and side wins.
VALUE = r"(?:\d{4}-\d{1,2}-\d{1,2}|[-+]?\$?\s?\d[\d,]*(?:\.\d+)?|[-+]?\$?\s?\.\d+)"
UPPER_WORDS = r"above|over|greater than|more than|higher than|larger than|exceeding|exceeds|exceed|after|later than|at most|>"
LOWER_WORDS = r"below|under|less than|lower than|smaller than|before|earlier than|at least|<"
BETWEEN = re.compile(r"\b(?:between|from)\s+(%s)\s+(?:and|to)\s+(%s)" % (VALUE, VALUE), re.IGNORECASE)
UPPER = re.compile(r"(?:\b|(?<=\s)|^)(?:%s)\s*=?\s*(%s)" % (UPPER_WORDS, VALUE), re.IGNORECASE)
LOWER = re.compile(r"(?:\b|(?<=\s)|^)(?:%s)\s*=?\s*(%s)" % (LOWER_WORDS, VALUE), re.IGNORECASE)
NEGATIVE = re.compile(r"\bnegative\b", re.IGNORECASE)


def bound_value(text):
    """A number, or a Timestamp for YYYY-MM-DD, from a phrase's value."""
    text = text.replace("$", "").replace(",", "").replace(" ", "")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        return pd.Timestamp(text)
    return float(text)


def description_bounds(text):
    found = {"number": {}, "date": {}}

    def put(side, value):
        kind = "date" if isinstance(value, pd.Timestamp) else "number"
        found[kind].setdefault(side, value)

    for match in BETWEEN.finditer(text):
        low, high = bound_value(match.group(1)), bound_value(match.group(2))
        if isinstance(low, pd.Timestamp) == isinstance(high, pd.Timestamp):
            put("min", min(low, high))
            put("max", max(low, high))
    rest = BETWEEN.sub(" ", text)
    for match in UPPER.finditer(rest):
        put("max", bound_value(match.group(1)))
    for match in LOWER.finditer(rest):
        put("min", bound_value(match.group(1)))
    if NEGATIVE.search(rest):
        found["number"].setdefault("min", 0.0)
    return found


def column_kind(series):
    """number or date (the majority of present values parse as one), None when no value is present."""
    present = series.dropna()
    if present.empty:
        return None
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return "number"
    if pd.to_numeric(present, errors="coerce").notna().mean() > 0.5:
        return "number"
    text = present.astype(str)
    if text.str.match(DATE_LIKE).mean() > 0.5:
        return "date"
    raise SystemExit("out_of_range: column %r is neither numeric nor date-like (e.g. %r)" % (series.name, text.iloc[0]))


def as_bound(value, kind):
    """value as a bound for a column of this kind, or None when it is not one."""
    try:
        if kind == "number" and not isinstance(value, bool):
            return float(value)
        if kind == "date" and isinstance(value, str) and not re.fullmatch(r"\s*[-+]?[\d.]+\s*", value):
            return pd.Timestamp(value).tz_localize(None) if pd.Timestamp(value).tz else pd.Timestamp(value)
    except (TypeError, ValueError):
        pass
    return None


used_options = set()


def explicit_bounds(column, kind):
    """options.bounds[column] first, then options.min / options.max where they fit the column's kind."""
    given = {}
    per_column = (options.get("bounds") or {}).get(column) or {}
    for side in ("min", "max"):
        if per_column.get(side) is not None:
            given[side] = as_bound(per_column[side], kind)
            if given[side] is None:
                raise SystemExit("out_of_range: options.bounds.%s.%s (%r) is not a %s" % (column, side, per_column[side], kind))
        elif options.get(side) is not None:
            value = as_bound(options[side], kind)
            if value is not None:
                given[side] = value
                used_options.add(side)
    return given


def as_json_bound(value):
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    return value


from_description = description_bounds(description)
out_cells = pd.DataFrame(False, index=df.index, columns=range(len(columns)))
ranges = []
for position, column in enumerate(columns):
    series = df[column]
    kind = column_kind(series)
    entry = {"column": column, "kind": kind}
    if kind is None:
        entry.update(min=None, max=None, min_source=None, max_source=None, checked=0,
                     below_count=0, above_count=0, examples=[])
        ranges.append(entry)
        continue
    explicit = explicit_bounds(column, kind)
    described = from_description[kind]
    if kind == "number":
        x = pd.to_numeric(series, errors="coerce").astype("float64")
        present = x.notna()
        share = float((x[present] >= 0).mean()) if present.any() else 0.0
        entry["non_negative_share"] = share
        inferred = {"min": 0.0} if share >= NON_NEGATIVE_SHARE else {}
    else:
        x = pd.to_datetime(series, errors="coerce", utc=True).dt.tz_localize(None)
        present = x.notna()
        inferred = {"min": EARLIEST, "max": TODAY}
    bounds, sources = {}, {}
    for side in ("min", "max"):
        for source, given in (("options", explicit), ("description", described), ("inferred", inferred)):
            if side in given:
                bounds[side], sources[side] = given[side], source
                break
    below = pd.Series(False, index=df.index)
    above = pd.Series(False, index=df.index)
    if "min" in bounds:
        below = present & (x < bounds["min"])
    if "max" in bounds:
        above = present & (x > bounds["max"])
    if kind == "date":
        # Dates beyond pandas' range (before 1677, after 2262: "0001-01-01", "9999-12-31") do not parse;
        # their year still places them.
        year = series.where(~present).astype("string").str.extract(YEAR_PREFIX)[0].astype("float64")
        if "min" in bounds:
            below |= year < bounds["min"].year
        if "max" in bounds:
            above |= year > bounds["max"].year
        present = present | year.notna()
    out = below | above
    out_cells[position] = out.to_numpy()
    examples = [{"row": int(i), "value": series.iloc[i], "side": "below" if below.iloc[i] else "above"}
                for i in np.flatnonzero(out.to_numpy())[:5]]
    entry.update(
        min=as_json_bound(bounds.get("min")), max=as_json_bound(bounds.get("max")),
        min_source=sources.get("min"), max_source=sources.get("max"),
        checked=int(present.sum()),
        below_count=int(below.sum()), above_count=int(above.sum()),
        examples=examples,
    )
    ranges.append(entry)

for side in ("min", "max"):
    if options.get(side) is not None and side not in used_options:
        raise SystemExit("out_of_range: options.%s (%r) fits none of the columns %s" % (side, options[side], ", ".join(columns)))

affected = out_cells.any(axis=1)
result = envelope("out_of_range", columns, df, affected)
result["out_of_range_value_count"] = int(out_cells.to_numpy().sum())
result["ranges"] = ranges
result["today"] = TODAY.strftime("%Y-%m-%d")
emit(result)
