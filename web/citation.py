"""Citing one article: the « Citer » block's text, and its RIS and BibTeX records."""

import re
from datetime import date

from search.export import ris_record

from .french import long_date
from .security import is_web_link

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def cited_url(article, permalink):
    """The article's own address when it is a web link, else its permalink here."""
    url = article.get("url")
    return url.strip() if is_web_link(url) else permalink


def reference(article, permalink, consulted=None):
    """The citation as one French sentence: source, « title », date, URL, date consulted."""
    consulted = consulted or date.today()
    parts = [article.get("source"), f"« {article.get('title') or 'Article sans titre'} »",
             long_date(article.get("date")) or None, cited_url(article, permalink),
             f"consulté le {long_date(consulted)}"]
    return ", ".join(part for part in parts if part) + "."


def ris(article, permalink, consulted=None):
    consulted = (consulted or date.today()).isoformat().replace("-", "/")
    return ris_record({**article, "url": cited_url(article, permalink), "snippet": None},
                      accessed=consulted)


def bibtex_escape(text):
    """
    >>> bibtex_escape("50 % de {tout} & rien")
    '50 \\\\% de \\\\{tout\\\\} \\\\& rien'
    """
    return _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def bibtex(article, permalink, consulted=None):
    consulted = (consulted or date.today()).isoformat()
    key = re.sub(r"[^A-Za-z0-9]+", "", str(article.get("id"))) or "article"
    fields = [("title", article.get("title")), ("journal", article.get("source")),
              ("author", article.get("author")), ("date", article.get("date")),
              ("url", cited_url(article, permalink)), ("urldate", consulted),
              ("note", f"Chronique : {article.get('id')}")]
    body = ",\n".join(f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields if value)
    return f"@article{{{key},\n{body}\n}}\n"
