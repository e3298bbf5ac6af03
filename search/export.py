"""A whole result set taken away: rows of every match, and their CSV, JSON Lines and RIS text.

Rows are made one stored article at a time and the formats write one row at a time, so what is
held while exporting is the ranked (score, document number) pairs, never the rows.
"""

import csv
import html
import io
import json
import re

from .highlight import snippet_html
from .params import InvalidParameter

#: Most articles one export writes.
MAX_EXPORT = 100_000
FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson", "ris": "application/x-research-info-systems"}
#: Columns of every row, in order.
FIELDS = ("id", "date", "source", "title", "author", "url", "score", "group_id", "snippet")

_TAG = re.compile(r"<[^>]+>")


def check_size(total, limit=None):
    """InvalidParameter when ``total`` matches are more than one export writes."""
    limit = MAX_EXPORT if limit is None else limit
    if total > limit:
        raise InvalidParameter("q", f"cette recherche trouve {total:,} articles ; un export en écrit "
                                    f"{limit:,} au plus : précisez la requête ou filtrez par date "
                                    f"ou source".replace(",", "\u202f"))


def check_format(name):
    if name not in FORMATS:
        raise InvalidParameter("format", f"format doit valoir {', '.join(FORMATS)} ; "
                                         f"reçu : {str(name)[:40]!r}")
    return name


def plain(fragment):
    """An HTML fragment of ours (escaped text and marks) as plain text."""
    return html.unescape(_TAG.sub("", fragment))


def row(stored, score, marks, snippet_chars=200):
    """One article as an export row. ``group_id`` is the article's version group, when the
    index records one."""
    date = stored.get("date")
    return {
        "id": stored.get("id"),
        "date": date.date().isoformat() if date is not None else None,
        "source": stored.get("source"),
        "title": stored.get("title", ""),
        "author": stored.get("author"),
        "url": stored.get("url"),
        "score": round(score, 4),
        "group_id": stored.get("group_id"),
        "snippet": plain(snippet_html(stored.get("body", ""), marks, snippet_chars, 1)),
    }


def rows(ranked, stored, marks, snippet_chars=200):
    """Rows of ``ranked`` (score, docnum) pairs, read one stored article at a time."""
    for score, docnum in ranked:
        yield row(stored(docnum), score, marks, snippet_chars)


def csv_chunks(rows):
    """CSV text: a byte-order mark so spreadsheet programs read UTF-8, a header, one line a row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    yield "\ufeff" + _drain(buffer)
    for item in rows:
        writer.writerow(["" if item[name] is None else item[name] for name in FIELDS])
        yield _drain(buffer)


def jsonl_chunks(rows):
    for item in rows:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def ris_record(item, accessed=None):
    """One article as a RIS record of type NEWS (Zotero imports it as a newspaper article)."""
    lines = [("TY", "NEWS"), ("TI", item.get("title")), ("T2", item.get("source")),
             ("AU", item.get("author")), ("PY", (item.get("date") or "")[:4] or None),
             ("DA", (item.get("date") or "").replace("-", "/") or None), ("UR", item.get("url")),
             ("ID", item.get("id")), ("AB", item.get("snippet")), ("Y2", accessed), ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines
                   if value is not None and (value != "" or tag == "ER"))


def ris_chunks(rows):
    for item in rows:
        yield ris_record(item) + "\r\n"


WRITERS = {"csv": csv_chunks, "jsonl": jsonl_chunks, "ris": ris_chunks}


def _drain(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _one_line(value):
    return " ".join(str(value).split())
