"""From the clause tree of :mod:`search.query_parser` to a Whoosh query, and what to highlight.

Every query word goes through the index's own analyzer (:data:`index.analysis.ANALYZER`),
so ``Pekin`` meets Pékin and ``l’Ukraine`` meets Ukraine. A plain word is searched in the whole
article (``content``, title included) and again in the title, whose postings carry the title
boost; a capitalised-name spelling key in ``names`` is a weaker third alternative, so Shoigu
finds Choïgu but ranks below articles that spell it Shoigu. In each field the word's own term
may be replaced by the term of another of its plural or feminine forms, for a little less
(``petit`` finds « petites », which Snowball stems apart).
"""

import functools
import itertools
import math
from dataclasses import dataclass
from datetime import datetime, time

from whoosh import query as wq

from index.analysis import (MIN_NAME_CHARS, analyze, fold, index_term, inflections,
                            name_key, stem)

from .near import Near
from search.backends.tree import TreeTranslator, query_tokens
from search.marks import Marks
from search.query_parser import All, Phrase, Word
from search.ranking import Ranking

#: Most index terms a prefix (``ukrain*``) expands to; the most frequent are kept.
MAX_PREFIX_TERMS = 200
#: Most index terms all the prefixes of one query expand to together: 64 two-letter prefixes
#: would otherwise be 12,800 terms in two fields.
MAX_QUERY_PREFIX_TERMS = 400
#: Most vocabulary entries read to expand one prefix (the most frequent are then kept).
MAX_PREFIX_SCAN = 5_000
#: Shortest prefix searched as a prefix (``a*`` would match most of the vocabulary).
MIN_PREFIX_CHARS = 2
#: In a small archive every word is "rare": spelling keys are always tried below this many articles.
MIN_NAME_MAX_DOCS = 50
#: From this many articles on, a word's key is dropped when it matches over twice as many.
KEY_CHECK_FROM = 20
#: A typed word's other plural and feminine forms (``petites`` for ``petit``) count this much of
#: the typed form, scored at the typed form's rarity: a rarer form is no better a match.
INFLECTION_WEIGHT = 0.8



@dataclass
class BuiltQuery:
    query: object  # a whoosh Query, or None when nothing searchable is left
    marks: Marks
    notices: list
    words: list  # the (word, term) pairs searched in the article text, for suggestions
    relaxable: bool = False  # has juxtaposed words joined by AND, which OR could loosen


