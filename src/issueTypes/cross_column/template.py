# cross_column: rows that break a relation between columns, such as "revenue = price * quantity" or
# "end_date >= start_date". The relation comes from options.relation, else from the description; it is
# parsed by a small grammar (column names, numbers, + - * / and parentheses, one comparison) and
# evaluated column-wise. Nothing is passed to eval().
df = read_dataset()
columns = ISSUE["columns"]
require_columns(df, columns)
description = ISSUE.get("description") or ""


# Every option is checked here, before any work.
options = read_options('{"relation": "revenue = price * quantity"}')
if "relation" in options and not (isinstance(options["relation"], str) and options["relation"].strip()):
    raise SystemExit("options.relation must be a non-empty string such as \"revenue = price * quantity\"; got %s"
                     % shown(options["relation"]))
for key in ("tolerance", "relative_tolerance"):
    value = options.get(key)
    if value is not None and not (isinstance(value, (int, float)) and not isinstance(value, bool)
                                  and math.isfinite(value) and value >= 0):
        raise SystemExit("options.%s must be a non-negative number; got %s" % (key, shown(value)))

EXAMPLE_CAP = 5
MAX_TOKENS = 200
COMPARISONS = {"=", "==", "!=", "<", "<=", ">", ">="}
SYMBOLS = [(">=", ">="), ("<=", "<="), ("==", "=="), ("!=", "!="), ("=>", ">="), ("=<", "<="),
           ("≥", ">="), ("≤", "<="), ("≠", "!="), ("=", "="), ("<", "<"), (">", ">"),
           ("+", "+"), ("-", "-"), ("−", "-"), ("*", "*"), ("×", "*"), ("·", "*"), ("/", "/"), ("÷", "/"),
           ("(", "("), (")", ")")]
# Words of a description that stand for an operator (longest first), and words that are skipped.
PHRASES = [
    ("greater than or equal to", ">="), ("less than or equal to", "<="), ("on or after", ">="),
    ("on or before", "<="), ("no earlier than", ">="), ("no later than", "<="), ("at least", ">="),
    ("at most", "<="), ("greater than", ">"), ("more than", ">"), ("later than", ">"), ("after", ">"),
    ("less than", "<"), ("earlier than", "<"), ("before", "<"), ("is equal to", "="), ("equal to", "="),
    ("equals", "="), ("equal", "="), ("multiplied by", "*"), ("times", "*"), ("divided by", "/"),
    ("plus", "+"), ("minus", "-"), ("never exceeds", "<="), ("never exceed", "<="), ("does not exceed", "<="),
    ("do not exceed", "<="), ("no more than", "<="), ("not more than", "<="), ("no less than", ">="),
    ("not less than", ">="), ("no greater than", "<="), ("no higher than", "<="), ("no lower than", ">="),
    ("exceeds", ">"), ("exceed", ">"), ("larger than", ">"), ("bigger than", ">"), ("higher than", ">"),
    ("smaller than", "<"), ("lower than", "<"),
]
# "is computed as", "is defined as": an equality stated as a definition.
PHRASES += [(p, "=") for p in ("computed as", "calculated as", "defined as", "derived as", "given by")]
# A comparison denied ("never higher than", "is not later than") is its negation.
NEGATION = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!=", "!=": "==", "=": "!="}
PHRASES += [("%s %s" % (negation, phrase), NEGATION[op])
            for negation in ("never", "not", "isn't", "aren't", "does not", "doesn't", "do not", "don't")
            for phrase, op in list(PHRASES) if op in NEGATION and not phrase.startswith(("no ", "not ", "never ", "does not ", "do not "))
            and "%s %s" % (negation, phrase) not in dict(PHRASES)]
PHRASES.sort(key=lambda phrase: -len(phrase[0]))
# Numbers written as words ("age minus education minus six").
NUMBER_WORDS = {w: float(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                                     "nine", "ten", "eleven", "twelve"))}
# Words that change a number's or column's size: never skipped between an operator and a column.
SCALING_WORDS = {"twice", "double", "triple", "thrice", "half", "quarter", "third", "percent", "times", "average", "mean",
                 "sum", "total", "square", "root", "log", "not", "no", "never"}
