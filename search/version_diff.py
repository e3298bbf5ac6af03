"""A word-level comparison of two versions of one text, as HTML: what the version being read
has (``<ins>``) and the other has not (``<del>``)."""

import difflib
import re
from html import escape

#: Words compared at most: a first paragraph or a title is short, a pathological one is cut
#: (difflib is quadratic in the worst case).
MAX_WORDS = 400

_TOKEN = re.compile(r"\S+")


def word_diff_html(other, read):
    """``read`` (the version being read) against ``other``, word by word: every word escaped,
    then words only ``other`` has in ``<del>``, words only ``read`` has in ``<ins>``.

    >>> word_diff_html("Le gouvernement démissionne", "Le cabinet démissionne")
    'Le <del>gouvernement</del> <ins>cabinet</ins> démissionne'
    >>> word_diff_html("a <b>", "a <b>")
    'a &lt;b&gt;'
    """
    before = _TOKEN.findall(other or "")[:MAX_WORDS]
    after = _TOKEN.findall(read or "")[:MAX_WORDS]
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(" ".join(escape(word) for word in after[b_start:b_end]))
            continue
        if a_end > a_start:
            parts.append(f"<del>{' '.join(escape(word) for word in before[a_start:a_end])}</del>")
        if b_end > b_start:
            parts.append(f"<ins>{' '.join(escape(word) for word in after[b_start:b_end])}</ins>")
    return " ".join(parts)


def first_paragraph(body):
    """The first non-empty paragraph (line) of a body."""
    for line in (body or "").splitlines():
        if line.strip():
            return line.strip()
    return ""
