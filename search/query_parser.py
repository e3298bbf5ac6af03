"""The query language: what a person types, read into a small tree of clauses.

    guerre ukraine              words (all required, see ``DEFAULT_OPERATOR``)
    "guerre en Ukraine"         exact phrase
    -russie   NOT russie        exclusion (also ``SAUF``)
    russie OR chine             either (also ``OU``, ``|``); ``AND``/``ET`` are explicit "both"
    (russie OU chine) pétrole   grouping
    titre:macron  title:macron  in the title only
    source:figaro               in the source's name
    date:2022  date:2022-02..2022-03  date:..2019-06  date:2020..   a date range (inclusive)
    ukrain*                     words starting with "ukrain"
    macron NEAR/5 brexit        both words, at most 5 words between them, either order (PRES/5)
    "gilets jaunes"~3           the phrase's words with at most 3 other words among them

Reading never fails: unbalanced quotes close at the end, unbalanced parentheses are closed or
ignored, a lone operator or an empty scope is dropped, and each repair leaves a French notice
for the person who typed the query. The tree knows nothing of any backend: each turns it into
its own query (:mod:`search.backends.whoosh.query_builder` for Whoosh).
"""

import re
from dataclasses import dataclass, field
from datetime import date

#: Longest query read; the rest is ignored (with a notice) so a pasted page cannot stall a search.
MAX_QUERY_CHARS = 1000
#: Most clauses kept from one query, for the same reason.
MAX_CLAUSES = 64
#: Deepest nesting of parentheses and exclusions read; deeper ones are flattened.
MAX_DEPTH = 16
#: Largest NEAR/n or ~n distance; a larger one is cut to it, so a window stays small.
MAX_DISTANCE = 50
#: Distance used when the one typed is not a whole number from 1 to MAX_DISTANCE.
DEFAULT_DISTANCE = 5

SCOPES = {"titre": "title", "title": "title", "source": "source", "date": "date"}
OPERATORS = {"OR": "or", "OU": "or", "|": "or", "||": "or",
             "AND": "and", "ET": "and", "&": "and", "&&": "and",
             "NOT": "not", "SAUF": "not"}
QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“"}


# --- The tree -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    text: str
    scope: str = None  # None (anywhere), "title" or "source"


@dataclass(frozen=True)
class Phrase:
    text: str
    scope: str = None


@dataclass(frozen=True)
class Prefix:
    text: str
    scope: str = None


@dataclass(frozen=True)
class Proximity:
    texts: tuple  # words or phrases, all within len(words) + slop words of one another
    slop: int
    scope: str = None


@dataclass(frozen=True)
class DateSpan:
    start: date = None  # inclusive; None is open
    end: date = None


@dataclass(frozen=True)
class Not:
    clause: object


@dataclass(frozen=True)
class All:
    clauses: tuple
    explicit: bool = False  # joined by AND/ET rather than by juxtaposition


@dataclass(frozen=True)
class Any:
    clauses: tuple


@dataclass
class ParsedQuery:
    tree: object  # None when nothing searchable is left
    notices: list = field(default_factory=list)


# --- Reading --------------------------------------------------------------------------------

_SLOP = re.compile(r"~([^\s()\"«»“”„]*)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ud800-\udfff]")
_LEXEME = re.compile(
    r"""(?P<space>\s+)
      | (?P<open>\()
      | (?P<close>\))
      | (?P<quote>["«“„])
      | (?P<scope>(?i:titre|title|source|date):)
      | (?P<minus>-(?=[^\s\-]))
      | (?P<near>(?:NEAR|PRES)/[^\s()"«»“”„]*)
      | (?P<word>[^\s()"«»“”„]+)
      | (?P<stray>.)""",
    re.VERBOSE | re.DOTALL,
)


def tokenize(text):
    """Lexemes of a query as (kind, value) pairs; quoted text becomes one ``phrase`` lexeme."""
    tokens = []
    position = 0
    while position < len(text):
        match = _LEXEME.match(text, position)
        kind, value = match.lastgroup, match.group()
        position = match.end()
        if kind == "quote":
            closing = QUOTES[value]
            end = text.find(closing, position)
            if end < 0:
                tokens.append(("phrase", text[position:]))
                tokens.append(("unclosed_quote", ""))
                break
            tokens.append(("phrase", text[position:end]))
            position = end + 1
            slop = _SLOP.match(text, position)
            if slop:
                tokens.append(("slop", slop.group(1)))
                position = slop.end()
        elif kind == "word" and value in OPERATORS:
            tokens.append((OPERATORS[value], value))
        elif kind == "scope":
            tokens.append(("scope", value[:-1].lower()))
        elif kind not in ("space", "stray"):
            tokens.append((kind, value))
    return tokens


