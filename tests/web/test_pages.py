"""The search page and the article page, as a reader sees them."""

import re
from html import unescape

import pytest

from index.reindex import reindex
from index.store import current_generation

from .conftest import DEMO, HOSTILE, SLASHED, TRUFFLES

NNBSP = "\u202f"


def text_of(response):
    """The page's visible text, tags dropped, entities decoded, spaces squeezed."""
    html = response.get_data(as_text=True)
    # Only ASCII white space is squeezed: the no-break spaces of French typography stay.
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def links(response):
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', response.get_data(as_text=True))]


# --- the search page ----------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/?q=", "/?q=%20%20", "/?sort=newest&source=Radio+Horizon"])
def test_empty_query_shows_the_welcome_page_with_a_syntax_guide(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = text_of(response)
    assert "Comment chercher" in text
    for syntax in ('"bouclier tarifaire"', "-iran", "OU", "titre:", "source:", "date:2022", "ukrain*"):
        assert syntax in text
    assert 'autofocus' in response.get_data(as_text=True)


def test_results_show_count_time_titles_sources_dates_and_marked_snippets(client):
    response = client.get("/?q=pekin")
    html, text = response.get_data(as_text=True), text_of(response)
    assert response.status_code == 200
    assert re.search(r"\d+ résultats \(\d+,\d\d\xa0s\)", text)
    assert "<mark>Pékin</mark>" in html  # typed without accent, marked as written
    assert "Agence Hexagone" in text
    assert "8 mars 2022" in text  # a French date
    assert 'value="pekin"' in html  # the box keeps the query
    assert "/articles/demo-017?q=pekin" in links(response)


def test_thousands_use_a_narrow_no_break_space(app):
    from web.french import number, result_count

    assert result_count(1234) == f"1{NNBSP}234 résultats"
    assert number(38989) == f"38{NNBSP}989"


def test_first_of_the_month_is_written_1er(client):
    text = text_of(client.get("/?q=truffes&sort=oldest"))
    assert "1er janvier 2015" in text


def test_pagination_links_keep_the_search_and_mark_the_current_page(any_client):
    response = any_client.get("/?q=truffes&per_page=5&sort=newest&page=2")
    html = response.get_data(as_text=True)
    hrefs = links(response)
    assert "/?q=truffes&page=3&per_page=5&sort=newest" in hrefs  # next
    assert "/?q=truffes&per_page=5&sort=newest" in hrefs  # previous is page 1, no page= needed
    assert re.search(r'aria-current="page"[^>]*>2<', html)
    assert 'rel="next"' in html and 'rel="prev"' in html
    assert '<ol class="hits" start="6">' in html


def test_last_page_has_no_next_link(any_client):
    html = any_client.get("/?q=truffes&per_page=10&page=3").get_data(as_text=True)
    assert 'rel="prev"' in html and 'rel="next"' not in html


def test_page_beyond_the_results_offers_the_first_page(any_client):
    response = any_client.get("/?q=truffes&page=50")
    assert response.status_code == 200
    assert "au-delà des résultats" in text_of(response)


def test_sort_selector_offers_the_three_orders_and_keeps_the_choice(client):
    html = client.get("/?q=truffes&sort=oldest").get_data(as_text=True)
    assert '<label for="tri">Trier par</label>' in html
    for value, label in (("relevance", "pertinence"), ("newest", "plus récents")):
        assert f'<option value="{value}">{label}</option>' in html
    assert '<option value="oldest" selected>plus anciens</option>' in html


def hit_dates(response):
    results = response.get_data(as_text=True).split('class="hits"')[1].split("</ol>")[0]
    return re.findall(r'<time datetime="([\d-]+)"', results)


@pytest.mark.parametrize("sort, newest_first", [("newest", True), ("oldest", False)])
def test_sort_orders_the_results_by_date(any_client, sort, newest_first):
    dates = hit_dates(any_client.get(f"/?q=truffes&sort={sort}"))
    assert len(dates) == 10
    assert dates == sorted(dates, reverse=newest_first)


def test_date_range_inputs_keep_their_values_and_filter(any_client):
    response = any_client.get("/?q=truffes&from=2016-01-01&to=2016-12-31")
    html, text = response.get_data(as_text=True), text_of(response)
    assert '<input id="du" name="from" type="date" value="2016-01-01">' in html
    assert '<input id="au" name="to" type="date" value="2016-12-31">' in html
    assert "Du 1er janvier 2016 au 31 décembre 2016" in text  # the active filter, removable
    assert "janvier 2017" not in text.split("Années")[-1]


def test_source_facet_lists_counts_and_filters_when_clicked(any_client):
    response = any_client.get("/?q=truffes")
    hrefs = links(response)
    assert "/?q=truffes&source=Le+Journal+des+Truffes" in hrefs
    assert re.search(r"Le Journal des Truffes\s*</span>\s*<span class=\"facet-count\">13<",
                     response.get_data(as_text=True))
    filtered = any_client.get("/?q=truffes&source=Le+Journal+des+Truffes")
    assert "13 résultats" in text_of(filtered)
    # The selected source is marked, and clicking it again clears the filter; the other source
    # keeps its count and a click adds it (several sources at once).
    html = filtered.get_data(as_text=True)
    assert re.search(r'class="facet-item selected" href="/\?q=truffes"', html)
    assert re.search(r"La Gazette Truffière\s*</span>\s*<span class=\"facet-count\">12<", html)
    both = "/?q=truffes&source=Le+Journal+des+Truffes&source=La+Gazette+Truffi%C3%A8re"
    assert both in links(filtered)
    assert "25 résultats" in text_of(any_client.get(both))


def test_year_facet_selects_several_years_and_clears(any_client):
    response = any_client.get("/?q=truffes")
    assert "/?q=truffes&year=2016" in links(response)
    filtered = any_client.get("/?q=truffes&year=2016")
    html = filtered.get_data(as_text=True)
    assert re.search(r'class="facet-item selected" href="/\?q=truffes"', html)
    assert "/?q=truffes&year=2016&year=2015" in links(filtered)
    two = any_client.get("/?q=truffes&year=2016&year=2015")
    expected = len([t for t in TRUFFLES if t["date"][:4] in ("2015", "2016")])
    assert f"{expected} résultats" in text_of(two) and "Année : 2015" in text_of(two)
    assert "/?q=truffes&year=2016" in links(two)  # 2015 taken out again
    # The search box and the refine form both keep the two years chosen.
    assert two.get_data(as_text=True).count('type="hidden" name="year"') == 4


def test_facets_count_undated_and_unsourced_articles_so_they_add_up(any_client):
    text = text_of(any_client.get("/?q=phare+Ouessant"))
    assert "1 résultat" in text
    assert re.search(r"Sources Source inconnue 1 ", text) and re.search(r"Années Sans date 1", text)


def test_active_filters_can_be_removed_one_by_one_or_all_at_once(client):
    response = client.get("/?q=truffes&source=La+Gazette+Truffi%C3%A8re&from=2015-01-01")
    hrefs, text = links(response), text_of(response)
    assert "Source\xa0: La Gazette Truffière" in text and "Depuis le 1er janvier 2015" in text
    assert "/?q=truffes&from=2015-01-01" in hrefs  # source removed
    assert "/?q=truffes&source=La+Gazette+Truffi%C3%A8re" in hrefs  # dates removed
    assert "/?q=truffes" in hrefs  # everything removed


def test_new_query_keeps_the_current_sort_and_filters(client):
    html = client.get("/?q=truffes&sort=newest&source=Le+Journal+des+Truffes").get_data(as_text=True)
    form = html.split('role="search"')[1].split("</form>")[0]
    assert '<input type="hidden" name="sort" value="newest">' in form
    assert '<input type="hidden" name="source" value="Le Journal des Truffes">' in form


def test_did_you_mean_links_to_the_corrected_query(any_client):
    response = any_client.get("/?q=Rusie")
    text = text_of(response)
    assert re.search("Vouliez-vous dire\xa0: Russie ?\xa0\\?", text)
    assert "/?q=Russie" in links(response)
    assert "<em>" in response.get_data(as_text=True)


def test_no_result_state_gives_advice(any_client):
    response = any_client.get("/?q=xylophonistes+zzzq")
    text = text_of(response)
    assert response.status_code == 200
    assert "Aucun résultat" in text
    assert "Aucun article ne correspond à «\xa0xylophonistes zzzq\xa0»" in text
    assert "Vérifiez l’orthographe" in text


def test_no_result_with_filters_offers_to_drop_them(any_client):
    response = any_client.get("/?q=truffes&source=Radio+Horizon")
    assert "Chercher sans les filtres" in text_of(response)
    assert "/?q=truffes" in links(response)


def test_engine_notice_is_shown(any_client):
    assert "Guillemet non refermé" in text_of(any_client.get('/?q="guerre+en'))


def test_search_page_links_its_feed_and_opensearch_description(client):
    html = client.get("/?q=truffes").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feed.atom?q=truffes"' in html
    assert 'type="application/opensearchdescription+xml"' in html


def test_form_controls_have_labels(client):
    html = client.get("/?q=truffes").get_data(as_text=True)
    for control_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
        assert f'for="{control_id}"' in html, control_id


# --- the article page ---------------------------------------------------------------------

def test_article_page_shows_everything_about_the_article(client):
    response = client.get("/articles/demo-017")
    html, text = response.get_data(as_text=True), text_of(response)
    assert response.status_code == 200
    assert "<h1>Guerre en Ukraine : Pékin refuse de condamner Moscou" in html
    assert "Agence Hexagone" in text and "8 mars 2022" in text and "Par Claire Vasseur" in text
    assert html.count("<p>", html.index('class="article-body"')) >= 4  # paragraphs
    assert "https://exemple-hexagone.fr/monde/2022/03/08/pekin-refuse-condamner-moscou" in links(response)
    assert "<mark>" not in html


def test_article_page_marks_the_query_words_when_coming_from_a_search(client):
    response = client.get("/articles/demo-017?q=pekin")
    html = response.get_data(as_text=True)
    assert "<mark>Pékin</mark>" in html
    assert "Résultats pour «\xa0pekin\xa0»" in text_of(response)
    assert "/?q=pekin" in links(response)


def test_the_way_back_from_an_article_returns_to_the_same_results(client):
    search = "q=truffes&page=2&per_page=5&sort=oldest&from=2015-01-01&to=2017-12-31&source=La+Gazette+Truffi%C3%A8re"
    results = client.get("/?" + search)
    article_links = [href for href in links(results) if href.startswith("/articles/")]
    assert article_links and all(href.endswith("?" + search) for href in article_links)
    article = client.get(article_links[0])
    assert "Résultats pour «\xa0truffes\xa0»" in text_of(article)
    back = [href for href in links(article) if href.startswith("/?")]
    assert back == ["/?" + search]
    assert links(client.get(back[0])) == links(results)


def test_a_broken_way_back_keeps_the_article_and_the_query(client):
    response = client.get("/articles/demo-017?q=pekin&per_page=0")
    assert response.status_code == 200 and "/?q=pekin" in links(response)


def test_article_page_lists_up_to_five_related_articles(any_client):
    html = any_client.get("/articles/demo-017").get_data(as_text=True)
    related = html.split("Articles liés")[1]
    count = len(re.findall(r'href="/articles/', related))
    assert 1 <= count <= 5


def test_related_articles_follow_the_setting(make_app):
    client = make_app(RELATED_ARTICLES=0).test_client()
    assert "Articles liés" not in client.get("/articles/demo-017").get_data(as_text=True)


def test_article_with_a_slash_in_its_id_has_a_page(client):
    response = client.get("/articles/" + SLASHED["id"])
    assert response.status_code == 200
    assert "Le phare d’Ouessant rallumé" in text_of(response)
    assert "Lire l’article original" not in text_of(response)  # no URL known


def test_hostile_article_is_shown_as_text(client):
    response = client.get("/articles/hostile-1?q=fromagerie")
    html = response.get_data(as_text=True)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "javascript:" not in html  # not a link: the URL is not http(s)
    assert "<mark>Fromagerie</mark>" in html


def test_hostile_article_in_results_and_facets_is_escaped(any_client):
    html = any_client.get("/?q=fromagerie").get_data(as_text=True)
    assert "<script>" not in html and "<Canard>" not in html and "<img" not in html
    assert "Le &lt;Canard&gt; Hostile" in html


@pytest.mark.parametrize("path", ["/articles/nope", "/articles/demo-017/../demo-001",
                                  "/articles/%2e%2e/etc/passwd", "/articles/..%2Fweb", "/articles/a//b",
                                  "/articles/a%5Cb", "/articles/a%00b", "/articles/" + "x" * 400])
def test_unknown_or_path_like_ids_get_the_not_found_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Erreur 404" in text_of(response)


def test_article_query_is_capped_too(client):
    assert client.get("/articles/demo-017?q=" + "a" * 501).status_code == 400


# --- errors on pages ----------------------------------------------------------------------

@pytest.mark.parametrize("query, param, says", [
    ("q=" + "a" * 501, "q", "501 caractères"),
    ("q=x&page=0", "page", "à partir de 1"),
    ("q=x&page=deux", "page", "nombre entier"),
    ("q=x&per_page=101", "per_page", "« Résultats par page » doit être un nombre entier entre 1 et 100"),
    ("q=x&sort=date", "sort", "« Trier par » doit valoir pertinence / plus récents / plus anciens"),
    ("q=x&from=24/02/2022", "from", "« Du » doit être une date AAAA-MM-JJ"),
    ("q=x&to=24/02/2022", "to", "« Au » doit être une date AAAA-MM-JJ"),
    ("q=x&page=1001", "page", "au plus 1000"),
    ("q=x&page=11&per_page=1000", "per_page", "« Résultats par page »"),
])
def test_bad_parameters_give_a_french_error_page_with_the_search_box(any_client, query, param, says):
    response = any_client.get("/?" + query)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    text = text_of(response)
    assert "Requête incorrecte" in text and says in text
    # The reader is told about the fields they see, never the URL's parameter names.
    assert not re.search(r"\b(per_page|from|to|sort)\b", text.split("Requête incorrecte", 1)[1])
    assert 'role="search"' in response.get_data(as_text=True)


def test_dates_in_the_wrong_order_are_swapped_on_the_results_page_with_a_notice(any_client):
    response = any_client.get("/?q=truffes&from=2016-12-31&to=2016-01-01")
    assert response.status_code == 200
    text, html = text_of(response), response.get_data(as_text=True)
    assert "Les dates étaient inversées : la période va du 1er janvier 2016 au 31 décembre 2016." in text
    assert 'value="2016-01-01"' in html.split('id="du"')[1][:80]
    assert 'value="2016-12-31"' in html.split('id="au"')[1][:80]
    assert f"{len([t for t in TRUFFLES if t['date'].startswith('2016')])} résultats" in text
    assert any_client.get("/api/search?q=truffes&from=2016-12-31&to=2016-01-01").status_code == 400


def test_unknown_page_gets_the_french_not_found_page(client):
    response = client.get("/nulle-part")
    assert response.status_code == 404
    assert "Page introuvable" in text_of(response)


def test_post_is_refused_with_405(client):
    response = client.post("/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_missing_index_answers_503_with_an_explanation(make_app, tmp_path):
    client = make_app(INDEX=str(tmp_path / "none")).test_client()
    response = client.get("/?q=x")
    assert response.status_code == 503
    assert "chronique reindex" in text_of(response)
    assert client.get("/").status_code == 200  # the welcome page needs no index


def test_an_index_of_another_version_answers_503_asking_for_a_full_rebuild(make_app, tmp_path):
    root = tmp_path / "index"
    reindex([str(DEMO)], root, full=True)
    (current_generation(root) / "chronique-format").write_text("5")
    client = make_app(INDEX=str(root)).test_client()
    page, api = client.get("/?q=tourmalet"), client.get("/api/search?q=tourmalet")
    assert page.status_code == api.status_code == 503
    assert "autre version de Chronique" in text_of(page) and "reindex --full" in text_of(page)
    assert api.get_json()["error"]["code"] == "index_unavailable"


def test_unexpected_failure_gives_the_500_page_without_a_traceback(make_app, monkeypatch):
    app = make_app(TESTING=False)
    import web.pages

    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(web.pages, "searcher", broken)
    response = app.test_client().get("/?q=x")
    assert response.status_code == 500
    assert "Erreur interne" in text_of(response)
    assert "secret detail" not in response.get_data(as_text=True)
