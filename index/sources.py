"""Walking the archive: the files to read, their decoding and the articles they hold.

A problem with one file or one line is reported as a :class:`Problem` and the walk goes on:
an archive with a few broken files still gets indexed.
"""

import codecs
import errno
import gzip
import json
import os
import stat
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from .articles import Skip, content_id, make_article, normalize
from .boilerplate import DEFAULT_BOILERPLATE, strip_boilerplate
from .rawtext import parse_raw_text

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
BODY_KEYS = ("body", "text", "content")
#: Read errors that say the file is there but out of reach (permissions, a failing disk), as
#: opposed to a hostile file (a pipe, a link loop) or one deleted while the walk went on.
UNREADABLE_ERRNOS = (errno.EACCES, errno.EPERM, errno.EIO)


@dataclass
class Problem:
    """Something that was not indexed (or, with ``skipped=False``, only a warning)."""

    location: str
    reason: str
    skipped: bool = True

    def __str__(self):
        return f"{self.location}: {self.reason}"


class Archive:
    """The articles under some paths, read lazily, in a stable order.

    After iteration, ``files`` holds every file read and ``incomplete`` those where something
    went wrong, so that a reindex never deletes articles it merely failed to read. ``walked``
    holds the given paths (resolved) that were walked whole and held article files, ``unreadable``
    the paths (given or met on the way) that could not be walked or opened: a reindex deletes an article
    whose file is gone only under a walked path, never under an unreadable one. Files that are
    hidden or of an unknown kind are counted in ``ignored``.
    """

    def __init__(self, paths, boilerplate=DEFAULT_BOILERPLATE):
        self.paths = [Path(p) for p in paths]
        self.boilerplate = boilerplate
        self.files = []
        self.incomplete = set()
        self.ignored = 0
        self.missing = [_printable(p) for p in self.paths if not p.exists()]
        #: Links are followed only to files inside the given paths.
        self.roots = [_resolved(p) for p in self.paths if p.exists()]
        self.walked = []
        self.unreadable = []
        self.walk_problems = []
        #: ``path: reason`` for each path in ``unreadable``, for a refusal to rebuild.
        self.unreadable_reasons = []
        self._planned = [file for path in self.paths if path.exists() for file in self._walk(path)]
        #: Bytes in all files to read, and bytes read so far: progress for an ETA.
        self.total_bytes = sum(_size(file) for file in self._planned)
        self.bytes_done = 0
        self._position = lambda: 0

    @property
    def position(self):
        return self.bytes_done + self._position()

    @property
    def whole(self):
        """Whether every given path was found and walked: a full rebuild may then publish."""
        return not self.missing and not self.unreadable

    def __iter__(self):
        for path in self.missing:
            yield Problem(path, "no such file or directory: nothing under it is deleted")
        yield from self.walk_problems
        for file in self._planned:
            yield from self._read(file)
            self.bytes_done += _size(file)
            self._position = lambda: 0

    def _walk(self, path):
        if not path.is_dir():
            yield _resolved(path)
            self.walked.append(str(_resolved(path)))
            return
        failed = []
        found = 0
        for root, dirs, names in os.walk(path, onerror=failed.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith(".") or not name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                    self.ignored += 1
                    continue
                file = self._followed(Path(root) / name)
                if file is not None:
                    found += 1
                    yield file
        for error in failed:
            where = _printable(error.filename or path)
            self._unreadable(Path(where), f"cannot read folder: {error.strerror or error}")
        if not found and not failed:
            # An unmounted disk leaves an empty mount point: that is no reason to delete.
            self._unreadable(path, "no article file in this folder, an unmounted disk?")
        elif not any(str(_resolved(path)) == where for where in self.unreadable):
            self.walked.append(str(_resolved(path)))

    def _unreadable(self, path, reason):
        self.unreadable.append(str(_resolved(path)))
        self.unreadable_reasons.append(f"{_printable(path)}: {reason}")
        self.walk_problems.append(Problem(_printable(path), f"{reason}: nothing under it is deleted"))

    def _followed(self, path):
        """``path`` resolved, or None (with a problem) for a link that leads outside the roots."""
        file = _resolved(path)
        if path.is_symlink() and file.exists() and not any(_is_within(file, r) for r in self.roots):
            self.walk_problems.append(Problem(
                _printable(path), "symbolic link to a file outside the paths given: not followed"))
            return None
        return file

    def _read(self, file):
        if not _is_utf8_name(file):
            # Whoosh stores the file name in the index as UTF-8, and the summary prints it.
            yield Problem(_printable(file), "file name is not UTF-8: rename the file to index it")
            return
        self.files.append(str(file))
        problems = 0
        reader = self._read_jsonl if file.name.endswith(JSONL_SUFFIXES) else self._read_text
        try:
            for item in reader(file, self.boilerplate):
                if isinstance(item, Problem) and item.skipped:
                    problems += 1
                yield item
        except OSError as error:
            problems += 1
            yield Problem(str(file), f"cannot read: {error.strerror or error}")
            if error.errno in UNREADABLE_ERRNOS:
                # Its articles are still in the index; a rebuild without them would lose them.
                self.unreadable.append(str(file))
                self.unreadable_reasons.append(f"{file}: cannot read: {error.strerror}")
        if problems:
            self.incomplete.add(str(file))

    def _read_text(self, file, boilerplate):
        with _open_regular(file) as raw:
            data = raw.read()
        text, warning = _decode(data, str(file))
        if warning:
            yield warning
        try:
            yield parse_raw_text(normalize(text), file, boilerplate)
        except Skip as skip:
            yield Problem(str(file), str(skip))

    def _read_jsonl(self, file, boilerplate):
        with _open_regular(file) as raw:
            self._position = raw.tell
            stream = gzip.GzipFile(fileobj=raw) if file.name.endswith(".gz") else raw
            yield from _read_jsonl(stream, file, boilerplate)


def _resolved(path):
    """``path`` made absolute with links followed; a link loop is left to fail when read."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python before 3.13 raises RuntimeError on a loop
        return path.absolute()


def _is_within(path, root):
    return path == root or root in path.parents


def is_under(origin_file, folders):
    """Whether the file named ``origin_file`` lies in one of ``folders`` (resolved paths)."""
    path = Path(origin_file)
    return any(_is_within(path, Path(folder)) for folder in folders)


def _open_regular(file):
    """``file`` opened for binary reading, refused unless it is a regular file: opening a
    named pipe would wait for a writer forever, a device may never end."""
    descriptor = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise OSError("not a regular file")
    return open(descriptor, "rb")


def _is_utf8_name(file):
    try:
        str(file).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(path):
    """``path`` as text that can be printed even when its name is not UTF-8."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _size(file):
    try:
        return file.stat().st_size
    except OSError:
        return 0


def _decode(data, where):
    """Text of ``data``: UTF-8 (with or without BOM), else cp1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, Problem(where, "not UTF-8, read as cp1252", skipped=False)


def _read_jsonl(stream, file, boilerplate):
    """Articles of a JSON Lines stream, one object a line."""
    warned = False
    number = 0
    #: Content ids given so far in this file: a repeat of a title and date gets ``-2``, ``-3``…
    given = {}
    try:
        for number, raw in enumerate(stream, 1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            where = f"{file}:{number}"
            line, warning = _decode(raw, where)
            if warning and not warned:
                warned = True
                yield Problem(str(file), f"not UTF-8 from line {number}, read as cp1252",
                              skipped=False)
            try:
                yield _article_from_json(line, file, number, boilerplate, given)
            except Skip as skip:
                yield Problem(where, str(skip))
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield Problem(f"{file}:{number + 1}", f"damaged compressed file ({error})")


def _article_from_json(line, file, number, boilerplate, given):
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as error:  # ValueError: an integer of 5,000 digits
        raise Skip(f"broken JSON ({error.msg if hasattr(error, 'msg') else error})") from None
    if not isinstance(record, dict):
        raise Skip(f"a JSON {type(record).__name__}, not an object")
    body_key = next((key for key in BODY_KEYS if key in record), None)
    if "title" not in record or body_key is None:
        raise Skip("missing title or body")
    body = record[body_key]
    if isinstance(body, str):
        body = "\n".join(strip_boilerplate(body.split("\n"), boilerplate))
    article_id = record.get("id")
    without_id = article_id is None or article_id == ""
    article = make_article(
        id="pending" if without_id else article_id,
        title=record["title"],
        body=body,
        date=record.get("date"),
        source=record.get("source"),
        url=record.get("url"),
        author=record.get("author"),
        origin=f"{file}:{number}",
    )
    if without_id:
        article_id = content_id(file, article.title, article.date)
        repeats = given[article_id] = given.get(article_id, 0) + 1
        article = replace(article, id=article_id + (f"-{repeats}" if repeats > 1 else ""))
    return article
