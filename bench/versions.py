"""Versions of one text on the news corpus: groups found, scores on labelled pairs, cost.

    .venv/bin/python bench/versions.py [--corpus C] [--pairs bench/versions_pairs.tsv] [--build]

Reads the corpus as the index reads it (``index.sources.Archive``: boilerplate lines already
removed), runs :func:`index.versions.version_groups` and reports:

- how many articles belong to a group, and the group sizes;
- on the labelled pairs (ids and labels only, ``1`` = versions of one text): recall on the
  copies and the share of non-copies kept apart, for the pair rule alone (estimated
  containment against thresholds) and for the groups (both ids in one group: LSH misses and
  chains through a third article count too);
- the threshold chosen by two-fold cross-validation: chosen on one half of the pairs, scored
  on the other, both ways;
- the cost: wall and CPU seconds of the detection, and with ``--build`` the wall and CPU
  seconds of a full ``chronique reindex`` of the same corpus in the same run.
"""

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index import versions  # noqa: E402
from index.sources import Archive, Problem  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fr_news.jsonl.gz"
DEFAULT_PAIRS = Path(__file__).resolve().parent / "versions_pairs.tsv"
THRESHOLDS = [round(0.40 + 0.05 * step, 2) for step in range(11)]


def read_articles(corpus):
    return [(item.id, item.title, item.body, item.date) for item in Archive([corpus])
            if not isinstance(item, Problem)]


def read_pairs(path):
    with open(path, encoding="utf-8") as lines:
        rows = [line.rstrip("\n").split("\t") for line in lines][1:]
    return [(a, b, int(label)) for a, b, label in rows]


def scores(decisions):
    """(recall on copies, share of non-copies kept apart) of ``(decided, label)`` pairs."""
    copies = [decided for decided, label in decisions if label]
    others = [decided for decided, label in decisions if not label]
    return sum(copies) / len(copies), 1 - sum(others) / len(others)


def choose(measured):
    """The threshold with the best recall + kept-apart on ``(containment, label)`` pairs.

    Ties go to the higher threshold: grouping two different articles hides one of them,
    while a missed copy only shows twice.
    """
    def merit(threshold):
        recall, apart = scores([(value >= threshold, label) for value, label in measured])
        return recall + apart, threshold
    return max(THRESHOLDS, key=merit)


def cross_validate(measured, seed=12):
    """Two folds, each copies and non-copies split evenly: the threshold chosen on one, scored on the other."""
    rng = random.Random(seed)
    halves = ([], [])
    for label in (0, 1):
        items = [item for item in measured if item[1] == label]
        rng.shuffle(items)
        halves[0].extend(items[: len(items) // 2])
        halves[1].extend(items[len(items) // 2:])
    for chosen_on, scored_on in ((0, 1), (1, 0)):
        threshold = choose(halves[chosen_on])
        recall, apart = scores([(value >= threshold, label) for value, label in halves[scored_on]])
        yield threshold, len(halves[scored_on]), recall, apart


def full_build_seconds(corpus):
    """Wall and CPU seconds of ``chronique reindex --full`` of ``corpus`` into a scratch folder."""
    chronique = str(Path(sys.executable).with_name("chronique"))
    work = Path(tempfile.mkdtemp(prefix="chronique-versions-"))
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([chronique, "reindex", "--full", "--index", str(work / "index"), corpus],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--pairs", default=str(DEFAULT_PAIRS))
    parser.add_argument("--build", action="store_true",
                        help="also time a full chronique reindex of the corpus, for the ratio")
    args = parser.parse_args()

    articles = read_articles(args.corpus)
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    texts = {key: versions.article_paragraphs(title, body) for key, title, body, _ in articles}
    dates = {key: date for key, _, _, date in articles}
    common = versions.common_paragraphs(texts.values())
    groups = versions.group_texts(texts, common, dates)
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start

    grouped = sum(len(group) for group in groups)
    sizes = Counter(len(group) for group in groups)
    print(f"{len(articles)} articles; {len(common)} standard paragraphs "
          f"(in >= {versions.COMMON_PARAGRAPH_ARTICLES} articles)")
    print(f"{grouped} articles ({grouped / len(articles):.1%}) in {len(groups)} groups; "
          f"{len(articles) - grouped + len(groups)} distinct texts")
    print("group sizes: " + ", ".join(f"{size}: {count}" for size, count in sorted(sizes.items())))

    labelled = read_pairs(args.pairs)
    wanted = {key for a, b, _ in labelled for key in (a, b)}
    prints = {key: versions.fingerprint(texts[key], common, dates[key]) for key in wanted}
    measured = [(versions.containment(prints[a], prints[b]), label) for a, b, label in labelled]
    group_of = {key: number for number, group in enumerate(groups) for key in group}
    copies = sum(label for *_, label in labelled)
    print(f"\n{len(labelled)} labelled pairs: {copies} copies, {len(labelled) - copies} not")
    print("| estimated containment >= | recall on copies | non-copies kept apart |")
    print("| --- | ---: | ---: |")
    for threshold in THRESHOLDS:
        recall, apart = scores([(value >= threshold, label) for value, label in measured])
        used = " (used)" if threshold == versions.CONTAINMENT else ""
        print(f"| {threshold:.2f}{used} | {recall:.3f} | {apart:.3f} |")
    rule = [(versions.are_versions(prints[a], prints[b]), label) for a, b, label in labelled]
    together = [(a in group_of and group_of.get(a) == group_of.get(b), label)
                for a, b, label in labelled]
    print("pair rule as used (containment %.2f, short texts near-identical): "
          "recall %.3f, kept apart %.3f" % ((versions.CONTAINMENT,) + scores(rule)))
    print("groups (both in one group): recall %.3f, kept apart %.3f" % scores(together))
    for threshold, size, recall, apart in cross_validate(measured):
        print(f"cross-validation: chosen {threshold:.2f} on one half, on the other {size} pairs: "
              f"recall {recall:.3f}, kept apart {apart:.3f}")

    print(f"\ndetection: {wall:.1f} s wall, {cpu:.1f} s CPU for {len(articles)} articles")
    if args.build:
        build_wall, build_cpu = full_build_seconds(args.corpus)
        print(f"full chronique reindex in the same run: {build_wall:.1f} s wall, "
              f"{build_cpu:.1f} s CPU; detection = {wall / build_wall:.1%} of its wall time, "
              f"{cpu / build_cpu:.1%} of its CPU time")


if __name__ == "__main__":
    main()
