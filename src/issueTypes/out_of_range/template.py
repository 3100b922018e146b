# out_of_range: values outside their column's bounds: bounds from options, from the description, or
# inferred (0 for a column that is almost never negative; 1900-01-01 and today, UTC, for dates).
import datetime

df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)
description = ISSUE.get("description") or ""


NUMBER_TEXT = re.compile(r"\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*")
BOUND_FORM = "a number, or a date string such as \"2024-01-31\" (years 1677 to 2262)"


def option_bound(value, key):
    """A bound given in options: a float, or a naive (UTC) Timestamp for a date string; else SystemExit."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        if NUMBER_TEXT.fullmatch(value):
            return float(value)
        try:
            stamp = pd.Timestamp(value.strip()) if DATE_LIKE.match(value) else None
        except (ValueError, TypeError, OverflowError):
            stamp = None
        if stamp is not None and stamp is not pd.NaT:
            return stamp.tz_convert("UTC").tz_localize(None) if stamp.tz is not None else stamp
    raise SystemExit("options.%s must be %s; got %s" % (key, BOUND_FORM, shown(value)))


# Every option is checked here, before any work.
options = read_options('{"max": 500}')
top_bounds = {side: option_bound(options[side], side) for side in ("min", "max") if side in options}
column_bounds = {}  # column -> {side: bound}
if "bounds" in options:
    if not isinstance(options["bounds"], dict):
        raise SystemExit("options.bounds must be an object mapping columns to {\"min\": …, \"max\": …}, such as "
                         "{\"price\": {\"max\": 500}}; got %s" % shown(options["bounds"]))
    for column, given in options["bounds"].items():
        if column not in columns:
            raise SystemExit("options.bounds must name investigated columns (%s); got the key %s"
                             % (", ".join(columns), shown(column)))
        if given is None:
            continue
        if not isinstance(given, dict) or any(k not in ("min", "max") for k in given):
            raise SystemExit("options.bounds.%s must be an object with \"min\" and/or \"max\"; got %s" % (column, shown(given)))
        column_bounds[column] = {side: option_bound(given[side], "bounds.%s.%s" % (column, side))
                                 for side in ("min", "max") if given.get(side) is not None}

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
# Multiples are not bounds: "more than 3 standard deviations above 100", "1.5x the median", "3 sigma", "2 IQRs",
# "the 95th percentile", "20% above average", "a z-score above 3". They are blanked out before bounds are read.
MULTIPLE_UNITS = (r"standard[\s-]+deviations?|std\.?[\s-]*devs?\.?|stdevs?|std|s\.d\.|sds?|sigmas?|σ"
                  r"|iqrs?|interquartile[\s-]+ranges?|mads?|median[\s-]+absolute[\s-]+deviations?"
                  r"|times|fold|x|×|(?:st|nd|rd|th)?[\s-]*(?:percentiles?|quantiles?|centiles?)|st|nd|rd|th")
MULTIPLES = [
    re.compile(r"(?<![\w.$/-])[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*[-*×·]?\s*(?:%s)(?!\w)" % MULTIPLE_UNITS, re.IGNORECASE),
    re.compile(r"(?<![\w.$/-])[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?:%|percent\b)(?=\s+(?:above|below|over|under|more|less|"
               r"higher|lower|greater|smaller|larger)\b)", re.IGNORECASE),
    re.compile(r"\bz[\s-]?(?:scores?|values?)\b[^\d.,;]*?[-+]?(?:\d+(?:\.\d+)?|\.\d+)", re.IGNORECASE),
]


def without_multiples(text):
    for pattern in MULTIPLES:
        text = pattern.sub(" ", text)
    return text


def bound_value(text):
    """A number, or a Timestamp for YYYY-MM-DD, from a phrase's value."""
    text = text.replace("$", "").replace(",", "").replace(" ", "")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        return pd.Timestamp(text)
    return float(text)


def description_bounds(text):
    text = without_multiples(text)
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


