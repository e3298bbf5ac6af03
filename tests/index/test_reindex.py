"""Reindexing: incremental updates, full rebuilds, the lock and interrupted rebuilds."""

import os
import signal
import subprocess
import sys
import time

import pytest
from whoosh.query import Term

from index.store import IndexBusy, current_generation, open_index, reindex_lock
from index.reindex import reindex

from tests.support import survivors_naming

from .conftest import article, write_jsonl
from .small_archive import archive, ids_in, root  # noqa: F401 (archive and root are fixtures)


def finds(root, term):
    with open_index(root).searcher() as searcher:
        return sorted(hit["id"] for hit in searcher.search(Term("content", term), limit=None))


def test_first_reindex_builds_the_index(archive, root):
    summary = reindex([archive], root)
    assert summary.full and summary.added == 5
    assert ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]
    assert finds(root, "electricit") == ["a1", "a2", "a3", "a4", "a5"]


def test_incremental_reindex_adds_updates_deletes_and_leaves_the_rest(archive, root):
    reindex([archive], root)
    write_jsonl(archive / "news.jsonl", [
        article(1), article(2, body="Un tout autre texte sur le nucléaire."),
        article(4), article(5), article(6),
    ])
    summary = reindex([archive], root)
    assert (summary.added, summary.updated, summary.deleted, summary.unchanged) == (1, 1, 1, 3)
    assert ids_in(root) == ["a1", "a2", "a4", "a5", "a6"]
    assert finds(root, "nucleair") == ["a2"]


def test_a_no_change_reindex_writes_nothing(archive, root):
    reindex([archive], root)
    generation = current_generation(root)
    toc_before = sorted(os.listdir(generation))
    summary = reindex([archive], root)
    assert summary.changed == 0 and summary.unchanged == 5
    assert sorted(os.listdir(generation)) == toc_before


def test_a_deleted_file_deletes_its_articles(archive, root, raw_file):
    moved = archive / "brest.txt"
    raw_file.rename(moved)
    reindex([archive], root)
    assert len(ids_in(root)) == 6
    moved.unlink()
    summary = reindex([archive], root)
    assert summary.deleted == 1 and len(ids_in(root)) == 5


def test_articles_of_a_file_read_with_errors_are_kept(archive, root):
    reindex([archive], root)
    write_jsonl(archive / "news.jsonl", [article(1), "{broken", article(3)])
    summary = reindex([archive], root)
    assert summary.deleted == 0 and len(summary.skipped) == 1
    assert ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]


def test_duplicate_ids_keep_the_first_and_report_the_second(archive, root):
    write_jsonl(archive / "more.jsonl", [article(1, title="Autre titre")])
    summary = reindex([archive], root)
    assert summary.added == 5
    assert "duplicate id 'a1'" in next(iter(summary.skipped)).reason


def test_full_reindex_swaps_in_a_new_generation(archive, root):
    reindex([archive], root)
    old = current_generation(root)
    write_jsonl(archive / "news.jsonl", [article(9)])
    summary = reindex([archive], root, full=True)
    assert summary.full and summary.added == 1
    assert current_generation(root) != old
    assert ids_in(root) == ["a9"]


def test_an_index_of_another_format_is_rebuilt_in_full(archive, root):
    reindex([archive], root)
    (current_generation(root) / "chronique-format").write_text("0")
    summary = reindex([archive], root)
    assert summary.full and summary.added == 5


def test_searcher_opened_before_a_full_reindex_keeps_working(archive, root):
    reindex([archive], root)
    searcher = open_index(root).searcher()
    reindex([archive], root, full=True)
    assert len(list(searcher.documents())) == 5
    searcher.close()


def test_a_second_reindex_is_refused_at_once_while_one_holds_the_lock(archive, root):
    with reindex_lock(root):
        started = time.monotonic()
        with pytest.raises(IndexBusy, match="another reindex holds the index"):
            reindex([archive], root)
        assert time.monotonic() - started < 5


def test_killed_full_rebuild_leaves_the_previous_index_in_use(archive, root, tmp_path):
    reindex([archive], root)
    before = current_generation(root)
    big = tmp_path / "big"
    big.mkdir()
    # Large enough to be built by several worker processes.
    filler = "La Russie et la Chine renforcent leur coopération énergétique. " * 8
    write_jsonl(big / "many.jsonl", [article(n, body=filler + str(n)) for n in range(20_000)])
    process = subprocess.Popen(
        [sys.executable, "-m", "index.cli", str(big), "--index", str(root), "--full"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Wait until the rebuild has started writing its new generation, then kill it hard.
    deadline = time.monotonic() + 60
    while len(list(root.glob("gen-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(1)
    assert survivors_naming(root) == []
    assert current_generation(root) == before
    assert ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]
    summary = reindex([archive], root, full=True)
    assert summary.added == 5 and ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]
    assert len(list(root.glob("gen-*"))) <= 2
