"""The job board against the real vacancy service: search, filters, paging, field errors, outages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from webclient.app import create_app

pytestmark = pytest.mark.integration


class Results(HTMLParser):
    """The links of `<ol id="results">`, as a browser test reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "ol" and attributes.get("id") == "results":
            self._inside = True
        elif tag == "a" and self._inside:
            self.links.append(attributes["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol":
            self._inside = False


def result_links(html: str) -> list[str]:
    parser = Results()
    parser.feed(html)
    return parser.links


def test_searching_prince2_in_dutch_finds_vacancy_92742(web):
    page = web.get("/nl/vacancies?q=PRINCE2")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/nl/vacancies/92742" in result_links(html)
    assert re.search(r"\d+ vacatures?<", html)  # the total, in Dutch
    assert 'name="q"' in html and 'value="PRINCE2"' in html  # the form as it was filled: a shareable URL


def test_a_filter_narrows_the_results(web):
    everything = result_links(web.get("/en/vacancies").get_data(as_text=True))
    remote = web.get("/en/vacancies?workplace=remote")
    links = result_links(remote.get_data(as_text=True))
    assert 0 < len(links) < len(everything)
    assert "3 vacancies" in remote.get_data(as_text=True)  # the demo catalogue has three remote roles
    assert '<option value="remote" selected>' in remote.get_data(as_text=True)


def test_paging_shows_the_total_and_the_next_page_holds_the_rest(web):
    first = web.get("/en/vacancies?sort=newest").get_data(as_text=True)
    assert "34 vacancies" in first and "Page 1 of 2" in first
    assert 'rel="next" href="/en/vacancies?sort=newest&amp;page=2"' in first
    second = web.get("/en/vacancies?sort=newest&page=2").get_data(as_text=True)
    assert len(result_links(first)) == 20 and len(result_links(second)) == 14
    assert not set(result_links(first)) & set(result_links(second))


def test_a_bad_filter_shows_the_apis_message_beside_its_field_not_a_500(web):
    page = web.get("/en/vacancies?min_daily_rate=lots&city=Ghent")
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    field = re.search(
        r'<input id="f-min_daily_rate"[^>]*>\s*<p class="field-error" id="min_daily_rate-error">([^<]+)', html
    )
    assert field, html
    assert "integer" in field.group(1).lower()
    assert 'aria-describedby="min_daily_rate-error"' in html
    assert 'value="Ghent"' in html  # the rest of the form as it was filled


def test_the_language_switcher_keeps_the_path_and_the_query(web):
    html = web.get("/fr/vacancies?q=scrum&page=1").get_data(as_text=True)
    assert '<a href="/nl/vacancies?q=scrum&amp;page=1" hreflang="nl"' in html
    assert '<a href="/en/vacancies?q=scrum&amp;page=1" hreflang="en"' in html
    assert '<html lang="fr">' in html and "Rechercher" in html


def test_the_root_redirects_to_the_best_language_of_the_browser(web):
    assert web.get("/", headers={"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"}).headers["Location"] == "/fr/"
    assert web.get("/", headers={"Accept-Language": "de-DE"}).headers["Location"] == "/nl/"


def test_a_stopped_vacancy_service_gives_a_friendly_503_and_the_home_still_renders(stopped_vacancy_url):
    web = create_app({"VACANCY_API_URL": stopped_vacancy_url, "API_RETRIES": "1"}).test_client()
    board = web.get("/en/vacancies?q=PRINCE2")
    assert board.status_code == 503 and board.headers["Retry-After"] == "60"
    assert "The vacancies are briefly unavailable; try again in a minute." in board.get_data(as_text=True)
    assert web.get("/nl/vacancies/92742").status_code == 503
    home = web.get("/nl/")
    assert home.status_code == 200 and 'name="q"' in home.get_data(as_text=True)
    assert web.get("/readyz").status_code == 200  # the web client itself is up


def test_the_filters_stay_folded_until_one_is_used_so_a_phone_shows_results_first(web):
    searched = web.get("/nl/vacancies?q=PRINCE2&city=&workplace=").get_data(as_text=True)
    filtered = web.get("/nl/vacancies?q=PRINCE2&workplace=hybrid").get_data(as_text=True)

    assert '<details class="filter-panel">' in searched  # empty fields, as a submitted form sends them
    assert '<details class="filter-panel" open>' in filtered
