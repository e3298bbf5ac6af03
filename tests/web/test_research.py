"""Research tools on the web: the chart of results over time, comparisons, exports, cursors and
citations, as a reader or a program sees them."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import rispy


SVG = "{http://www.w3.org/2000/svg}"


def svg_of(page_html):
    """The chart of a page, parsed as XML (so it must be well-formed)."""
    found = re.search(r"<svg class=\"timeline-chart\".*?</svg>", page_html, re.DOTALL)
    assert found, "no chart on the page"
    return ElementTree.fromstring(found.group())


def bar_links(svg):
    return [(a.get("href"), a.find(f"{SVG}title").text) for a in svg.iter(f"{SVG}a")]


def test_timeline_api_counts_sum_to_the_search_total(client):
    for url in ("/api/timeline?q=truffes", "/api/timeline?q=truffes&interval=year",
                "/api/timeline?q=truffes&interval=week&source=La+Gazette+Truffi%C3%A8re",
                "/api/timeline?q=russie&from=2020-01-01&to=2023-12-31"):
        body = client.get(url).get_json()
        search = client.get(url.replace("/api/timeline", "/api/search")).get_json()
        assert set(body) == {"query", "total", "interval", "buckets", "undated", "notice"}
        assert sum(b["count"] for b in body["buckets"]) + body["undated"] == search["total"]
        assert all(set(b) == {"start", "end", "count", "archive_count"} for b in body["buckets"])
        assert all(b["archive_count"] >= b["count"] for b in body["buckets"])


def test_timeline_api_compares_repeated_queries(client):
    body = client.get("/api/timeline?q=truffes&q=russie").get_json()
    assert [s["query"] for s in body["series"]] == ["truffes", "russie"]
    assert client.get("/api/timeline?" + "&".join(["q=a"] * 5)).status_code == 400


def test_each_bar_narrows_the_search_to_its_period(client):
    page = client.get("/?q=truffes").get_data(as_text=True)
    bars = bar_links(svg_of(page))
    assert bars and all(title for _, title in bars)
    full = [(href, title) for href, title in bars if not title.endswith(": 0 article")]
    href, title = full[0]
    narrowed = client.get(unescape(href)).get_data(as_text=True)
    count = int(re.search(r"(\d+) articles?$", title).group(1))
    assert re.search(rf"{count} résultats?", narrowed)
    arguments = parse_qs(urlsplit(unescape(href)).query)
    assert arguments["q"] == ["truffes"] and arguments["from"] and arguments["to"]
    # The period shows among the active filters, with a link removing it.
    assert 'aria-label="Filtres actifs"' in narrowed and "Du " in narrowed


def test_labels_are_french_and_each_bar_says_its_count(client):
    svg = svg_of(client.get("/?q=russie").get_data(as_text=True))
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert labels and all(re.fullmatch(r"\d{4}|[a-zéû.]+ \d{4}|\d+(er)? [a-zéû.]+", l) for l in labels)
    assert svg.find(f"{SVG}title").text == "Résultats dans le temps" and svg.find(f"{SVG}desc").text


def test_share_measure_uses_the_archive_counts(client):
    body = client.get("/api/timeline?q=russie").get_json()
    page = client.get("/?q=russie&measure=share").get_data(as_text=True)
    titles = [title for _, title in bar_links(svg_of(page))]
    assert len(titles) == len(body["buckets"])
    shares = set()
    for bucket, title in zip(body["buckets"], titles):
        if not bucket["archive_count"]:
            continue
        share = f"{bucket['count'] / bucket['archive_count'] * 100:.1f}".replace(".", ",")
        assert title.startswith(f"{share}\u202f% des articles de ")
        assert title.endswith(f"sur {bucket['archive_count']})")
        shares.add(share)
    assert len(shares) > 1  # the archive's volume varies, and so do the shares
    assert "measure=count" in page  # the control back to the number of articles


def test_the_chart_escapes_every_label(client):
    query = '<script>alert(1)</script> & "truffes"'
    page = client.get("/compare", query_string={"q": [query, "russie"]}).get_data(as_text=True)
    svg = svg_of(page)
    assert not [e for e in svg.iter() if e.tag.endswith("script")]
    titles = [title for _, title in bar_links(svg)]
    assert any(title.startswith(f"« {query} »") for title in titles)
    assert "<script>alert(1)" not in page
    assert page.count('class="swatch series-') == 2  # a legend naming both series


def test_export_links_take_the_whole_result_set_with_its_filters(client):
    page = client.get("/?q=truffes&source=Le+Journal+des+Truffes&sort=oldest").get_data(as_text=True)
    links = [unescape(h) for h in re.findall(r'href="(/api/export[^"]+)"', page)]
    assert len(links) == 3
    total = client.get("/api/search?q=truffes&source=Le+Journal+des+Truffes").get_json()["total"]
    response = client.get(links[0])
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == total and {r["source"] for r in rows} == {"Le Journal des Truffes"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_export_and_timeline_keep_the_years_chosen(client):
    search = "q=truffes&year=2015&year=2016"
    total = client.get("/api/search?" + search).get_json()["total"]
    page = client.get("/?" + search).get_data(as_text=True)
    links = [unescape(h) for h in re.findall(r'href="(/api/export[^"]+)"', page)]
    assert links and all("year=2015" in link and "year=2016" in link for link in links)
    rows = list(csv.DictReader(io.StringIO(client.get(links[0]).get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == total and {r["date"][:4] for r in rows} == {"2015", "2016"}
    assert client.get("/api/timeline?" + search).get_json()["total"] == total


def test_export_formats_parse_back(client):
    total = client.get("/api/search?q=truffes").get_json()["total"]
    lines = client.get("/api/export?q=truffes&format=jsonl").get_data(as_text=True).splitlines()
    assert len([json.loads(line) for line in lines]) == total
    entries = rispy.loads(client.get("/api/export?q=truffes&format=ris").get_data(as_text=True))
    assert len(entries) == total and entries[0]["type_of_reference"] == "NEWS"


def test_export_beyond_the_limit_is_a_clear_400(client, monkeypatch):
    import search.export

    monkeypatch.setattr(search.export, "MAX_EXPORT", 5)
    response = client.get("/api/export?q=truffes")
    assert response.status_code == 400
    assert "5 au plus" in response.get_json()["error"]["message"]
    assert client.get("/api/export?q=truffes&format=xls").get_json()["error"]["param"] == "format"


def test_api_cursor_walks_every_result_once(client):
    seen, url = [], "/api/search?q=truffes&per_page=4"
    body = client.get(url).get_json()
    while True:
        seen += [hit["id"] for hit in body["results"]]
        if body["cursor"] is None:
            break
        body = client.get(url + "&cursor=" + body["cursor"]).get_json()
    assert len(seen) == len(set(seen)) == body["total"]


def test_article_page_has_a_citation_permalink_and_downloads(client):
    page = client.get("/articles/truffes-03").get_data(as_text=True)
    assert "Citer" in page and "consulté le" in page
    assert "Marché aux truffes de Lalbenque, séance numéro 3" in page
    # Absolute links come from PUBLIC_URL (default http://HOST:PORT), never from the Host header.
    assert 'class="permalink" href="http://127.0.0.1:8000/articles/truffes-03"' in page
    entry = rispy.loads(client.get("/cite/ris/truffes-03").get_data(as_text=True))[0]
    assert entry["type_of_reference"] == "NEWS" and entry["secondary_title"] == "La Gazette Truffière"
    assert entry["urls"] == ["https://exemple-truffes.fr/seance-3"]
    bibtex = client.get("/cite/bibtex/truffes-03").get_data(as_text=True)
    assert bibtex.startswith("@article{truffes03,") and "journal = {La Gazette Truffière}" in bibtex
    assert client.get("/cite/ris/nope").status_code == 404


def test_hostile_citation_keeps_scripts_and_bad_links_out(client):
    page = client.get("/articles/hostile-1").get_data(as_text=True)
    cite = page[page.index('class="cite"'):]
    assert "javascript:" not in cite and "<script>" not in cite


@pytest.mark.parametrize("name", ["csv", "jsonl", "ris"])
def test_cli_export_writes_the_whole_result_set(runner, index_dir, tmp_path, clean_environment, name):
    out = tmp_path / f"export.{name}"
    result = runner.invoke(["export", "truffes", "--format", name, "-o", str(out),
                            "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    count = {"csv": lambda: len(list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))),
             "jsonl": lambda: len(text.splitlines()),
             "ris": lambda: len(rispy.loads(text))}[name]()
    assert count == 25 and "25 article(s)" in result.output


def test_cli_export_without_index_says_so(runner, tmp_path, clean_environment):
    result = runner.invoke(["export", "x", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1 and "chronique reindex" in result.output
