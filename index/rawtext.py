"""Articles as single text files, in the archive's raw format.

The first non-empty line is the title. Pages repeat it at the top, then give the text in
paragraphs, then site furniture (a video teaser, "follow us" prompts, links to the previous and
next articles); see :mod:`index.boilerplate`.
"""

from .articles import derived_id, make_article
from .boilerplate import DEFAULT_BOILERPLATE, strip_boilerplate


def parse_raw_text(text, path, boilerplate=DEFAULT_BOILERPLATE):
    """The :class:`~index.articles.Article` in ``text`` read from ``path``; raises ``Skip``."""
    lines = strip_boilerplate(text.split("\n"), boilerplate)
    while lines and not lines[0].strip():
        lines.pop(0)
    title = lines[0] if lines else ""
    body = "\n".join(lines[1:])
    return make_article(id=derived_id(path), title=title, body=body, origin=str(path))
