"""Words of an OpenSearch archive for suggestions and completions, asked of the cluster.

The same answers as :class:`search.suggest.Vocabulary`, from requests rather than a reader:
frequencies by ``count``, the closest frequent term by the ``term`` suggester, spellings and
completions from a few articles' stored text. Each answer is cached per index version, within
:data:`MAX_CACHED` entries.
"""

import functools
from collections import Counter

from index.analysis import TOKEN_PATTERN, fold
from index.stopwords import FRENCH_STOP_WORDS

from search.suggest import MIN_GAIN, closest_spelling, count_spellings, edit_distance

import re

#: Entries each cache of a vocabulary keeps before starting afresh.
MAX_CACHED = 10_000
#: Titles read to complete a prefix (the best matching ones).
COMPLETION_TITLES = 100
_WORD = re.compile(TOKEN_PATTERN)


class OpenSearchVocabulary:
    def __init__(self, client, index, cache):
        self.client = client
        self.index = index
        self.cache = cache  # dict of dicts, shared by the snapshots of one index version

    def _cached(self, kind, key, make):
        entries = self.cache.setdefault(kind, {})
        if key not in entries:
            if len(entries) >= MAX_CACHED:
                entries.clear()
            entries[key] = make()
        return entries[key]

    def frequency(self, term):
        """Articles having the index term ``term`` in their text."""
        return self._cached("frequency", term, lambda: self.client.count(
            index=self.index, body={"query": {"term": {"content": term}}})["count"])

    def closest(self, term):
        """A term within two edits found in at least MIN_GAIN times more articles, or None."""
        return self._cached("closest", term, functools.partial(self._find_closest, term))

    def _find_closest(self, term):
        if len(term) < 3:
            return None
        own = self.frequency(term)
        reply = self.client.search(index=self.index, body={"size": 0, "suggest": {"closest": {
            "text": term, "term": {"field": "content", "analyzer": "keyword",
                                   "suggest_mode": "popular", "max_edits": 2, "size": 10,
                                   "prefix_length": 1, "min_word_length": 3}}}})
        best, best_score = None, 0.0
        for entry in reply.get("suggest", {}).get("closest", []):
            for option in entry.get("options", []):
                candidate, frequency = option["text"], option["freq"]
                if frequency <= own or frequency < MIN_GAIN * own or candidate == term:
                    continue
                distance = edit_distance(term, candidate)
                if distance > 2 or (distance == 2 and len(term) < 6):
                    continue
                score = frequency / (30 ** distance)
                if score > best_score:
                    best, best_score = candidate, score
        return best

    def surface(self, term, like, documents=3):
        """How articles write the word indexed as ``term``, the spelling closest to ``like``."""
        reply = self.client.search(index=self.index, body={
            "size": documents, "query": {"term": {"content": term}},
            "_source": ["title", "body"]})
        spellings = Counter()
        for hit in reply["hits"]["hits"]:
            count_spellings(spellings, hit["_source"], term)
        return closest_spelling(spellings, like)

    def completions(self, prefix, limit):
        """Whole titles starting with ``prefix``, then its last word completed from titles."""
        folded_prefix = fold(prefix.lstrip())
        head, _, last = prefix.lstrip().rpartition(" ")
        folded_last = fold(last)
        if not folded_prefix:
            return []
        reply = self.client.search(index=self.index, body={
            "size": COMPLETION_TITLES, "_source": ["title"],
            "query": {"match_phrase_prefix": {"title": {"query": prefix.strip(),
                                                        "max_expansions": 200}}}})
        titles = sorted({(fold(hit["_source"].get("title") or ""), hit["_source"].get("title") or "")
                         for hit in reply["hits"]["hits"]})
        results = []
        if len(folded_prefix) >= 2:
            results = [title for folded, title in titles if folded.startswith(folded_prefix)]
            results = results[:limit]
        if folded_last:
            counts, spellings = Counter(), {}
            for _, title in titles:
                for match in _WORD.finditer(title):
                    word = match.group(1)
                    folded = fold(word)
                    if len(folded) < 3 or folded in FRENCH_STOP_WORDS or \
                            not folded.startswith(folded_last):
                        continue
                    counts[folded] += 1
                    spellings.setdefault(folded, Counter())[word] += 1
            completed = [(head + " " if head else "") + spellings[f].most_common(1)[0][0]
                         for f, _ in counts.most_common()]
            results = completed[:limit - min(len(results), limit // 2)] + results
        return list(dict.fromkeys(results))[:limit]
