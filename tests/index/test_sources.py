"""Reading the archive: raw text pages, JSON Lines, ids and encodings."""

import gzip
import json

import pytest

from index.boilerplate import load_patterns
from index.sources import Archive, Problem

from .conftest import article, write_jsonl


def read(paths, **kwargs):
    archive = Archive(paths, **kwargs)
    items = list(archive)
    articles = [item for item in items if not isinstance(item, Problem)]
    problems = [item for item in items if isinstance(item, Problem)]
    return articles, problems, archive


def test_raw_page_title_is_its_first_line_and_repeats_are_dropped(raw_file):
    [page], problems, _ = read([raw_file])
    assert problems == []
    assert page.title == "Le port de Brest accueille un nouveau brise-glace"
    assert page.body.startswith("Le navire, long de cent vingt mètres")


def test_raw_page_keeps_short_headings_but_not_site_boilerplate(raw_file):
    [page], _, _ = read([raw_file])
    assert "Un chantier de deux ans" in page.body
    for furniture in ("A voir en vidéo", "Google", "PREV", "NEXT", "girafe", "Quimperlé"):
        assert furniture not in page.body


def test_boilerplate_can_be_extended_by_a_pattern_file(raw_file, tmp_path):
    patterns = tmp_path / "patterns.txt"
    patterns.write_text("# site furniture\nUn chantier de .* ans\n", encoding="utf-8")
    [page], _, _ = read([raw_file], boilerplate=load_patterns(patterns))
    assert "Un chantier" not in page.body


def test_demo_pages_in_the_archive_format_lose_their_navigation_lines():
    pages, problems, _ = read(["demo/raw"])
    assert len(pages) >= 10 and problems == []
    for page in pages:
        assert "PREV" not in page.body and "NEXT" not in page.body and "Google" not in page.body


def test_jsonl_fields_aliases_and_optional_values(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        article(1, url="https://exemple.fr/1", author="Jeanne Martin"),
        {"title": "Sans identifiant", "text": "Un texte sous la clé text."},
        {"id": 7, "title": "Contenu", "content": "Un texte sous la clé content.", "date": None},
    ])
    articles, problems, _ = read([path])
    assert problems == []
    first, second, third = articles
    assert (first.id, first.url, first.author, str(first.date)) == (
        "a1", "https://exemple.fr/1", "Jeanne Martin", "2022-03-01")
    assert second.body == "Un texte sous la clé text."
    assert third.id == "7" and third.date is None


def test_broken_lines_are_reported_with_file_and_line_and_the_rest_is_read(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        article(1), "{not json", article(3, date="le 32 du mois"), json.dumps([1, 2]),
        article(5, title=12), article(6, body=None), {"title": "Sans corps"}, article(8),
    ])
    articles, problems, archive = read([path])
    # A date that cannot be read leaves the article undated (reindex warns), not skipped.
    assert [a.id for a in articles] == ["a1", "a3", "a8"]
    assert articles[1].date is None and "date" in articles[1].date_problem
    locations = {p.location.rsplit(":", 1)[1]: p.reason for p in problems}
    assert set(locations) == {"2", "4", "5", "6", "7"}
    assert "broken JSON" in locations["2"]
    assert "title is int" in locations["5"]
    assert str(path) in archive.incomplete


