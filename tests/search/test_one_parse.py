"""One parse serves every stage: the second look at the best matches (search.rerank) decides
from the parsed query, so every spelling of an operator and every style of quotes in the
query table is re-ranked, or not, exactly as its ASCII twin."""

import pytest

from search.query_parser import parse
from search.rerank import query_forms, typed_words

from .conftest import ids

# Each group: spellings that mean the same query, the ASCII one first.
TWINS = [
    ["russie OR chine", "russie OU chine", "russie | chine", "russie || chine"],
    ["russie AND chine", "russie ET chine", "russie & chine", "russie && chine"],
    ['"guerre en Ukraine" pétrole', "« guerre en Ukraine » pétrole", "«guerre en Ukraine» pétrole",
     "“guerre en Ukraine” pétrole", "„guerre en Ukraine“ pétrole"],
    ["pétrole -russie", "pétrole NOT russie", "pétrole SAUF russie"],
    ["(russie OR chine) pétrole", "(russie OU chine) pétrole", "(russie | chine) pétrole"],
    ["titre:macron retraites", "title:macron retraites", "TITRE:macron retraites"],
    ["ukrain* guerre", "guerre ukrain*"],
    ["macron NEAR/5 brexit", "macron PRES/5 brexit", '"macron brexit"~5', "« macron brexit »~5"],
    ["guerre ukraine", "guerre  ukraine", "Guerre Ukraine"],
    ["guerre ukraine date:2022", "date:2022 guerre ukraine"],
]


def decision(query):
    """Which words the second look reads, or None when it leaves the ranking alone."""
    forms = query_forms(typed_words(parse(query).tree))
    return None if forms is None else forms.words


@pytest.mark.parametrize("group", TWINS, ids=lambda group: group[0])
def test_every_spelling_is_reranked_as_its_ascii_twin(group):
    assert {query: decision(query) for query in group} == {
        query: decision(group[0]) for query in group}


@pytest.mark.parametrize("query", ["russie | chine", "“guerre en Ukraine” pétrole",
                                   "pétrole SAUF russie", "russie && chine"])
def test_operators_are_not_reranked_as_plain_words(query):
    assert decision(query) is None


def test_plain_words_are_reranked_filters_aside():
    assert decision("guerre ukraine") == ("guerre", "ukraine")
    assert decision("guerre ukraine source:figaro date:2022") == ("guerre", "ukraine")
    assert decision("ukraine") is None


@pytest.mark.parametrize("group", [TWINS[0], TWINS[2], ["ukraine -pétrole", "ukraine SAUF pétrole"]],
                         ids=lambda group: group[0])
def test_every_spelling_gives_the_ascii_twins_results_in_its_order(demo, group):
    expected = ids(demo.search(group[0], per_page=30))
    assert expected
    for query in group[1:]:
        assert ids(demo.search(query, per_page=30)) == expected, query
