"""An article whose date cannot be read is indexed undated, and the summary says why."""

import pytest

from index.reindex import reindex
from search import Searcher

from .conftest import article, write_jsonl

UNREADABLE = [("demain matin", "is not an ISO 8601 or French date"),
              ("1492-10-12", "is out of range"),
              ("31/02/2022", "is not an ISO 8601 or French date"),
              (20220301, "is not text")]


@pytest.mark.parametrize("value,reason", UNREADABLE, ids=[str(v) for v, _ in UNREADABLE])
def test_an_unreadable_date_keeps_the_article_undated(tmp_path, value, reason):
    path = write_jsonl(tmp_path / "news.jsonl", [article(1), article(2, date=value), article(3)])
    summary = reindex([path], tmp_path / "index")
    assert summary.added == 3 and len(summary.skipped) == 0
    [warning] = list(summary.warnings)
    assert warning.location == f"{path.resolve()}:2"
    assert warning.reason.startswith("indexed undated") and reason in warning.reason
    searcher = Searcher(tmp_path / "index")
    try:
        page = searcher.search("numéro 2")
        assert page["hits"][0]["id"] == "a2" and page["hits"][0]["date"] is None
        assert "a2" not in [hit["id"] for hit in searcher.search("russie date:2022", per_page=50)["hits"]]
    finally:
        searcher.close()


def test_the_summary_counts_undated_articles_by_reason(runner, tmp_path):
    records = [article(1)] + [article(n, date=f"le {n} du mois") for n in range(2, 6)]
    path = write_jsonl(tmp_path / "news.jsonl", records)
    result = runner.invoke(["reindex", str(path), "--index", str(tmp_path / "index"),
                            "--strict"])
    assert result.exit_code == 0, result.output
    assert "indexed undated" in result.output and "4" in result.output
