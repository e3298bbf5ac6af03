"""What the command line and the notices say of queries typed as the README shows them."""

import pytest

from tests.support import ChroniqueRunner


@pytest.fixture(scope="module")
def demo_root(demo):
    return demo.root


def run(root, *arguments):
    return ChroniqueRunner().invoke(["search", "--index", root, *arguments])


def test_exclusions_typed_on_the_command_line_exclude(demo_root):
    everything = run(demo_root, "Pékin")
    without = run(demo_root, "Pékin", "-Choïgu")
    assert everything.exit_code == 0 and without.exit_code == 0, without.output
    assert "résultat(s) pour « Pékin -Choïgu »" in without.output
    assert total(without.output) == total(everything.output) - 1
    assert "Choïgu quitte" in everything.output and "Choïgu quitte" not in without.output


def total(output):
    return int(output.split(" ", 1)[0])


@pytest.mark.parametrize("arguments, query, most", [
    (["-n", "1", "Pékin", "-Choïgu"], "Pékin -Choïgu", 1),
    (["Pékin", "-n1", "--sort", "newest"], "Pékin", 1),
    (["--number=2", "--", "-nucléaire", "Pékin"], "-nucléaire Pékin", 2),
])
def test_the_commands_own_options_still_work_beside_exclusions(demo_root, arguments, query, most):
    result = run(demo_root, *arguments)
    assert result.exit_code == 0, result.output
    assert f"pour « {query} »" in result.output
    assert "\n1. " in result.output and f"\n{most + 1}. " not in result.output


@pytest.mark.parametrize("query", ["?!", "...", "— ?", "!!! ???"])
def test_a_query_of_punctuation_only_is_told_so(demo, query):
    page = demo.search(query)
    assert page["total"] == 0
    assert page["notice"] == "La requête ne contient que de la ponctuation : tapez un mot à chercher."


def test_stop_words_beside_punctuation_are_named_without_it(demo):
    assert demo.search("le ?! la")["notice"] == (
        "La requête ne contient que des mots trop courants (le, la) : ajoutez un mot plus précis.")
