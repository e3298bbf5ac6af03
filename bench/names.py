"""Names spelled several ways: what the spelling keys find, and what they add by mistake.

    .venv/bin/python -m bench.names --index /tmp/fr-index --corpus ../shared/corpus/fr_news.jsonl.gz

Part 1 searches each spelling of a few transliterated names with and without spelling keys.
Part 2 takes ordinary query words (the words of the ``title_unaccented`` queries of
:mod:`bench.queries`) and counts the articles the keys add, and how many of those reach the
first page: that is the false-match "flooding" the keys could cause.
"""

import argparse
import statistics
from dataclasses import replace

from search import Searcher
from search.ranking import Ranking

from .queries import make_queries

NAMES = [("Shoigu", "Choïgu", "Choïgou", "Shoïgou"), ("Zelensky", "Zelenski", "Zelenskyy"),
         ("Prigozhin", "Prigojine"), ("Navalny", "Navalni"), ("Medvedev", "Medvedeff"),
         ("Tchétchénie", "Chechnya"), ("Khodorkovski", "Khodorkovsky"), ("Lavrov", "Lavroff")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--words", type=int, default=400)
    args = parser.parse_args()
    with_keys = Searcher(args.index)
    without = Searcher(args.index, ranking=replace(Ranking(), name_weight=0.0))

    print("| spelling | articles (exact spelling) | articles (with keys) |\n|---|---|---|")
    for spellings in NAMES:
        for spelling in spellings:
            print(f"| {spelling} | {without.search(spelling)['total']} | "
                  f"{with_keys.search(spelling)['total']} |")

    words = []
    for kind, query, _ in make_queries(args.corpus, per_kind=args.words // 3):
        if kind == "title_unaccented":
            words += [w for w in query.split() if w.isalpha() and w not in words]
    words = words[:args.words]
    added, on_first_page, keyed = [], [], 0
    for word in words:
        exact = without.search(word, per_page=10)
        found = with_keys.search(word, per_page=10)
        extra = found["total"] - exact["total"]
        keyed += extra > 0
        added.append(extra)
        exact_ids = {h["id"] for h in without.search(word, per_page=100)["hits"]}
        on_first_page.append(sum(1 for h in found["hits"] if h["id"] not in exact_ids
                                 and exact["total"] >= 10))
    print(f"\n{len(words)} ordinary query words: keys add articles for {keyed} "
          f"({keyed / len(words):.0%}); articles added per word: mean {statistics.mean(added):.1f}, "
          f"median {statistics.median(added):.0f}, max {max(added)}; key-only articles on a first "
          f"page that had 10 exact matches: {sum(on_first_page)} in {len(words)} pages")


if __name__ == "__main__":
    main()
