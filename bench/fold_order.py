"""Accent folding before or after stemming: which finds known items better?

    .venv/bin/python -m bench.fold_order --corpus ../shared/corpus/fr_news.jsonl.gz \\
        [--per-kind 150] [--articles 8000] [--work /tmp/chronique-fold-order]

Chronique folds a word (``électricité`` → ``electricite``) and then stems it. The alternative
stems the accented word and folds the stem. Each order needs its own index, so both are built
on the same sample of the corpus (every query's target plus random articles, ``--articles`` in
all) and searched with the same generated queries (:mod:`bench.queries`). The alternative
order runs in a child process with :func:`index.analysis.index_term` replaced.
"""

import argparse
import json
import random
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from .queries import KINDS, make_queries, read_articles
from .search_quality import Chronique, evaluate, mrr, success


def stem_then_fold():
    """Replaces the index's term function by the stem-first order, everywhere it is used."""
    import index.analysis as analysis
    import search.highlight as highlight
    from index.stopwords import FRENCH_STOP_WORDS

    @lru_cache(maxsize=500_000)
    def index_term(word, stops=FRENCH_STOP_WORDS):
        if analysis.fold(word) in stops:
            return None
        return analysis.fold(analysis._stemmer.stemWord(word.lower()))

    analysis.index_term = index_term
    highlight.index_term = index_term


def run_order(order, sample, queries_file, root):
    """Builds the sample's index with ``order`` and prints per-kind ranks as JSON."""
    if order == "stem-first":
        stem_then_fold()
    from index.reindex import reindex

    reindex([sample], root, full=True)
    queries = [tuple(q) for q in json.loads(Path(queries_file).read_text())]
    ranks, _ = evaluate(Chronique(root), queries, warmup=0)
    print(json.dumps(ranks))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--work", default="/tmp/chronique-fold-order")
    parser.add_argument("--order", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = Path(args.work)
    if args.order:
        run_order(args.order, work / "sample.jsonl", work / "queries.json", work / args.order)
        return

    work.mkdir(parents=True, exist_ok=True)
    queries = make_queries(args.corpus, per_kind=args.per_kind)
    targets = {target for _, _, target in queries}
    articles = list(read_articles(args.corpus))
    others = [a for a in articles if a["id"] not in targets]
    random.Random(7).shuffle(others)
    sample = [a for a in articles if a["id"] in targets] + others[:max(0, args.articles - len(targets))]
    with open(work / "sample.jsonl", "w", encoding="utf-8") as out:
        for article in sample:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False))

    print(f"{len(sample)} articles, {len(queries)} queries\n")
    print("| order | " + " | ".join(f"{k} MRR@10 / S@10" for k in KINDS) + " | all MRR@10 |")
    print("|---|" + "---|" * (len(KINDS) + 1))
    for order in ("fold-first", "stem-first"):
        output = subprocess.run([sys.executable, "-m", "bench.fold_order", "--corpus", args.corpus,
                                 "--work", args.work, "--order", order],
                                check=True, capture_output=True, text=True).stdout
        ranks = json.loads(output.strip().splitlines()[-1])
        every = [r for kind in KINDS for r in ranks[kind]]
        cells = [f"{mrr(ranks[k]):.3f} / {success(ranks[k]):.2f}" for k in KINDS]
        label = {"fold-first": "fold, then stem (Chronique)", "stem-first": "stem, then fold"}[order]
        print(f"| {label} | " + " | ".join(cells) + f" | {mrr(every):.3f} |")


if __name__ == "__main__":
    main()
