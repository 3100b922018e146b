import json
import math
import re

import numpy as np
import pandas as pd


def read_dataset():
    """The whole dataset, as pandas.read_csv reads it with default options."""
    return pd.read_csv("data.csv")


def require_columns(df, columns):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SystemExit("Columns not in the dataset: %s (it has: %s)" % (
            ", ".join(repr(c) for c in missing), ", ".join(repr(c) for c in df.columns)))


def envelope(issue_type, columns, df, affected):
    """The keys every result carries (RESULTS.md): affected is a boolean Series over df's rows."""
    rows = int(len(df))
    positions = np.flatnonzero(affected.fillna(False).to_numpy(dtype=bool))
    count = int(positions.size)
    return {
        "issue_type": issue_type,
        "columns": list(columns),
        "rows_analyzed": rows,
        "affected_count": count,
        "affected_percentage": (count / rows * 100) if rows else 0.0,
        "affected_rows": [int(i) for i in positions[:10]],
    }


def to_jsonable(value):
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [to_jsonable(v) for v in value.tolist()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return str(pd.Timestamp(value).isoformat())
    return value if isinstance(value, str) else str(value)


def emit(result):
    """Prints the result as the last line of stdout: one JSON object, no NaN or Infinity; option keys the
    type does not read are listed last, as ignored_options, and charts that could not be drawn as chart_errors."""
    given = ISSUE.get("options")
    ignored = [key for key in given if key not in ISSUE.get("option_names", ())] if isinstance(given, dict) else []
    if ignored and "ignored_options" not in result:
        result["ignored_options"] = ignored
    if CHART_ERRORS and "chart_errors" not in result:
        result["chart_errors"] = CHART_ERRORS
    print(json.dumps(to_jsonable(result), ensure_ascii=False, allow_nan=False))


CHART_ERRORS = []


def save_chart(name, title, draw):
    """Draws a chart with matplotlib (Agg) as output/<name>.png, which the service keeps with the result;
    draw(ax) fills the axes. Nothing when CHARTS is False; a chart that fails is left out and named in
    the result's chart_errors: the result stands without it."""
    if not CHARTS:
        return
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception as error:  # not installed, or not usable here
        CHART_ERRORS.append("%s: matplotlib cannot be used: %s: %s" % (name, type(error).__name__, error))
        return
    fig = plt.figure(figsize=(8, 4.5), dpi=100)
    # Fixed margins, wide enough for the labels: a computed layout would draw the figure twice.
    ax = fig.add_axes((0.2, 0.16, 0.77, 0.74))
    try:
        draw(ax)
        ax.set_title(title)
        fig.savefig("output/%s.png" % name)
    except Exception as error:
        CHART_ERRORS.append("%s: %s: %s" % (name, type(error).__name__, error))
    finally:
        plt.close(fig)


PII_PATTERNS = {}


def redacted(text):
    """A value from the data as a chart shows it: e-mails, Luhn-valid card numbers, national ids and phone
    numbers replaced by markers as the service redacts results (src/pipeline/redact.ts defines PII), or
    as it is when PII is None (REDACT_PII off)."""
    text = str(text)
    if not PII:
        return text
    if not PII_PATTERNS:
        PII_PATTERNS.update({k: re.compile(PII[k], re.ASCII) for k in ("email", "card", "ssn", "uk_nino", "phone", "date_like")})
    p, marker = PII_PATTERNS, PII["markers"]
    if "@" in text:
        text = p["email"].sub(marker["email"], text)
    text = p["card"].sub(lambda m: marker["card"] if is_card(m.group()) else m.group(), text)
    text = p["ssn"].sub(marker["national_id"], text)
    text = p["uk_nino"].sub(marker["national_id"], text)
    return p["phone"].sub(lambda m: marker["phone"] if is_phone(m.group()) else m.group(), text)


def is_card(candidate):
    digits = re.sub(r"\D", "", candidate)
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def is_phone(candidate):
    digits = re.sub(r"\D", "", candidate)
    if not 9 <= len(digits) <= 15 or PII_PATTERNS["date_like"].fullmatch(candidate):
        return False
    return candidate.startswith("+") or "(" in candidate or re.search(r"\d[ .-]\d", candidate) is not None


def shortened(label, limit=40):
    text = str(label)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def counts_by_group(df, by, affected):
    """options.by (RESULTS.md, "Breakdowns"): the affected rows counted per value of a text column, as
    str() of the values pandas holds, or per day (YYYY-MM-DD, as pd.to_datetime reads them) of a date-like
    column; rows where it is missing (or no date) left out; the 20 values with most rows, ties by value."""
    if by not in df.columns:
        raise SystemExit("options.by names the column %s, which is not in the dataset" % json.dumps(by, ensure_ascii=False))
    if df[by].dtype != object:
        raise SystemExit("options.by must name a text column; %s holds %s" % (json.dumps(by, ensure_ascii=False), df[by].dtype))
    rows = df.loc[affected.fillna(False).to_numpy(dtype=bool), by]
    if looks_like_dates(df[by]):
        values = pd.to_datetime(rows, errors="coerce").dropna().dt.strftime("%Y-%m-%d")
    else:
        values = rows.dropna().astype(str)
    counted = sorted(values.value_counts(sort=False).items(), key=lambda item: (-item[1], item[0]))
    return {value: int(n) for value, n in counted[:20]}


def save_group_chart(name, what, by, counts):
    """A breakdown's chart (options.by): counts_by_group's rows per value as bars, the most on top; the values
    are data, so they are redacted as the result is."""
    if not counts:
        return
    items = list(counts.items())[::-1]
    save_rows_chart(name, "%s by %s (%d with most rows)" % (what, shortened(by), len(items)),
                    [value for value, _ in items], [n for _, n in items], "#c0504d")


def save_rows_chart(name, title, values, rows, color):
    """Rows per value of the data as horizontal bars, the first at the bottom; the values label them redacted
    (they are data) and shortened."""
    labels = [shortened(redacted(value), 30) for value in values]
    save_chart(name, title, lambda ax: (ax.barh(range(len(labels)), rows, color=color),
                                        ax.set_yticks(range(len(labels)), labels), ax.set_xlabel("rows")))


DATE_LIKE = re.compile(RULES["date_like"])


def first_present(column, count=200):
    """column.dropna().head(count) without reading the whole column: a long one is mostly never looked at."""
    end = count
    while True:
        head = column.iloc[:end].dropna()
        if len(head) >= count or end >= len(column):
            return head.head(count)
        end *= 4


def looks_like_dates(column):
    """A text column whose values (at least 90% of the first 200 present) look like dates."""
    if column.dtype != object:
        return False
    head = first_present(column).astype(str)
    if head.empty or head.str.match(DATE_LIKE).mean() < 0.9:
        return False
    return pd.to_datetime(head, errors="coerce").notna().mean() >= 0.9


def find_date_column(df, exclude=()):
    """The first date-like text column (looks_like_dates) not excluded."""
    for name in df.columns:
        if name not in exclude and looks_like_dates(df[name]):
            return name
    return None


def shown(value):
    """An option's value as the client wrote it (JSON), for messages."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "..."


def read_options(example=None):
    """The issue's options this type reads (ISSUE["option_names"]); a key set to null counts as absent.
    emit() lists the others in the result as ignored_options."""
    keys = ISSUE.get("option_names") or ()
    options = ISSUE.get("options")
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise SystemExit("options must be a JSON object%s; got %s" % (" such as " + example if example else "", shown(options)))
    return {key: value for key, value in options.items() if key in keys and value is not None}
