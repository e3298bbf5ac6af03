"""A disk that fills up during a reindex: `chronique reindex` stops with exit 2 and a clear
message, the previous index stays intact and searchable, and once there is room again the next
reindex completes.

The index lives on a small tmpfs mounted for the test, which needs root. Outside CI a machine
that cannot mount skips these tests with the reason; in CI (CI=true) that is a failure.
"""

import os
import shutil
import subprocess

import pytest

from index.reindex import reindex

from .corpus import indexed_then_changed, run_reindex, state_of, versions


def _cannot_mount(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"disk-full tests need to mount a tmpfs, and CI must run them: {reason}")
    pytest.skip(f"disk-full tests need to mount a tmpfs (run as root): {reason}")


@pytest.fixture
def small_disk(tmp_path):
    """``small_disk(kilobytes)`` → a fresh directory on a tmpfs of that size;
    ``small_disk.grow(path, kilobytes)`` makes room on it."""
    mounted = []

    def mount(kilobytes):
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs",
                                 str(point)], capture_output=True, text=True)
        if result.returncode != 0:
            _cannot_mount(result.stderr.strip() or f"mount exited {result.returncode}")
        mounted.append(point)
        return point

    def grow(point, kilobytes):
        subprocess.run(["mount", "-o", f"remount,size={kilobytes}k", str(point)], check=True)

    mount.grow = grow
    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """A pristine index of a small archive, and the archive grown twelve-fold in place."""
    base = tmp_path_factory.mktemp("disk-full")
    archive = versions(count=200, changed=100, deleted=50, added=2200)
    news, pristine = indexed_then_changed(base, archive)
    grown = base / "grown"
    reindex([news], grown)
    return archive, news, pristine, _kilobytes(pristine), _kilobytes(grown)


def _kilobytes(root):
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file()) // 1024 + 1


#: Free space left beside the previous index, as shares of what the new index needs: from
#: almost nothing (the disk fills at once) to nearly enough (it fills while committing).
ROOM = [0.02, 0.4, 0.85]


@pytest.mark.parametrize("options, parallel", [((), False), (("--full",), True)],
                         ids=["incremental", "full-on-two-processes"])
@pytest.mark.parametrize("room", ROOM)
def test_a_full_disk_stops_the_reindex_cleanly_and_keeps_the_index(scene, small_disk, options,
                                                                   parallel, room):
    archive, news, pristine, pristine_kb, grown_kb = scene
    disk = small_disk(pristine_kb + 64 + int(grown_kb * room))
    root = disk / "index"
    shutil.copytree(pristine, root, symlinks=True)

    status, output, _ = run_reindex([news], root, *options, parallel=parallel)

    assert "Traceback" not in output
    if status == 0:  # there was room after all: then the update is complete
        assert state_of(root) == archive.after_state
        return
    assert status == 2, output
    assert "No space left on device" in output
    assert "the index was left as it was before this reindex" in output
    assert state_of(root) == archive.before_state
    small_disk.grow(disk, (pristine_kb + grown_kb) * 4 + 1024)
    status, output, _ = run_reindex([news], root, *options, parallel=parallel)
    assert status == 0, output
    assert state_of(root) == archive.after_state
