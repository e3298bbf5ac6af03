"""Reading an index from one memory map per file per process, shared by every thread.

Whoosh maps a compound segment file, but then serves each sub-file as a ``BufferFile``, whose
``BytesIO(memoryview)`` *copies* the sub-file: every reader (one per thread) held a private copy
of the whole segment, so memory grew with threads × index size and each thread paid the copy
at its first search. Here the storage hands out :class:`MappedFile` views instead — slices of
one ``mmap`` of the file, shared by every reader of the process: opening a reader copies
nothing, and the pages are the kernel's page cache, counted once however many threads read.

Whoosh's ``CompoundStorage`` opens sub-files with ``dbfile.subset()`` when the storage does
not claim mmap support; :meth:`MappedFile.subset` is a zero-copy slice, so no patching of
Whoosh is needed.
"""

import mmap
import os
import threading
import weakref

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile

_maps = weakref.WeakValueDictionary()  # file identity → _Map; a map lives while a view does
_maps_lock = threading.Lock()


class _Map:
    """One read-only map of a file (a holder, so the registry can hold it weakly)."""

    def __init__(self, path):
        with open(path, "rb") as handle:
            self.map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self.view = memoryview(self.map)


def _shared_map(path):
    """The process's map of ``path``, made on first use. Whoosh never rewrites a file in place
    (a commit writes new files), so a file is known by its inode, size and modification time."""
    info = os.stat(path)
    key = (path, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    with _maps_lock:
        found = _maps.get(key)
        if found is None:
            found = _maps[key] = _Map(path)
        return found


def mapped_files():
    """How many files the process has mapped (for tests: one map per file, not per thread)."""
    with _maps_lock:
        return len(_maps)


class _Window:
    """A read-only file object over ``length`` bytes of a map from ``offset``: ``read``,
    ``readline``, ``seek`` and ``tell`` copy only what is read."""

    __slots__ = ("map", "start", "end", "pos")

    def __init__(self, owner, offset, length):
        self.map, self.start, self.end, self.pos = owner.map, offset, offset + length, offset

    def read(self, size=-1):
        start = self.pos
        end = self.end if size is None or size < 0 else min(start + size, self.end)
        self.pos = max(start, end)
        return self.map[start:end]

    def readline(self, size=-1):
        end = self.end if size is None or size < 0 else min(self.pos + size, self.end)
        cut = self.map.find(b"\n", self.pos, end)
        return self.read((cut + 1 if cut >= 0 else end) - self.pos)

    def seek(self, position, whence=0):
        base = (self.start, self.pos, self.end)[whence]
        self.pos = max(self.start, base + position)
        return self.pos - self.start

    def tell(self):
        return self.pos - self.start

    def close(self):
        pass


class MappedFile(BufferFile):
    """A Whoosh file served from a shared map: ``get`` slices it, ``subset`` is a view."""

    def __init__(self, owner, offset, length, name=None):
        self._owner = owner  # keeps the map alive while this file is open
        self._offset = offset
        self._buf = owner.view[offset:offset + length]
        self._name = name
        self.file = _Window(owner, offset, length)
        self.onclose = None
        self.is_real = False
        self.is_closed = False

    def subset(self, position, length, name=None):
        return MappedFile(self._owner, self._offset + position, length, name or self._name)


class MappedStorage(FileStorage):
    """A read-only Whoosh storage whose files are views on the process's shared maps."""

    supports_mmap = False  # so CompoundStorage takes sub-files with subset(), our views

    def __init__(self, path):
        super().__init__(str(path), supports_mmap=False, readonly=True)

    def open_file(self, name, **kwargs):
        path = self._fpath(name)
        if os.path.getsize(path) == 0:  # an empty file cannot be mapped
            return StructFile(open(path, "rb"), name=name, **kwargs)
        owner = _shared_map(path)
        return MappedFile(owner, 0, len(owner.view), name=name)