# A description that opens on a subject denied ("No cell has …", "Not a single order …") states what must not occur.
NEGATED_SUBJECT = re.compile(r"^\W*(?:no|not a single|not one|none of(?: the)?|there (?:is|are) no)\s+"
                             r"(?!(?:more|fewer|less|later|earlier|greater|higher|lower|larger|smaller)\b)[^\W\d_]+", re.IGNORECASE)
FILLERS = {"must", "should", "always", "be", "is", "are", "been", "the", "to", "its", "their", "was", "were",
           "sometimes", "occasionally", "often", "frequently", "rarely", "usually", "generally", "typically"}
# Short words in column names and what a description writes for them ("temp_min": "minimum temperature").
ABBREVIATIONS = {"min": "minimum", "max": "maximum", "avg": "average", "temp": "temperature", "qty": "quantity",
                 "amt": "amount", "pct": "percent", "num": "number", "yrs": "years", "yr": "year", "dt": "date",
                 "pop": "population", "wt": "weight", "ht": "height", "dist": "distance", "tot": "total"}
# A unit written after a column in a description ("weight in kg", "price ($)", "height [cm]"): skipped.
UNIT = r"(?:[^\W\d]|[$€£%])[\w$€£%/]*(?:\.[\w$€£%/]+)*"
UNIT_AFTER_COLUMN = re.compile(r"\s+in\s+(?P<word>%s)|\s*\((?:in\s+)?(?P<paren>%s)\)|\s*\[(?:in\s+)?(?P<bracket>%s)\]" % (UNIT, UNIT, UNIT),
                               re.IGNORECASE)
NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# A description without a word of a rule that says what some rows do ("in one row the weight is larger than
# the height", "the rows where end date is before start date") states the affected rows' relation: the rule
# checked is its negation.
RELATION_RULE_WORDS = re.compile(r"\b(?:must|should|always|never|every|each|all|any|holds?|break|breaks|broken|violat\w*|"
                                 r"satisf\w*|cannot|can't|ought|expected|required|nobody|none)\b", re.IGNORECASE)
# Some rows, whatever they are called: "in one row", "on 3 days", "for some cereals", "the orders where …", a
# sentence opening on their count ("12 orders have …"), or how often ("sometimes", "occasionally"); a year or an
# article after "in 2024" is no count of rows.
COUNT_WORDS = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|some|several|many|most)"
STATES_ROWS = re.compile(r"\b(?:(?:in|on|for)\s+(?:~\s*|≈\s*|(?:about|around|roughly|approximately|approx\.?|nearly)\s+)?%s\s+(?:of\s+the\s+)?(?!(?:the|a|an|this|that|its|their)\b)[^\W\d_]+|"
                         r"[^\W\d_]+\s+(?:where|in which)|sometimes|occasionally|at times|often|frequently|rarely|now and then)\b|^\W*(?:(?:about|around|roughly|nearly|almost|over|more than|"
                         r"fewer than|less than|at least|at most|exactly|only)\s+)*%s\s+[^\W\d_]+\s+(?:have|has|had|show|shows)\b"
                         % (COUNT_WORDS, COUNT_WORDS), re.IGNORECASE)


def bare_name(name):
    """Whether a column may be written unquoted: its name (stripped) is words of letters, digits and _ joined by
    spaces or dots ("Min.Price"), and is not a number. Any other name ("a-b", "price ($)", "2024") binds only
    when quoted."""
    text = str(name).strip()
    return bool(re.fullmatch(r"\w+(?:(?: +|\.)\w+)*", text)) and not NUMBER.fullmatch(text)


def name_pattern(name):
    """An unquoted column name as text: case-insensitive, with runs of _ and spaces interchangeable."""
    text = str(name).strip()
    core = text.strip("_")
    lead, trail = text[:len(text) - len(text.lstrip("_"))], text[len(text.rstrip("_")):]
    parts = [re.escape(p) for p in re.split(r"[ _]+", core)]
    return re.compile(r"(?<!\w)" + re.escape(lead) + r"[ _]+".join(parts) + re.escape(trail) + r"(?!\w)", re.IGNORECASE)


def quoted_column(name):
    """The column a quoted name stands for: the exact name, else the one column equal to it ignoring case, else
    the column it spells as an unquoted name would ("end date" for end_date)."""
    if name in df.columns:
        return name
    same = [c for c in df.columns if str(c).casefold() == name.casefold()]
    if len(same) == 1:
        return same[0]
    for column, pattern in NAMES:
        if pattern.fullmatch(name.strip()):
            return column
    return None


