"""Where a peer ranks the known item higher than Chronique: MRR@10 per kind, then the queries.

    .venv/bin/python -m bench.peer_losses --index /tmp/fr-index \\
        --corpus ../shared/corpus/fr_news.jsonl.gz --seed 1001 [--per-kind 400] \\
        [--peer "tantivy, tuned"] [--kind title_unaccented] [--peers-cache /tmp/chronique-peers]

The queries and engines are those of :mod:`bench.search_quality`; the peers run are the tuned
tantivy and both Lucene set-ups. With ``--peer`` and ``--kind``, every query of that kind where
the peer ranks the target higher is printed (``LOSS``), with both ranks (None: not in the top
10). This is how ranking choices are studied, on seeds other than the benchmark's. Per kind and
peer it also counts the queries each engine ranks higher, with a sign test: whether a lead is
won query by query or rests on a few.
"""

import argparse
import math

from .peers import Lucene, LuceneOred, TunedTantivy
from .queries import KINDS, make_queries
from .search_quality import Chronique, mrr

PEERS = (TunedTantivy, Lucene, LuceneOred)


def ranks(engine, queries):
    """The target's rank in ``engine``'s top 10 for each query, None when absent."""
    found = []
    for _, query, target in queries:
        ids = engine.search(query)
        found.append(ids.index(target) + 1 if target in ids else None)
    return found


def sign_test(wins, losses):
    """Two-sided exact sign test: how likely so uneven a split of the queries where the two
    engines differ would be if neither were better (ties left out)."""
    n, k = wins + losses, min(wins, losses)
    if n == 0:
        return 1.0
    return min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n)


def head_to_head(ours, theirs):
    """(queries where Chronique ranks the target higher, lower), absent counting as rank 11."""
    def rank(found):
        return 11 if found is None else found
    wins = sum(rank(a) < rank(b) for a, b in zip(ours, theirs))
    losses = sum(rank(a) > rank(b) for a, b in zip(ours, theirs))
    return wins, losses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-kind", type=int, default=400)
    parser.add_argument("--peers-cache", default="/tmp/chronique-peers")
    parser.add_argument("--peer", choices=[peer.name for peer in PEERS])
    parser.add_argument("--kind", choices=KINDS)
    args = parser.parse_args()

    queries = make_queries(args.corpus, per_kind=args.per_kind, seed=args.seed)
    by_engine = {"Chronique": ranks(Chronique(args.index), queries)}
    for peer in PEERS:
        by_engine[peer.name] = ranks(peer(args.corpus, args.peers_cache), queries)
    print(f"seed {args.seed}, {args.per_kind} queries per kind, MRR@10 (Chronique − peer)")
    ours = by_engine["Chronique"]
    for kind in KINDS:
        rows = [i for i, (k, _, _) in enumerate(queries) if k == kind]
        own = mrr([ours[i] for i in rows])
        cells = [f"{name} {mrr([found[i] for i in rows]):.4f} "
                 f"({own - mrr([found[i] for i in rows]):+.4f})"
                 for name, found in by_engine.items() if name != "Chronique"]
        print(f"{kind}: Chronique {own:.4f}; " + "; ".join(cells))
    print("queries where Chronique ranks the target higher / lower than the peer (sign test p)")
    for kind in KINDS:
        rows = [i for i, (k, _, _) in enumerate(queries) if k == kind]
        cells = []
        for name, found in by_engine.items():
            if name != "Chronique":
                wins, losses = head_to_head([ours[i] for i in rows], [found[i] for i in rows])
                cells.append(f"{name} {wins}/{losses} (p={sign_test(wins, losses):.2g})")
        print(f"{kind}: " + "; ".join(cells))
    if args.peer and args.kind:
        theirs = by_engine[args.peer]
        for i, (kind, query, target) in enumerate(queries):
            if kind == args.kind and theirs[i] and (ours[i] is None or ours[i] > theirs[i]):
                print(f"LOSS {query!r} {target}: Chronique {ours[i]}, {args.peer} {theirs[i]}")


if __name__ == "__main__":
    main()