class QueryBuilder(TreeTranslator):
    """Builds one query against one index reader (prefixes expand over its vocabulary)."""

    def __init__(self, reader, ranking=Ranking(), frequencies=None):
        self.reader = reader
        self.ranking = ranking
        #: (field, term) → how many articles have it; one index version's searches may share it.
        self.frequencies = {} if frequencies is None else frequencies

    def frequency(self, fieldname, term):
        """How many articles have ``term`` in ``fieldname`` (each word asks several times)."""
        key = (fieldname, term)
        found = self.frequencies.get(key)
        if found is None:
            found = self.frequencies[key] = self.reader.doc_frequency(fieldname, term)
        return found

    def build(self, tree):
        self.marks = Marks()
        self.words = []
        self.relaxable = False
        self.without_title = False
        self.prefix_terms_left = MAX_QUERY_PREFIX_TERMS
        tree = self.start(tree)
        query = self.clause(tree, negated=False) if tree is not None else None
        if query is None:
            self.nothing_to_search()
        return BuiltQuery(query, self.marks, self.notices, self.words, self.relaxable)

    def all(self, node, negated):
        strict = node.explicit or self.ranking.default_operator == "and"
        title_queries = self.title_queries(node) if strict and self.ranking.title_when_all else None
        self.without_title = title_queries is not None
        required, excluded, filters, only_filters = self.split(node, negated)
        self.without_title = False
        if not required:
            return None
        if len(required) == 1 and not title_queries:
            positive = required[0]
        elif strict:
            positive = required[0] if len(required) == 1 else wq.And(required)
            self.relaxable = self.relaxable or (
                not node.explicit and not only_filters and len(required) > 1)
            if title_queries:
                # The title counts when it has every word: it then names what the words are
                # about; a title sharing one word with a query copied from the body does not.
                positive = wq.Or([positive, wq.And(title_queries)])
        else:
            # ``scale`` marks a coordinated OR for scoring.py (Whoosh's own is not used).
            positive = wq.Or(required, scale=1.0 if self.ranking.coordination else None)
        if filters:
            positive = wq.And(filters + [positive])
        if excluded:
            return wq.AndNot(positive, excluded[0] if len(excluded) == 1 else wq.Or(excluded))
        return positive

    def title_queries(self, node):
        """Title queries for the words of a group made only of plain words (one term each),
        else None."""
        return [self.forms("title", term, self.inflection_terms(term, typed),
                           self.ranking.title_weight)
                for _, term, typed in self.title_words(node) or ()] or None

    def either(self, clauses):
        return wq.Or(clauses)

    def word(self, node, negated):
        tokens = query_tokens(node.text)
        if not tokens:
            self.dropped.append(node.text)
            return None
        whole = [t for t in tokens if t[2]]
        parts = [t for t in tokens if not t[2]]
        if not negated:
            self.words.append((node.text, tokens[0][0] if len(tokens) == 1 else None))
        if len(tokens) == 1:
            return self.term(tokens[0][0], node.scope, negated, tokens[0][3])
        if not whole:  # punctuation inside a word (U.S.A, 3,5): its parts side by side
            return self.sequence([t[0] for t in parts], node.scope, negated)
        # A compound (sino-russe, Jean-Michel) is found whole or by its parts. Requiring the
        # parts side by side would mean reading positions in every article having them, the
        # slowest thing a search can do; re-ranking puts articles with them side by side first.
        part_terms = [self.term(t[0], node.scope, negated, None) for t in parts]
        as_parts = part_terms[0] if len(part_terms) == 1 else wq.And(part_terms)
        return wq.Or([self.term(whole[0][0], node.scope, negated, None), as_parts])

    def phrase(self, node, negated):
        terms = [t[0] for t in query_tokens(node.text) if not t[2]]
        if not terms:
            self.dropped.append(node.text)
            return None
        if len(terms) == 1:
            return self.term(terms[0], node.scope, negated, None)
        return self.sequence(terms, node.scope, negated)

    def proximity(self, node, negated):
        """Words within a distance of one another (search.proximity checks the text's)."""
        terms = list(dict.fromkeys(t[0] for text in node.texts
                                   for t in query_tokens(text) if not t[2]))
        if len(terms) < 2 or node.scope == "source":
            words = [Phrase(text, node.scope) for text in node.texts]
            return self.clause(words[0] if len(words) == 1 else All(tuple(words)), negated)
        if not negated:
            self.marks.terms.update(terms)
        return Near("title" if node.scope == "title" else "content", terms, node.slop)

    def sequence(self, terms, scope, negated):
        """Terms side by side (a phrase), in the fields of ``scope``."""
        if not negated:
            self.marks.phrases.add(tuple(terms))
        if scope == "source":
            return self.sources_with(lambda words: _contains_run(words, terms))
        title = wq.Phrase("title", terms, boost=self.ranking.title_weight)
        if scope == "title":
            return title
        return wq.Or([wq.Phrase("content", terms), title])

    def term(self, term, scope, negated, original):
        """A word's term; ``original``, the word as typed, also brings its other inflections
        and its name spelling key."""
        if scope == "source":
            return self.sources_with(lambda words: term in words)
        others = self.inflection_terms(term, original)
        if not negated:
            self.marks.terms.add(term)
            self.marks.terms.update(others)
        title = self.forms("title", term, others, self.ranking.title_weight)
        if scope == "title":
            return title
        alternatives = [self.forms("content", term, others)]
        if not self.without_title:
            alternatives.append(title)
        key = self.name_key_of(original, term) if not negated else None
        if key is not None:
            self.marks.name_keys.add(key)
            alternatives.append(wq.Term("names", key, boost=self.ranking.name_weight))
        return wq.Or(alternatives)

    def inflection_terms(self, term, word):
        """Index terms of the other plural and feminine forms of ``word`` that the index has."""
        if not word:
            return []
        terms = {index_term(form) for form in inflections(fold(word))} - {term, None}
        return sorted(t for t in terms if self.frequency("content", t))

    def forms(self, fieldname, term, others, boost=1.0):
        """``term`` in ``fieldname``, or the best of it and ``others`` (inflections' terms),
        which are scored as if as rare as ``term``, times INFLECTION_WEIGHT."""
        own = wq.Term(fieldname, term, boost=boost)
        others = [t for t in others if self.frequency(fieldname, t)]
        if not others:
            return own
        rarity = self.idf(fieldname, term)
        return wq.DisjunctionMax([own] + [
            wq.Term(fieldname, t, boost=boost * INFLECTION_WEIGHT * rarity / self.idf(fieldname, t))
            for t in others])

    def idf(self, fieldname, term):
        """Whoosh's inverse document frequency (whoosh.scoring.WeightingModel.idf)."""
        documents = self.reader.doc_count_all()
        return math.log(documents / (self.frequency(fieldname, term) + 1)) + 1

    def name_key_of(self, word, term):
        """The spelling key to try among names for a query word, or None."""
        if not word or self.ranking.name_weight <= 0:
            return None
        own = self.frequency("content", term)
        most = max(MIN_NAME_MAX_DOCS, self.ranking.name_max_share * self.reader.doc_count())
        if own > most:
            return None
        folded = fold(word)
        if len(folded) < MIN_NAME_CHARS or not folded.isalpha():
            return None
        key = name_key(folded)
        # A word of some currency whose key mostly gathers other words (cure → "cur", the key
        # of Cour; Seoul → "seul", the key of Seul at a sentence start) keeps to itself.
        if own >= KEY_CHECK_FROM and self.frequency("names", key) > 2 * own:
            return None
        return key

    def prefix(self, node, negated):
        folded = fold(node.text).strip("'’-")
        if len(folded) < MIN_PREFIX_CHARS or not folded.isalnum():
            self.notices.append(f"« {node.text}* » est trop court pour une recherche par début "
                                f"de mot : il est cherché comme un mot entier.")
            return self.word(Word(node.text, node.scope), negated)
        if node.scope == "source":
            return self.sources_with(lambda words: any(w.startswith(folded) for w in words))
        if self.prefix_terms_left <= 0:
            self.notices.append(f"La requête contient trop de débuts de mots : « {node.text}* » "
                                f"est cherché comme un mot entier.")
            return self.word(Word(node.text, node.scope), negated)
        field_name = "title" if node.scope == "title" else "content"
        terms = {t.decode("utf-8") if isinstance(t, bytes) else t
                 for t in itertools.islice(self.reader.expand_prefix(field_name, folded),
                                           MAX_PREFIX_SCAN)}
        # The stem of the prefix itself: "ukraine*" also finds Ukraine, indexed as "ukrain".
        own_stem = stem(folded)
        if folded.startswith(own_stem) and self.frequency(field_name, own_stem):
            terms.add(own_stem)
        if not terms:
            self.words.append((node.text, None))
            return wq.Term(field_name, folded)  # matches nothing, keeps the query's shape
        most = min(MAX_PREFIX_TERMS, self.prefix_terms_left)
        if len(terms) > most:
            self.notices.append(f"« {node.text}* » correspond à beaucoup de mots : seuls les "
                                f"{most} plus fréquents sont cherchés.")
            terms = sorted(terms, key=lambda t: -self.reader.doc_frequency(field_name, t))
            terms = terms[:most]
        self.prefix_terms_left -= len(terms)
        terms = sorted(terms)
        # The best-matching expansion scores, not their sum: an article using five words that
        # start with "ukrain" is not five times as relevant.
        if not negated:
            self.marks.terms.update(terms)
        title = wq.DisjunctionMax([wq.Term("title", t, boost=self.ranking.title_weight)
                                   for t in terms])
        if node.scope == "title":
            return title
        return wq.Or([wq.DisjunctionMax([wq.Term("content", t) for t in terms]), title])

    def sources_with(self, accept):
        """Articles of the sources whose analysed name satisfies ``accept``.

        An archive has a few hundred source names at most: matching them here, against the
        ``source`` column's values, spares every build a field of source words.
        """
        names = [name.decode("utf-8") if isinstance(name, bytes) else name
                 for name in self.reader.lexicon("source")]
        matching = [wq.Term("source", name) for name in names if accept(_source_words(name))]
        if not matching:
            return wq.Term("source", "")  # matches nothing, keeps the query's shape
        return wq.Or(matching)

    def date_span(self, node):
        start = datetime.combine(node.start, time.min) if node.start else None
        end = datetime.combine(node.end, time.max) if node.end else None
        return wq.DateRange("date", start, end)


@functools.lru_cache(maxsize=4096)
def _source_words(name):
    return tuple(analyze(name))


def _contains_run(words, run):
    """Whether ``run`` appears in ``words`` as consecutive items."""
    size = len(run)
    return any(tuple(words[i:i + size]) == tuple(run) for i in range(len(words) - size + 1))