def written(column):
    """A column as the relation writes it: bare when it may be, else quoted (backticks, or double quotes for a
    name holding a backtick)."""
    if bare_name(column):
        return column
    return "`%s`" % column if "`" not in column else "\"%s\"" % column


NAMES = sorted(((c, name_pattern(c)) for c in df.columns if bare_name(c)), key=lambda item: -len(str(item[0]).strip()))
QUOTED_ONLY = [str(c) for c in df.columns if str(c).strip() and not bare_name(c)]
PHRASE_PATTERNS = [(re.compile(r"(?<![A-Za-z])" + p.replace(" ", r"\s+") + r"(?![A-Za-z])", re.IGNORECASE), op)
                   for p, op in PHRASES]


def spoken_names(columns):
    """The investigated columns as a description may speak of them: their name's words with abbreviations
    written out, in either order for two words ("minimum temperature" for temp_min), and a word of the name no
    other investigated column has ("maximum" for temp_max beside temp_min)."""
    words = {c: [w for w in re.split(r"[\W_]+", str(c).lower()) if w] for c in columns}
    names = []
    for column, parts in words.items():
        if len(parts) < 2:
            # "ncases", "num_orders": a count's prefix, which a description leaves out ("more cases than controls").
            unprefixed = re.fullmatch(r"(?:n|num|nb|no)([a-z]{4,})", parts[0]) if parts else None
            if unprefixed:
                names.append((column, re.compile(r"(?<!\w)%s(?!\w)" % spoken_word(unprefixed.group(1)), re.IGNORECASE)))
            continue
        orders = [parts, parts[::-1]] if len(parts) == 2 else [parts]
        # Between the name's words, up to two others ("hurricane-force wind diameter", "years since earning the PhD").
        between = r"[\s_.-]+(?:[^\W\d_]+[\s-]+){0,2}?"
        for order in orders:
            names.append((column, re.compile(r"(?<!\w)" + between.join(spoken_word(w) for w in order) + r"(?!\w)", re.IGNORECASE)))
        others = {w for c, ws in words.items() if c != column for w in ws}
        for w in parts:
            if w not in others and not w.isdigit() and (len(w) >= 3 or w in ABBREVIATIONS):
                names.append((column, re.compile(r"(?<!\w)%s(?!\w)" % spoken_word(w), re.IGNORECASE)))
    return names


def spoken_word(word):
    """A word of a column's name as a description writes it: the word or its long form; a long compound word
    ("tropicalstorm") also with a hyphen or a space inside ("tropical-storm")."""
    forms = {word, ABBREVIATIONS.get(word, word)}
    return "(?:%s)" % "|".join(r"[\s-]?".join(re.escape(ch) for ch in x) if len(x) >= 8 else re.escape(x) for x in forms)


def tokenize(text, strict, names=None):
    """Tokens ("col", name) / ("num", value) / ("op", symbol); strict=False turns other text into gaps."""
    names = NAMES if names is None else names
    tokens, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text[i] in "`\"":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end < 0:
                if strict:
                    raise SystemExit("cross_column: the quote %s at %r in the relation is never closed" % (quote, text[i:i + 30]))
                tokens.append(("gap", quote))
                i = len(text)
                continue
            column = quoted_column(text[i + 1:end])
            if column is None:
                if strict:
                    raise SystemExit("cross_column: %s in the relation is not a column of the dataset (its columns: %s)"
                                     % (text[i:end + 1], ", ".join(written(c) for c in df.columns)))
                tokens.append(("gap", text[i:end + 1]))
            else:
                tokens.append(("col", column))
            i = end + 1
            continue
        matched = None
        for name, pattern in names:
            m = pattern.match(text, i)
            if m:
                matched = (("col", name), m.end())
                break
        if matched is None:
            for symbol, op in SYMBOLS:
                if text.startswith(symbol, i):
                    matched = (("op", op), i + len(symbol))
                    break
        if matched is None:
            m = NUMBER.match(text, i)
            if m and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
                matched = (("num", float(m.group())), m.end())
        if matched is None and not strict:
            m = re.match(r"[A-Za-z]+\b", text[i:])
            if m and m.group().lower() in NUMBER_WORDS and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
                matched = (("num", NUMBER_WORDS[m.group().lower()]), i + m.end())
        if matched is None and not strict:
            for pattern, op in PHRASE_PATTERNS:
                m = pattern.match(text, i)
                if m:
                    matched = (("op", op), m.end())
                    break
        if matched is None:
            word = re.match(r"[A-Za-z_][A-Za-z0-9_]*|\S", text[i:]).group()
            if strict:
                hint = [c for c in QUOTED_ONLY if text[i:i + len(c)].casefold() == c.casefold()]
                raise SystemExit("cross_column: cannot read %r in the relation %r (columns, numbers, + - * / ( ) "
                                 "and one of = == != < <= > >= are allowed%s)" % (word, text, (
                                     "; a column whose name is not letters, digits, _ and spaces must be quoted: %s"
                                     % " or ".join('`%s`' % c for c in hint)) if hint else ""))
            tokens.append(("skip", None) if word.lower() in FILLERS else ("gap", word.lower()))
            i += len(word)
            continue
        tokens.append(matched[0])
        i = matched[1]
        if matched[0][0] == "col" and not strict:
            unit = UNIT_AFTER_COLUMN.match(text, i)
            if unit and not any(pattern.fullmatch(unit.group(unit.lastgroup)) for _, pattern in NAMES):
                i = unit.end()
    return [t for t in tokens if t[0] != "skip"]


