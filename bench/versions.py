"""Versions of one text on the news corpus: groups found, scores on labelled pairs, cost.

    .venv/bin/python bench/versions.py [--corpus C] [--pairs bench/versions_pairs.tsv] [--build]

Reads the corpus as the index reads it (``index.sources.Archive``: boilerplate lines already
removed), runs :func:`index.versions.version_groups` and reports:

- how many articles belong to a group, and the group sizes;
- on the labelled pairs (ids and labels only, ``1`` = versions of one text): recall on the
  copies and the share of non-copies kept apart, for the pair rule alone (estimated
  containment against thresholds) and for the groups (both ids in one group: LSH misses and
  chains through a third article count too);
- the rule (a containment threshold per distance in days between the two texts' dates)
  chosen by cross-validation: fitted on one half of the pairs, scored on the other, both
  ways, over several random splits; the held-out scores are the ones to quote;
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

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index import versions  # noqa: E402
from index.sources import Archive, Problem  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fr_news.jsonl.gz"
DEFAULT_PAIRS = Path(__file__).resolve().parent / "versions_pairs.tsv"
THRESHOLDS = [round(0.40 + 0.05 * step, 2) for step in range(11)]
#: The rules tried by cross-validation: a containment threshold per distance in days (the
#: next day's and later ones at least the same day's).
RULE_THRESHOLDS = [round(0.50 + 0.05 * step, 2) for step in range(9)]
SPLITS = 10


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


def pair_features(prints, labelled):
    """Per labelled pair, as numpy arrays: what :class:`versions.Rule` weighs, and the label."""
    def feature(pair):
        a, b = prints[pair[0]], prints[pair[1]]
        days = versions.days_apart(a, b)
        return (versions.containment(a, b), -1 if days is None else days,
                min(a.size, b.size), a.minhash.jaccard(b.minhash), pair[2])
    columns = [numpy.array(column) for column in zip(*map(feature, labelled))]
    return {"containment": columns[0], "days": columns[1], "size": columns[2],
            "jaccard": columns[3], "label": columns[4].astype(bool)}


def decide(rule, features):
    """:func:`versions.are_versions` of ``rule`` on all pairs at once (same conditions)."""
    days = features["days"]
    threshold = numpy.where(days < 0, rule.undated, numpy.where(
        days == 0, rule.same_day, numpy.where(days == 1, rule.next_day, rule.later)))
    short = features["size"] < versions.MIN_SHINGLES
    return numpy.where(short, features["jaccard"] >= versions.NEAR_IDENTICAL,
                       features["containment"] >= threshold)


def array_scores(decided, label):
    return decided[label].mean(), 1 - decided[~label].mean()


def candidate_rules():
    for same_day in RULE_THRESHOLDS:
        for next_day in RULE_THRESHOLDS:
            for later in RULE_THRESHOLDS:
                for undated in RULE_THRESHOLDS:
                    if next_day >= same_day and later >= same_day:
                        yield versions.Rule(same_day, next_day, later, undated)


def fit(rules, features, rows):
    """The rule with the best recall + kept apart on ``rows`` of the pairs.

    Ties go to the higher thresholds: grouping two different articles hides one of them,
    while a missed copy only shows twice.
    """
    label = features["label"][rows]
    def merit(numbered):
        rule, decided = numbered
        recall, apart = array_scores(decided[rows], label)
        return (round(recall + apart, 9), rule.same_day + rule.next_day + rule.later
                + rule.undated)
    return max(rules, key=merit)[0]


def split(label, seed):
    """Two halves of the pair numbers, copies and non-copies split evenly."""
    rng = random.Random(seed)
    halves = ([], [])
    for value in (False, True):
        items = [n for n in range(len(label)) if label[n] == value]
        rng.shuffle(items)
        halves[0].extend(items[: len(items) // 2])
        halves[1].extend(items[len(items) // 2:])
    return [numpy.array(half) for half in halves]


def cross_validate(features, splits=SPLITS, dated=True):
    """For each random split in halves and each way round: the rule fitted on one half and its
    scores on the other. Yields ``(rule, recall, kept apart)``. ``dated=False``: one threshold
    whatever the dates, for comparison."""
    rules = [(rule, decide(rule, features)) for rule in candidate_rules() if dated or
             rule.same_day == rule.next_day == rule.later == rule.undated]
    for seed in range(splits):
        halves = split(features["label"], seed)
        for chosen_on, scored_on in ((0, 1), (1, 0)):
            rule = fit(rules, features, halves[chosen_on])
            rows = halves[scored_on]
            yield (rule,) + array_scores(decide(rule, features)[rows], features["label"][rows])


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
    hashed_cpu = time.process_time() - cpu_start
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
    features = pair_features(prints, labelled)
    label = features["label"]
    group_of = {key: number for number, group in enumerate(groups) for key in group}
    print(f"\n{len(labelled)} labelled pairs: {label.sum()} copies, {(~label).sum()} not; "
          f"undated: {(features['days'] < 0).sum()}, same day: {(features['days'] == 0).sum()}, "
          f"next day: {(features['days'] == 1).sum()}, later: {(features['days'] > 1).sum()}")
    print("| estimated containment >= (any dates) | recall on copies | non-copies kept apart |")
    print("| --- | ---: | ---: |")
    for threshold in THRESHOLDS:
        print("| %.2f | %.3f | %.3f |" % ((threshold,) + array_scores(
            features["containment"] >= threshold, label)))
    rule = [(versions.are_versions(prints[a], prints[b]), label) for a, b, label in labelled]
    together = [(a in group_of and group_of.get(a) == group_of.get(b), label)
                for a, b, label in labelled]
    print(f"rule as used: {versions.RULE}")
    print("pair rule as used, on all pairs (fitted): recall %.3f, kept apart %.3f" % scores(rule))
    print("groups (both in one group), all pairs (fitted): recall %.3f, kept apart %.3f"
          % scores(together))
    held_out = list(cross_validate(features))
    for rule, recall, apart in held_out:
        print(f"cross-validation: fitted {rule.same_day:.2f}/{rule.next_day:.2f}/{rule.later:.2f}"
              f"/{rule.undated:.2f}; held out: recall {recall:.3f}, "
              f"kept apart {apart:.3f}")
    recalls, aparts = numpy.array([r for _, r, _ in held_out]), numpy.array([a for *_, a in held_out])
    print(f"held-out over {len(held_out)} halves ({SPLITS} random splits, both ways): recall "
          f"{recalls.mean():.3f} (min {recalls.min():.3f}, max {recalls.max():.3f}), kept apart "
          f"{aparts.mean():.3f} (min {aparts.min():.3f}, max {aparts.max():.3f})")
    single = numpy.array([scored for _, *scored in cross_validate(features, dated=False)])
    print("one threshold whatever the dates, same splits: held-out recall %.3f, kept apart %.3f"
          % tuple(single.mean(axis=0)))
    print("median of the fitted thresholds (same day/next day/later/undated): "
          + "/".join(f"{numpy.median([getattr(r, name) for r, *_ in held_out]):.2f}"
                     for name in ("same_day", "next_day", "later", "undated")))

    print(f"\ndetection: {wall:.1f} s wall, {cpu:.1f} s CPU for {len(articles)} articles "
          f"({hashed_cpu:.1f} s CPU to fold, hash and find the standard paragraphs)")
    if args.build:
        build_wall, build_cpu = full_build_seconds(args.corpus)
        print(f"full chronique reindex in the same run: {build_wall:.1f} s wall, "
              f"{build_cpu:.1f} s CPU; detection = {wall / build_wall:.1%} of its wall time, "
              f"{cpu / build_cpu:.1%} of its CPU time")


if __name__ == "__main__":
    main()
