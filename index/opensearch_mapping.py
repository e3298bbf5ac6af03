"""The OpenSearch index an archive is written to: settings, French analyzer and fields.

The analyzer repeats :func:`index.analysis.french_analyzer` with OpenSearch's own parts, built
from the same constants so the two cannot drift apart silently:

- a ``mapping`` char filter turns ’ and ʼ into ' (one apostrophe for everything after it);
- a ``pattern`` tokenizer with :data:`index.analysis.TOKEN_PATTERN` itself: the words, with any
  elided article or pronoun (``l'``, ``qu'``, ``jusqu'``…) left out of the token and its offsets;
- ``word_delimiter_graph`` with ``preserve_original``: a hyphenated compound whole, then its
  parts, the whole at its first part's position (the apostrophe is a letter to it, so
  ``aujourd'hui`` stays one word);
- ``lowercase`` and ``asciifolding`` before the stop words and the stemmer, as :func:`fold`;
- the stop words of :data:`index.stopwords.FRENCH_STOP_WORDS`, already folded;
- ``pattern_replace`` of a final ``ee``/``ees`` by ``e``, as :func:`index.analysis.stem` does;
- three rules of Snowball 3's French stemmer that Lucene's older one (Snowball 2) lacks, written
  as ``pattern_replace``: an elision left inside a compound's part (``Val-d'Oise`` → ``oise``),
  ``-oux`` after b, h, j, l, n or p (``genoux`` → ``genou``), and ``-aise(s)`` stemmed as
  ``-ais`` (``française`` → ``franc``, as ``français``);
- Snowball French.

What still differs is Snowball 3's protection of a few ``-ais`` words and of words in ``ni-``
(``palais``, ``mauvais``, ``nier``): 0.06 % of the word occurrences of the news corpus
(``python -m bench.opensearch_analysis``).

Spelling keys of names are computed in Python at ingest (:func:`name_keys`) into a keyword field:
the rules are regular expressions in order, simpler kept in one place than mirrored.
"""

from .analysis import APOSTROPHES, TOKEN_PATTERN, name_key_analyzer
from .stopwords import FRENCH_STOP_WORDS

ANALYZER = "chronique_french"

#: :data:`index.analysis.TOKEN_PATTERN` for Java: Python's ``[^\W_]`` is exactly what
#: ``str.isalnum`` accepts (letters and every kind of number, ² and ₂ included), which Java
#: spells ``[\p{L}\p{N}]`` (its Unicode ``\w`` would add combining marks and connectors).
JAVA_TOKEN_PATTERN = TOKEN_PATTERN.replace(r"[^\W_]", r"[\p{L}\p{N}]")

#: A final "ee"/"ees" reduced to "e" before stemming (see :func:`index.analysis.stem`).
_EE_ENDING = "ees?$"

#: Shards and replicas of a new index: three shards spread a 3-node cluster, one replica
#: survives the loss of any one node.
DEFAULT_SHARDS = 3
DEFAULT_REPLICAS = 1

ANALYSIS = {
    "char_filter": {
        "chronique_apostrophes": {
            "type": "mapping",
            "mappings": [f"{a} => '" for a in APOSTROPHES if a != "'"],
        },
    },
    "tokenizer": {
        "chronique_words": {
            "type": "pattern",
            "pattern": JAVA_TOKEN_PATTERN,
            "group": 1,
        },
    },
    "filter": {
        "chronique_compounds": {
            "type": "word_delimiter_graph",
            "preserve_original": True,
            "split_on_case_change": False,
            "split_on_numerics": False,
            "stem_english_possessive": False,
            "catenate_words": False,
            "catenate_numbers": False,
            "catenate_all": False,
            "type_table": ["' => ALPHA"],
        },
        "chronique_stop": {
            "type": "stop",
            "stopwords": sorted(FRENCH_STOP_WORDS),
        },
        "chronique_ee_ending": {
            "type": "pattern_replace",
            "pattern": _EE_ENDING,
            "replacement": "e",
        },
        "chronique_part_elision": {
            "type": "pattern_replace",
            "pattern": "^(?:[cdjlmnst]|qu)'(?=.)",
            "replacement": "",
        },
        "chronique_oux": {
            "type": "pattern_replace",
            "pattern": "(?<=[bhjlnp])oux$",
            "replacement": "ou",
        },
        "chronique_aise": {
            "type": "pattern_replace",
            "pattern": "aises?$",
            "replacement": "ais",
        },
        "chronique_stemmer": {
            "type": "snowball",
            "language": "French",
        },
    },
    "analyzer": {
        ANALYZER: {
            "type": "custom",
            "char_filter": ["chronique_apostrophes"],
            "tokenizer": "chronique_words",
            "filter": ["chronique_compounds", "lowercase", "asciifolding", "chronique_stop",
                       # Chronique's own step first, then Snowball 3's rules, then the stemmer.
                       "chronique_ee_ending", "chronique_part_elision", "chronique_oux",
                       "chronique_aise", "chronique_stemmer"],
        },
    },
}

#: Fields of an article document; ``content`` is title and body together, as in Whoosh.
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "id": {"type": "keyword"},
        "title": {"type": "text", "analyzer": ANALYZER},
        "content": {"type": "text", "analyzer": ANALYZER},
        "body": {"type": "text", "index": False},
        "names": {"type": "keyword"},
        "date": {"type": "date", "format": "strict_date"},
        "year": {"type": "keyword"},
        "source": {"type": "keyword"},
        "url": {"type": "keyword", "index": False},
        "author": {"type": "keyword", "index": False},
        "hash": {"type": "keyword"},
        "origin": {"type": "keyword", "index": False},
        # What version grouping reads of the article (index.opensearch_groups), base64.
        "versions": {"type": "binary"},
    },
}


def index_body(shards=DEFAULT_SHARDS, replicas=DEFAULT_REPLICAS):
    """The body of the request that creates an article index."""
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas},
            "analysis": ANALYSIS,
        },
        "mappings": MAPPINGS,
    }


_NAME_KEYS = name_key_analyzer()


def name_keys(text):
    """Spelling keys of the capitalised words of ``text``, each once, in order of appearance."""
    return list(dict.fromkeys(token.text for token in _NAME_KEYS(text)))