def parse(text):
    """The clause tree of ``text`` and the notices explaining any repair. Never raises."""
    notices = []
    text = _CONTROL.sub(" ", text or "")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(f"La requête a été tronquée à {MAX_QUERY_CHARS} caractères.")
    tokens = tokenize(text)
    if ("unclosed_quote", "") in tokens:
        tokens.remove(("unclosed_quote", ""))
        notices.append("Guillemet non refermé : la phrase va jusqu’à la fin de la requête.")
    reader = _Reader(tokens, notices)
    tree = reader.read_query()
    return ParsedQuery(_simplify(tree), _unique(notices))


class _Reader:
    """Recursive descent over the lexemes. Every loop consumes a lexeme, so it always ends."""

    def __init__(self, tokens, notices):
        self.tokens = tokens
        self.position = 0
        self.notices = notices
        self.clauses = 0
        self.depth = 0

    def peek(self):
        return self.tokens[self.position][0] if self.position < len(self.tokens) else None

    def take(self):
        token = self.tokens[self.position]
        self.position += 1
        return token

    def read_query(self):
        clauses = []
        while self.peek() is not None:
            clause = self.read_or()
            if clause is not None:
                clauses.append(clause)
            if self.peek() == "close":
                self.take()
                self.notices.append("Parenthèse fermante en trop ignorée.")
        return All(tuple(clauses))

    def read_or(self):
        clauses = [self.read_and()]
        while self.peek() == "or":
            self.take()
            clauses.append(self.read_and())
        if len(clauses) > 1 and None in clauses:
            self.notices.append("Opérateur OU sans mot d’un côté : il est ignoré.")
        clauses = [c for c in clauses if c is not None]
        return Any(tuple(clauses)) if len(clauses) > 1 else (clauses[0] if clauses else None)

    def read_and(self):
        clauses = []
        explicit = False
        while self.peek() not in (None, "or", "close"):
            if self.peek() == "and":
                self.take()
                explicit = True
                if not clauses or self.peek() in (None, "or", "close", "and"):
                    self.notices.append("Opérateur ET sans mot d’un côté : il est ignoré.")
                continue
            clause = self.read_unary()
            while clause is not None and self.peek() == "near":
                clause = self.read_near(clause)
            if clause is not None:
                clauses.append(clause)
        return All(tuple(clauses), explicit) if clauses else None

    def read_near(self, left):
        """``left NEAR/n right``; a bad distance is repaired, a bad side makes it an AND."""
        _, value = self.take()
        distance = self.distance(value)
        if self.peek() in (None, "or", "close", "and", "near"):
            self.notices.append(f"Opérateur « {value} » sans mot d’un côté : il est ignoré.")
            return left
        right = self.read_unary()
        if right is None:
            return left
        if not all(isinstance(c, (Word, Phrase)) for c in (left, right)):
            self.notices.append(f"« {value} » relie deux mots ou deux phrases : les deux côtés "
                                "sont cherchés sans condition de distance.")
            return All((left, right))
        return Proximity((left.text, right.text), distance, left.scope or right.scope)

    def distance(self, value):
        """The distance of ``NEAR/5`` or ``~5``, repaired (with a notice) when not 1 to the cap."""
        digits = value.rpartition("/")[2] if "/" in value else value
        if digits.isascii() and digits.isdigit() and 1 <= int(digits[:6]) <= MAX_DISTANCE:
            return int(digits)
        if digits.isascii() and digits.isdigit() and int(digits[:6]) > MAX_DISTANCE:
            self.notices.append(f"Distance « {value} » trop grande : {MAX_DISTANCE} mots au plus "
                                "sont cherchés.")
            return MAX_DISTANCE
        self.notices.append(f"Distance « {value} » non comprise : écrivez un nombre de 1 à "
                            f"{MAX_DISTANCE} (NEAR/5, \"mots\"~3) ; {DEFAULT_DISTANCE} est utilisé.")
        return DEFAULT_DISTANCE

    def read_unary(self):
        kind, value = self.take()
        if kind in ("not", "minus"):
            if self.peek() in (None, "or", "close", "and"):
                self.notices.append(f"« {value} » sans mot à exclure : il est ignoré.")
                return None
            if self.depth >= MAX_DEPTH:
                return None
            self.depth += 1
            clause = self.read_unary()
            self.depth -= 1
            return Not(clause) if clause is not None else None
        return self.read_atom(kind, value, scope=None)

    def read_atom(self, kind, value, scope):
        if kind == "open":
            return self.read_group(scope)
        if kind == "scope":
            return self.read_scoped(value, scope)
        if kind == "close":
            self.notices.append("Parenthèse fermante en trop ignorée.")
            return None
        if kind in ("not", "minus"):
            # An exclusion inside a scope (titre:-mot) reads as an exclusion of the scoped word.
            clause = self.read_atom(*self.take(), scope) if self.peek() not in (None, "close") else None
            return Not(clause) if clause is not None else None
        if kind in ("or", "and", "near"):
            self.notices.append(f"Opérateur « {value} » mal placé : il est ignoré.")
            return None
        if kind == "slop":
            return None  # the distance of an empty phrase
        return self.leaf(kind, value, scope)

    def read_group(self, scope):
        if self.depth >= MAX_DEPTH:
            return None  # the group's words are read by the enclosing loop, unnested
        self.depth += 1
        clauses = []
        while self.peek() not in (None, "close"):
            clause = self.read_or_in_scope(scope)
            if clause is not None:
                clauses.append(clause)
        if self.peek() == "close":
            self.take()
        else:
            self.notices.append("Parenthèse non refermée : elle est fermée en fin de requête.")
        self.depth -= 1
        return All(tuple(clauses)) if clauses else None

    def read_or_in_scope(self, scope):
        if scope is None:
            return self.read_or()
        # Inside titre:( … ) every word takes the scope: read plainly, then rescope the tree.
        return _rescope(self.read_or(), scope)

    def read_scoped(self, name, outer_scope):
        scope = SCOPES[name]
        if self.peek() in (None, "close", "or", "and"):
            self.notices.append(f"« {name}: » sans mot après : il est ignoré.")
            return None
        kind, value = self.take()
        if scope == "date":
            return self.read_date(value if kind in ("word", "phrase") else "")
        if kind in ("word", "phrase", "open", "not", "minus"):
            return self.read_atom(kind, value, scope)
        return self.read_atom(kind, value, outer_scope)

    def read_date(self, value):
        span = parse_date_span(value)
        if span is None:
            self.notices.append(
                f"Date « {value} » non comprise : écrivez date:2022, date:2022-02, "
                "date:2022-02-24 ou date:2022-02..2022-03. Elle est ignorée.")
        return span

    def leaf(self, kind, value, scope):
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            if self.clauses == MAX_CLAUSES + 1:
                self.notices.append(f"Seuls les {MAX_CLAUSES} premiers mots sont pris en compte.")
            return None
        if kind == "phrase":
            if self.peek() == "slop" and value.strip():
                return Proximity((value,), self.distance(self.take()[1]), scope)
            return Phrase(value, scope) if value.strip() else None
        if value.endswith("*") and len(value.rstrip("*")) > 0:
            return Prefix(value.rstrip("*"), scope)
        return Word(value, scope)


