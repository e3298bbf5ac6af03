"""`chronique search`: ranked results with marks, the API page as JSON, a missing index, and
queries typed as the README shows them."""

import json

import pytest

from index.reindex import reindex

from tests.support import ChroniqueRunner

from .conftest import DEMO


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


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-index")
    reindex([DEMO], root)
    return root


def test_cli_prints_ranked_results_with_bold_marks(runner, demo_index):
    result = runner.invoke(["search", "--index", str(demo_index), "-n", "2",
                            "Choïgu"], color=True)
    assert result.exit_code == 0
    assert "résultat(s) pour « Choïgu »" in result.output
    assert "\x1b[1mChoïgu\x1b[0m" in result.output and "<mark>" not in result.output
    assert result.output.count("\n1. ") == 1 and "\n3. " not in result.output


def test_cli_json_is_the_api_page(runner, demo_index):
    result = runner.invoke(["search", "--index", str(demo_index), "--json", "Pékin"])
    page = json.loads(result.output)
    assert page["total"] >= 2 and page["results"][0]["snippet_html"] and "hits" not in page


def test_cli_reports_a_missing_index(runner, tmp_path):
    result = runner.invoke(["search", "--index", str(tmp_path / "none"), "Pékin"])
    assert result.exit_code == 1 and "chronique reindex" in result.output
