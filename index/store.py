"""Where an index lives on disk, and how a new one replaces the old without readers noticing.

An index directory holds generations (``gen-…``, each a complete Whoosh index) and a symbolic
link ``current`` naming the one in use. A full rebuild writes a new generation beside the current
one and then replaces the link in one atomic rename: a reader opens either the old or the new
index, never a half-built one, and a rebuild killed midway leaves the old one in use. Incremental
updates commit into the current generation; Whoosh publishes a commit by renaming its table of
contents, so they are atomic too. One lock file keeps two reindexes from running at once.
"""

import fcntl
import os
import pickle
import shutil
import struct
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index

from .mapped import MappedStorage
from .schema import FORMAT_VERSION, build_schema

DEFAULT_INDEX_DIR = "var/index"
CURRENT = "current"
LOCK_FILE = "reindex.lock"
FORMAT_FILE = "chronique-format"
GENERATION_PREFIX = "gen-"


class IndexBusy(Exception):
    """Another reindex holds the index."""


class IndexMissing(Exception):
    """There is no index at the given place yet."""


class IndexOutdated(IndexMissing):
    """The index was written by a version of Chronique that analysed or stored text otherwise:
    this version cannot read it, and only a full rebuild gives one it can."""


#: What Whoosh raises when a file of the index is truncated or corrupted (a disk error, a copy cut
#: short): it reads its segments with zlib, struct and pickle, and a cut file ends early; bytes
#: changed in place turn into any bad length, offset or key (IndexError, KeyError, ValueError
#: — which UnicodeDecodeError is — or OverflowError), depending on where they fell.
DAMAGE_ERRORS = (EOFError, zlib.error, struct.error, pickle.UnpicklingError, ValueError,
                 IndexError, KeyError, OverflowError)


class IndexDamaged(Exception):
    """A file of the index is damaged; only a full rebuild repairs it."""

    def __init__(self, root, error):
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        super().__init__(f"the index in {root} is damaged ({detail}); "
                         f"`chronique reindex --full PATH…` rebuilds it from the archive")


def index_dir(path=None):
    """The index directory: ``path``, else ``$CHRONIQUE_INDEX``, else ``var/index``."""
    return Path(path or os.environ.get("CHRONIQUE_INDEX") or DEFAULT_INDEX_DIR)


def current_generation(root):
    """The directory of the generation in use, or None when nothing was ever published."""
    link = Path(root) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    return Path(root) / target


def open_index(root, mapped=False):
    """The Whoosh index in use under ``root``; raises :class:`IndexMissing`. ``mapped``: read
    only, from memory maps shared by the whole process (see :mod:`index.mapped`)."""
    generation = current_generation(root)
    if generation is None:
        raise IndexMissing(f"no index in {root}: run `chronique reindex PATH` first")
    # Before Whoosh reads the schema: an older one may name classes this version has not.
    if not is_current_format(generation):
        raise IndexOutdated(f"the index in {root} was written by another version of Chronique "
                            f"(this one reads index format {FORMAT_VERSION}); "
                            "`chronique reindex --full PATH…` rebuilds it from the archive")
    if not whoosh_index.exists_in(generation):
        raise IndexMissing(f"no index in {root}: run `chronique reindex PATH` first")
    if mapped:
        return MappedStorage(generation).open_index()
    return whoosh_index.open_dir(str(generation))


@contextmanager
def reindex_lock(root):
    """Holds the index's reindex lock, or raises :class:`IndexBusy` at once if it is taken.

    The lock is an ``flock`` on a file: the kernel releases it when its holder dies, even by
    ``kill -9``, so a crash never leaves a stale lock behind.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_FILE, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(f"another reindex holds the index {root}; try again when it ends")
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def new_generation(root):
    """A new, empty index beside the current one (call with the reindex lock held)."""
    name = f"{GENERATION_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**6}"
    path = Path(root) / name
    path.mkdir(parents=True)
    whoosh_index.create_in(str(path), build_schema())
    (path / FORMAT_FILE).write_text(str(FORMAT_VERSION))
    return path


def is_current_format(generation):
    """Whether ``generation`` was written with this version's schema and analysis."""
    try:
        return (Path(generation) / FORMAT_FILE).read_text().strip() == str(FORMAT_VERSION)
    except OSError:
        return False


def publish(root, generation):
    """Makes ``generation`` the current index in one atomic rename, then tidies up.

    The generation that was current stays on disk until the next publish, so a search that
    opened it just before the switch can finish.
    """
    root = Path(root)
    previous = current_generation(root)
    _fsync_tree(generation)
    temporary = root / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(generation.name, temporary)
    os.replace(temporary, root / CURRENT)
    _fsync_dir(root)
    remove_stale_generations(root, keep={generation.name, previous.name if previous else None})


def remove_stale_generations(root, keep):
    """Deletes generations other than those in ``keep``: old ones and unfinished rebuilds."""
    for path in Path(root).glob(f"{GENERATION_PREFIX}*"):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _fsync_tree(path):
    for file in Path(path).iterdir():
        with open(file, "rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(path)


def _fsync_dir(path):
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