def _rescope(clause, scope):
    if isinstance(clause, (Word, Phrase, Prefix)):
        return type(clause)(clause.text, clause.scope or scope)
    if isinstance(clause, Proximity):
        return Proximity(clause.texts, clause.slop, clause.scope or scope)
    if isinstance(clause, Not):
        return Not(_rescope(clause.clause, scope))
    if isinstance(clause, All):
        return All(tuple(_rescope(c, scope) for c in clause.clauses), clause.explicit)
    if isinstance(clause, Any):
        return Any(tuple(_rescope(c, scope) for c in clause.clauses))
    return clause


def _simplify(clause):
    """Removes empty groups and one-clause groups; None when nothing is left."""
    if isinstance(clause, (All, Any)):
        clauses = tuple(c for c in (_simplify(c) for c in clause.clauses) if c is not None)
        if not clauses:
            return None
        if len(clauses) == 1:
            return clauses[0]
        return All(clauses, clause.explicit) if isinstance(clause, All) else Any(clauses)
    if isinstance(clause, Not):
        inner = _simplify(clause.clause)
        return Not(inner) if inner is not None else None
    return clause


def _unique(items):
    return list(dict.fromkeys(items))


# --- Dates ----------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date_bound(text, end=False):
    """First (or, with ``end``, last) day of ``2022``, ``2022-02`` or ``2022-02-24``; None if invalid."""
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            if not end:
                return date(year, month, 1)
            next_month = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(next_month.toordinal() - 1)
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_span(text):
    """A :class:`DateSpan` from ``2022``, ``2022-02..2022-03``, ``..2019``, ``2020..``; None if invalid."""
    if ".." not in text:
        start, end = parse_date_bound(text), parse_date_bound(text, end=True)
        return DateSpan(start, end) if start else None
    first, _, last = text.partition("..")
    start = parse_date_bound(first) if first else None
    end = parse_date_bound(last, end=True) if last else None
    if (first and start is None) or (last and end is None) or (start is None and end is None):
        return None
    if start and end and start > end:
        start, end = parse_date_bound(last), parse_date_bound(first, end=True)
    return DateSpan(start, end)