class Parser:
    """relation := expr CMP expr; expr := term (("+"|"-") term)*; term := factor (("*"|"/") factor)*;
    factor := number | column | "(" expr ")" | "-" factor."""

    def __init__(self, tokens):
        self.tokens, self.i = tokens, 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, *ops):
        kind, value = self.peek()
        if kind == "op" and value in ops:
            self.i += 1
            return value
        return None

    def relation(self):
        left = self.expr()
        op = self.take(*COMPARISONS)
        if op is None:
            raise ValueError("expected a comparison")
        right = self.expr()
        if self.i != len(self.tokens):
            raise ValueError("unexpected text after the relation")
        return ("==" if op == "=" else op), left, right

    def expr(self):
        node = self.term()
        while True:
            op = self.take("+", "-")
            if op is None:
                return node
            node = ("bin", op, node, self.term())

    def term(self):
        node = self.factor()
        while True:
            op = self.take("*", "/")
            if op is None:
                return node
            node = ("bin", op, node, self.factor())

    def factor(self):
        kind, value = self.peek()
        if kind in ("num", "col"):
            self.i += 1
            return (kind, value)
        if self.take("-"):
            return ("neg", self.factor())
        if self.take("("):
            node = self.expr()
            if not self.take(")"):
                raise ValueError("missing )")
            return node
        raise ValueError("expected a column or a number")


def parse(tokens):
    return Parser(tokens).relation()


def referenced(node, out):
    if node[0] == "col":
        out.setdefault(node[1], None)
    elif node[0] == "neg":
        referenced(node[1], out)
    elif node[0] == "bin":
        referenced(node[2], out)
        referenced(node[3], out)
    return out


def relation_from_description(text):
    """The first (then longest) run of tokens in the description that parses as a relation naming a column;
    failing that, one naming the investigated columns as spoken of (spoken_names); failing that, one where a
    word between an operator and a column is passed over ("larger than the midrange Price", "cty mpg > hwy")."""
    relation = relation_in(comparatives(tokenize(text, strict=False)[:MAX_TOKENS]))
    if relation is None:
        spoken = spoken_names([c for c in columns if c in df.columns])
        tokens = comparatives(tokenize(text, strict=False, names=NAMES + spoken)[:MAX_TOKENS])
        relation = (relation_in(tokens) if spoken else None) or relation_in(bridged(tokens))
    return relation


def comparatives(tokens):
    """"more cases than controls": a comparison split around its first operand, as "cases > controls"; after a
    negation ("never has more … than", "never >"), its negation."""
    out, i = [], 0
    while i < len(tokens):
        # "never >", "not <=": a comparison written as a symbol, denied.
        if tokens[i][0] == "gap" and tokens[i][1] in ("never", "not") and i + 1 < len(tokens) and tokens[i + 1][0] == "op" \
                and tokens[i + 1][1] in NEGATION:
            out.append(("op", NEGATION[tokens[i + 1][1]]))
            i += 2
            continue
        if (tokens[i][0] == "gap" and tokens[i][1] in ("more", "fewer", "less") and i + 2 < len(tokens)
                and tokens[i + 1][0] == "col" and tokens[i + 2] == ("gap", "than")):
            op = ">" if tokens[i][1] == "more" else "<"
            # "can never have more …": the comparison denied.
            # ("No cell has more …": the subject's "no" is NEGATED_SUBJECT's; "has no more … than" is this one's.)
            denied = (bool(out) and out[-1] == ("gap", "no")) or any(
                t[0] == "gap" and t[1] in ("never", "not", "cannot", "can't", "doesn't", "don't") for t in out[-3:])
            out += [tokens[i + 1], ("op", NEGATION[op] if denied else op)]
            i += 3
        else:
            out.append(tokens[i])
            i += 1
    return out