def fits(value, kind):
    """Whether a checked options bound (a float or a Timestamp) is a bound for a column of this kind."""
    return isinstance(value, pd.Timestamp) == (kind == "date")


used_options = set()


def explicit_bounds(column, kind):
    """options.bounds[column] first, then options.min / options.max where they fit the column's kind."""
    given = {}
    per_column = column_bounds.get(column, {})
    for side in ("min", "max"):
        if side in per_column:
            if not fits(per_column[side], kind):
                raise SystemExit("options.bounds.%s.%s must be %s (%s is %s); got %s" % (
                    column, side, "a date string" if kind == "date" else "a number", column,
                    "a date column" if kind == "date" else "numeric", shown(options["bounds"][column][side])))
            given[side] = per_column[side]
        elif side in top_bounds and fits(top_bounds[side], kind):
            given[side] = top_bounds[side]
            used_options.add(side)
    return given


def as_json_bound(value):
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    return value


from_description = description_bounds(description)
# Whether each side's bound value is itself valid, per kind; the bounds of options, of dates and inferred ones are.
inclusive_in_description = {"number": {}, "date": {}}
if ISSUE.get("described_bounds") is not None:
    # The service read the description's numeric bounds already (as its verdict reads them): those count,
    # with whether the bound's own value is valid ("positive" and "of zero" put 0 itself out of range).
    from_description["number"] = {side: float(given["value"]) for side, given in ISSUE["described_bounds"].items()}
    inclusive_in_description["number"] = {side: bool(given["inclusive"]) for side, given in ISSUE["described_bounds"].items()}
out_cells = pd.DataFrame(False, index=df.index, columns=range(len(columns)))
ranges = []
for position, column in enumerate(columns):
    series = df[column]
    kind = column_kind(series)
    entry = {"column": column, "kind": kind}
    if kind is None:
        entry.update(min=None, max=None, min_source=None, max_source=None, min_inclusive=None, max_inclusive=None, checked=0,
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
    bounds, sources, inclusive = {}, {}, {}
    for side in ("min", "max"):
        for source, given in (("options", explicit), ("description", described), ("inferred", inferred)):
            if side in given:
                bounds[side], sources[side] = given[side], source
                inclusive[side] = inclusive_in_description[kind].get(side, True) if source == "description" else True
                break
    below = pd.Series(False, index=df.index)
    above = pd.Series(False, index=df.index)
    if "min" in bounds:
        below = present & ((x < bounds["min"]) if inclusive["min"] else (x <= bounds["min"]))
    if "max" in bounds:
        above = present & ((x > bounds["max"]) if inclusive["max"] else (x >= bounds["max"]))
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
        min_inclusive=inclusive.get("min"), max_inclusive=inclusive.get("max"),
        checked=int(present.sum()),
        below_count=int(below.sum()), above_count=int(above.sum()),
        examples=examples,
    )
    ranges.append(entry)

for side in ("min", "max"):
    if side in top_bounds and side not in used_options:
        raise SystemExit("options.%s must fit one of the columns (%s): a number for a numeric column, a date string "
                         "for a date column; got %s" % (side, ", ".join(columns), shown(options[side])))

affected = out_cells.any(axis=1)
result = envelope("out_of_range", columns, df, affected)
result["out_of_range_value_count"] = int(out_cells.to_numpy().sum())
result["ranges"] = ranges
result["today"] = TODAY.strftime("%Y-%m-%d")


def draw_ranges(ax):
    labels = [shortened(r["column"], 30) for r in ranges][::-1]
    below = [r.get("below_count", 0) for r in ranges][::-1]
    above = [r.get("above_count", 0) for r in ranges][::-1]
    ax.barh(range(len(labels)), below, color="#4f81bd", label="below min")
    ax.barh(range(len(labels)), above, left=below, color="#c0504d", label="above max")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("values out of range")
    ax.legend(loc="lower right")


if result["affected_count"]:
    save_chart("out_of_range", "Values out of range: %d rows" % result["affected_count"], draw_ranges)
emit(result)
