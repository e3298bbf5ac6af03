"""The groups table beside an index version: written whole, read back the same."""

import numpy

from index.group_table import GroupTable, read_table, remove_older_tables, table_path
from index.version_groups import Article


def article(article_id, day, source):
    return Article(article_id, day, source, b"")


def test_a_table_is_read_back_as_written_with_the_first_version_first(tmp_path):
    group = [article("b", 738000, "Le Point"), article("a", 738001, "AFP"),
             article("c", 738000, "AFP")]
    signature = numpy.arange(128, dtype=numpy.uint32)
    table = GroupTable.from_groups([group], common={7, 9}, redone={"b": (40, signature, {7})})
    table.save(table_path(tmp_path, 3))
    read = read_table(tmp_path, 3)
    # Earliest day first, then source name: AFP before Le Point on the same day.
    assert read.members == {"c": ["c", "b", "a"]}
    assert read.versions("a") == [("c", 738000, "AFP"), ("b", 738000, "Le Point"),
                                  ("a", 738001, "AFP")]
    assert read.group("zzz") == "zzz" and read.size("zzz") == 1 and read.size("c") == 3
    assert read.common == {7, 9}
    size, kept, keys = read.redone["b"]
    assert size == 40 and list(kept) == list(signature) and keys == {7}


def test_tables_of_older_index_versions_go_but_the_one_before(tmp_path):
    for number in (1, 2, 3):
        GroupTable([], [], [], []).save(table_path(tmp_path, number))
    remove_older_tables(tmp_path, 2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["groups-2.npz", "groups-3.npz"]
