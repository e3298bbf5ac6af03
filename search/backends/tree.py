"""What every backend's query translation shares: the walk of the parse tree, the split of a
group into required words, filters and exclusions, and the French notices of a query that
leaves nothing to search. A backend subclasses :class:`TreeTranslator` and writes one method
per node kind (``word``, ``phrase``, ``prefix``, ``proximity``, ``date_span``, ``all``), and
``either`` to join the alternatives of an OR group.
"""

from index.analysis import ANALYZER
from search.query_filters import is_filter
from search.query_parser import All, Any, DateSpan, Not, Phrase, Prefix, Proximity, Word

PUNCTUATION_ONLY = "La requête ne contient que de la ponctuation : tapez un mot à chercher."
EXCLUSIONS_ONLY = ("Une requête ne peut pas contenir que des exclusions : "
                   "ajoutez au moins un mot à chercher.")


def query_tokens(text):
    """(term, position, is_compound_whole, word as typed) of ``text`` by Chronique's analyzer;
    the word as typed has no elision (``Ukraine`` for ``l'Ukraine``). It says how the tree's
    words split and what is marked, whatever analyses the query in the backend."""
    return [(t.text, t.pos, t.overlap, text[t.startchar:t.endchar])
            for t in ANALYZER(text, positions=True, chars=True, mode="query")]


class TreeTranslator:
    """Walks a parse tree; ``notices`` and ``dropped`` (words the analyzer left nothing of)
    are filled on the way."""

    def start(self, tree):
        """The tree to walk (a lone exclusion is a group with nothing required)."""
        self.notices, self.dropped = [], []
        return All((tree,)) if isinstance(tree, Not) else tree

    def nothing_to_search(self):
        """Says why a query came out empty: only common words, or only punctuation."""
        common = [word for word in dict.fromkeys(self.dropped) if any(c.isalnum() for c in word)]
        if common:
            self.notices.append("La requête ne contient que des mots trop courants ("
                                + ", ".join(common) + ") : ajoutez un mot plus précis.")
        elif self.dropped:  # punctuation is no common word
            self.notices.append(PUNCTUATION_ONLY)

    def clause(self, node, negated):
        if isinstance(node, Word):
            return self.word(node, negated)
        if isinstance(node, Phrase):
            return self.phrase(node, negated)
        if isinstance(node, Prefix):
            return self.prefix(node, negated)
        if isinstance(node, Proximity):
            return self.proximity(node, negated)
        if isinstance(node, DateSpan):
            return self.date_span(node)
        if isinstance(node, Not):
            return self.clause(node.clause, not negated)
        if isinstance(node, All):
            return self.all(node, negated)
        if isinstance(node, Any):
            return self.any(node, negated)
        return None

    def split(self, node, negated):
        """A group's children translated: (required, excluded, filters, only_filters).

        Filters (date:, source:, titre:) stay required even when the words are not; a group
        of filters only has them as its required part. When nothing is required, a group of
        exclusions only says so."""
        required, excluded, filters = [], [], []
        for child in node.clauses:
            excluding = False
            while isinstance(child, Not):  # NOT NOT x is x
                child, excluding = child.clause, not excluding
            target = excluded if excluding else filters if is_filter(child) else required
            compiled = self.clause(child, negated ^ excluding)
            if compiled is not None:
                target.append(compiled)
        only_filters = not required
        if only_filters:
            required, filters = filters, []
        if not required and excluded:
            self.notices.append(EXCLUSIONS_ONLY)
        return required, excluded, filters, only_filters

    def any(self, node, negated):
        """An OR group: its alternatives joined by the backend's ``either`` (an exclusion is no
        alternative: it is ignored, with a notice)."""
        clauses = []
        for child in node.clauses:
            if isinstance(child, Not):
                self.notices.append("Une exclusion ne peut pas être une alternative de OU : "
                                    "elle est ignorée.")
                continue
            compiled = self.clause(child, negated)
            if compiled is not None:
                clauses.append(compiled)
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else self.either(clauses)

    def title_words(self, node):
        """What the rule "the title counts when it has every word" reads of a group:
        ``(word as in the tree, term, word as typed)`` for each of its plain words, None when
        the group holds anything else (filters and exclusions aside) or a word of several
        terms."""
        words = []
        for child in node.clauses:
            if isinstance(child, Not) or is_filter(child):
                continue  # filters are required beside the words and their title alternative
            if not isinstance(child, Word):
                return None
            tokens = query_tokens(child.text)
            if len(tokens) > 1:
                return None
            words += [(child.text, term, typed) for term, _, _, typed in tokens]
        return words
