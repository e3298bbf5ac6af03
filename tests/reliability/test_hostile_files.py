"""Ingestion of damaged and hostile files: each is reported with its file (and line) and
skipped, never an exception, and the index stays intact and searchable."""

import gzip
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from index import sources
from index.articles import Article
from index.reindex import reindex
from index.sources import Archive, Problem
from search import Searcher

from .corpus import news_article, run_reindex, write_jsonl

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_all(paths):
    """Every item of an archive, checking each is an article or a problem."""
    items = list(Archive(paths))
    for item in items:
        assert isinstance(item, (Article, Problem)), item
        if isinstance(item, Article):
            assert all(isinstance(getattr(item, name), str)
                       for name in ("id", "title", "body", "source", "url", "author"))
    return items


def problems_in(items):
    return [item for item in items if isinstance(item, Problem)]


@pytest.fixture
def good_index(tmp_path):
    """An index of ten good articles, and the folder they came from."""
    folder = tmp_path / "archive"
    folder.mkdir()
    write_jsonl(folder / "good.jsonl", [news_article(n) for n in range(10)])
    root = tmp_path / "index"
    reindex([folder], root)
    return folder, root


def assert_good_articles_searchable(root):
    searcher = Searcher(root)
    try:
        page = searcher.search("palimpseste", per_page=20)
        assert {hit["id"] for hit in page["hits"]} >= {f"r{n}" for n in range(10)}
    finally:
        searcher.close()


# --- random bytes -------------------------------------------------------------------------

@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".jsonl.gz"]))
def test_random_bytes_are_read_as_articles_or_reported_problems(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        for problem in problems_in(read_all([path])):
            assert problem.location.startswith(str(path.resolve()))


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000),
       flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(1, 255)), max_size=4))
def test_truncated_or_corrupted_gzip_is_reported_with_file_and_line(cut, flips):
    data = bytearray(gzip.compress("\n".join(
        json.dumps(news_article(n), ensure_ascii=False) for n in range(40)).encode()))
    for position, mask in flips:
        data[position % len(data)] ^= mask
    data = bytes(data[:cut % (len(data) + 1)])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.jsonl.gz"
        path.write_bytes(data)
        for problem in problems_in(read_all([path])):
            if problem.skipped:  # a warning (text read as cp1252) names the file alone
                where, _, line = problem.location.rpartition(":")
                assert where == str(path.resolve()) and line.isdigit(), problem
            else:
                assert problem.location == str(path.resolve()), problem


# --- JSON lines with the wrong types --------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
FIELDS = ["id", "title", "body", "text", "content", "date", "source", "url", "author"]


@FUZZ
@given(records=st.lists(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | st.text()),
                        min_size=1, max_size=8))
def test_json_lines_of_any_shape_give_one_article_or_one_problem_per_line(records):
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(Path(folder) / "shapes.jsonl", records)
        items = read_all([path])
        located = [item.location for item in problems_in(items)]
        located += [item.origin for item in items if isinstance(item, Article)]
        lines = sorted(int(place.rpartition(":")[2]) for place in located)
        assert lines == list(range(1, len(records) + 1))
        reindex([path], Path(folder) / "index")  # whatever was accepted, Whoosh can store


@pytest.mark.parametrize("line, reason", [
    ('{"id": "t1", "title": 12, "body": "Du texte."}', "title is int, not text"),
    ('{"id": "t2", "title": "Un titre", "body": null}', "title only, no body"),
    ('{"id": "t3", "title": {"fr": "Titre"}, "body": "Du texte."}', "title is dict, not text"),
    ('{"id": ["t", 4], "title": "Un titre", "body": "Du texte."}', "id is list, not text"),
    ('{"id": true, "title": "Un titre", "body": "Du texte."}', "id is bool, not text"),
    ('{"id": "t7", "title": "Un titre", "body": ["Du", "texte"]}', "body is list, not text"),
    ('{"id": "t8", "title": "Un titre", "body": "Du texte.", "url": {"href": "x"}}', "url is dict, not text"),
    ('{"id": ' + "9" * 5000 + ', "title": "Un titre", "body": "Du texte."}', "broken JSON"),
    ("[" * 100_000, "broken JSON"),
    ('"juste une chaîne"', "a JSON str, not an object"),
    ("NaN", "a JSON float, not an object"),
    ('{"id": "t9", "title": "Un titre"}', "missing title or body"),
], ids=["title-number", "body-null", "title-object", "id-list", "id-bool",
        "body-list", "url-object", "id-5000-digits", "nested-100000", "string", "nan", "no-body"])
def test_wrong_types_are_skipped_with_file_line_and_reason(tmp_path, line, reason):
    path = write_jsonl(tmp_path / "wrong.jsonl", [news_article(1), line, news_article(2)])
    items = read_all([path])
    [problem] = problems_in(items)
    assert problem.location == f"{path.resolve()}:2"
    assert problem.reason.startswith(reason)
    assert [item.id for item in items if isinstance(item, Article)] == ["r1", "r2"]


