"""The browser the web client's tests use works on this machine: Debian's headless Chromium,
driven by Selenium, asks for the user's language, takes screenshots and runs axe-core."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.by import By

from tests.support.browser import DESKTOP, PHONE, OpenBrowser, browsers, screenshot, serious_or_critical_violations

HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
CLEAN = f"""<!doctype html><html lang="en"><head>{HEAD}<title>Job board</title></head><body>
<header><nav aria-label="Language"><a href="/nl" hreflang="nl" lang="nl">Nederlands</a></nav></header>
<main><h1>Vacancies</h1><form role="search" action="/"><label for="q">Search</label>
<input id="q" name="q" type="search"><button type="submit">Search</button></form></main></body></html>"""
# The same page with its search box's label taken away: a screen reader user hears an unnamed field.
UNLABELLED = CLEAN.replace('<label for="q">Search</label>', "")


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/language":
            language = html.escape(self.headers.get("Accept-Language", ""))
            body = CLEAN.replace("<h1>Vacancies</h1>", f'<h1 id="asked">{language}</h1>')
        else:
            body = UNLABELLED if self.path == "/unlabelled" else CLEAN
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    """A tiny web site on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def browser() -> Iterator[OpenBrowser]:
    with browsers() as open_browser:
        yield open_browser


def test_the_browser_asks_for_the_users_language(site, browser):
    driver = browser(PHONE, language="nl")
    driver.get(f"{site}/language")

    assert driver.find_element(By.ID, "asked").text.startswith("nl")


def test_a_page_is_laid_out_and_saved_at_a_phones_and_a_desktops_width(site, browser, tmp_path, monkeypatch):
    monkeypatch.setenv("RECRUITMENT_VAR", str(tmp_path))
    for size in (PHONE, DESKTOP):
        driver = browser(size)
        driver.get(site)
        assert driver.execute_script("return window.innerWidth") == size[0]

        path = screenshot(driver, "job-board")

        assert path == tmp_path / "screenshots" / f"job-board-{size[0]}.png"
        png = path.read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert int.from_bytes(png[16:20], "big") == size[0]  # the IHDR width: the page as laid out


def test_axe_finds_nothing_serious_on_a_clean_page(site, browser):
    driver = browser()
    driver.get(site)

    assert serious_or_critical_violations(driver) == []


def test_axe_names_the_unlabelled_field_and_what_to_fix(site, browser):
    driver = browser()
    driver.get(f"{site}/unlabelled")

    violations = serious_or_critical_violations(driver)

    assert [v["id"] for v in violations] == ["label"]
    assert violations[0]["impact"] == "critical"
    assert violations[0]["targets"] == [["#q"]]
    assert "label" in violations[0]["help"].lower()
