"""Known-item quality and top-10 latency of Chronique and its peers, in one run.

    .venv/bin/python -m bench.search_quality --index /tmp/fr-index \\
        --corpus ../shared/corpus/fr_news.jsonl.gz [--per-kind 150] [--seed 20261126] \\
        [--peers-cache /tmp/chronique-peers]

For every generated query (see :mod:`bench.queries`) each engine returns its top 10 with a
snippet for each hit; the time of that whole call is the latency. Engines take turns query by
query (after 20 warm-up queries), so a busy machine slows them alike. MRR@10 and Success@10 are
computed per query kind. Chronique variants (default operator, title and name weights) run on
the same index. Prints Markdown tables for docs/BENCHMARKS.md.
"""

import argparse
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import replace

from search import Searcher
from search.ranking import Ranking

from .peers import PEERS, PeerUnavailable
from .queries import KINDS, make_queries


class Chronique:
    def __init__(self, index, ranking=Ranking(), name="Chronique", backend=None):
        self.name = name
        self.searcher = Searcher(index, ranking=ranking, backend=backend)

    def search(self, query):
        # Every version: the known item is one article, and the peers do not fold copies.
        return [hit["id"] for hit in
                self.searcher.search(query, per_page=10, versions="all")["hits"]]


def evaluate(engine, queries, warmup=20):
    """Per-kind ranks (None when not in the top 10) and the latency (ms) of every query."""
    return evaluate_all([engine], queries, warmup)[engine.name]


def evaluate_all(engines, queries, warmup=20):
    """:func:`evaluate` for several engines, taking turns query by query, so that whatever
    else the machine does weighs on all of them alike."""
    for _, query, _ in queries[:warmup]:
        for engine in engines:
            engine.search(query)
    results = {engine.name: ({kind: [] for kind in KINDS}, []) for engine in engines}
    for kind, query, target in queries:
        for engine in engines:
            ranks, latencies = results[engine.name]
            started = time.perf_counter()
            ids = engine.search(query)
            latencies.append((time.perf_counter() - started) * 1000)
            ranks[kind].append(ids.index(target) + 1 if target in ids else None)
    return results


def mrr(ranks):
    return sum(1 / r for r in ranks if r) / len(ranks)


def success(ranks):
    return sum(1 for r in ranks if r) / len(ranks)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{cores} cores ({cpu}), Python {platform.python_version()}"


def quality_table(results):
    lines = ["| engine | " + " | ".join(f"{k} MRR@10 / S@10" for k in KINDS) + " | all MRR@10 |",
             "|---|" + "---|" * (len(KINDS) + 1)]
    for name, (ranks, _) in results.items():
        every = [r for kind in KINDS for r in ranks[kind]]
        cells = [f"{mrr(ranks[k]):.3f} / {success(ranks[k]):.2f}" for k in KINDS]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {mrr(every):.3f} |")
    return "\n".join(lines)


def margin_line(results, ours="Chronique"):
    """Chronique's MRR@10 minus the best peer's, per kind, to four decimals."""
    cells = []
    for kind in KINDS:
        peers = [mrr(ranks[kind]) for name, (ranks, _) in results.items() if name != ours]
        cells.append(f"{kind} {mrr(results[ours][0][kind]) - max(peers):+.4f}")
    return "Chronique − best peer (MRR@10): " + ", ".join(cells)


def margins_table(results, ours="Chronique"):
    """Chronique's MRR@10 minus each peer's, per kind, to four decimals."""
    lines = ["| Chronique − peer | " + " | ".join(KINDS) + " |", "|---|" + "---|" * len(KINDS)]
    for name, (ranks, _) in results.items():
        if name != ours:
            cells = [f"{mrr(results[ours][0][k]) - mrr(ranks[k]):+.4f}" for k in KINDS]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def start_peers(corpus, cache):
    """The peers that can run here, and a sentence for each one that cannot."""
    engines, missing = [], []
    for peer in PEERS:
        try:
            engines.append(peer(corpus, cache))
        except PeerUnavailable as reason:
            missing.append(f"**{peer.name} not run**: {reason}")
    return engines, missing


