"""From the clause tree of :mod:`search.query_parser` to an OpenSearch ``bool`` query.

Words are ``match`` queries that the cluster analyses with the index's own analyzer (the
stemmers differ on a few words: a term made here could miss what the index wrote). What is
marked in the text is worked out here, with Chronique's analyzer, since snippets are cut in
Python (:mod:`search.highlight`). A word is searched in ``content`` (title and body) and again
in the title, boosted by :attr:`search.ranking.Ranking.title_weight` (in a group of plain
words joined by AND, the title counts only when it has every word); its other plural and
feminine forms count :data:`INFLECTION_WEIGHT` of it, and a capitalised name's spelling key in
``names`` counts ``name_weight``, as in the Whoosh backend.
"""

from dataclasses import dataclass

from index.analysis import (MIN_NAME_CHARS, analyze, fold, index_term, inflections,
                            name_key, stem)

from search.marks import Marks
from search.backends.tree import TreeTranslator, query_tokens
from search.query_parser import All, Phrase, Word
from search.ranking import Ranking

#: The same limits and weights as the Whoosh backend's (search/backends/whoosh/query_builder.py):
#: most index terms a prefix expands to, shortest prefix, weight of a word's other forms.
MAX_PREFIX_TERMS = 200
MIN_PREFIX_CHARS = 2
INFLECTION_WEIGHT = 0.8
MIN_NAME_MAX_DOCS = 50
KEY_CHECK_FROM = 20

#: A query that matches nothing, where a clause has nothing to look for (keeps the shape).
NOTHING = {"bool": {"must_not": {"match_all": {}}}}


@dataclass
class Translated:
    query: dict  # the OpenSearch query, or None when nothing searchable is left
    marks: Marks
    notices: list
    words: list  # the (word, term) pairs searched in the article text, for suggestions
    relaxable: bool = False


