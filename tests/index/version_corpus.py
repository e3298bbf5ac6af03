"""A small hand-written archive with versions of one text, shared by the tests of groups."""

from tests.index.test_versions import DISPATCH, OTHER_STORY, REPUBLISHED, REWRITE, SHORTENED, UPDATE

__all__ = ["DISPATCH", "OTHER_STORY", "REPUBLISHED", "REWRITE", "SHORTENED", "UPDATE",
           "records", "UPDATE_RECORD"]

#: Where the tests build it: one file, one line per article.
FILE_NAME = "liban.jsonl"


def records():
    """One dispatch in three sources under three titles (La Libre a day later), a rewrite by
    another desk, an unrelated story."""
    return [
        {"id": "afp", "title": "Liban : le gouvernement démissionne", "body": DISPATCH,
         "date": "2020-08-10", "source": "AFP", "url": "https://example.org/afp"},
        {"id": "point", "title": "Beyrouth : Hassan Diab jette l'éponge", "body": REPUBLISHED,
         "date": "2020-08-10", "source": "Le Point", "url": "https://example.org/point"},
        {"id": "libre", "title": "Le cabinet libanais démissionne après l'explosion",
         "body": SHORTENED, "date": "2020-08-11", "source": "La Libre",
         "url": "https://example.org/libre"},
        {"id": "desk", "title": "Hassan Diab quitte le pouvoir", "body": REWRITE,
         "date": "2020-08-10", "source": "Le Desk", "url": "https://example.org/desk"},
        {"id": "rennes", "title": "Rennes rénove ses écoles", "body": OTHER_STORY,
         "date": "2020-08-10", "source": "Ouest", "url": "https://example.org/rennes"},
    ]


#: An update of the dispatch, filed the day before the others are dated (so it becomes the
#: group's first version when it joins).
UPDATE_RECORD = {"id": "afp-maj", "title": "Liban : démission du gouvernement, le FMI appelle "
                 "à des réformes", "body": UPDATE, "date": "2020-08-09", "source": "AFP",
                 "url": "https://example.org/afp-maj"}
