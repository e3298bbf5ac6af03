"""Bringing an index in line with the archive: incremental updates and full rebuilds."""

import os
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, time as day_start
from pathlib import Path

from whoosh import index as whoosh_index

from .articles import Article
from .boilerplate import DEFAULT_BOILERPLATE
from .codec import BuildCodec
from .parallel import ParallelWriter
from .problems import ProblemLog
from .sources import Archive, Problem, is_under
from . import version_groups
from .store import (DAMAGE_ERRORS, IndexDamaged, current_generation, is_current_format,
                    new_generation, open_index, publish, reindex_lock)

#: Memory for Whoosh's posting buffers, per writer process, before it spills sorted runs to
#: disk; large enough that a 40,000-article build sorts in memory.
WRITER_MEMORY_MB = 1024

#: Below this much input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 8 * 1024 * 1024


class ArchiveUnavailable(Exception):
    """The paths to index cannot all be read: going on would lose articles."""


@dataclass
class Summary:
    """What a reindex did, for the final report."""

    full: bool = False
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: ProblemLog = field(default_factory=ProblemLog)
    warnings: ProblemLog = field(default_factory=ProblemLog)
    ignored_files: int = 0
    seconds: float = 0.0

    @property
    def changed(self):
        return self.added + self.updated + self.deleted


def reindex(paths, root, *, full=False, boilerplate=DEFAULT_BOILERPLATE, progress=None,
            jobs=None):
    """Indexes the articles under ``paths`` into the index directory ``root``.

    Incremental unless ``full`` (or there is no index yet, or it was written by a version that
    analysed text differently): new and changed articles are written, unchanged ones left
    alone, and those whose file or line is gone are deleted. An article whose file could not be
    read completely, or that was found under a path missing, unreadable or empty in this run,
    is never deleted. ``progress``, if given, is called with the archive and the number of
    articles read so far, then with ``None`` when all is read and the last phase (commit,
    merge) begins. A full build of a large archive uses ``jobs`` worker processes
    (default: one per core). Raises :class:`~index.store.IndexBusy` when another reindex runs,
    :class:`ArchiveUnavailable` when no given path exists or a rebuild would lose a path's
    articles, :class:`~index.store.IndexDamaged` when the index in use cannot be read.
    """
    started = time.monotonic()
    archive = Archive(paths, boilerplate)
    if archive.missing and not archive.roots:
        raise ArchiveUnavailable(f"no such file or directory: {', '.join(archive.missing)}; "
                                 "nothing was indexed and the index was left as it was")
    with reindex_lock(root):
        generation = current_generation(root)
        if full or generation is None or not is_current_format(generation):
            if generation is not None and not archive.whole:
                raise ArchiveUnavailable(_unavailable_message(archive))
            summary = _rebuild(archive, root, progress, jobs or os.cpu_count() or 1,
                               keep_previous=generation is not None)
        else:
            try:
                summary = _update(archive, root, progress)
            except DAMAGE_ERRORS as error:
                raise IndexDamaged(root, error) from error
    summary.ignored_files = archive.ignored
    summary.seconds = time.monotonic() - started
    return summary


def _rebuild(archive, root, progress, jobs, keep_previous):
    generation = new_generation(root)
    try:
        summary = _write_generation(archive, generation, progress, jobs)
        if keep_previous and not archive.whole:  # a file out of reach, found only when read
            raise ArchiveUnavailable(_unavailable_message(archive))
        publish(root, generation)
    except BaseException:
        # Give the space back at once: after a full disk, the next attempt needs it.
        if current_generation(root) != generation:
            shutil.rmtree(generation, ignore_errors=True)
        raise
    return summary


def _write_generation(archive, generation, progress, jobs):
    summary = Summary(full=True)
    ix = whoosh_index.open_dir(str(generation))
    # The versions column is worked out where the document is written: in the workers.
    parallel = jobs > 1 and archive.total_bytes >= PARALLEL_MIN_BYTES
    if parallel:
        writer = ParallelWriter(ix, procs=jobs, limitmb=WRITER_MEMORY_MB, codec=BuildCodec(),
                                prepare=version_groups.add_column)
    else:
        writer = ix.writer(limitmb=WRITER_MEMORY_MB, codec=BuildCodec())
    try:
        seen = {}
        for article in _articles(archive, summary, seen, progress):
            document = to_document(article)
            writer.add_document(**(document if parallel else version_groups.add_column(document)))
            summary.added += 1
    except BaseException:
        writer.cancel()
        raise
    _finishing(progress, archive)
    writer.commit()
    # Written into the generation before it is published: the two appear together.
    ix = whoosh_index.open_dir(str(generation))
    with ix.searcher() as searcher:
        version_groups.write_groups(generation, ix.latest_generation(),
                                    version_groups.indexed_articles(searcher.reader()),
                                    version_groups.stored_texts(searcher))
    return summary


