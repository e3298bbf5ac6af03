"""Bringing an OpenSearch index in line with the archive, as :mod:`index.reindex` does for Whoosh.

Readers always search the alias (``OPENSEARCH_INDEX``). An incremental run writes new and
changed articles and deletes gone ones in the index behind it; a full run (``--full``, no
index yet, or one of another format) fills a new index and moves the alias to it in one
``_aliases`` call once every article is in, so readers never see a half-built index. One
writer at a time: a lock document per alias. A cluster that cannot be reached, or that keeps
refusing writes, raises :class:`BackendUnavailable` and leaves the alias where it was.
Version groups are worked out after the writes (:mod:`index.opensearch_groups`).
"""

import os
import socket
import time
from contextlib import closing, contextmanager
from datetime import datetime, timezone

from .boilerplate import DEFAULT_BOILERPLATE
from .opensearch_groups import digest, drop_groups, read_groups, versions_field, write_groups
from .opensearch_mapping import index_body, name_keys
from .reindex import (ArchiveUnavailable, Summary, _articles, _finishing, _is_gone, _unchanged,
                      _unavailable_message)
from .schema import FORMAT_VERSION
from .sources import Archive, Problem
from .store import IndexBusy

#: Articles per bulk request: a few hundred kilobytes, well inside OpenSearch's limits.
BULK_CHUNK = 500
#: Rounds of retries for writes the cluster refused for a while (a node lost, a queue full).
RETRY_ROUNDS = 5
#: Most refused writes kept for a retry; past that the cluster is not recovering.
MAX_RETRIED = 20_000
#: How long a retry round waits for the index's primaries to be back.
RECOVERY_WAIT_S = 60
#: How long a new index may take to place its replicas before it is filled.
COPIES_WAIT_S = 30
#: Statuses that mean "not now" rather than "never": queue full, shard unavailable, timeout.
RETRIABLE = {429, 502, 503, 504}
#: Index holding one lock document per alias.
LOCK_INDEX = "chronique-writer-locks"
#: Format of the index, kept in its mapping: another one is rebuilt in full, as in Whoosh.
META = {"chronique_format": FORMAT_VERSION}


class BackendUnavailable(Exception):
    """OpenSearch could not be reached or would not take the articles; nothing was swapped."""


def reindex_opensearch(paths, client, alias, *, full=False, boilerplate=DEFAULT_BOILERPLATE,
                       progress=None):
    """Indexes the articles under ``paths`` into the OpenSearch alias ``alias``.

    Same rules as :func:`index.reindex.reindex` (what is unchanged, what is gone, when a full
    rebuild is refused); raises :class:`~index.store.IndexBusy`, :class:`ArchiveUnavailable`
    or :class:`BackendUnavailable`.
    """
    from opensearchpy.exceptions import ConnectionError as LostConnection, TransportError

    started = time.monotonic()
    archive = Archive(paths, boilerplate)
    if archive.missing and not archive.roots:
        raise ArchiveUnavailable(f"no such file or directory: {', '.join(archive.missing)}; "
                                 "nothing was indexed and the index was left as it was")
    current = None
    try:
        with writer_lock(client, alias):
            current = current_index(client, alias)
            if full or current is None or not _is_current_format(client, current):
                if current is not None and not archive.whole:
                    raise ArchiveUnavailable(_unavailable_message(archive))
                summary = _rebuild(client, alias, archive, progress, current)
            else:
                summary = _update(client, current, archive, progress)
    except (LostConnection, TransportError) as error:
        where = f"on {current}" if current else "on no index"
        raise BackendUnavailable(f"OpenSearch failed during the reindex ({_describe(error)}); "
                                 f"the alias {alias} was left {where}, as before") from error
    summary.ignored_files = archive.ignored
    summary.seconds = time.monotonic() - started
    return summary


def current_index(client, alias):
    """The index the alias points at, or None when there is none yet."""
    if not client.indices.exists_alias(name=alias):
        return None
    [name] = client.indices.get_alias(name=alias)
    return name


def _is_current_format(client, index):
    """Same format, and the fields of today's mapping (an index written before version groups
    has no ``versions``: it is rebuilt in full)."""
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    return (mapping.get("_meta", {}).get("chronique_format") == FORMAT_VERSION
            and "versions" in mapping.get("properties", {}))