def bridged(tokens):
    """The tokens without a single word between an operator and a column, either way round, unless the word
    changes what is compared ("twice", "average")."""
    kinds = [t[0] for t in tokens]
    return [t for k, t in enumerate(tokens)
            if not (t[0] == "gap" and t[1] not in SCALING_WORDS and 0 < k < len(tokens) - 1
                    and {kinds[k - 1], kinds[k + 1]} == {"op", "col"})]


def relation_in(tokens):
    runs, run = [], []
    for t in tokens + [("gap", None)]:
        if t[0] == "gap":
            if run:
                runs.append(run)
            run = []
        else:
            run.append(t)
    for run in runs:
        for start in range(len(run)):
            for end in range(len(run), start, -1):
                try:
                    rel = parse(run[start:end])
                except ValueError:
                    continue
                if (referenced(rel[1], {}) or referenced(rel[2], {})) and show(rel[1]) != show(rel[2]):
                    return rel
    return None


def show(node):
    kind = node[0]
    if kind == "col":
        return written(node[1])
    if kind == "num":
        return ("%d" % node[1]) if float(node[1]).is_integer() else repr(node[1])
    if kind == "neg":
        return "-" + show(node[1])
    op, a, b = node[1], node[2], node[3]
    text = lambda n, wrap: "(%s)" % show(n) if wrap else show(n)
    left_wrap = a[0] == "bin" and op in "*/" and a[1] in "+-"
    right_wrap = b[0] == "bin" and (op in "*/" or (op == "-" and b[1] in "+-") or (op == "/"))
    return "%s %s %s" % (text(a, left_wrap), op, text(b, right_wrap))


# --- the relation -------------------------------------------------------------------------------------
given = options.get("relation")
if given is not None:
    try:
        relation = parse(tokenize(given, strict=True))
    except ValueError as error:
        raise SystemExit("cross_column: cannot parse options.relation %r: %s" % (given, error))
    source = "options"
else:
    relation = relation_from_description(description)
    source = "description"
if relation is None:
    raise SystemExit(
        "cross_column: no relation between columns could be read from the description %r; give one in "
        "options.relation, e.g. {\"relation\": \"revenue = price * quantity\"} or {\"relation\": \"end_date >= start_date\"}"
        % description)
# "No cell has more cases than controls" denies the relation read; "in 3 rows the weight exceeds the height" says
# what the affected rows do: either way the rule checked is the negation.
denied = source == "description" and bool(NEGATED_SUBJECT.search(description))
states_rows = (source == "description" and not denied and not RELATION_RULE_WORDS.search(description)
               and bool(STATES_ROWS.search(description)))
if denied or states_rows:
    relation = (NEGATION[relation[0]], relation[1], relation[2])
read_as = "affected rows" if states_rows else "rule"
op, left_node, right_node = relation
relation_columns = list(referenced(left_node, referenced(right_node, {})))
relation_columns = [c for c in df.columns if c in relation_columns]
if not relation_columns:
    raise SystemExit("cross_column: the relation %r names no column" % (given or description))


# --- the values ---------------------------------------------------------------------------------------
def operand(column):
    """("number", float Series) or ("date", datetime64 Series); values that do not parse become missing."""
    series = df[column]
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return "number", series.astype("float64")
    present = series.dropna()
    numbers = pd.to_numeric(series, errors="coerce")
    if present.empty or numbers.notna().sum() > 0.5 * len(present):
        return "number", numbers.astype("float64")
    if present.astype(str).str.match(DATE_LIKE).mean() > 0.5:
        return "date", pd.to_datetime(series, errors="coerce", utc=True).dt.tz_localize(None)
    raise SystemExit("cross_column: column %r is neither numeric nor date-like (e.g. %r)" % (column, present.iloc[0]))


operands = {c: operand(c) for c in relation_columns}
DAY = np.timedelta64(1, "D")


