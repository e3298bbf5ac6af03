"""A reindex killed with SIGKILL at random moments: readers then see the index exactly as it was
before or exactly as it would be after, never a mix and never an error, and the next reindex
completes."""

import os
import random
import shutil
import signal
import subprocess
import time

import pytest

from index.reindex import reindex

from tests.support import survivors_naming

from .corpus import (indexed_then_changed, news_article, reindex_command, state_of, versions,
                     write_jsonl)

#: Kills of each kind; with the two kinds, more than twenty different moments.
KILLS = 10


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """An index of the archive's first version (kept pristine) and the second version on disk:
    200 articles changed, 150 deleted, 50 added; one in 25 a copy of the one before it, so
    that version groups change too (the state compared includes them)."""
    base = tmp_path_factory.mktemp("killed")
    archive = versions(count=1000, changed=200, deleted=150, added=50, copy_every=25)
    news, pristine = indexed_then_changed(base, archive)
    assert state_of(pristine) == archive.before_state
    assert len(archive.before_state.groups) == 40 and archive.after_state.groups != \
        archive.before_state.groups
    return archive, news, pristine


def restore(pristine, root):
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(pristine, root, symlinks=True)


def run_killed(command, delay):
    """Starts ``command`` and kills it with SIGKILL after ``delay`` seconds (if still running)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return False  # it finished first
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def timed(command):
    started = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


@pytest.mark.parametrize("options, parallel", [((), False), (("--full",), True)],
                         ids=["incremental", "full-on-two-processes"])
def test_reindex_killed_at_random_moments_leaves_before_or_after(scene, tmp_path, options, parallel):
    archive, changed, pristine = scene
    root = tmp_path / "index"
    command = reindex_command([changed], root, *options, parallel=parallel)
    # Kill between the end of start-up (imports) and a little after a clean run would end.
    startup = timed([*command, "--help"])
    restore(pristine, root)
    duration = timed(command)
    moments = random.Random(f"kills{options}")
    seen = {"before": 0, "after": 0}
    for _ in range(KILLS):
        restore(pristine, root)
        delay = moments.uniform(startup * 0.9, duration * 1.05)
        killed = run_killed(command, delay)
        time.sleep(0.05)  # let the kernel finish off the workers
        assert survivors_naming(root) == []
        state = state_of(root)
        assert state in (archive.before_state, archive.after_state), \
            f"a mix after a kill at {delay:.2f} s: {len(state.ids)} ids, " \
            f"{state.old_word_hits} old and {state.new_word_hits} new"
        seen["before" if state == archive.before_state else "after"] += 1
        assert killed or state == archive.after_state
        reindex([changed], root, full="--full" in options)
        assert state_of(root) == archive.after_state
    print(f"{KILLS} kills between {startup:.2f} s and {duration:.2f} s: {seen}")


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(child) for child in children.read().split()]
    except OSError:
        return []


@pytest.mark.parametrize("victims", [1, 2], ids=["one-worker", "both-workers"])
def test_a_worker_killed_during_a_full_rebuild_fails_it_and_keeps_the_index(scene, tmp_path,
                                                                              victims):
    archive, changed, pristine = scene
    root = tmp_path / "index"
    restore(pristine, root)
    big = write_jsonl(tmp_path / "big.jsonl", [news_article(n) for n in range(8000)])
    process = subprocess.Popen(reindex_command([big], root, "--full", parallel=True),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while len(children_of(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)  # let the workers write part of their segments
    for worker in children_of(process.pid)[:victims]:
        os.kill(worker, signal.SIGKILL)
    output, _ = process.communicate(timeout=120)  # never waits forever on a dead worker
    assert process.returncode == 2, output
    assert "a worker process was killed by signal 9" in output and "Traceback" not in output
    assert state_of(root) == archive.before_state
    assert len(list(root.glob("gen-*"))) == 1  # the unfinished generation is gone
