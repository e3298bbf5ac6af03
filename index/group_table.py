"""The table of version groups of one index version, as a file beside the index.

A table belongs to one index version: ``groups-N.npz`` to Whoosh's table of contents number N,
written (and synced) before that version is committed. A reindex killed before its commit
leaves a table no version names, overwritten by the next one; a reader always finds the table
of the version it opened. Plain arrays (``numpy.savez``), never pickles: a file is only data.
"""

import io
import os
from pathlib import Path

import numpy

from .versions import NUM_PERM

PREFIX = "groups-"
SIGNATURE_LENGTH = NUM_PERM


class GroupTable:
    """Groups of two or more versions; an article in none is a text of its own.

    ``members[group]`` lists a group's article ids, first-published first; the group's id is
    that first version's id. ``redone`` keeps the fingerprints worked out without the
    standard paragraphs (``common``), for the next reindex.
    """

    def __init__(self, ids, groups, days, sources, common=frozenset(), redone=None):
        self.ids, self.groups, self.days, self.sources = ids, groups, days, sources
        self.common = frozenset(common)
        self.redone = redone or {}
        self.members = {}
        self.group_of = {}
        self.row_of = {}
        for row, (article_id, group) in enumerate(zip(ids, groups)):
            self.members.setdefault(group, []).append(article_id)
            self.group_of[article_id] = group
            self.row_of[article_id] = row

    @classmethod
    def from_groups(cls, groups, common=frozenset(), redone=None):
        """From groups of :class:`index.version_groups.Article` (two or more each)."""
        ids, names, days, sources = [], [], [], []
        for group in groups:
            ordered = sorted(group, key=lambda article: article.election_key)
            for article in ordered:
                ids.append(article.id)
                names.append(ordered[0].id)
                days.append(article.day)
                sources.append(article.source)
        return cls(ids, names, days, sources, common, redone)

    def group(self, article_id):
        """The id of the group of ``article_id`` (its own id when it has no other version)."""
        return self.group_of.get(article_id, article_id)

    def versions(self, article_id):
        """``[(id, day ordinal, source)]`` of the versions of ``article_id``, first-published
        first; just itself when it has no other version."""
        group = self.group_of.get(article_id)
        if group is None:
            return []
        return [(other, self.days[self.row_of[other]], self.sources[self.row_of[other]])
                for other in self.members[group]]

    def size(self, group):
        """How many versions the group ``group`` has (1 for an article alone)."""
        return len(self.members.get(group, ())) or 1

    def __len__(self):
        return len(self.members)

    def to_bytes(self):
        """The table as plain arrays (``numpy.savez``): what a file or a cluster document holds."""
        redone_ids = sorted(self.redone)
        out = io.BytesIO()
        numpy.savez(
            out,
            ids=numpy.array(self.ids, dtype=str), groups=numpy.array(self.groups, dtype=str),
            days=numpy.array(self.days, dtype=numpy.int64),
            sources=numpy.array(self.sources, dtype=str),
            common=numpy.array(sorted(self.common), dtype=numpy.uint32),
            redone_ids=numpy.array(redone_ids, dtype=str),
            redone_sizes=numpy.array([self.redone[i][0] for i in redone_ids], dtype=numpy.int64),
            redone_signatures=numpy.array([self.redone[i][1] for i in redone_ids],
                                          dtype=numpy.uint32).reshape(len(redone_ids),
                                                                      SIGNATURE_LENGTH),
            redone_keys=numpy.array([",".join(map(str, sorted(self.redone[i][2])))
                                     for i in redone_ids], dtype=str))
        return out.getvalue()

    @classmethod
    def from_bytes(cls, raw):
        """The table :meth:`to_bytes` wrote (never unpickles: the bytes are only data)."""
        with numpy.load(io.BytesIO(raw), allow_pickle=False) as data:
            redone = {
                article_id: (int(size), signature,
                             frozenset(int(key) for key in keys.split(",") if key))
                for article_id, size, signature, keys in zip(
                    data["redone_ids"].tolist(), data["redone_sizes"], data["redone_signatures"],
                    data["redone_keys"].tolist())}
            return cls(data["ids"].tolist(), data["groups"].tolist(), data["days"].tolist(),
                       data["sources"].tolist(), data["common"].tolist(), redone)

    def save(self, path):
        """Writes the table to ``path`` in full, synced, then renamed into place."""
        path = Path(path)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        with open(temporary, "wb") as handle:
            handle.write(self.to_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)

    @classmethod
    def load(cls, path):
        return cls.from_bytes(Path(path).read_bytes())


def table_path(generation, toc_generation):
    """Where the table of the index version ``toc_generation`` of ``generation`` lives."""
    return Path(generation) / f"{PREFIX}{toc_generation}.npz"


def read_table(generation, toc_generation):
    """The table of that index version; raises OSError when it has none."""
    return GroupTable.load(table_path(generation, toc_generation))


def remove_older_tables(generation, keep_from):
    """Deletes the tables of versions before ``keep_from`` (the one a reader may still be on
    is kept by passing its number)."""
    for path in Path(generation).glob(f"{PREFIX}*.npz"):
        number = path.name[len(PREFIX):-len(".npz")]
        if number.isdigit() and int(number) < keep_from:
            path.unlink(missing_ok=True)
