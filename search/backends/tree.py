"""What every backend's query translation shares: the walk of the parse tree, the split of a
group into required words, filters and exclusions, and the French notices of a query that
leaves nothing to search. A backend subclasses :class:`TreeTranslator` and writes one method
per node kind (``word``, ``phrase``, ``prefix``, ``proximity``, ``date_span``, ``all``, ``any``).
"""

from search.query_filters import is_filter
from search.query_parser import All, Any, DateSpan, Not, Phrase, Prefix, Proximity, Word

PUNCTUATION_ONLY = "La requête ne contient que de la ponctuation : tapez un mot à chercher."
EXCLUSIONS_ONLY = ("Une requête ne peut pas contenir que des exclusions : "
                   "ajoutez au moins un mot à chercher.")


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