def _update(archive, root, progress):
    summary = Summary()
    ix = open_index(root)
    known = _known_articles(ix)
    # Opened at the first change only: a reindex that changes nothing writes nothing.
    writer = None
    replaced, written = set(), {}  # document numbers gone; id → document written
    try:
        seen = {}
        for article in _articles(archive, summary, seen, progress):
            previous = known.get(article.id)
            if previous and _unchanged(article, previous[1], previous[2]):
                summary.unchanged += 1
                continue
            writer = writer or ix.writer(limitmb=WRITER_MEMORY_MB, codec=BuildCodec())
            if previous:
                writer.delete_document(previous[0])
                replaced.add(previous[0])
                summary.updated += 1
            else:
                summary.added += 1
            document = version_groups.add_column(to_document(article))
            # Kept for the groups: what they read, and the text in case it has a standard
            # paragraph (not the whole document, whose text is there three times).
            written[article.id] = (version_groups.document_article(document),
                                   article.title, article.body)
            writer.add_document(**document)
        scanned = set(archive.files) - archive.incomplete
        for article_id, (docnum, _, origin) in known.items():
            if article_id not in seen and _is_gone(origin, scanned, archive):
                writer = writer or ix.writer(limitmb=WRITER_MEMORY_MB, codec=BuildCodec())
                writer.delete_document(docnum)
                replaced.add(docnum)
                summary.deleted += 1
        if writer is not None:
            _finishing(progress, archive)
            _write_groups(ix, writer, replaced, written)
    except BaseException:
        if writer is not None:
            writer.cancel()
        raise
    if writer is not None:
        writer.commit()
    return summary


def _write_groups(ix, writer, replaced, written):
    """The groups of the index version ``writer`` is about to commit, written before it."""
    generation = Path(ix.storage.folder)
    with ix.searcher() as searcher:
        articles = version_groups.indexed_articles(searcher.reader(), leave_out=replaced)
        articles += [found for found, _, _ in written.values()]
        previous = version_groups.previous_table(generation, searcher.reader().generation())
        version_groups.write_groups(generation, writer.generation, articles,
                                    version_groups.stored_texts(searcher, {
                                        key: (title, body) for key, (_, title, body)
                                        in written.items()}), previous)


def _finishing(progress, archive):
    """Tells ``progress`` that reading is over: the commit and merge can take a while."""
    if progress is not None:
        progress(archive, None)


def _articles(archive, summary, seen, progress):
    """The articles to index, with problems and duplicate ids moved into ``summary``."""
    count = 0
    for item in archive:
        if isinstance(item, Problem):
            (summary.skipped if item.skipped else summary.warnings).append(item)
            continue
        first = seen.get(item.id)
        if first is not None:
            summary.skipped.append(Problem(item.origin, f"duplicate id {item.id!r}, first at {first}"))
            continue
        seen[item.id] = item.origin
        if item.date_problem:
            summary.warnings.append(Problem(item.origin, item.date_problem, skipped=False))
        count += 1
        if progress is not None:
            progress(archive, count)
        yield item


def _known_articles(ix):
    """id → (document number, content hash, origin) of every article in the index."""
    with ix.reader() as reader:
        return {
            fields["id"]: (docnum, fields.get("hash"), fields.get("origin", ""))
            for docnum, fields in reader.iter_docs()
        }


_LINE_SUFFIX = re.compile(r":\d+$")


def _unchanged(article, known_hash, known_origin):
    """The article is the one the index holds: same content, from the same file."""
    return known_hash == article.hash and _file_of(known_origin) == _file_of(article.origin)


def _file_of(origin):
    """The file part of an origin (``path`` or ``path:line``): an article whose line moved
    within its file is unchanged."""
    return _LINE_SUFFIX.sub("", origin)


def _is_gone(origin, scanned, archive):
    """Whether the article from ``origin`` disappeared: its file was read whole without it, or
    its file no longer exists and the folder it was found in was walked whole in this run (a
    missing, unreadable or empty path is an unmounted disk as often as a deletion)."""
    file = _file_of(origin)
    if file in scanned:
        return True
    return (not Path(file).exists() and is_under(file, archive.walked)
            and not is_under(file, archive.unreadable))


def _unavailable_message(archive):
    reasons = [f"{path}: no such file or directory" for path in archive.missing]
    reasons += archive.unreadable_reasons
    return ("a full rebuild needs every path readable, and " + "; ".join(reasons)
            + ". The index was left as it was before this reindex: make the path readable "
              "(mount the disk?), or leave it out of the command to drop its articles")


def to_document(article: Article):
    """The Whoosh fields of ``article``."""
    document = {
        "id": article.id,
        "title": article.title,
        "content": f"{article.title}\n{article.body}",
        "body": article.body,
        "names": f"{article.title}\n{article.body}",
        "hash": article.hash,
        "origin": article.origin,
    }
    if article.date:
        document["date"] = datetime.combine(article.date, day_start())
        document["year"] = str(article.date.year)
    if article.source:
        document["source"] = article.source
    for name in ("url", "author"):
        if value := getattr(article, name):
            document[name] = value
    return document
