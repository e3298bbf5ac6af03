"""Concurrent use: two reindexes at once, many searches at once in one process, and searches
while the index is being updated."""

import fcntl
import subprocess
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from index.reindex import reindex
from index.store import LOCK_FILE
from search import Searcher

from .corpus import (NEW_WORD, OLD_WORD, news_article, reindex_command, run_reindex, state_of,
                     versions, write_jsonl)


def lock_is_held(root):
    """Whether some process holds the reindex lock (tested without keeping it)."""
    try:
        with open(root / LOCK_FILE, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(lock, fcntl.LOCK_UN)
            return False
    except BlockingIOError:
        return True
    except FileNotFoundError:
        return False


def test_a_second_reindex_is_refused_at_once_with_exit_2(tmp_path):
    archive = tmp_path / "archive.jsonl"
    write_jsonl(archive, [news_article(n) for n in range(6000)])
    root = tmp_path / "index"
    first = subprocess.Popen(reindex_command([archive], root), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while not lock_is_held(root) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    status, output, _ = run_reindex([archive], root, timeout=30)
    assert first.poll() is None, "the first reindex ended before the second could be tried"
    assert status == 2
    assert "another reindex holds the index" in output and "Traceback" not in output
    first_output, _ = first.communicate(timeout=300)
    assert first.returncode == 0, first_output
    assert len(state_of(root).ids) == 6000


@pytest.fixture
def topics_index(tmp_path):
    """Three topics of 30 articles each, from three sources over six years."""
    records = []
    for number in range(90):
        topic = ("vendanges", "tramway", "chalutier")[number % 3]
        records.append({
            "id": f"c{number}", "title": f"Le {topic} numéro {number}",
            "body": f"Un article sur le {topic}, dossier {number}. " * (1 + number % 4),
            "date": f"{2019 + number % 6}-0{1 + number % 9}-1{number % 10}",
            "source": ("Le Courrier", "La Gazette", "L’Écho")[number % 3 if number % 2 else 0],
        })
    write_jsonl(tmp_path / "topics.jsonl", records)
    root = tmp_path / "index"
    reindex([tmp_path / "topics.jsonl"], root)
    return root


REQUESTS = [
    dict(query="vendanges"), dict(query="tramway", sort="newest"),
    dict(query="chalutier", sort="oldest", per_page=5, page=2),
    dict(query="vendanges OR tramway", sources=("La Gazette",)),
    dict(query="numéro", date_from=date(2021, 1, 1), date_to=date(2022, 12, 31), per_page=50),
    dict(query='"dossier 12"'), dict(query="tram*"), dict(query="numéro -vendanges"),
]


def comparable(page):
    """A page without its timing."""
    return {key: value for key, value in page.items() if key != "took_ms"}


def test_many_threads_sharing_one_searcher_get_independent_correct_results(topics_index):
    searcher = Searcher(topics_index)
    try:
        expected = [comparable(searcher.search(**request)) for request in REQUESTS]
        assert all(page["total"] for page in expected)
        jobs = [number % len(REQUESTS) for number in range(800)]
        with ThreadPoolExecutor(max_workers=16) as pool:
            pages = list(pool.map(lambda n: comparable(searcher.search(**REQUESTS[n])), jobs))
        for job, page in zip(jobs, pages):
            assert page == expected[job]
    finally:
        searcher.close()


def test_search_works_after_an_update_that_deleted_articles(tmp_path):
    news = write_jsonl(tmp_path / "news.jsonl", [news_article(n) for n in range(3)])
    reindex([news], tmp_path / "index")
    write_jsonl(news, [news_article(n) for n in range(2)])
    assert reindex([news], tmp_path / "index").deleted == 1
    searcher = Searcher(tmp_path / "index")
    try:
        assert searcher.search(OLD_WORD)["total"] == 2
    finally:
        searcher.close()


def test_a_searcher_opened_before_an_update_no_longer_finds_deleted_articles(tmp_path):
    news = write_jsonl(tmp_path / "news.jsonl", [news_article(n) for n in range(50)])
    reindex([news], tmp_path / "index")
    searcher = Searcher(tmp_path / "index")  # as a server holds it
    try:
        assert searcher.search(OLD_WORD)["total"] == 50 and searcher.article("r7")
        write_jsonl(news, [news_article(n) for n in range(50) if n != 7])
        assert reindex([news], tmp_path / "index").deleted == 1
        assert searcher.article("r7") is None
        assert searcher.search(OLD_WORD)["total"] == 49
    finally:
        searcher.close()


def test_threads_searching_while_the_index_is_updated_see_before_or_after(tmp_path):
    archive = versions(count=600, changed=200, deleted=150, added=50)
    news = write_jsonl(tmp_path / "news.jsonl", archive.before)
    root = tmp_path / "index"
    reindex([news], root)
    searcher = Searcher(root)
    allowed = {(state.old_word_hits, state.new_word_hits)
               for state in (archive.before_state, archive.after_state)}
    seen, errors, done = set(), [], threading.Event()

    def keep_searching():
        while not done.is_set():
            try:
                seen.add((searcher.search(OLD_WORD)["total"], searcher.search(NEW_WORD)["total"]))
            except Exception as error:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(error)
                return

    threads = [threading.Thread(target=keep_searching) for _ in range(6)]
    for thread in threads:
        thread.start()
    try:
        write_jsonl(news, archive.after)
        reindex([news], root)
        time.sleep(0.3)
        write_jsonl(news, archive.before)
        reindex([news], root, full=True)
        time.sleep(0.3)
    finally:
        done.set()
        for thread in threads:
            thread.join()
        searcher.close()
    assert not errors, "".join(traceback.format_exception(errors[0]))
    # Each pair of counts is read by two searches that may straddle a switch; each count alone
    # must come from one state, and both states must have been seen without a restart.
    assert {old for old, _ in seen} <= {old for old, _ in allowed}
    assert {new for _, new in seen} <= {new for _, new in allowed}
    assert {archive.after_state.new_word_hits, archive.before_state.new_word_hits} <= \
        {new for _, new in seen}
