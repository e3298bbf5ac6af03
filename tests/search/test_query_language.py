"""The query language, on small archives written here: each operator as a user would use it."""

import pytest

from .conftest import ids

ARTICLES = [
    {"title": "Pékin et Moscou signent un accord", "body": "La Chine et la Russie coopèrent.",
     "date": "2022-02-04", "source": "Agence Hexagone"},
    {"title": "Le ministre de la Défense en visite", "body": "Visite officielle à Kiev du ministre.",
     "date": "2022-03-10", "source": "Le Courrier"},
    {"title": "Prix de l’électricité", "body": "Les ministres promettent de contenir la hausse.",
     "date": "2021-11-26", "source": "Radio Horizon"},
    {"title": "Guerre en Ukraine", "body": "L’Ukraine résiste à l'offensive russe.",
     "date": "2023-02-24", "source": "Agence Hexagone"},
    {"title": "Pétrole et gaz", "body": "La Russie vend du pétrole à la Chine.",
     "date": "2019-06-01", "source": "Le Courrier"},
    {"title": "Un match serré", "body": "La guerre des nerfs en Ukraine du football.",
     "date": "2020-06-01", "source": "Radio Horizon"},
]


@pytest.fixture
def archive(make_any_searcher):
    return make_any_searcher(ARTICLES)


@pytest.mark.parametrize("query, expected", [
    ("Pekin", {"a1"}),                 # accents optional
    ("defense", {"a2"}),
    ("l’Ukraine", {"a4", "a6"}),       # typographic apostrophe
    ("l'ukraine", {"a4", "a6"}),       # straight apostrophe, lower case
    ("ministres", {"a2", "a3"}),       # plural finds singular
    ("electricite", {"a3"}),
    ("ELECTRICITÉ", {"a3"}),
])
def test_query_words_go_through_the_index_analyzer(archive, query, expected):
    assert set(ids(archive.search(query))) == expected


@pytest.mark.parametrize("query, expected", [
    ("russie chine", {"a1", "a5"}),                     # plain words: all required
    ("russie AND chine", {"a1", "a5"}),
    ("russie ET chine", {"a1", "a5"}),
    ("kiev OR electricite", {"a2", "a3"}),
    ("kiev OU electricite", {"a2", "a3"}),
    ("kiev | electricite", {"a2", "a3"}),
    ("russie -petrole", {"a1", "a4"}),
    ("russie NOT petrole", {"a1", "a4"}),
    ("russie SAUF petrole", {"a1", "a4"}),
    ("(kiev OR petrole) russie", {"a5"}),
    ('"guerre en Ukraine"', {"a4"}),                    # a phrase, not the two words anywhere
    ("guerre ukraine", {"a4", "a6"}),
    ("titre:ukraine", {"a4"}),
    ("title:ukraine", {"a4"}),
    ("titre:(guerre ukraine)", {"a4"}),
    ("source:hexagone", {"a1", "a4"}),
    ('source:"Radio Horizon" guerre', {"a6"}),
    ("date:2022", {"a1", "a2"}),
    ("date:2022-02..2022-03 ministre", {"a2"}),
    ("date:..2020-12 russie", {"a5"}),
    ("date:2022-03.. russie", {"a4"}),
    ("russ*", {"a1", "a4", "a5"}),
    ("ukrain*", {"a4", "a6"}),
    ("ukraine*", {"a4", "a6"}),                         # prefix longer than the stem
])
def test_operators(archive, query, expected):
    assert set(ids(archive.search(query))) == expected


# Snowball stems some forms of one word apart (petit → "pet", petites → "petit"; euros keeps
# its s); a query word also finds its other plural and feminine forms.
INFLECTED = [
    {"title": "Aides aux petites communes", "body": "Le conseil vote les aides aux communes."},
    {"title": "Aides au petit commerce", "body": "Le conseil vote les aides au commerce."},
    {"title": "Budget", "body": "Une dépense de 25 000 euros."},
    {"title": "Sauvetage en mer", "body": "Une trentaine de migrants secourus au large."},
    {"title": "Entretien", "body": "Le président parle de moi et de vous."},
    {"title": "Défilé", "body": "Des avions de chasse survolent Paris."},
    {"title": "La procédure transmise à Paris", "body": "Le dossier part."},
    {"title": "La Calédonie va faire son choix", "body": "Un référendum."},
    {"title": "« Je pense qu’elle s’excite toute seule »", "body": "Un avocat répond."},
]


@pytest.mark.parametrize("query, expected", [
    ("petit", ["a2", "a1"]),        # the form typed first, then the other forms
    ("petites", ["a1", "a2"]),
    ("euro", ["a3"]),
    ("secouru", ["a4"]),
    ("mois", []),                   # short words do not inflect: mois is not moi
    ("procedure transmis", ["a7"]),  # a masculine ending in s: transmis, transmise
    ("caledonie choi", ["a8"]),     # a plural in x: choix
    ("pense qu'elles excite", ["a9"]),  # elles is a stop word as elle is
])
def test_other_plural_and_feminine_forms_are_found_after_the_typed_one(make_any_searcher, query,
                                                                       expected):
    assert ids(make_any_searcher(INFLECTED).search(query)) == expected


@pytest.mark.parametrize("query, expected", [("moi", ["a5"]), ("avions", ["a6"])])
def test_words_of_the_stop_list_rare_in_news_are_searchable(make_any_searcher, query, expected):
    assert ids(make_any_searcher(INFLECTED).search(query)) == expected


def test_other_forms_are_highlighted(make_any_searcher):
    hit = make_any_searcher(INFLECTED).search("euro")["hits"][0]
    assert "25 000 <mark>euros</mark>" in hit["snippet_html"]


def test_only_stop_words_explains_itself(archive):
    page = archive.search("le la les")
    assert page["total"] == 0 and "mots trop courants" in page["notice"]


def test_only_exclusions_explains_itself(archive):
    page = archive.search("-russie")
    assert page["total"] == 0 and "exclusions" in page["notice"]


def test_no_article_with_every_word_falls_back_to_the_most_words(archive):
    page = archive.search("kiev électricité zeppelin")
    assert set(ids(page)) == {"a2", "a3"}
    assert "tous les mots" in page["notice"]


@pytest.mark.parametrize("query, notice", [
    ('"guerre en', "Guillemet"),
    ("(russie chine", "Parenthèse"),
    ("russie)", "Parenthèse"),
    ("titre:", "titre:"),
    ("russie OR", "OU"),
    ("date:hier russie", "date:2022"),
])
def test_repaired_queries_say_what_was_repaired(archive, query, notice):
    page = archive.search(query)
    assert notice in page["notice"]


def test_unclosed_quote_still_searches_the_phrase(archive):
    assert ids(archive.search('"guerre en ukraine')) == ["a4"]


def test_punctuation_only_gives_an_empty_page(archive):
    page = archive.search("!!! ??? ...")
    assert page["total"] == 0 and page["hits"] == []
