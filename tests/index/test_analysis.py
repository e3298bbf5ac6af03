"""The French analyzer, tested as a table of input → tokens, in the manner of Lucene's
TestFrenchAnalyzer. A row says what a person typing the left column will match."""

import pytest

from index.analysis import analyze, french_analyzer, name_key, name_key_analyzer

TABLE = [
    # Elisions, with both apostrophes and in capitals.
    ("l’Ukraine", ["ukrain"]),
    ("l'Ukraine", ["ukrain"]),
    ("L’UKRAINE", ["ukrain"]),
    ("d’électricité", ["electricit"]),
    ("qu’il", []),
    ("jusqu’à Kiev", ["kiev"]),
    ("lorsqu’elle", []),
    ("qu’elles", []),  # plurals of the stop words: a query's "elles" requires no "elle"
    ("leurs mêmes", []),
    ("puisqu’on", []),
    ("quoiqu’il", []),
    ("c’est", []),
    ("j’ai vu", ["vu"]),
    ("n’a rien dit", ["rien", "dit"]),
    ("s’est réuni", ["reun"]),
    ("voir l'embrouille", ["voir", "embrouill"]),
    # aujourd’hui is one word, whatever the apostrophe.
    ("aujourd’hui", ["aujourd'hui"]),
    ("aujourd'hui", ["aujourd'hui"]),
    # Hyphenated compounds: the whole, then each part.
    ("ÉTATS-UNIS", ["etats-un", "etat", "unis"]),
    ("etats-unis", ["etats-un", "etat", "unis"]),
    ("sino-russe", ["sino-russ", "sino", "russ"]),
    ("week-end", ["week-end", "week", "end"]),
    ("week-ends", ["week-end", "week", "end"]),
    ("Jean-Luc", ["jean-luc", "jean", "luc"]),
    # Numbers and codes stay findable.
    ("Su-57", ["su-57", "su", "57"]),
    ("COVID-19", ["covid-19", "covid", "19"]),
    ("en 2022", ["2022"]),
    # Ligatures and accents fold; a query without accents meets the accented text.
    ("Œuvre", ["oeuvr"]),
    ("cœur", ["coeur"]),
    ("ex æquo", ["ex", "aequo"]),
    ("Pékin", ["pekin"]),
    ("pekin", ["pekin"]),
    ("électricité", ["electricit"]),
    ("electricite", ["electricit"]),
    ("Défense", ["defens"]),
    ("defense", ["defens"]),
    ("sécuritaires", ["securitair"]),
    ("securitaires", ["securitair"]),
    ("Noël", ["noel"]),
    ("Ça va", ["ca", "va"]),
    # Plural and singular, masculine and feminine.
    ("ministres", ["ministr"]),
    ("ministre", ["ministr"]),
    ("président", ["president"]),
    ("présidente", ["president"]),
    ("présidents", ["president"]),
    ("présidentes", ["president"]),
    ("nationaux", ["national"]),
    ("nationales", ["national"]),
    # Verb forms.
    ("déclaré", ["declar"]),
    ("déclarée", ["declar"]),
    ("déclarer", ["declar"]),
    ("déclarait", ["declar"]),
    ("déclarions", ["declar"]),
    # Stop words, accented ones too, capitalised ones too.
    ("à été", []),
    ("Le la LES des du de et ou", []),
    # Words of Snowball's stop list that are rare in news are indexed: they tell articles
    # apart, and some are nouns too.
    ("des avions de chasse", ["avion", "chass"]),
    ("des sommes colossales", ["somm", "colossal"]),
    ("j'étais", ["etais"]),
    ("Moi, président", ["moi", "president"]),
    # Names from the archive.
    ("Choïgu", ["choigu"]),
    ("Sergueï Choïgu", ["serguei", "choigu"]),
    ("Pyongyang", ["pyongyang"]),
    ("Xi Jinping", ["xi", "jinping"]),
]


@pytest.mark.parametrize("text, expected", TABLE, ids=[row[0] for row in TABLE])
def test_analysis_table(text, expected):
    assert analyze(text) == expected


def test_table_is_large_enough_to_mean_something():
    assert len(TABLE) >= 40


def test_marks_land_on_the_word_not_on_the_elision():
    text = "Il parle de l’Ukraine."
    [token] = [t for t in french_analyzer()(text, chars=True) if t.text == "ukrain"]
    assert text[token.startchar:token.endchar] == "Ukraine"


def test_compound_whole_shares_the_position_of_its_first_part():
    tokens = [(t.text, t.pos) for t in french_analyzer()("la coopération sino-russe", positions=True)]
    assert tokens == [("cooper", 0), ("sino-russ", 1), ("sino", 1), ("russ", 2)]


def test_stop_words_leave_no_gap_so_phrases_still_match():
    positions = [t.pos for t in french_analyzer()("le ministre de la Défense", positions=True)]
    assert positions == [0, 1]


@pytest.mark.parametrize("spellings", [
    ("Choïgu", "Shoigu", "Shoïgou"),
    ("Zelensky", "Zelenski", "Zelenskyy"),
    ("Prigozhin", "Prigojine"),
    ("Navalny", "Navalni"),
])
def test_transliterations_of_a_name_share_one_spelling_key(spellings):
    keys = {key for spelling in spellings for key in (t.text for t in name_key_analyzer()(spelling))}
    assert len(keys) == 1


def test_only_capitalised_words_get_a_spelling_key():
    assert [t.text for t in name_key_analyzer()("pour Choïgu, le chef")] == [name_key("choigu")]
