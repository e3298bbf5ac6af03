"""One copy of the index per process, whatever the number of threads searching it."""

import json
import subprocess
import sys
import textwrap

from index.reindex import reindex

from .conftest import write_articles

#: A process searching from many threads: how much its memory grew with the first thread and
#: with seven more, and how big the index is.
PROBE = textwrap.dedent("""
    import json, sys, threading
    from pathlib import Path
    from search import Searcher

    def resident():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024

    root = Path(sys.argv[1])
    searcher = Searcher(root)
    def work():
        searcher.search("fromage affiné")
        searcher.article("a7")
    def in_threads(count):
        threads = [threading.Thread(target=work) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    before = resident()
    in_threads(1)
    one = resident()
    in_threads(7)
    eight = resident()
    size = sum(f.stat().st_size for f in (root / "current").resolve().iterdir())
    print(json.dumps({"one": one - before, "more": eight - one, "index": size}))
""")


def test_memory_does_not_grow_with_the_threads_searching(tmp_path):
    # Long bodies make a large stored-text file: a copy per thread would show plainly.
    words = [f"mot{number}" for number in range(4000)]
    articles = [{"title": f"Fromage affiné numéro {n}",
                 "body": " ".join(words[(n * 37 + i) % 4000] for i in range(2500))
                 + " fromage affiné"} for n in range(120)]
    root = tmp_path / "index"
    reindex([write_articles(tmp_path / "articles", articles)], root)

    probe = subprocess.run([sys.executable, "-c", PROBE, str(root)], capture_output=True,
                           text=True, check=True)
    grown = json.loads(probe.stdout)
    # Seven more threads reading the same index version add less than one copy of it (a copy
    # per thread would add seven; what they add is their own stacks and allocator arenas).
    assert grown["more"] < grown["index"], grown
