"""Known-item queries generated from a JSON Lines corpus: each query aims at one article.

Four kinds, each made from one sampled article (fixed random seed, so runs compare):

- ``title_unaccented``: 3–5 words of the title (4+ letters, not stop words), lower-cased and
  typed without accents ("reforme retraites senat").
- ``paragraph_span``: 6 consecutive words from the first paragraph, punctuation dropped.
- ``after_elision``: the 3 rarest words of the body that followed an elision, typed with it
  and a straight apostrophe ("l'Elysee d'Airbus qu'Edouard").
- ``inflected_title``: 3–4 lower-case title words of 5+ letters, at least two of them put in
  another form that the corpus itself uses — plural ↔ singular, feminine ↔ masculine (-s, -x,
  -e, -es, -al/-aux) — as a person might remember them.

Run as a script to print a sample: ``python -m bench.queries CORPUS``.
"""

import gzip
import json
import random
import re
import sys
import unicodedata
from collections import Counter

from unidecode import unidecode

KINDS = ("title_unaccented", "paragraph_span", "after_elision", "inflected_title")
#: French stop words kept out of generated queries (short list; queries stay content words).
STOP = set("""au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais
me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi
ton tu un une vos votre vous c d j l à m n s t y été être avoir fait faire plus sans sous après
avant entre contre depuis comme dont cette cet tout tous toute toutes très aussi bien encore""".split())
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_ELIDED = re.compile(r"(?<![^\W_])(?i:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]([^\W\d_]{3,})"
                     r"(?![^\W_]|['’-])")  # a whole word: not aujourd’hui's "aujourd"


def read_articles(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                article = json.loads(line)
                article["title"] = unicodedata.normalize("NFC", article.get("title") or "")
                article["body"] = unicodedata.normalize("NFC", article.get("body") or "")
                yield article


def plain(word):
    return unidecode(word).lower()


def content_words(text, min_len=4):
    return [w for w in _WORD.findall(text) if len(w) >= min_len and plain(w) not in STOP
            and not w.isdigit()]


def inflect(word, frequency):
    """Another form of a French word that the corpus uses — plural ↔ singular, feminine ↔
    masculine — or None. Among the attested forms, the most frequent is taken."""
    lower = word.lower()
    forms = {lower + "s", lower + "e", lower + "es", lower + "x"}
    if lower.endswith(("s", "x")):
        forms.add(lower[:-1])
    if lower.endswith("es"):
        forms.add(lower[:-2])
    if lower.endswith("e"):
        forms.add(lower[:-1])
    if lower.endswith("aux"):
        forms.add(lower[:-3] + "al")
    if lower.endswith("al"):
        forms.add(lower[:-2] + "aux")
    forms.discard(lower)
    attested = [f for f in forms if frequency.get(f, 0) >= 2]
    return max(attested, key=lambda f: frequency[f]) if attested else None


def make_queries(path, per_kind=150, seed=20261126):
    """(kind, query, target article id) triples, ``per_kind`` of each kind."""
    articles = list(read_articles(path))
    frequency = Counter()
    for article in articles:
        frequency.update({w.lower() for w in _WORD.findall(article["body"])})
    rng = random.Random(seed)
    order = list(range(len(articles)))
    rng.shuffle(order)
    made = {kind: [] for kind in KINDS}
    for index in order:
        if all(len(made[kind]) >= per_kind for kind in KINDS):
            break
        article = articles[index]
        title, body = article["title"], article["body"]
        if title == title.lower():  # titles rebuilt from URLs carry no accents or case
            continue
        kind = min(KINDS, key=lambda k: len(made[k]))
        query = _query(kind, title, body, frequency, rng)
        if query:
            made[kind].append((kind, query, article["id"]))
    return [item for kind in KINDS for item in made[kind][:per_kind]]


def _query(kind, title, body, frequency, rng):
    if kind == "title_unaccented":
        words = content_words(title)
        if len(words) < 3:
            return None
        start = rng.randrange(0, max(1, len(words) - 4))
        return " ".join(plain(w) for w in words[start:start + rng.randint(3, 5)])
    if kind == "paragraph_span":
        first = body.split("\n\n")[0]
        words = _WORD.findall(first)
        if len(words) < 20:
            return None
        start = rng.randrange(0, len(words) - 6)
        return " ".join(words[start:start + 6])
    if kind == "after_elision":
        elided = {}
        for match in _ELIDED.finditer(body):
            word = match.group(1)
            if plain(word) not in STOP:
                elided.setdefault(word.lower(), match.group(0).replace("’", "'"))
        if len(elided) < 3:
            return None
        rarest = sorted(elided, key=lambda w: (frequency[w], w))[:3]
        return " ".join(plain(elided[w][:-len(w)]) + elided[w][-len(w):] for w in rarest)
    if kind == "inflected_title":
        words = [w for w in content_words(title, 5) if w[:1].islower()]
        if len(words) < 3:
            return None
        start = rng.randrange(0, max(1, len(words) - 3))
        chosen = words[start:start + 4]
        forms = [inflect(w, frequency) for w in chosen]
        if sum(1 for f in forms if f) < 2:
            return None
        return " ".join(f or w.lower() for w, f in zip(chosen, forms))
    return None


if __name__ == "__main__":
    for kind, query, target in make_queries(sys.argv[1], per_kind=5):
        print(f"{kind:18} {target:>12}  {query}")