def test_gzipped_jsonl_streams_and_a_truncated_one_is_reported(tmp_path):
    data = "".join(json.dumps(article(n)) + "\n" for n in range(200)).encode()
    good = tmp_path / "good.jsonl.gz"
    good.write_bytes(gzip.compress(data))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(data)[: len(gzip.compress(data)) // 2])
    articles, problems, _ = read([good])
    assert len(articles) == 200 and problems == []
    articles, problems, _ = read([cut])
    assert 0 < len(articles) < 200
    assert problems[-1].reason.startswith("damaged compressed file")


def test_walk_is_recursive_and_skips_hidden_and_unknown_files(tmp_path, raw_file):
    (tmp_path / "pages" / "deeper").mkdir()
    write_jsonl(tmp_path / "pages" / "deeper" / "b.jsonl", [article(1)])
    (tmp_path / "pages" / ".hidden.txt").write_text("Titre\n\nCorps", encoding="utf-8")
    (tmp_path / "pages" / "notes.pdf").write_bytes(b"%PDF")
    articles, _, archive = read([tmp_path / "pages"])
    assert {a.id for a in articles} == {"a1", articles[0].id}
    assert len(articles) == 2
    assert archive.ignored == 2


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    articles, problems, _ = read([tmp_path / "nowhere"])
    assert articles == [] and problems[0].reason.startswith("no such file or directory")


def test_text_is_nfc_bom_is_dropped_and_cp1252_is_read_with_a_warning(tmp_path):
    decomposed = tmp_path / "nfd.txt"
    decomposed.write_bytes("\ufeffÉte\u0301 brûlant\n\nUne canicule historique.".encode("utf-8"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Été chaud\n\nLa sécheresse s’installe.".encode("cp1252"))
    articles, problems, _ = read([decomposed, legacy])
    assert articles[0].title == "Été brûlant" and articles[0].title.startswith("\u00c9")
    assert articles[1].body == "La sécheresse s’installe."
    assert problems == [Problem(str(legacy.resolve()), "not UTF-8, read as cp1252", skipped=False)]


def test_ids_are_stable_across_reads_and_repeats_get_their_own(tmp_path, raw_file):
    path = write_jsonl(tmp_path / "a.jsonl", [{"title": "T", "body": "B"}] * 2)
    first = [a.id for a in read([path, raw_file])[0]]
    again = [a.id for a in read([path, raw_file])[0]]
    assert first == again and len(set(first)) == 3
    assert first[1] == first[0] + "-2"


def test_ids_without_an_id_come_from_title_and_date_not_from_the_line(tmp_path):
    lines = [{"title": f"Titre {n}", "body": "Texte.", "date": "2022-03-0" + str(n)} for n in (1, 2, 3)]
    path = write_jsonl(tmp_path / "news.jsonl", lines)
    before = {a.title: a.id for a in read([path])[0]}
    assert before["Titre 2"].startswith("titre-2-2022-03-02-")
    write_jsonl(path, [{"title": "Nouveau", "body": "Ajouté en tête."}] + lines[1:])
    after = {a.title: a.id for a in read([path])[0]}
    assert after["Titre 2"] == before["Titre 2"] and after["Titre 3"] == before["Titre 3"]
    assert after["Nouveau"] not in before.values()


@pytest.mark.parametrize("given", ["a\x01b", "a\\b", "../etc", "a/../b", "a//b", "a/", ".", "x" * 301])
def test_ids_no_page_could_serve_are_refused_with_a_reason(tmp_path, given):
    path = write_jsonl(tmp_path / "news.jsonl", [article(1, id=given), article(2)])
    articles, problems, _ = read([path])
    assert [a.id for a in articles] == ["a2"]
    assert problems[0].location.endswith(":1") and "no page could show it" in problems[0].reason


def test_ids_are_kept_exactly_as_given(tmp_path):
    decomposed = "Ete\u0301-2022"
    path = write_jsonl(tmp_path / "news.jsonl", [article(1, id=decomposed), article(2, id=" b "),
                                                 article(3, id="x" * 300)])
    assert [a.id for a in read([path])[0]] == [decomposed, " b ", "x" * 300]


def test_a_link_to_a_file_outside_the_given_paths_is_not_followed(tmp_path):
    outside = write_jsonl(tmp_path / "secret.jsonl", [article(9)])
    folder = tmp_path / "archive"
    folder.mkdir()
    write_jsonl(folder / "news.jsonl", [article(1)])
    (folder / "secret.jsonl").symlink_to(outside)
    (folder / "os.txt").symlink_to("/etc/os-release")
    (folder / "again.jsonl").symlink_to(folder / "news.jsonl")
    articles, problems, _ = read([folder])
    assert [a.id for a in articles] == ["a1", "a1"]  # the link inside is followed
    reasons = sorted((p.location.rsplit("/", 1)[-1], p.reason) for p in problems)
    assert reasons == [("os.txt", "symbolic link to a file outside the paths given: not followed"),
                       ("secret.jsonl", "symbolic link to a file outside the paths given: not followed")]
    assert {a.id for a in read([folder, outside])[0]} == {"a1", "a9"}  # now inside a given path
