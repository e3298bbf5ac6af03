"""Small archives made for the reliability tests, in two versions, and how to tell an index of
one version from an index of the other."""

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from index.reindex import reindex
from index.store import open_index
from search import Searcher
from tests.support import write_jsonl  # noqa: F401 (re-exported for the tests here)

#: A word only in the first version of the articles that change, and one only in the second.
OLD_WORD, NEW_WORD = "palimpseste", "vermillon"

_TOPICS = ["la coopération énergétique", "les élections municipales", "la pêche en Bretagne",
           "le prix de l’électricité", "les vendanges tardives", "la ligne de tramway"]


def news_article(number, marker=OLD_WORD, text_of=None):
    """A short French dispatch; ``marker`` is a word found in its body and nowhere else. Its
    text is its own (its references make it no version of another dispatch), or that of the
    dispatch ``text_of``, republished."""
    topic = _TOPICS[number % len(_TOPICS)]
    text = number if text_of is None else text_of
    references = ", ".join(f"note{text}x{part}" for part in range(30))
    return {
        "id": f"r{number}",
        "title": f"Dépêche {number} sur {topic}",
        "body": (f"Le conseil a débattu de {_TOPICS[text % len(_TOPICS)]} pendant la séance "
                 f"numéro {text}. Les élus parlent d’un {marker} administratif. " * 3
                 + f"Pièces du dossier : {references}.").strip(),
        "date": f"{2019 + number % 6}-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "source": ("Le Courrier", "L’Écho du Port", "La Gazette")[number % 3],
    }


@dataclass(frozen=True)
class State:
    """What a reader sees: every id, and how many articles each probe word finds."""

    ids: frozenset
    old_word_hits: int
    new_word_hits: int
    #: The version groups, each a frozenset of ids.
    groups: frozenset = frozenset()


@dataclass
class Versions:
    """An archive before and after a change, and the state an index of each must show."""

    before: list
    after: list

    def expected(self, records):
        ids = frozenset(record["id"] for record in records)
        by_text = {}
        for record in records:
            by_text.setdefault(record["body"], set()).add(record["id"])
        return State(ids, sum(OLD_WORD in r["body"] for r in records),
                     sum(NEW_WORD in r["body"] for r in records),
                     frozenset(frozenset(group) for group in by_text.values() if len(group) > 1))

    @property
    def before_state(self):
        return self.expected(self.before)

    @property
    def after_state(self):
        return self.expected(self.after)


def versions(count, changed, deleted, added, copy_every=0):
    """``count`` articles, then the same with the first ``changed`` rewritten, the last
    ``deleted`` gone and ``added`` new ones. With ``copy_every``, one article in that many
    republishes the text of the one before it (the two are versions of one text)."""

    def article(number, marker=OLD_WORD):
        copy = copy_every and number % copy_every == 1
        return news_article(number, marker, text_of=number - 1 if copy else None)

    before = [article(n) for n in range(count)]
    after = ([article(n, NEW_WORD) for n in range(changed)]
             + before[changed:count - deleted]
             + [article(n, NEW_WORD) for n in range(count, count + added)])
    return Versions(before, after)


def indexed_then_changed(base, archive):
    """``archive``'s first version written under ``base`` and indexed into ``base/pristine``,
    then the same file rewritten with its second version, as an archive changes: (file, index)."""
    news = base / "archive" / "news.jsonl"
    news.parent.mkdir()
    write_jsonl(news, archive.before)
    pristine = base / "pristine"
    reindex([news], pristine)
    write_jsonl(news, archive.after)
    return news, pristine


def state_of(root):
    """The state a reader of the index at ``root`` sees, through the search API (every
    version counted), with the groups the index version it reads carries."""
    with open_index(root).searcher() as searcher:
        ids = frozenset(fields["id"] for fields in searcher.all_stored_fields())
    searcher = Searcher(root)
    try:
        table = searcher.backend.snapshot().version_table()
        groups = frozenset(frozenset(members) for members in table.members.values())
        return State(ids, searcher.search(OLD_WORD, versions="all")["total"],
                     searcher.search(NEW_WORD, versions="all")["total"], groups)
    finally:
        searcher.close()


#: Runs ``chronique reindex`` with every input large enough to be built by worker processes.
_PARALLEL_REINDEX = ("import index.reindex, index.cli; index.reindex.PARALLEL_MIN_BYTES = 0; "
                     "index.cli.reindex_command()")


def reindex_command(paths, root, *options, parallel=False):
    """The command line of a reindex run in its own process."""
    start = ["-c", _PARALLEL_REINDEX] if parallel else ["-m", "index.cli"]
    return [sys.executable, *start, *map(str, paths), "--index", str(root), *options]


#: Runs a command and writes its peak RSS (kB) to a file. The kernel counts in a process's peak
#: the memory of the process it was exec'd from: started from this small launcher rather than
#: from the test process, the command's own peak is what is measured.
_MEASURE = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[2:]); "
            "_, status, usage = os.wait4(child.pid, 0); open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); "
            "sys.exit(os.waitstatus_to_exitcode(status))")


def run_reindex(paths, root, *options, parallel=False, timeout=300):
    """A reindex in its own process: (exit status, output, its peak RSS in kB)."""
    command = reindex_command(paths, root, *options, parallel=parallel)
    with tempfile.TemporaryDirectory() as scratch:
        peak = os.path.join(scratch, "peak")
        result = subprocess.run([sys.executable, "-c", _MEASURE, peak, *command], timeout=timeout,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        peak_kb = int(Path(peak).read_text()) if os.path.exists(peak) else 0
    return result.returncode, result.stdout, peak_kb