class QueryTranslator(TreeTranslator):
    """Translates one tree; ``source_names`` gives the archive's source names (for source:)."""

    def __init__(self, ranking=Ranking(), source_names=(), frequency=None, doc_count=None):
        self.ranking = ranking
        self.source_names = source_names
        #: ``frequency(field, term)``: articles with the term; ``doc_count()``: articles. They
        #: gate name keys as the Whoosh backend does (None: keys always tried).
        self.frequency = frequency
        self.doc_count = doc_count

    def translate(self, tree):
        self.marks, self.words = Marks(), []
        self.relaxable = self.without_title = False
        tree = self.start(tree)
        query = self.clause(tree, False) if tree is not None else None
        if query is None:
            self.nothing_to_search()
        return Translated(query, self.marks, self.notices, self.words, self.relaxable)

    def date_span(self, node):
        return _date_range(node.start, node.end)

    def all(self, node, negated):
        strict = node.explicit or self.ranking.default_operator == "and"
        title_all = self.title_alternative(node) if strict and self.ranking.title_when_all else None
        self.without_title = title_all is not None
        required, excluded, filters, only_filters = self.split(node, negated)
        self.without_title = False
        if not required:
            return None
        if strict:
            self.relaxable = self.relaxable or (
                not node.explicit and not only_filters and len(required) > 1)
            body = {"must": required}
            if title_all is not None:
                # The title counts when it has every word, as in the Whoosh backend: it then
                # names what the words are about; one shared word does not.
                body["should"] = [title_all]
        else:
            # OR of juxtaposed words: BM25 sums the clauses, so more words rank higher.
            body = {"should": required, "minimum_should_match": 1}
        if filters:
            body["filter"] = filters
        if excluded:
            body["must_not"] = excluded
        return {"bool": body}

    def title_alternative(self, node):
        """Every plain word of the group in the title (each one term), or None when the group
        holds anything else."""
        clauses = [_forms("title", [text] + self.inflected(typed), self.ranking.title_weight)
                   for text, _, typed in self.title_words(node) or ()]
        return {"bool": {"must": clauses}} if clauses else None

    def either(self, clauses):
        return {"bool": {"should": clauses, "minimum_should_match": 1}}

    def word(self, node, negated):
        tokens = query_tokens(node.text)
        if not tokens:
            self.dropped.append(node.text)
            return None
        if not negated:
            self.words.append((node.text, tokens[0][0] if len(tokens) == 1 else None))
            self.marks.terms.update(t[0] for t in tokens)
        if node.scope == "source":
            terms = [t[0] for t in tokens if not t[2]]
            return self.sources_with(lambda words: _contains_run(words, terms))
        whole = [t for t in tokens if t[2]]
        if len(tokens) > 1 and not whole:  # punctuation inside a word (U.S.A, 3,5)
            return self.sequence(node.text, [t[0] for t in tokens], node.scope, negated)
        original = tokens[0][3] if len(tokens) == 1 else None
        forms = [node.text] + (self.inflected(original) if original else [])
        title = _forms("title", forms, self.ranking.title_weight)
        if node.scope == "title":
            return title
        alternatives = [_forms("content", forms)] + ([] if self.without_title else [title])
        key = self.name_key_of(original, tokens[0][0]) if not negated else None
        if key is not None:
            self.marks.name_keys.add(key)
            alternatives.append({"term": {"names": {"value": key,
                                                     "boost": self.ranking.name_weight}}})
        return {"bool": {"should": alternatives, "minimum_should_match": 1}}

    def inflected(self, word):
        """The other plural and feminine forms of ``word`` (their index terms are marked)."""
        own = index_term(fold(word))
        forms = sorted(form for form in inflections(fold(word)) if index_term(form) not in
                       (own, None))
        self.marks.terms.update(index_term(form) for form in forms)
        return forms

    def name_key_of(self, word, term):
        """The spelling key to try among names, or None: only for a rare word, and not when
        the key mostly gathers other words (the rules and limits of the Whoosh backend)."""
        if not word or self.ranking.name_weight <= 0:
            return None
        folded = fold(word)
        if len(folded) < MIN_NAME_CHARS or not folded.isalpha():
            return None
        key = name_key(folded)
        if self.frequency is None:
            return key
        own = self.frequency("content", term)
        if own > max(MIN_NAME_MAX_DOCS, self.ranking.name_max_share * self.doc_count()):
            return None
        if own >= KEY_CHECK_FROM and self.frequency("names", key) > 2 * own:
            return None
        return key

    def phrase(self, node, negated):
        terms = [t[0] for t in query_tokens(node.text) if not t[2]]
        if not terms:
            self.dropped.append(node.text)
            return None
        if node.scope == "source":
            return self.sources_with(lambda words: _contains_run(words, terms))
        if len(terms) == 1:
            return self.word(Word(node.text, node.scope), negated)
        return self.sequence(node.text, terms, node.scope, negated)

    def sequence(self, text, terms, scope, negated):
        if not negated:
            self.marks.phrases.add(tuple(terms))
        title = {"match_phrase": {"title": {"query": text, "boost": self.ranking.title_weight}}}
        if scope == "title":
            return title
        return {"bool": {"should": [{"match_phrase": {"content": text}}, title],
                         "minimum_should_match": 1}}

    def proximity(self, node, negated):
        """Words within ``slop`` words of one another, by the index's positions (intervals)."""
        terms = list(dict.fromkeys(t[0] for text in node.texts
                                   for t in query_tokens(text) if not t[2]))
        if len(terms) < 2 or node.scope == "source":
            words = [Phrase(text, node.scope) for text in node.texts]
            return self.clause(words[0] if len(words) == 1 else All(tuple(words)), negated)
        if not negated:
            self.marks.terms.update(terms)
        field = "title" if node.scope == "title" else "content"
        texts = [text for text in node.texts if query_tokens(text)]
        if len(texts) == 1:  # "a phrase"~n: its words with at most n others among them
            return {"intervals": {field: {"match": {"query": texts[0], "ordered": False,
                                                    "max_gaps": node.slop}}}}
        rules = [{"match": {"query": text, "ordered": True, "max_gaps": 0}} for text in texts]
        return {"intervals": {field: {"all_of": {"intervals": rules, "ordered": False,
                                                 "max_gaps": node.slop}}}}

    def prefix(self, node, negated):
        folded = fold(node.text).strip("'’-")
        if len(folded) < MIN_PREFIX_CHARS or not folded.isalnum():
            self.notices.append(f"« {node.text}* » est trop court pour une recherche par début "
                                f"de mot : il est cherché comme un mot entier.")
            return self.word(Word(node.text, node.scope), negated)
        if node.scope == "source":
            return self.sources_with(lambda words: any(w.startswith(folded) for w in words))
        own_stem = stem(folded)
        if not negated:
            # Marked by the prefix's own stem only: the terms it expands to are the cluster's.
            self.marks.terms.add(own_stem)

        def in_field(field, boost=1.0):
            # The most frequent MAX_PREFIX_TERMS expansions are searched, and the best counts.
            alternatives = [{"prefix": {field: {"value": folded, "boost": boost,
                                                "rewrite": f"top_terms_{MAX_PREFIX_TERMS}"}}}]
            if folded.startswith(own_stem) and own_stem != folded:
                alternatives.append({"term": {field: {"value": own_stem, "boost": boost}}})
            return {"dis_max": {"queries": alternatives}}

        title = in_field("title", self.ranking.title_weight)
        if node.scope == "title":
            return title
        return {"bool": {"should": [in_field("content"), title], "minimum_should_match": 1}}

    def sources_with(self, accept):
        """Articles of the sources whose analysed name satisfies ``accept`` (a few hundred
        names at most, matched here as in the Whoosh backend)."""
        matching = [name for name in self.source_names if accept(tuple(analyze(name)))]
        return {"terms": {"source": matching}} if matching else NOTHING


def _forms(field, forms, boost=1.0):
    """The best of the word as typed and its other forms (those for INFLECTION_WEIGHT)."""
    own = {"match": {field: {"query": forms[0], "operator": "and", "boost": boost}}}
    if len(forms) == 1:
        return own
    return {"dis_max": {"queries": [own] + [
        {"match": {field: {"query": form, "operator": "and", "boost": boost * INFLECTION_WEIGHT}}}
        for form in forms[1:]]}}


def _date_range(start, end):
    bounds = {}
    if start:
        bounds["gte"] = start.isoformat()
    if end:
        bounds["lte"] = end.isoformat()
    return {"range": {"date": bounds}} if bounds else {"exists": {"field": "date"}}


def filter_clauses(filters):
    """The date range of ``filters`` (the source and year selections go to the post_filter)."""
    if filters.date_from or filters.date_to:
        return [_date_range(filters.date_from, filters.date_to)]
    return []


def selection_clauses(filters, sources=True, years=True):
    clauses = []
    if sources and filters.sources:
        clauses.append({"terms": {"source": sorted(filters.sources)}})
    if years and filters.years:
        clauses.append({"terms": {"year": sorted(filters.years)}})
    return clauses


def _contains_run(words, run):
    size = len(run)
    return any(tuple(words[i:i + size]) == tuple(run) for i in range(len(words) - size + 1))
