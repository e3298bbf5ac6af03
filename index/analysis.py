"""French text analysis: the one analyzer used for indexing, querying and highlighting.

The chain follows Lucene's ``FrenchAnalyzer``: tokenize (dropping elisions) → split hyphenated
compounds → lower-case and fold accents → drop stop words → Snowball stem → number positions.
Every filter is a module-level class because Whoosh pickles the analyzer into the index schema.

>>> analyze("L’Ukraine et les États-Unis")
['ukrain', 'etats-un', 'etat', 'unis']
"""

import re
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode
from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer

from .stopwords import FRENCH_STOP_WORDS

#: Elided forms removed from the front of a word: ``l’État`` → ``État``, ``qu’il`` → ``il``.
ELISIONS = "l d j m n s t c qu jusqu lorsqu puisqu quoiqu".split()
APOSTROPHES = "'’ʼ"
HYPHENS = "-‐‑"

_WORD = rf"[^\W_]+(?:[{HYPHENS}{APOSTROPHES}][^\W_]+)*"
#: A word (runs of letters and digits joined by hyphens or apostrophes: ``sino-russe``,
#: ``aujourd’hui``), after any elided article or pronoun, which is left out of the token.
TOKEN_PATTERN = (
    rf"(?<![^\W_])(?:(?i:{'|'.join(sorted(ELISIONS, key=len, reverse=True))})[{APOSTROPHES}])*"
    rf"({_WORD})"
)
_HYPHEN_RE = re.compile(f"[{HYPHENS}]")


class FrenchTokenizer(Tokenizer):
    """Words of a text, elisions removed, with their character offsets.

    >>> [t.text for t in FrenchTokenizer()("qu’il l'a vu aujourd’hui à Kiev")]
    ['il', 'a', 'vu', 'aujourd’hui', 'à', 'Kiev']
    """

    def __init__(self, pattern=TOKEN_PATTERN):
        self.pattern = pattern
        self.expression = re.compile(pattern)

    def __eq__(self, other):
        return isinstance(other, FrenchTokenizer) and self.pattern == other.pattern

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, match in enumerate(self.expression.finditer(value), start_pos):
            t.text = match.group(1)
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + match.start(1)
                t.endchar = start_char + match.end(1)
            yield t


class CompoundFilter(Filter):
    """Emits a hyphenated compound whole, then each of its parts.

    The whole gets ``overlap = True``: :class:`PositionFilter` puts it at the same position
    as the first part, so ``sino-russe`` matches the phrase "sino russe" and the word itself.
    """

    def __call__(self, tokens):
        for t in tokens:
            if t.text.isalnum() or not _HYPHEN_RE.search(t.text):
                t.overlap = False
                yield t
                continue
            parts = _HYPHEN_RE.split(t.text)
            t.overlap = True
            yield t
            start = t.startchar if t.chars else 0
            offset = 0
            for part in parts:
                t.overlap = False
                t.text = part
                if t.chars:
                    t.startchar = start + offset
                    t.endchar = t.startchar + len(part)
                offset += len(part) + 1
                yield t


@lru_cache(maxsize=200_000)
def fold(word):
    """Lower-cased ``word`` with accents and ligatures folded to ASCII: ``Œuvre`` → ``oeuvre``."""
    if word.isascii():
        return word.lower()
    return unidecode(word).lower()


_stemmer = snowballstemmer.stemmer("french")


def stem(word):
    """Snowball French stem of a folded word.

    A folded ``é`` ending has lost what Snowball keys on, so ``declaree`` would stem to
    ``declare`` while ``declare`` stems to ``declar``: the ``ee``/``ees`` endings are reduced
    first, which keeps déclaré, déclarée and déclarer together.
    """
    if word.endswith("ees"):
        word = word[:-2]
    elif word.endswith("ee"):
        word = word[:-1]
    return _stemmer.stemWord(word)


@lru_cache(maxsize=500_000)
def index_term(word, stops=FRENCH_STOP_WORDS):
    """The indexed term of one word: folded, then stemmed; None for a stop word.

    Folding comes first so that a word typed without accents gets the same stem as the
    accented one (``électricité`` and ``electricite`` → ``electricit``).
    """
    folded = fold(word)
    if folded in stops:
        return None
    return stem(folded)


#: Shortest word whose other inflections are looked for, and shortest inflection kept: shorter
#: words collide with other words (mois/moi, fois/foi, prix/pri).
MIN_INFLECTED_CHARS = 4


