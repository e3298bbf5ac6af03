"""An archive of five articles, where its index goes, and the ids an index holds."""

import pytest

from index.store import open_index

from .conftest import article, write_jsonl


def ids_in(root):
    with open_index(root).searcher() as searcher:
        return sorted(fields["id"] for fields in searcher.all_stored_fields())


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    write_jsonl(folder / "news.jsonl", [article(n) for n in range(1, 6)])
    return folder


@pytest.fixture
def root(tmp_path):
    return tmp_path / "index"