def test_escaped_lone_surrogates_and_nul_are_dropped_not_fatal(tmp_path):
    line = r'{"id": "s", "title": "Titre \udfff\u0000 ici", "body": "Corps \ud83d du texte"}'
    in_id = r'{"id": "s\ud800", "title": "Autre titre", "body": "Texte"}'  # ids are kept as given
    path = write_jsonl(tmp_path / "surrogates.jsonl", [line, in_id])
    item, problem = read_all([path])
    assert (item.id, item.title, item.body.split()) == ("s", "Titre ici", ["Corps", "du", "texte"])
    assert problem.reason.startswith("id has a control character or a lone surrogate")
    reindex([path], tmp_path / "index")
    searcher = Searcher(tmp_path / "index")
    assert searcher.search("titre")["hits"][0]["id"] == "s"
    searcher.close()


# --- files that vanish, change or never end --------------------------------------------------

def test_a_file_deleted_after_planning_is_reported_and_the_rest_read(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [news_article(1)])
    doomed = write_jsonl(tmp_path / "b.jsonl", [news_article(2)])
    archive = Archive([tmp_path])
    doomed.unlink()
    items = list(archive)
    assert [item.id for item in items if isinstance(item, Article)] == ["r1"]
    [problem] = problems_in(items)
    assert problem.location == str(doomed.resolve()) and "No such file" in problem.reason


def test_a_file_rewritten_while_read_is_read_or_reported(tmp_path):
    plain = write_jsonl(tmp_path / "plain.jsonl", [news_article(n) for n in range(200)])
    packed = tmp_path / "packed.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    items = []
    for item in Archive([packed, plain]):
        items.append(item)
        if len(items) == 1:  # rewrite both in place, behind the open reader's back
            with open(packed, "r+b") as out:
                out.seek(100)
                out.write(os.urandom(2000))
            with open(plain, "r+b") as out:
                out.truncate(5000)
    assert all(isinstance(item, (Article, Problem)) for item in items)


def test_articles_of_a_file_that_fails_midway_are_kept(good_index, monkeypatch):
    folder, root = good_index
    real_open = sources._open_regular

    class FailingMidway:
        def __init__(self, file):
            self.raw = real_open(file)

        def read(self, size=-1):
            if self.raw.tell() > 2000:
                raise OSError(5, "Input/output error")
            return self.raw.read(min(size, 1000) if size and size > 0 else 1000)

        def __getattr__(self, name):
            return getattr(self.raw, name)

        def __iter__(self):
            while line := self.readline():
                yield line

        def readline(self, size=-1):
            if self.raw.tell() > 2000:
                raise OSError(5, "Input/output error")
            return self.raw.readline(size)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.raw.close()

    monkeypatch.setattr(sources, "_open_regular", FailingMidway)
    summary = reindex([folder], root)
    assert summary.deleted == 0
    assert [p.reason for p in summary.skipped] == ["cannot read: Input/output error"]
    monkeypatch.undo()
    assert_good_articles_searchable(root)


def test_pipes_loops_and_undecodable_names_are_reported_by_the_command(good_index):
    folder, root = good_index
    os.mkfifo(folder / "pipe.jsonl")  # opening it would wait for a writer forever
    os.symlink("loop-b.jsonl", folder / "loop-a.jsonl")
    os.symlink("loop-a.jsonl", folder / "loop-b.jsonl")
    (Path(os.fsdecode(bytes(folder)) + os.fsdecode(b"/caf\xe9.jsonl"))).write_text(
        json.dumps({"title": "Nom de fichier", "body": "En Latin-1."}))
    status, output, _ = run_reindex([folder], root, timeout=120)
    assert status == 0, output
    assert "Traceback" not in output
    assert "not a regular file" in output and "pipe.jsonl" in output
    assert "Too many levels of symbolic links" in output
    assert "file name is not UTF-8" in output and "caf\\xe9.jsonl" in output
    assert_good_articles_searchable(root)


# --- size: one huge article, a million tiny lines --------------------------------------------

#: A peak RSS no healthy reindex of these inputs approaches (Whoosh's buffers included), and
#: that one keeping a record per line of a million broken lines exceeds.
MEMORY_BOUND_KB = 200 * 1024


def test_a_million_tiny_lines_are_read_in_bounded_memory(good_index):
    folder, root = good_index
    broken = 0
    with open(folder / "tiny.jsonl", "w") as out:
        for number in range(1_000_000):
            if number % 1000 == 0:
                out.write(json.dumps({"id": f"t{number}", "title": "t", "body": f"b{number}"}) + "\n")
            else:
                line = ("{}", "", "x", "[]")[number % 4]  # blank lines are not problems
                broken += bool(line)
                out.write(line + "\n")
    status, output, peak_kb = run_reindex([folder], root)
    assert status == 0, output
    assert "1000 added" in output and f"{broken} skipped" in output
    assert peak_kb < MEMORY_BOUND_KB, f"peak RSS {peak_kb} kB"
    assert_good_articles_searchable(root)


def test_one_article_of_ten_megabytes_is_indexed_and_found(good_index):
    folder, root = good_index
    words = [f"mot{n}" for n in range(3000)]
    body = " ".join(words[(n * 7919) % len(words)] for n in range(1_200_000)) + " zénith"
    write_jsonl(folder / "huge.jsonl", [{"id": "huge", "title": "Un article démesuré", "body": body}])
    status, output, _ = run_reindex([folder], root)
    assert status == 0 and "1 added" in output, output
    searcher = Searcher(root)
    try:
        page = searcher.search("zenith")
        assert [hit["id"] for hit in page["hits"]] == ["huge"]
        assert len(page["hits"][0]["snippet_html"]) < 2000
    finally:
        searcher.close()
    assert_good_articles_searchable(root)
