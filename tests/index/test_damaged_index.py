"""A damaged index file: reindex, search and export say so, exit 2, and `reindex --full` repairs it."""

import gc

import pytest

from index.store import current_generation

from .conftest import article, write_jsonl


def truncate(segment):
    data = segment.read_bytes()
    segment.write_bytes(data[: len(data) // 2])


def flip_bytes(segment):
    data = bytearray(segment.read_bytes())
    for position in range(1000, len(data), 997):
        data[position] ^= 0xFF
    segment.write_bytes(bytes(data))


# Whoosh leaves the file of a segment it failed to read open; the command's process then ends.
@pytest.mark.filterwarnings("ignore::ResourceWarning",
                            "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("damage", [truncate, flip_bytes])
def test_a_damaged_segment_is_named_exits_2_and_a_full_rebuild_repairs_it(runner, tmp_path, damage):
    archive = write_jsonl(tmp_path / "news.jsonl", [article(n) for n in range(1, 40)])
    root = tmp_path / "index"
    assert runner.invoke(["reindex", archive, "--index", root]).exit_code == 0
    [segment] = current_generation(root).glob("*.seg")
    damage(segment)
    for arguments in (["search", "russie"], ["export", "russie"], ["reindex", archive]):
        result = runner.invoke([*arguments, "--index", root])
        assert result.exit_code == 2, result.output
        assert f"the index in {root} is damaged" in result.output
        assert "chronique reindex --full" in result.output and "Aborted" not in result.output
    assert runner.invoke(["reindex", archive, "--index", root, "--full"]).exit_code == 0
    result = runner.invoke(["search", "russie", "--index", root])
    assert result.exit_code == 0 and "39 résultat(s)" in result.output, result.output
    del result
    gc.collect()  # the leaked files are closed here, under this test's warning filter


def test_an_index_of_another_version_is_named_exits_2_and_a_full_rebuild_replaces_it(runner, tmp_path):
    archive = write_jsonl(tmp_path / "news.jsonl", [article(n) for n in range(1, 10)])
    root = tmp_path / "index"
    assert runner.invoke(["reindex", archive, "--index", root]).exit_code == 0
    (current_generation(root) / "chronique-format").write_text("5")
    for command in ("search", "export"):
        result = runner.invoke([command, "russie", "--index", root])
        assert result.exit_code == 2, result.output
        assert f"the index in {root} was written by another version of Chronique" in result.output
        assert "chronique reindex --full" in result.output and "Traceback" not in result.output
    assert runner.invoke(["reindex", archive, "--index", root]).exit_code == 0
    assert runner.invoke(["search", "russie", "--index", root]).exit_code == 0
