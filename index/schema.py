"""The index schema: what is stored for each article and how each field is searched."""

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, Schema

from .analysis import ANALYZER, name_key_analyzer

#: Bumped whenever the schema, the analysis or the ids given to articles without one change: an
#: index written with another version is rebuilt in full by the next reindex instead of being
#: mixed with new terms (5: JSON Lines articles without an id are named by title and date, not
#: by line, ids are kept exactly as given, and plurals of long stop words are stop words too;
#: 6: the one-pass analyzer and the build codec; 7: each article's ``versions`` column and the
#: version groups beside the index).
FORMAT_VERSION = 7

#: How much more a title match counts than a match anywhere in the article.
TITLE_BOOST = 2.0


def build_schema():
    """Schema of a Chronique index.

    ``content`` (title and body together) carries the ranking: known-item searches do better on
    one field that scores the whole article than on title and body scored apart. ``title`` adds
    the title's weight and serves ``titre:``; ``names`` holds the spelling keys of capitalised
    words for transliterated names. ``hash`` and ``origin`` let a reindex skip what did not change
    and delete what disappeared; they are only stored (as columns they would slow every build
    by some 5% to speed up only the no-change check, which is already a small fraction of it).
    ``versions`` is what version grouping reads of an article (:mod:`index.version_groups`).
    """
    analyzer = ANALYZER
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=TITLE_BOOST),
        content=TEXT(analyzer=analyzer, phrase=True),
        body=STORED(),
        names=TEXT(analyzer=name_key_analyzer(), phrase=False),
        date=DATETIME(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        source=ID(stored=True, sortable=True),
        url=STORED(),
        author=STORED(),
        hash=STORED(),
        origin=STORED(),
        versions=COLUMN(VarBytesColumn()),
    )
