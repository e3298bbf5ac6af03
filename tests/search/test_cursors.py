"""Cursor paging past the paging cap: a walk returns every result once; a made-up cursor is
refused."""

import pytest

from search import InvalidParameter

from .energy_archive import archive  # noqa: F401 (a fixture)


def test_a_cursor_walk_returns_every_result_exactly_once(archive):
    seen, cursor, pages = [], None, 0
    while True:
        page = archive.search("electricite", per_page=13, cursor=cursor)
        seen += [hit["id"] for hit in page["hits"]]
        pages += 1
        cursor = page["cursor"]
        if cursor is None:
            break
    assert pages == -(-307 // 13)
    assert len(seen) == len(set(seen)) == 307
    assert seen[:13] == [hit["id"] for hit in archive.search("electricite", per_page=13)["hits"]]


def test_a_made_up_cursor_is_refused(archive):
    with pytest.raises(InvalidParameter, match="curseur"):
        archive.search("electricite", cursor="pas-un-curseur")
