"""Bulk indexing on a 3-node OpenSearch cluster against the Whoosh build, in one run.

    .venv/bin/python -m bench.opensearch_build [--corpus ../shared/corpus/fr_news.jsonl.gz]

Starts a cluster of its own (HTTP 9270-9272; one JVM per node, 512 MB heap, as `make cluster`),
times its start, a full `reindex --backend opensearch` and a full Whoosh reindex of the same
corpus, and the resident memory of the three nodes after the build. The cluster and Python
share the machine's cores: on two cores the bulk rate is bounded by both.
"""

import argparse
import tempfile
import time
from pathlib import Path

from cluster.launcher import Cluster
from index.opensearch_reindex import reindex_opensearch
from index.opensearch_settings import client_from_settings, opensearch_settings
from index.reindex import reindex

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fr_news.jsonl.gz"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        started = time.monotonic()
        cluster = Cluster(Path(work) / "cluster", http_port=9270, transport_port=9370).start()
        start_s = time.monotonic() - started
        try:
            client = client_from_settings({**opensearch_settings({}),
                                           "OPENSEARCH_URL": ",".join(cluster.urls)})
            began = time.monotonic()
            opensearch = reindex_opensearch([args.corpus], client, "bench", full=True)
            opensearch_s = time.monotonic() - began
            rss = cluster.rss_bytes()
        finally:
            cluster.stop()
        began = time.monotonic()
        whoosh = reindex([args.corpus], Path(work) / "whoosh", full=True)
        whoosh_s = time.monotonic() - began
    mib = {name: size / 2**20 for name, size in rss.items()}
    print(f"cluster start to green: {start_s:.0f} s")
    print(f"opensearch (3 nodes, 3 shards, 1 replica): {opensearch.added} articles in "
          f"{opensearch_s:.0f} s = {opensearch.added / opensearch_s:.0f} articles/s")
    print(f"whoosh (full build, default jobs): {whoosh.added} articles in {whoosh_s:.0f} s = "
          f"{whoosh.added / whoosh_s:.0f} articles/s")
    print(f"opensearch / whoosh rate: {(opensearch.added / opensearch_s) / (whoosh.added / whoosh_s):.2f}")
    print("node RSS after the build: " + ", ".join(f"{n} {m:.0f} MiB" for n, m in mib.items())
          + f"; total {sum(mib.values()):.0f} MiB")


if __name__ == "__main__":
    main()
