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
    #: Why a date given with the article was not kept (the article is then indexed undated).
    date_problem: str = field(default="", compare=False)

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
    title = _one_line(_text(title, "title"))
    body = _strip_repeated_title(normalize(_text(body, "body")).strip(), title)
    if not title and not body:
        raise Skip("empty article")
    if not body:
        raise Skip("title only, no body")
    if not title:
        raise Skip("no title")
    # A date that cannot be read loses the date, not the article: its text is still news.
    try:
        day, date_problem = parse_date(date), ""
    except ValueError as error:
        day, date_problem = None, f"indexed undated: {error}"
    return Article(
        id=_id(id),
        title=title,
        body=body,
        date=day,
        source=_one_line(_text(source, "source")),
        url=normalize(_text(url, "url")).strip(),
        author=_one_line(_text(author, "author")),
        origin=origin,
        date_problem=date_problem,
    )


def _one_line(text):
    """A title, source or author: normalised, on one line, without bidirectional controls.

    An override (U+202E…) in a title would reverse how the rest of a results line reads, or
    spoof a source's name; such names never need one.
    """
    return " ".join(_BIDI_CONTROL.sub("", normalize(text)).split())


_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def derived_id(path):
    """A stable id for a text file's article, which has none: the file's name and location.

    >>> derived_id("/archive/2022/Été chaud.txt")
    'ete-chaud-408f10e2'
    """
    stem = re.sub(r"\.(txt|jsonl(\.gz)?)$", "", str(path).rsplit("/", 1)[-1])
    digest = hashlib.blake2b(str(path).encode("utf-8", "surrogateescape"), digest_size=4).hexdigest()
    return f"{_slug(stem)}-{digest}"


def content_id(path, title, day):
    """A stable id for a JSON Lines article without one: its file, title and date.

    Not its line number: adding or deleting a line above it must not give it another
    article's id (links would then lead to the wrong article).

    >>> content_id("/archive/news.jsonl", "Été chaud à Paris", dt.date(2022, 7, 1))
    'ete-chaud-a-paris-2022-07-01-9dde70dd'
    """
    digest = hashlib.blake2b(digest_size=4)
    for part in (str(path), title, str(day or "")):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return "-".join(filter(None, (_slug(title), str(day or ""), digest.hexdigest())))


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")[:40].strip("-") or "article"


def unservable_id_reason(article_id):
    """Why the web pages could not serve an article with this id, or None when they can.

    The article page takes the id from its URL path: it must not look like a path trick.

    >>> unservable_id_reason("a/../b"), unservable_id_reason("2022/nouvelles/42")
    ('id has an empty, . or .. segment', None)
    """
    if len(article_id) > MAX_ID_CHARS:
        return f"id longer than {MAX_ID_CHARS} characters"
    if _ID_CONTROL.search(article_id):
        return "id has a control character or a lone surrogate"
    if "\\" in article_id:
        return "id has a backslash"
    if any(part in ("", ".", "..") for part in article_id.split("/")):
        return "id has an empty, . or .. segment"
    return None


#: The longest id an article page can be asked for.
MAX_ID_CHARS = 300
_ID_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def _text(value, name):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise Skip(f"{name} is {type(value).__name__}, not text")


def _id(value):
    """The id as given, character for character: the archive's links use it as it is."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise Skip(f"id is {type(value).__name__}, not text")
    text = str(value)
    if not text.strip():
        raise Skip("empty id")
    if reason := unservable_id_reason(text):
        raise Skip(f"{reason}: no page could show it")
    return text


def _strip_repeated_title(body, title):
    """Drops copies of the title that open the body, as pages repeat it above the text."""
    lines = body.split("\n")
    while lines and (not lines[0].strip() or " ".join(lines[0].split()) == title):
        lines.pop(0)
    return "\n".join(lines).strip()