def evaluate(node):
    kind = node[0]
    if kind == "num":
        return "number", pd.Series(node[1], index=df.index, dtype="float64")
    if kind == "col":
        return operands[node[1]]
    if kind == "neg":
        k, x = evaluate(node[1])
        if k == "date":
            raise SystemExit("cross_column: a date cannot be negated in %s" % show(node))
        return k, -x
    op, (ka, a), (kb, b) = node[1], evaluate(node[2]), evaluate(node[3])
    if ka == kb == "number":
        if op == "/":
            return "number", (a / b).replace([np.inf, -np.inf], np.nan)
        return "number", {"+": a + b, "-": a - b, "*": a * b}[op]
    if ka == kb == "date" and op == "-":
        return "number", (a - b) / DAY  # days
    if op in "+-" and ka == "date" and kb == "number":
        return "date", a + pd.to_timedelta(b if op == "+" else -b, unit="D")
    if op == "+" and ka == "number" and kb == "date":
        return "date", b + pd.to_timedelta(a, unit="D")
    raise SystemExit("cross_column: %s cannot combine a %s and a %s" % (show(node), ka, kb))


left_kind, left = evaluate(left_node)
right_kind, right = evaluate(right_node)
if left_kind != right_kind:
    raise SystemExit("cross_column: the relation compares a %s with a %s" % (left_kind, right_kind))

absolute = float(options.get("tolerance", 0.01 if left_kind == "number" else 0))
relative = float(options.get("relative_tolerance", 1e-6)) if left_kind == "number" else 0.0
if left_kind == "date":
    difference = (left - right) / DAY  # days
    scale = pd.Series(0.0, index=df.index)
else:
    difference = left - right
    scale = right.abs()
usable = difference.notna() & np.isfinite(difference)
for c in relation_columns:
    usable &= operands[c][1].notna()

close = difference.abs() <= absolute + relative * scale
holds = {
    "==": close, "!=": ~close,
    "<": difference < 0, "<=": difference <= 0, ">": difference > 0, ">=": difference >= 0,
}[op]
violated = usable & ~holds

result = envelope("cross_column", columns, df, violated)
result["relation"] = "%s %s %s" % (show(left_node), op, show(right_node))
result["relation_source"] = source
result["relation_read_as"] = read_as
result["relation_columns"] = relation_columns
result["compared_as"] = left_kind
result["tolerance"] = {"absolute": absolute, "relative": relative} if op in ("==", "!=") else None
result["violation_count"] = result["affected_count"]
result["checked_rows"] = int(usable.sum())
result["skipped_rows"] = int(len(df) - usable.sum())
deviation = difference.abs().where(violated)
result["max_deviation"] = float(deviation.max()) if violated.any() else None
result["max_deviation_row"] = int(deviation.idxmax()) if violated.any() else None


def as_value(kind, value):
    if kind == "date":
        return None if pd.isna(value) else pd.Timestamp(value).isoformat()
    return value


examples = []
for i in np.flatnonzero(violated.to_numpy())[:EXAMPLE_CAP]:
    examples.append({
        "row": int(i),
        "values": {c: df[c].iloc[i] for c in relation_columns},
        "left": as_value(left_kind, left.iloc[i]),
        "right": as_value(right_kind, right.iloc[i]),
        "deviation": float(abs(difference.iloc[i])),
    })
result["examples"] = examples


def draw_relation(ax):
    # Each side of the relation per row (at most 5,000 rows, the violations first): off the diagonal is off the relation.
    rows = np.concatenate([np.flatnonzero(violated.to_numpy()), np.flatnonzero((usable & ~violated).to_numpy())])[:5000]
    bad = violated.to_numpy()[rows]
    x, y = left.to_numpy(dtype=float)[rows], right.to_numpy(dtype=float)[rows]
    ax.scatter(x[~bad], y[~bad], s=4, color="#4f81bd", label="holds")
    ax.scatter(x[bad], y[bad], s=8, color="#c0504d", label="violated")
    ax.set_xlabel(shortened(show(left_node), 50))
    ax.set_ylabel(shortened(show(right_node), 50))
    ax.legend(loc="upper left")


if left_kind == "number" and result["violation_count"]:
    save_chart("relation", "%s: %d rows violate it" % (shortened(result["relation"], 60), result["violation_count"]), draw_relation)
emit(result)
