"""The OpenSearch index analyses French as Chronique does: the analysis table of
tests/index/test_analysis.py, run through the cluster's _analyze API, token for token."""

import pytest

from index.analysis import analyze
from index.opensearch_mapping import ANALYZER, index_body
from tests.index.test_analysis import TABLE

pytestmark = pytest.mark.opensearch


@pytest.fixture(scope="module")
def analysis_index(opensearch):
    name = "test-analysis"
    opensearch.indices.create(index=name, body=index_body(shards=1, replicas=0))
    yield name
    opensearch.indices.delete(index=name)


def tokens(opensearch, index, text):
    return opensearch.indices.analyze(index=index, body={"analyzer": ANALYZER, "text": text})["tokens"]


@pytest.mark.parametrize("text, expected", TABLE, ids=[row[0] for row in TABLE])
def test_analysis_table(opensearch, analysis_index, text, expected):
    assert [t["token"] for t in tokens(opensearch, analysis_index, text)] == expected


@pytest.mark.parametrize("text", [
    "Val-d'Oise", "trompe-l’œil", "des genoux et des bijoux", "m² et CO₂", "Xi Jinping à Pékin",
    "la cuisine française", "des Marseillaises",
])
def test_words_the_table_does_not_cover_still_match_the_python_analyzer(opensearch, analysis_index, text):
    assert [t["token"] for t in tokens(opensearch, analysis_index, text)] == analyze(text)


@pytest.mark.xfail(strict=True, reason="Lucene's Snowball 2 French stems these; Chronique's "
                   "Snowball 3 keeps them (README: Sur un cluster OpenSearch)")
@pytest.mark.parametrize("text", ["palais", "mauvais", "nier"])
def test_known_differences_of_the_two_snowball_versions(opensearch, analysis_index, text):
    assert [t["token"] for t in tokens(opensearch, analysis_index, text)] == analyze(text)


def test_marks_land_on_the_word_not_on_the_elision(opensearch, analysis_index):
    text = "Il parle de l’Ukraine."
    [token] = [t for t in tokens(opensearch, analysis_index, text) if t["token"] == "ukrain"]
    assert text[token["start_offset"]:token["end_offset"]] == "Ukraine"


def test_compound_whole_shares_the_position_of_its_first_part(opensearch, analysis_index):
    found = [(t["token"], t["position"]) for t in tokens(opensearch, analysis_index, "la coopération sino-russe")]
    [(_, cooper), (_, whole), (_, sino), (_, russ)] = found
    assert [t for t, _ in found] == ["cooper", "sino-russ", "sino", "russ"]
    assert whole == sino and russ == sino + 1 and cooper < sino