def speed_table(results, reference_names=("plain Whoosh", "tantivy")):
    p95 = {name: percentile(latencies, 0.95) for name, (_, latencies) in results.items()}
    lines = ["| engine | median ms | p95 ms | p95 ÷ plain Whoosh | p95 ÷ tantivy |",
             "|---|---|---|---|---|"]
    for name, (_, latencies) in results.items():
        ratios = [f"{p95[name] / p95[ref]:.2f}" if ref in p95 else "–" for ref in reference_names]
        lines.append(f"| {name} | {statistics.median(latencies):.1f} | {p95[name]:.1f} | "
                     + " | ".join(ratios) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument("--seed", type=int, default=20261126,
                        help="query draw; ranking choices are made on other seeds (4242, 777)")
    parser.add_argument("--peers-cache", default="/tmp/chronique-peers")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--no-variants", action="store_true")
    parser.add_argument("--opensearch", metavar="URL",
                        help="also search the archive indexed on this OpenSearch cluster "
                             "(`chronique reindex --backend opensearch`), in the same run: as "
                             "served (global BM25 statistics), with per-shard statistics, and "
                             "without the title rule")
    parser.add_argument("--opensearch-index", default="chronique", help="its alias")
    args = parser.parse_args()

    queries = make_queries(args.corpus, per_kind=args.per_kind, seed=args.seed)
    print(f"{len(queries)} queries (seed {args.seed}); {machine()}; "
          f"{time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    engines = [Chronique(args.index)]
    engines[0].searcher.warm()
    if args.opensearch:
        from search import backend_from_settings

        settings = {"BACKEND": "opensearch", "OPENSEARCH_URL": args.opensearch,
                    "OPENSEARCH_INDEX": args.opensearch_index}
        engines.append(Chronique(args.index, name="Chronique on OpenSearch",
                                 backend=backend_from_settings(settings)))
        per_shard = backend_from_settings(settings)
        per_shard.search_type = "query_then_fetch"
        engines.append(Chronique(args.index, name="Chronique on OpenSearch, per-shard BM25",
                                 backend=per_shard))
        engines.append(Chronique(args.index, replace(Ranking(), title_when_all=False),
                                 "Chronique on OpenSearch, title on every title match",
                                 backend_from_settings(settings)))
    missing = []
    if not args.no_peers:
        peers, missing = start_peers(args.corpus, args.peers_cache)
        engines += peers
    for sentence in missing:
        print(sentence, file=sys.stderr, flush=True)
    results = evaluate_all(engines, queries)
    print("\n### Quality\n\n" + quality_table(results))
    if len(results) > 1:
        print("\n" + margin_line(results) + "\n\n" + margins_table(results))
    for sentence in missing:
        print("\n" + sentence)
    print("\n### Speed (top 10 with snippets)\n\n" + speed_table(results))

    if args.no_variants:
        return
    base = Ranking()
    variants = {
        "default: AND, title (weight 2) when it has every word": base,
        "OR, scores × share of words matched": replace(base, default_operator="or"),
        "OR, plain sum of scores": replace(base, default_operator="or", coordination=False),
        "AND, title on every title match (not only when it has every word)":
            replace(base, title_when_all=False),
        "AND, no title field (content only)": replace(base, title_weight=0.0),
        "AND, title field weight 1": replace(base, title_weight=1.0),
        "AND, no name spelling keys": replace(base, name_weight=0.0),
        "AND, no second look at the best 100": replace(base, rerank=False),
    }
    variant_results = evaluate_all([Chronique(args.index, ranking, name)
                                    for name, ranking in variants.items()], queries)
    print("\n### Chronique variants\n\n" + quality_table(variant_results))
    print("\n" + speed_table(variant_results))


if __name__ == "__main__":
    main()