def _rebuild(client, alias, archive, progress, previous):
    _drop_unfinished_builds(client, alias)
    new = f"{alias}-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}-{os.getpid()}"
    body = index_body()
    body["mappings"] = {**body["mappings"], "_meta": META}
    # No refresh while filling: nobody reads this index before the swap.
    body["settings"]["index"]["refresh_interval"] = "-1"
    client.indices.create(index=new, body=body)
    _wait_for_copies(client, new)
    try:
        summary = Summary(full=True)
        # Closed even when a write fails: the file being read is closed with it, at once.
        with closing(_index_actions(new, archive, summary, progress, known={})) as actions:
            _write(client, new, actions, summary)
        if previous is not None and not archive.whole:  # a file out of reach, found only when read
            raise ArchiveUnavailable(_unavailable_message(archive))
        _finishing(progress, archive)
        client.indices.put_settings(index=new, body={"index": {"refresh_interval": "1s"}})
        client.indices.refresh(index=new)
        _wait_for_primaries(client, new)
        found = client.count(index=new)["count"]
        if found != summary.added:
            raise BackendUnavailable(f"the new index {new} holds {found} articles instead of "
                                     f"{summary.added}; the alias {alias} was left on "
                                     f"{previous or 'no index'}")
        write_groups(client, new)  # before the swap: readers never see it without its groups
        actions = [{"add": {"index": new, "alias": alias}}]
        if previous is not None:
            actions.insert(0, {"remove": {"index": previous, "alias": alias}})
        client.indices.update_aliases(body={"actions": actions})
    except BaseException:
        _quietly(lambda: client.indices.delete(index=new))
        _quietly(lambda: drop_groups(client, new))
        raise
    if previous is not None:
        _quietly(lambda: client.indices.delete(index=previous))
        _quietly(lambda: drop_groups(client, previous))
    return summary


def _drop_unfinished_builds(client, alias):
    """Deletes indices left by full builds that never reached the swap (held lock: none runs)."""
    behind = set(client.indices.get_alias(name=alias)) if client.indices.exists_alias(name=alias) else set()
    for name in client.indices.get(index=f"{alias}-2*", expand_wildcards="all", allow_no_indices=True):
        if name not in behind:
            client.indices.delete(index=name)
            drop_groups(client, name)


def _update(client, index, archive, progress):
    from opensearchpy import helpers

    summary = Summary()
    known = {hit["_id"]: (hit["_source"].get("hash"), hit["_source"].get("origin", ""))
             for hit in helpers.scan(client, index=index, size=2000,
                                     query={"_source": ["hash", "origin"]})}
    with closing(_index_actions(index, archive, summary, progress, known)) as actions:
        _write(client, index, actions, summary)
    _finishing(progress, archive)
    client.indices.refresh(index=index)
    table, table_digest = read_groups(client, index)
    # Worked out again when articles changed, or when a run stopped before writing them.
    if summary.changed or table_digest != digest(
            (article_id, known_hash) for article_id, (known_hash, _) in known.items()):
        write_groups(client, index, previous=table)
    return summary


def _index_actions(index, archive, summary, progress, known):
    """Bulk actions: new and changed articles, then deletions of the gone ones."""
    seen = {}
    for article in _articles(archive, summary, seen, progress):
        previous = known.get(article.id)
        if previous and _unchanged(article, previous[0], previous[1]):
            summary.unchanged += 1
            continue
        yield {"_op_type": "index", "_index": index, "_id": article.id,
               "_source": to_source(article), "_origin": article.origin}
    scanned = set(archive.files) - archive.incomplete
    for article_id, (_, origin) in known.items():
        if article_id not in seen and _is_gone(origin, scanned, archive):
            yield {"_op_type": "delete", "_index": index, "_id": article_id, "_origin": origin}


_COUNTED = {"created": "added", "updated": "updated", "deleted": "deleted"}


def _write(client, index, actions, summary):
    """Sends ``actions`` in bulk; refused ones are retried while the cluster recovers."""
    refused = _send(client, _remembered(actions, pending := {}), pending, summary)
    for _ in range(RETRY_ROUNDS):
        if not refused:
            return
        time.sleep(2)
        _wait_for_primaries(client, index)
        again = refused
        refused = _send(client, _remembered(iter(again), pending), pending, summary)
    if refused:
        raise BackendUnavailable(f"OpenSearch kept refusing {len(refused)} articles "
                                 f"({refused[0]['_id']} first)")


def _wait_for_copies(client, index):
    """Waits (bounded) until every shard of a new ``index`` has its replica too, so that a node
    lost while it is filled leaves a copy of each shard; on a cluster already missing a node
    (green out of reach), every primary active is enough."""
    reply = client.transport.perform_request(
        "GET", f"/_cluster/health/{index}?wait_for_status=green&timeout={COPIES_WAIT_S}s",
        params={"request_timeout": COPIES_WAIT_S + 10, "ignore": 408})
    if reply.get("timed_out"):
        _wait_for_primaries(client, index)


