"""Version groups of an OpenSearch index, worked out as :mod:`index.version_groups` does for
Whoosh.

Every article document carries its ``versions`` column (base64 in ``_source``, not indexed).
After a reindex's writes — before the alias swap of a full build — the groups are worked out
again from what the index holds and written as one document of :data:`GROUPS_INDEX`, named
by the concrete index. A full build's groups are therefore in place before any reader sees its
index. An incremental run writes its articles first and the groups just after: in between a
reader sees the new articles with the groups of before (an article a table does not name is a
text of its own). The document records a digest of the articles it was worked out from, so a
run interrupted in between is repaired by the next one, even if nothing else changed.
"""

import base64
import datetime as dt
import hashlib

from .group_table import GroupTable
from .version_groups import Article, column_value, compute

#: Index holding one groups document per article index.
GROUPS_INDEX = "chronique-version-groups"
#: The groups index: the table is binary (neither indexed nor analysed), one primary shard
#: copied to every other node there is room on.
GROUPS_BODY = {
    "settings": {"index": {"number_of_shards": 1, "auto_expand_replicas": "0-2"}},
    "mappings": {"dynamic": "strict", "properties": {
        "table": {"type": "binary"}, "digest": {"type": "keyword", "index": False},
        "articles": {"type": "integer", "index": False}, "written": {"type": "date"}}},
}
#: Articles read per scroll page while gathering what grouping needs.
SCAN_SIZE = 2_000
#: Texts fetched per ``mget`` for the articles that have a standard paragraph.
MGET_SIZE = 200


def versions_field(title, body):
    """The ``versions`` value of an article document (the Whoosh column, in base64)."""
    return base64.b64encode(column_value(title, body)).decode("ascii")


def indexed_articles(client, index):
    """(:class:`~index.version_groups.Article` of every document of ``index``, digest of their
    ids and content hashes)."""
    from opensearchpy import helpers

    found, versions_of = [], []
    for hit in helpers.scan(client, index=index, size=SCAN_SIZE, query={
            "_source": ["id", "date", "source", "versions", "hash"]}):
        source = hit["_source"]
        raw = base64.b64decode(source["versions"]) if source.get("versions") else b""
        day = dt.date.fromisoformat(source["date"][:10]).toordinal() if source.get("date") else 0
        found.append(Article(source["id"], day, source.get("source"), raw))
        versions_of.append((source["id"], source.get("hash")))
    return found, digest(versions_of)


def digest(versions_of):
    """What identifies the articles a table was worked out from: their (id, content hash)
    pairs, in any order."""
    summed = hashlib.sha256()
    for key in sorted(f"{article_id}\x00{content_hash or ''}"
                      for article_id, content_hash in versions_of):
        summed.update(key.encode("utf-8") + b"\n")
    return summed.hexdigest()


def stored_texts(client, index):
    """``texts(ids)`` for :func:`~index.version_groups.compute`, read from ``_source``."""

    def texts(ids):
        found = {}
        for start in range(0, len(ids), MGET_SIZE):
            reply = client.mget(index=index, body={"ids": ids[start:start + MGET_SIZE]},
                                _source=["title", "body"])
            for doc in reply["docs"]:
                source = doc.get("_source", {})
                found[doc["_id"]] = (source.get("title", ""), source.get("body", ""))
        return found

    return texts


def write_groups(client, index, previous=None):
    """Works out the groups of ``index`` and writes them as its groups document (refreshed, so
    the next snapshot reads it). Returns the table."""
    articles, articles_digest = indexed_articles(client, index)
    table = compute(articles, stored_texts(client, index), previous)
    _create_groups_index(client)
    client.index(index=GROUPS_INDEX, id=index, refresh=True, body={
        "table": base64.b64encode(table.to_bytes()).decode("ascii"),
        "digest": articles_digest, "articles": len(articles),
        "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})
    return table


def _create_groups_index(client):
    from opensearchpy.exceptions import RequestError

    if client.indices.exists(index=GROUPS_INDEX):
        return
    try:
        client.indices.create(index=GROUPS_INDEX, body=GROUPS_BODY)
    except RequestError as error:  # created by another writer meanwhile
        if "resource_already_exists" not in str(error):
            raise


def read_groups(client, index):
    """(table, digest) of ``index``'s groups document, or (None, None) when it has none."""
    from opensearchpy.exceptions import NotFoundError

    try:
        reply = client.get(index=GROUPS_INDEX, id=index)
    except NotFoundError:  # no groups index yet, or no document for this index
        return None, None
    source = reply["_source"]
    return GroupTable.from_bytes(base64.b64decode(source["table"])), source.get("digest")


def drop_groups(client, index):
    """Deletes the groups document of ``index`` (gone with its index)."""
    from opensearchpy.exceptions import NotFoundError

    try:
        client.delete(index=GROUPS_INDEX, id=index, refresh=True)
    except NotFoundError:
        pass
