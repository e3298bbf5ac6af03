"""An archive path that cannot be read (moved, unmounted, unreadable) loses no article."""

import os
import shutil

import pytest

from index.store import current_generation, open_index
from tests.support import ChroniqueRunner

from .conftest import article, write_jsonl


def ids_in(root):
    with open_index(root).searcher() as searcher:
        return sorted(fields["id"] for fields in searcher.all_stored_fields())


def run(*arguments):
    return ChroniqueRunner().invoke(["reindex", *arguments])


@pytest.fixture
def archive(tmp_path):
    """Two folders of the archive, indexed together; the first is the one that goes missing."""
    disk, other = tmp_path / "disk", tmp_path / "other"
    (disk / "2022").mkdir(parents=True)
    other.mkdir()
    write_jsonl(disk / "2022" / "news.jsonl", [article(n) for n in range(1, 4)])
    write_jsonl(other / "news.jsonl", [article(n) for n in range(4, 6)])
    root = tmp_path / "index"
    assert run(disk, other, "--index", root).exit_code == 0
    assert ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]
    return disk, other, root


def moved(disk):
    shutil.move(disk, disk.with_name("moved-away"))


def unmounted(disk):
    """What an unmounted disk leaves: its mount point, empty."""
    shutil.move(disk, disk.with_name("moved-away"))
    disk.mkdir()


def unreadable(disk, monkeypatch):
    """A folder that cannot be listed (chmod 000 does not stop root, so listing is refused)."""
    real_scandir = os.scandir

    def refusing(path="."):
        if os.fspath(path).startswith(os.fspath(disk)):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def file_unreadable(disk, monkeypatch):
    """A file that cannot be opened (a permission, a failing disk), its folder still listed."""
    real_open = os.open
    target = os.fspath((disk / "2022" / "news.jsonl").resolve())

    def refusing(path, *args, **kwargs):
        if os.fspath(path) == target:
            raise PermissionError(13, "Permission denied", target)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


def make_unavailable(kind, disk, monkeypatch):
    if kind == "unreadable":
        unreadable(disk, monkeypatch)
    elif kind == "unreadable file":
        file_unreadable(disk, monkeypatch)
    else:
        {"moved": moved, "unmounted": unmounted}[kind](disk)


KINDS = ["moved", "unmounted", "unreadable", "unreadable file"]
REASONS = {"moved": "no such file or directory", "unmounted": "no article file in this folder",
           "unreadable": "Permission denied", "unreadable file": "Permission denied"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("strict", [False, True])
def test_an_incremental_reindex_keeps_every_article_of_an_unavailable_path(
        archive, kind, strict, monkeypatch):
    disk, other, root = archive
    write_jsonl(other / "news.jsonl", [article(4), article(5), article(6)])
    make_unavailable(kind, disk, monkeypatch)
    result = run(disk, other, "--index", root, *(["--strict"] if strict else []))
    assert result.exit_code == (1 if strict else 0), result.output
    assert REASONS[kind] in result.output and "0 deleted" in result.output
    assert ids_in(root) == ["a1", "a2", "a3", "a4", "a5", "a6"]  # the other path still updates


@pytest.mark.parametrize("kind", KINDS)
def test_a_full_rebuild_from_an_unavailable_path_refuses_to_publish(archive, kind, monkeypatch):
    disk, other, root = archive
    before = current_generation(root)
    make_unavailable(kind, disk, monkeypatch)
    result = run(disk, other, "--index", root, "--full")
    assert result.exit_code == 2, result.output
    assert REASONS[kind] in result.output and "left as it was" in result.output
    assert "Traceback" not in result.output
    assert current_generation(root) == before and ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]
    assert sorted(p.name for p in root.glob("gen-*")) == [before.name]


def test_a_file_gone_from_a_folder_walked_whole_is_deleted(archive):
    disk, other, root = archive
    (disk / "2022" / "news.jsonl").unlink()
    write_jsonl(disk / "2022" / "other.jsonl", [article(7)])
    result = run(disk, other, "--index", root)
    assert result.exit_code == 0 and "3 deleted" in result.output, result.output
    assert ids_in(root) == ["a4", "a5", "a7"]


def test_an_unreadable_subfolder_keeps_its_articles_while_the_rest_updates(archive, monkeypatch):
    disk, other, root = archive
    (other / "news.jsonl").unlink()
    write_jsonl(other / "new.jsonl", [article(8)])
    unreadable(disk / "2022", monkeypatch)
    result = run(disk, other, "--index", root)
    assert result.exit_code == 0 and "2 deleted" in result.output, result.output
    assert ids_in(root) == ["a1", "a2", "a3", "a8"]


def test_articles_of_a_path_left_out_of_the_command_are_kept(archive):
    disk, other, root = archive
    moved(disk)
    result = run(other, "--index", root)
    assert result.exit_code == 0 and "0 deleted" in result.output
    assert ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]


def test_only_missing_paths_exit_2_naming_them_and_create_no_index(tmp_path):
    root = tmp_path / "index"
    result = run(tmp_path / "nowhere", "--index", root)
    assert result.exit_code == 2
    assert "no such file or directory" in result.output and "nowhere" in result.output
    assert not root.exists()


def test_only_missing_paths_leave_an_existing_index_unchanged(archive):
    disk, other, root = archive
    before = sorted(os.listdir(current_generation(root)))
    moved(disk)
    shutil.rmtree(other)
    for extra in ([], ["--full"]):
        result = run(disk, other, "--index", root, *extra)
        assert result.exit_code == 2 and str(disk) in result.output, result.output
    assert sorted(os.listdir(current_generation(root))) == before
    assert ids_in(root) == ["a1", "a2", "a3", "a4", "a5"]
