"""Reindex progress: the last phase (commit, merge) shows as a phase of its own."""

import io

from index.progress import Progress
from index.reindex import reindex

from .conftest import article, write_jsonl


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Archive:
    total_bytes = 1000
    position = 1000


def test_reading_is_followed_by_a_finishing_call_before_the_commit(tmp_path):
    (tmp_path / "a").mkdir()
    write_jsonl(tmp_path / "a" / "news.jsonl", [article(n) for n in range(1, 4)])
    calls = []
    reindex([tmp_path / "a"], tmp_path / "index", progress=lambda archive, count: calls.append(count))
    assert calls == [1, 2, 3, None]
    calls.clear()
    reindex([tmp_path / "a"], tmp_path / "index", progress=lambda archive, count: calls.append(count))
    assert calls == [1, 2, 3]  # nothing changed: nothing written, no last phase to show


def test_the_bar_reaches_100_percent_then_says_it_is_finishing():
    stream = Terminal()
    progress = Progress(stream)
    for count in range(1, 101):
        progress(Archive(), count)
    progress(Archive(), None)
    progress.close()
    shown = stream.getvalue()
    assert "100%" in shown
    assert shown.rstrip().endswith("Finalisation… (écriture et fusion de l’index)")


def test_a_log_without_a_terminal_names_the_last_phase(runner, tmp_path):
    (tmp_path / "a").mkdir()
    write_jsonl(tmp_path / "a" / "news.jsonl", [article(n) for n in range(1, 4)])
    result = runner.invoke(["reindex", str(tmp_path / "a"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert "read 3 articles; finalising: committing and merging the index" in result.output