@lru_cache(maxsize=20_000)
def inflections(word):
    """Plural and feminine forms a folded word may take besides itself, existing or not.

    Snowball does not stem every form of a word alike (``petit`` → ``pet`` but ``petite`` →
    ``petit``; ``euros`` keeps its ``s``); a query word is also searched under its other forms'
    stems, so that ``petit`` finds "petites" and ``euro`` finds "euros".

    >>> sorted(inflections("petit")), sorted(inflections("journaux"))
    (['petite', 'petites', 'petits'], ['journal', 'journau'])
    >>> sorted(inflections("transmis")), sorted(inflections("choi"))
    (['transmi', 'transmise', 'transmises'], ['choie', 'choies', 'chois', 'choix'])
    """
    if len(word) < MIN_INFLECTED_CHARS or not word.isalpha():
        return frozenset()
    if word.endswith(("s", "x")):  # a plural, maybe feminine: its singulars
        forms = {word[:-1]}
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("aux"):
            forms.add(word[:-3] + "al")
        if word.endswith("s") and not word.endswith("es"):  # or a masculine: transmis, remis
            forms.update((word + "e", word + "es"))
    elif word.endswith("e"):  # a feminine, maybe: its plural and masculine forms
        forms = {word + "s", word[:-1], word[:-1] + "s"}
    else:
        forms = {word + "s", word + "e", word + "es"}
        if word.endswith("al"):
            forms.add(word[:-2] + "aux")
        if word.endswith(("au", "eu", "ou", "i")):  # choix, bijoux
            forms.add(word + "x")
    return frozenset(f for f in forms if len(f) >= MIN_INFLECTED_CHARS and f != word)


class FrenchTermFilter(Filter):
    """Turns words into index terms (fold, stop, stem) through one cached function."""

    def __call__(self, tokens):
        for t in tokens:
            term = index_term(t.text)
            if term is not None:
                t.text = term
                yield t


class PositionFilter(Filter):
    """Numbers positions after stop words are gone; a compound's whole shares its first part's."""

    def __call__(self, tokens):
        pos = 0
        for t in tokens:
            if t.positions:
                t.pos = pos
            if not t.overlap:
                pos += 1
            yield t


def french_analyzer():
    """The French analyzer: what is indexed, what is searched and what is highlighted."""
    return FrenchTokenizer() | CompoundFilter() | FrenchTermFilter() | PositionFilter()


def analyze(text):
    """Terms of ``text`` in order, as the index stores them."""
    return [t.text for t in _ANALYZER(text)]


_ANALYZER = french_analyzer()


# --- Names spelled several ways -------------------------------------------------------------
# Russian and Ukrainian names reach French news through French, English and mixed
# transliterations: Choïgu / Shoigu / Shoïgou, Zelensky / Zelenski / Zelenskyy, Prigojine /
# Prigozhin. A capitalised word is also indexed under a crude spelling key that erases the
# usual differences; a query term matches that key as a weaker alternative to itself.

_NAME_KEY_RULES = [
    (re.compile(r"shch|chtch"), "chch"),
    (re.compile(r"tch|tsch"), "ch"),
    (re.compile(r"sch|sh"), "ch"),
    (re.compile(r"zh|dj"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"gu(?=[eiy])"), "g"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?<=..)e$"), ""),
]


@lru_cache(maxsize=100_000)
def name_key(word):
    """Spelling key of a folded name: ``shoigu``, ``choigu`` and ``choigou`` all give ``choigu``.

    >>> [name_key(w) for w in ("zelensky", "zelenski", "zelenskyy", "prigozhin", "prigojine")]
    ['zelenski', 'zelenski', 'zelenski', 'prigojin', 'prigojin']
    """
    key = word
    for pattern, replacement in _NAME_KEY_RULES:
        key = pattern.sub(replacement, key)
    return key


#: Capitalised words of four letters or more (shorter ones collide too much); hyphens split.
NAME_PATTERN = r"(?<![^\W_])[^\W\d_a-zß-ÿ][^\W_]{3,}"


class NameKeyFilter(Filter):
    """Replaces a name by its spelling key (after folding); stop words are dropped."""

    def __call__(self, tokens):
        for t in tokens:
            folded = fold(t.text)
            if folded not in FRENCH_STOP_WORDS:
                t.text = name_key(folded)
                yield t


def name_key_analyzer():
    """Spelling keys of the capitalised words of a text, for the name-variants field.

    >>> [t.text for t in name_key_analyzer()("Sergueï Choïgu a vu M. Shoigu à Pékin")]
    ['sergei', 'choigu', 'choigu', 'pekin']
    """
    return RegexTokenizer(NAME_PATTERN) | NameKeyFilter()
