"""`chronique reindex`: its summary, exit codes and messages, and the index location it takes
from the environment."""

from index.store import reindex_lock

from .conftest import article, write_jsonl
from .small_archive import archive, ids_in, root  # noqa: F401 (archive and root are fixtures)


def test_cli_reports_a_busy_index_with_exit_2(runner, archive, root):
    with reindex_lock(root):
        result = runner.invoke(["reindex", str(archive), "--index", str(root)])
    assert result.exit_code == 2
    assert "another reindex holds the index" in result.output


def test_cli_summary_and_exit_codes(runner, archive, root):
    write_jsonl(archive / "bad.jsonl", ["{oops", article(8, date="demain")])
    result = runner.invoke(["reindex", archive, "--index", root])
    assert result.exit_code == 0, result.output
    # The line with an unreadable date is indexed undated, with a warning.
    assert "6 added" in result.output and "1 skipped" in result.output
    assert "bad.jsonl:1" in result.output and "bad.jsonl:2" in result.output
    assert "indexed undated" in result.output
    strict = runner.invoke(["reindex", archive, "--index", root, "--strict"])
    assert strict.exit_code == 1
    assert "6 unchanged" in strict.output


def test_cli_without_paths_is_a_usage_error(runner, root):
    result = runner.invoke(["reindex", "--index", str(root)])
    assert result.exit_code == 2 and "give at least one file or folder" in result.output


def test_cli_index_directory_comes_from_the_environment(runner, archive, tmp_path):
    target = tmp_path / "from-env"
    result = runner.invoke(["reindex", str(archive)], env={"CHRONIQUE_INDEX": str(target)})
    assert result.exit_code == 0 and ids_in(target)


def test_cli_reports_an_unwritable_index_with_exit_2(runner, archive, tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    result = runner.invoke(["reindex", str(archive), "--index", str(blocker / "index")])
    assert result.exit_code == 2 and "could not be updated" in result.output
