"""Articles as read from the archive, checked and normalised before indexing."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
import datetime as dt

from unidecode import unidecode

from .dates import parse_date


class Skip(Exception):
    """An article that cannot be indexed; the message says why, in a few words."""


@dataclass
class Article:
    id: str
    title: str
    body: str
    date: dt.date | None = None
    source: str = ""
    url: str = ""
    author: str = ""
    #: Where the article comes from: ``path`` or ``path:line``.
    origin: str = ""
    hash: str = field(default="", compare=False)

    def __post_init__(self):
        self.hash = content_hash(self)


def content_hash(article):
    """A digest of everything that is indexed, to tell a changed article from an unchanged one."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (article.title, article.body, str(article.date or ""), article.source,
                 article.url, article.author):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def normalize(text):
    """NFC text without a byte-order mark, NUL or other control characters, with ``\\n`` lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text.lstrip("\ufeff"))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def make_article(*, id, title, body, date=None, source="", url="", author="", origin=""):
    """A checked, normalised :class:`Article`; raises :class:`Skip` when it has nothing to index."""
    title = " ".join(normalize(_text(title, "title")).split())
    body = _strip_repeated_title(normalize(_text(body, "body")).strip(), title)
    if not title and not body:
        raise Skip("empty article")
    if not body:
        raise Skip("title only, no body")
    if not title:
        raise Skip("no title")
    try:
        day = parse_date(date)
    except ValueError as error:
        raise Skip(str(error)) from None
    return Article(
        id=_id(id),
        title=title,
        body=body,
        date=day,
        source=" ".join(normalize(_text(source, "source")).split()),
        url=normalize(_text(url, "url")).strip(),
        author=" ".join(normalize(_text(author, "author")).split()),
        origin=origin,
    )


def derived_id(path, line=None):
    """A stable id for an article that has none: its file's name and location, and its line.

    >>> derived_id("/archive/2022/Été chaud.txt")
    'ete-chaud-408f10e2'
    """
    stem = re.sub(r"\.(txt|jsonl(\.gz)?)$", "", str(path).rsplit("/", 1)[-1])
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(stem).lower()).strip("-")[:40] or "article"
    digest = hashlib.blake2b(str(path).encode("utf-8", "surrogateescape"), digest_size=4).hexdigest()
    return f"{slug}-{digest}" + (f"-l{line}" if line is not None else "")


def _text(value, name):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise Skip(f"{name} is {type(value).__name__}, not text")


def _id(value):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise Skip(f"id is {type(value).__name__}, not text")
    text = normalize(str(value)).strip()
    if not text:
        raise Skip("empty id")
    return text


def _strip_repeated_title(body, title):
    """Drops copies of the title that open the body, as pages repeat it above the text."""
    lines = body.split("\n")
    while lines and (not lines[0].strip() or " ".join(lines[0].split()) == title):
        lines.pop(0)
    return "\n".join(lines).strip()
