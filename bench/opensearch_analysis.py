"""How often the OpenSearch index's French analyzer gives another term than Chronique's own.

    .venv/bin/python -m bench.opensearch_analysis ../shared/corpus/fr_news.jsonl.gz [--every 10]

Starts a one-node cluster on port 9260 (from cluster/), takes every Nth article, and stems
each distinct word with both: prints the share of word occurrences whose term differs and the
most frequent differing words (Python term, OpenSearch term).
"""

import argparse
import re
import tempfile
from collections import Counter

from cluster.launcher import Cluster
from index.analysis import FrenchTokenizer, fold, index_term, stem
from index.opensearch_mapping import ANALYSIS, ANALYZER, index_body

from .queries import read_articles

_HYPHEN = re.compile("[-‐‑]")
#: The analyzer's filters after the stop words: what turns one folded word into its term.
STEM_FILTERS = ANALYSIS["analyzer"][ANALYZER]["filter"][4:]
BATCH = 500


def vocabulary(path, every):
    """Folded word → occurrences, wholes and parts of compounds alike, stop words left out."""
    counts, tokenizer = Counter(), FrenchTokenizer()
    for number, article in enumerate(read_articles(path)):
        if number % every:
            continue
        for token in tokenizer(f"{article['title']}\n{article['body']}"):
            for word in [token.text, *_HYPHEN.split(token.text)]:
                folded = fold(word)
                if index_term(folded) is not None:
                    counts[folded] += 1
    return counts


def differences(client, index, words):
    found = []
    for start in range(0, len(words), BATCH):
        batch = words[start:start + BATCH]
        answer = client.indices.analyze(index=index, body={
            "tokenizer": "keyword", "filter": STEM_FILTERS, "text": batch})
        for word, token in zip(batch, answer["tokens"], strict=True):
            if token["token"] != stem(word):
                found.append((word, stem(word), token["token"]))
    return found


def main():
    from opensearchpy import OpenSearch

    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--every", type=int, default=10)
    args = parser.parse_args()
    counts = vocabulary(args.corpus, args.every)
    with tempfile.TemporaryDirectory() as root, Cluster(root, size=1, http_port=9260,
                                                        transport_port=9360) as cluster:
        client = OpenSearch(hosts=[cluster.url])
        client.indices.create(index="stems", body=index_body(shards=1, replicas=0))
        found = differences(client, "stems", list(counts))
    total = sum(counts.values())
    differing = sum(counts[word] for word, _, _ in found)
    print(f"{len(counts)} distinct words, {total} occurrences; {len(found)} words stem "
          f"differently, {differing} occurrences ({differing / total:.2%})")
    for word, ours, theirs in sorted(found, key=lambda row: -counts[row[0]])[:30]:
        print(f"{counts[word]:6}  {word:20} chronique {ours:16} opensearch {theirs}")


if __name__ == "__main__":
    main()
