"""Quotes mean the words as written: a required phrase is checked against the stored text.

The index stems (``gilets jaunes`` and ``gilet jaune`` are one phrase to it), so the phrase
query finds the candidates and each is read again: it stays only if the phrase's words are in
its text as typed, side by side, accents and case aside, elisions removed (``"l'Élysée"``
finds « l’Élysée », not « les Champs-Élysées »). Only phrases every match must have are
checked (not a phrase inside OU, nor an excluded one); outside quotes nothing changes.
"""

import re

from .budget import spent
from .highlight import starts_word
from .query_filters import is_filter
from .query_parser import All, Phrase
from index.analysis import fold_text

from .rerank import _GAP, _TOKEN

_END = r"(?![^\W_])"


def required_phrases(tree):
    """(scope, compiled pattern) of each phrase every match must have."""
    if isinstance(tree, Phrase):
        clauses = (tree,)
    elif isinstance(tree, All):
        clauses = tree.clauses
    else:
        return []
    found = []
    for clause in clauses:
        if isinstance(clause, Phrase) and clause.scope in (None, "title"):
            # Every word as typed, stop words too (the index leaves them out of its phrases).
            words = [match.group(1) for match in _TOKEN.finditer(fold_text(clause.text))]
            if words:
                found.append((clause.scope, re.compile(
                    _GAP.join(re.escape(word) for word in words) + _END)))
        elif isinstance(clause, All) and not is_filter(clause):
            found += required_phrases(clause)
    return found


def as_written(found, tree, stored):
    """``found`` (score, docnum) pairs without those lacking a required phrase as typed."""
    phrases = required_phrases(tree)
    if not phrases or not found:
        return found
    kept = []
    for number, (score, docnum) in enumerate(found):
        if number % 64 == 63 and spent():
            break  # the time budget is spent: the articles checked so far are what was found
        fields = stored(docnum)
        title = fold_text(fields.get("title", ""))
        text = None
        for scope, pattern in phrases:
            if scope == "title":
                where = title
            else:
                if text is None:
                    text = title + "\n" + fold_text(fields.get("body", ""))
                where = text
            if not any(starts_word(where, m.start()) for m in pattern.finditer(where)):
                break
        else:
            kept.append((score, docnum))
    return kept
