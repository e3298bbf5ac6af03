""""Did you mean": a correction for a rare word, the other words kept."""

import pytest


@pytest.mark.parametrize("typed, corrected", [("Rusie", "Russie"), ("Zelenksy", "Zelensky"),
                                              ("electrcité", "électricité")])
def test_did_you_mean(demo, typed, corrected):
    suggestion = demo.search(typed)["suggestion"]
    assert suggestion["query"] == corrected
    assert suggestion["html"] == f"<em>{corrected}</em>"


def test_no_suggestion_for_a_word_that_finds_plenty(demo):
    assert demo.search("Ukraine")["suggestion"] is None


def test_suggestion_keeps_the_other_words(demo):
    suggestion = demo.search("Rusie Pékin")["suggestion"]
    assert suggestion["query"] == "Russie Pékin"
    assert suggestion["html"] == "<em>Russie</em> Pékin"
