"""French text analysis: the one analyzer used for indexing, querying and highlighting.

The chain follows Lucene's ``FrenchAnalyzer``: tokenize (dropping elisions) → split hyphenated
compounds → lower-case and fold accents → drop stop words → Snowball stem → number positions.
The analyzer is a module-level class because Whoosh pickles it into the index schema.

>>> analyze("L’Ukraine et les États-Unis")
['ukrain', 'etats-un', 'etat', 'unis']
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode
from whoosh.analysis import Analyzer, Filter, RegexTokenizer, Token

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
_TOKEN = re.compile(TOKEN_PATTERN)


def is_compound(word):
    """Whether a word (a match of TOKEN_PATTERN) is a hyphenated compound, indexed whole and by
    its parts: ``sino-russe`` is, ``aujourd’hui`` and ``COVID19`` are not."""
    return not word.isalnum() and _HYPHEN_RE.search(word) is not None


def compound_parts(word):
    """The parts of a hyphenated compound: ``Jean-Luc`` → ``['Jean', 'Luc']``."""
    return _HYPHEN_RE.split(word)


@lru_cache(maxsize=200_000)
def fold(word):
    """Lower-cased ``word`` with accents and ligatures folded to ASCII: ``Œuvre`` → ``oeuvre``."""
    if word.isascii():
        return word.lower()
    return unidecode(word).lower()


#: Latin-1 letters with their accents removed, by bytes.translate (one C pass, same length).
_LATIN = bytes.maketrans(
    bytes(range(0xC0, 0x100)),
    bytes(ord(unicodedata.normalize("NFD", chr(c))[0])
          if unicodedata.normalize("NFD", chr(c))[0].isascii() else c for c in range(0xC0, 0x100)))


def fold_latin(text):
    """``text`` lower-cased without accents, character for character (other characters than
    Latin-1 become ``?``), so offsets in it are offsets in ``text``: where marks are looked for.
    On Latin-1 words it agrees with :func:`fold` (a test checks it)."""
    return text.encode("latin-1", "replace").translate(_LATIN).decode("latin-1").lower()


#: Apostrophes made straight and ligatures spelt out, as :func:`fold` reads them.
_SPELT_OUT = (("’", "'"), ("ʼ", "'"), ("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"))


def fold_text(text):
    """``text`` lower-cased without accents or ligatures, with straight apostrophes: the text
    that words as typed are looked for in (re-ranking, phrases as written, proximity). Its
    words agree with :func:`fold` on French text (a test checks it)."""
    for character, replacement in _SPELT_OUT:
        text = text.replace(character, replacement)
    return fold_latin(text)


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


def inflection_base(word):
    """A folded word without its plural or feminine ending, and a pattern of the endings it may
    take: what re-ranking looks for "give or take an ending". The same forms as
    :func:`inflections`, as a pattern over the text (a test checks they agree).

    >>> inflection_base("journaux"), inflection_base("petites")
    (('journ', '(?:al|aux)'), ('petit', '(?:e|es|s|x)?'))
    """
    if word.endswith("aux") and len(word) > 4:
        return word[:-3], "(?:al|aux)"
    for ending in ("es", "s", "x", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)], "(?:e|es|s|x)?"
    return word, "(?:e|es|s|x)?"


class FrenchAnalyzer(Analyzer):
    """Words of a text as index terms, with positions and character offsets, in one pass.

    For each word (elisions left out): a hyphenated compound is emitted whole, at the position
    of its first part, then part by part, so ``sino-russe`` matches the phrase "sino russe" and
    the word itself; each word becomes its :func:`index_term` (folded, stemmed) and stop words
    are dropped; positions count the words kept. One generator rather than a tokenizer and
    three stacked filters: the build spends a good part of its time here.

    >>> [(t.text, t.pos) for t in FrenchAnalyzer()("qu’il l'a vu à Kiev, sino-russe", positions=True)]
    [('vu', 0), ('kiev', 1), ('sino-russ', 2), ('sino', 2), ('russ', 3)]
    """

    def __init__(self, pattern=TOKEN_PATTERN):
        self.pattern = pattern
        self.expression = re.compile(pattern)

    def __eq__(self, other):
        return isinstance(other, FrenchAnalyzer) and self.pattern == other.pattern

    def __getstate__(self):
        return {"pattern": self.pattern}

    def __setstate__(self, state):
        self.__init__(state["pattern"])

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_char=0, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        pos = 0
        for match in self.expression.finditer(value):
            word = match.group(1)
            if keeporiginal:
                t.original = word
            if chars:
                t.startchar = start_char + match.start(1)
                t.endchar = start_char + match.end(1)
            if not is_compound(word):
                term = index_term(word)
                if term is not None:
                    t.text, t.overlap = term, False
                    if positions:
                        t.pos = pos
                    pos += 1
                    yield t
                continue
            term = index_term(word)
            if term is not None:
                t.text, t.overlap = term, True
                if positions:
                    t.pos = pos
                yield t
            start = start_char + match.start(1)
            for part in compound_parts(word):
                term = index_term(part)
                if term is not None:
                    t.text, t.overlap = term, False
                    if chars:
                        t.startchar, t.endchar = start, start + len(part)
                    if positions:
                        t.pos = pos
                    pos += 1
                    yield t
                start += len(part) + 1


def french_analyzer():
    """The French analyzer: what is indexed, what is searched and what is highlighted."""
    return FrenchAnalyzer()


#: The one instance that indexing (the schema), queries and snippets use.
ANALYZER = french_analyzer()


def analyze(text):
    """Terms of ``text`` in order, as the index stores them."""
    return [t.text for t in ANALYZER(text)]


def index_tokens(text):
    """(term, position, start, end) of each token of ``text``, exactly as :data:`ANALYZER`
    produces them, without its per-token objects.

    Snippets analyze ten stored articles per search; this loop over the analyzer's own
    token pattern and cached term function is several times faster than the filter chain.
    A test checks that both agree on the demo corpus.
    """
    position = 0
    for match in _TOKEN.finditer(text):
        word = match.group(1)
        start = match.start(1)
        if not is_compound(word):
            term = index_term(word)
            if term is not None:
                yield term, position, start, start + len(word)
                position += 1
            continue
        # A compound: the whole at its first part's position, then the parts.
        term = index_term(word)
        if term is not None:
            yield term, position, start, start + len(word)
        offset = start
        for part in compound_parts(word):
            term = index_term(part)
            if term is not None:
                yield term, position, offset, offset + len(part)
                position += 1
            offset += len(part) + 1


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


#: Shortest capitalised word given a spelling key (shorter ones collide too much).
MIN_NAME_CHARS = 4
#: Capitalised words of MIN_NAME_CHARS letters or more; hyphens split.
NAME_PATTERN = r"(?<![^\W_])[^\W\d_a-zß-ÿ][^\W_]{%d,}" % (MIN_NAME_CHARS - 1)


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
