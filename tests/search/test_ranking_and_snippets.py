"""Ranking order and highlighted snippets, as they appear on a result page."""

import re

import pytest

from .conftest import ids

FILLER = ("Le conseil municipal a examiné le budget annuel et la voirie. " * 6).strip()


def test_title_counts_more_than_body(make_any_searcher):
    searcher = make_any_searcher([
        {"title": "Budget municipal", "body": f"{FILLER} Une remarque sur la sécheresse."},
        {"title": "La sécheresse s’aggrave", "body": FILLER},
    ])
    assert ids(searcher.search("sécheresse")) == ["a2", "a1"]


def test_equal_scores_put_the_newest_first(make_any_searcher):
    same = {"title": "Inondations dans le Gard", "body": "Les pluies ont tout emporté."}
    searcher = make_any_searcher([{**same, "date": "2020-01-01"}, {**same, "date": "2024-01-01"},
                              {**same, "date": "2022-01-01"}])
    # One text three times: every version is asked for, to see their order.
    assert ids(searcher.search("inondations", versions="all")) == ["a2", "a3", "a1"]


def test_sort_by_date_puts_undated_articles_last(make_any_searcher):
    searcher = make_any_searcher([
        {"title": "Canicule", "body": "Chaleur."},
        {"title": "Canicule record", "body": "Chaleur.", "date": "2019-07-25"},
        {"title": "Canicule encore", "body": "Chaleur.", "date": "2023-08-20"},
    ])
    # One text under three titles: every version is asked for.
    assert ids(searcher.search("canicule", sort="newest", versions="all")) == ["a3", "a2", "a1"]
    assert ids(searcher.search("canicule", sort="oldest", versions="all")) == ["a2", "a3", "a1"]


def test_every_form_of_a_word_is_marked(make_any_searcher):
    searcher = make_any_searcher([{"title": "Électricité", "body":
                               "Le prix de l’électricité monte. ELECTRICITE chère, électricités."}])
    snippet = searcher.search("electricite")["hits"][0]["snippet_html"]
    assert re.findall(r"<mark>(.*?)</mark>", snippet) == ["électricité", "ELECTRICITE",
                                                          "électricités"]
    assert "l’<mark>" in snippet  # the elided article stays outside the mark


@pytest.mark.parametrize("query", ["coeur oeuvre aequo", "cœur œuvre æquo"])
def test_words_with_ligatures_are_marked_however_typed(make_any_searcher, query):
    searcher = make_any_searcher([{"title": "Œuvres", "body":
                               "Au cœur de l’Œuvre, une oeuvre et un coeur ex æquo."}])
    hit = searcher.search(query)["hits"][0]
    assert re.findall(r"<mark>(.*?)</mark>", hit["snippet_html"]) == [
        "cœur", "Œuvre", "oeuvre", "coeur", "æquo"]
    assert hit["title_html"] == "<mark>Œuvres</mark>"


def test_inflected_and_elided_forms_are_marked(make_any_searcher):
    searcher = make_any_searcher([{"title": "Les ministres", "body":
                               "Un ministre a parlé de l'Ukraine et d’Ukraine avec les ministres."}])
    hit = searcher.search("ministres ukraine")["hits"][0]
    assert hit["snippet_html"].count("<mark>") == 4
    assert "l&#x27;<mark>Ukraine</mark>" in hit["snippet_html"]
    assert hit["title_html"] == "Les <mark>ministres</mark>"


def test_a_phrase_is_marked_as_a_whole(make_any_searcher):
    searcher = make_any_searcher([{"title": "Bilan", "body":
                               "La guerre en Ukraine dure. La guerre continue. Ukraine."}])
    snippet = searcher.search('"guerre en Ukraine"')["hits"][0]["snippet_html"]
    assert re.findall(r"<mark>(.*?)</mark>", snippet) == ["guerre en Ukraine"]


def test_article_text_is_escaped_before_marking(make_any_searcher):
    body = 'Un pirate a écrit <script>alert("x")</script> et \'bonjour\' dans la page du musée.'
    searcher = make_any_searcher([{"title": "<b>Musée</b> & \"pirates\"", "body": body}])
    hit = searcher.search("musée")["hits"][0]
    assert "<script>" not in hit["snippet_html"] and "&lt;script&gt;" in hit["snippet_html"]
    assert "&quot;x&quot;" in hit["snippet_html"] and "&#x27;bonjour&#x27;" in hit["snippet_html"]
    assert hit["title_html"] == "&lt;b&gt;<mark>Musée</mark>&lt;/b&gt; &amp; &quot;pirates&quot;"


def test_title_only_match_shows_the_opening_lines(make_any_searcher):
    body = "Premier paragraphe de l’article sur la récolte. " + FILLER
    searcher = make_any_searcher([{"title": "Vendanges précoces", "body": body}])
    snippet = searcher.search("vendanges")["hits"][0]["snippet_html"]
    assert snippet.startswith("Premier paragraphe") and "<mark>" not in snippet


def test_snippet_has_at_most_three_fragments_of_about_the_set_length(make_any_searcher):
    body = " ".join(f"{FILLER} Le mot sécheresse revient, phrase {n}." for n in range(8))
    searcher = make_any_searcher([{"title": "Rapport", "body": body}], snippet_chars=120)
    snippet = searcher.search("sécheresse")["hits"][0]["snippet_html"]
    fragments = [f for f in snippet.split("…") if f.strip()]
    assert 1 < len(fragments) <= 3
    assert all(len(re.sub(r"</?mark>", "", f)) <= 160 for f in fragments)


def test_article_page_marks_the_query_in_paragraphs(demo):
    article_id = ids(demo.search("Choïgu"))[0]
    article = demo.article_html(article_id, query="choigu")
    marked = [p for p in article["paragraphs_html"] if "<mark>" in p]
    assert marked and len(article["paragraphs_html"]) > 1
    assert demo.article_html(article_id)["paragraphs_html"][0].find("<mark>") == -1


def test_words_as_typed_and_in_order_rank_first(make_any_searcher):
    searcher = make_any_searcher([
        {"title": "Note", "body": "Il faut enregistrer la déclaration avant la date limite."},
        {"title": "Note", "body": "L’enregistrement de la déclaration se fait avant la date."},
    ])
    assert ids(searcher.search("enregistrement declaration")) == ["a2", "a1"]
    searcher = make_any_searcher([
        {"title": "Conseil", "body": "Le budget de la ville et le conseil des sages, vote prévu."},
        {"title": "Conseil", "body": "Le vote du budget de la ville au conseil est prévu."},
    ])
    assert ids(searcher.search("budget de la ville au conseil"))[0] == "a2"


def test_words_typed_without_the_small_words_between_them_rank_first(make_searcher):
    # The same words in both articles; only the second has them in the order typed, with the
    # small words left out of the query between them. The first is newer, so it would win a tie.
    searcher = make_searcher([
        {"title": "Note", "date": "2024-02-01",
         "body": "Sénat : vote ce soir, réforme attendue, retraites des agents au programme."},
        {"title": "Note", "date": "2024-01-01",
         "body": "Vote ce soir : réforme des retraites au Sénat, attendue, agents au programme."},
    ])
    assert ids(searcher.search("reforme retraites senat")) == ["a2", "a1"]
