"""A real browser (Debian's Chromium, driven by Playwright) uses the search like a person.

Screenshots of each step land in tests/artifacts/browser/. Without Chromium the test is skipped
on a workstation, but fails under CI (CI=true), where .ci/run installs it.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import running_server

CHROMIUM = os.environ.get("CHRONIQUE_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        message = f"no Chromium at {CHROMIUM}: apt-get install chromium"
        if ON_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--lang=fr-FR"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(index_dir):
    # Three results a page, so that a source of four articles still has a page 2.
    with running_server(index_dir, env={"CHRONIQUE_PER_PAGE": "3"}) as base:
        yield base


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems = []
    opened.on("console", lambda message: message.type == "error" and problems.append(message.text))
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.problems = problems
    yield opened
    context.close()


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_filter_page_and_read(page, site):
    page.goto(site + "/")
    shot(page, "1-accueil")
    assert page.locator("h2", has_text="Comment chercher").is_visible()

    # A query typed without accents finds and marks the accented word.
    page.get_by_label("Rechercher dans les archives").fill("securite")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=securite"))
    shot(page, "2-resultats")
    assert re.match(r"\d+ résultats \(\d+,\d\d\xa0s\)", page.locator("#bilan").inner_text())
    marks = page.locator(".hits mark")
    assert marks.count() > 0
    assert all(text.lower() in ("sécurité", "securite") for text in marks.all_inner_texts())

    # A click on a source facet filters; the filter shows, removable.
    page.locator(".facet-item", has_text="Le Courrier du Matin").click()
    page.wait_for_url(re.compile(r"source=Le\+Courrier\+du\+Matin"))
    shot(page, "3-filtre-source")
    assert page.locator(".active-filters").inner_text().startswith("Source\xa0: Le Courrier du Matin")
    assert page.locator(".facet-item.selected").inner_text().startswith("Le Courrier du Matin")
    first_page_titles = page.locator(".hit-title").all_inner_texts()
    assert len(first_page_titles) == 3
    assert set(page.locator(".hit-source").all_inner_texts()) == {"LE COURRIER DU MATIN"}

    # Page 2 keeps the query and the filter.
    page.get_by_role("link", name="Suivante").click()
    page.wait_for_url(re.compile(r"page=2"))
    shot(page, "4-page-2")
    assert "source=Le+Courrier+du+Matin" in page.url and "q=securite" in page.url
    assert page.locator('.pagination [aria-current="page"]').inner_text() == "2"
    second_page_titles = page.locator(".hit-title").all_inner_texts()
    assert second_page_titles and not set(second_page_titles) & set(first_page_titles)

    # The article opens with the query's words marked.
    title = second_page_titles[0]
    page.locator(".hit-title a").first.click()
    page.wait_for_url(re.compile(r"/articles/.+\?q=securite"))
    shot(page, "5-article")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".article-body mark").count() > 0
    assert page.locator(".article-meta").inner_text().startswith("LE COURRIER DU MATIN")

    assert page.problems == []  # no script error, no refused resource


def test_sort_and_dates_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(site + "/?q=truffes")
    page.get_by_label("Trier par").select_option("oldest")
    page.get_by_label("Du").fill("2016-01-01")
    page.get_by_label("Au").fill("2016-12-31")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_url(re.compile(r"sort=oldest"))
    dates = page.locator(".hits time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert dates == sorted(dates) and all(date.startswith("2016") for date in dates)
    shot(page, "6-tri-dates-sans-js")
    context.close()


def test_keyboard_focus_is_visible(page, site):
    page.goto(site + "/?q=truffes")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    shot(page, "7-focus-clavier")


def test_readable_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR",
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path, name in (("/?q=truffes", "8-telephone-resultats"), ("/articles/demo-017?q=pekin",
                                                                  "9-telephone-article")):
        page.goto(site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways ({width}px)"
        shot(page, name)
    context.close()


def test_follows_a_dark_system_theme(browser, site):
    context = browser.new_context(color_scheme="dark", locale="fr-FR")
    page = context.new_page()
    page.goto(site + "/?q=pekin")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 24, 27)"
    shot(page, "10-theme-sombre")
    context.close()


def test_click_a_bar_of_the_chart_then_an_export_link(page, site):
    page.goto(site + "/?q=russie")
    shot(page, "11-chronologie")
    bars = page.locator("svg.timeline-chart a")
    assert bars.count() > 1
    # The tallest bar: a period with results, whatever the corpus.
    heights = page.locator("svg.timeline-chart .timeline-fill").evaluate_all(
        "nodes => nodes.map(n => parseFloat(n.getAttribute('height')))")
    tallest = heights.index(max(heights))
    title = bars.nth(tallest).locator("title").text_content()
    count = int(re.search(r"(\d+) articles?$", title).group(1))
    bars.nth(tallest).locator(".timeline-hit").click()
    page.wait_for_url(re.compile(r"from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d|to=.*from="))
    shot(page, "12-periode")
    assert re.match(rf"{count} résultats? ", page.locator("#bilan").inner_text())
    assert page.locator(".active-filters").inner_text().startswith("Du ")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "chronique-export.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert len(text.splitlines()) == count + 1  # the header, then one line an article
    assert page.problems == []