def _wait_for_primaries(client, index):
    """Waits (on the server, bounded) until every primary shard of ``index`` is active."""
    # The server's ``timeout`` goes in the path: the client takes that keyword as its own
    # socket timeout.
    client.transport.perform_request(
        "GET", f"/_cluster/health/{index}?wait_for_status=yellow&timeout={RECOVERY_WAIT_S}s",
        params={"request_timeout": RECOVERY_WAIT_S + 10})


def _remembered(actions, pending):
    """Passes ``actions`` on, keeping each by id until its result comes back: a bulk chunk's
    worth at most, since results come back chunk by chunk."""
    for action in actions:
        pending[action["_id"]] = action
        yield {key: value for key, value in action.items() if key != "_origin"}


def _send(client, actions, pending, summary):
    from opensearchpy import helpers

    refused = []
    for ok, result in helpers.streaming_bulk(client, actions, chunk_size=BULK_CHUNK,
                                             max_retries=0, raise_on_error=False,
                                             raise_on_exception=True):
        [(op, item)] = result.items()
        action = pending.pop(item["_id"])
        if ok:
            if counted := _COUNTED.get(item.get("result")):
                setattr(summary, counted, getattr(summary, counted) + 1)
        elif op == "delete" and item.get("status") == 404:
            pass  # already gone
        elif item.get("status") in RETRIABLE:
            refused.append(action)
            if len(refused) > MAX_RETRIED:
                raise BackendUnavailable(f"OpenSearch refused more than {MAX_RETRIED} articles")
        else:
            error = item.get("error", {})
            reason = error.get("reason", error) if isinstance(error, dict) else error
            summary.skipped.append(Problem(action["_origin"], f"refused by OpenSearch: {reason}"))
    return refused


def to_source(article):
    """The OpenSearch document of ``article``: the Whoosh fields, name keys computed here."""
    text = f"{article.title}\n{article.body}"
    source = {"id": article.id, "title": article.title, "content": text, "body": article.body,
              "names": name_keys(text), "hash": article.hash, "origin": article.origin,
              "versions": versions_field(article.title, article.body)}
    if article.date:
        source["date"] = article.date.isoformat()
        source["year"] = str(article.date.year)
    for name in ("source", "url", "author"):
        if value := getattr(article, name):
            source[name] = value
    return source


@contextmanager
def writer_lock(client, alias):
    """Holds the alias's writer lock, or raises :class:`IndexBusy` at once if it is taken.

    A lock whose holder was a process of this host that is gone (killed, crashed, or this
    very process after a lost connection) is taken over; one held from another host is
    respected until removed from the ``chronique-writer-locks`` index.
    """
    from opensearchpy.exceptions import ConflictError, NotFoundError

    me = {"host": socket.gethostname(), "pid": os.getpid(),
          "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    try:
        written = client.index(index=LOCK_INDEX, id=alias, body=me, op_type="create", refresh=True)
    except ConflictError:
        held = client.get(index=LOCK_INDEX, id=alias)
        holder = held["_source"]
        if holder.get("host") != me["host"] or (holder.get("pid") != me["pid"] and _alive(holder.get("pid"))):
            raise IndexBusy(f"another reindex ({holder.get('host')}, process {holder.get('pid')}, "
                            f"since {holder.get('since')}) writes to the OpenSearch index "
                            f"{alias}; try again when it ends") from None
        try:
            written = client.index(index=LOCK_INDEX, id=alias, body=me, refresh=True,
                                   if_seq_no=held["_seq_no"], if_primary_term=held["_primary_term"])
        except ConflictError:
            raise IndexBusy(f"another reindex took the OpenSearch index {alias} just now; "
                            "try again when it ends") from None
    try:
        yield
    finally:
        _quietly(lambda: client.delete(index=LOCK_INDEX, id=alias, refresh=True,
                                       if_seq_no=written["_seq_no"],
                                       if_primary_term=written["_primary_term"]),
                 also=(ConflictError, NotFoundError))


def _alive(pid):
    try:
        os.kill(int(pid), 0)
    except (OSError, TypeError, ValueError):
        return False
    return True


def _quietly(call, also=()):
    """Best-effort cleanup: a lost cluster must not hide the error that brought us here."""
    from opensearchpy.exceptions import ConnectionError as LostConnection, TransportError

    try:
        call()
    except (LostConnection, TransportError, *also):
        pass


def _describe(error):
    """A short account of an opensearch-py error: status, type and the server's reason."""
    status, kind, info = (list(error.args) + [None, None, None])[:3]
    if isinstance(status, int):
        reason = info.get("error", {}).get("reason") if isinstance(info, dict) and isinstance(
            info.get("error"), dict) else None
        return f"{status} {kind}" + (f": {reason}" if reason else "")
    return str(kind or error)[:300]
