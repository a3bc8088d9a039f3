"""The paging links of the workspace's lists keep the list's own arguments (its status tab, its search)."""

from __future__ import annotations

from flask import g

from webclient.app import create_app


def _paging(page: int, pages: int, endpoint: str, **arguments: str) -> str:
    app = create_app({"TESTING": True})
    with app.test_request_context("/en/consultant/emails"):
        g.lang = "en"
        macros = app.jinja_env.get_template("_paging.html").make_module({})
        return str(macros.paging(page, pages, endpoint, **arguments))


def test_the_middle_page_links_both_ways_with_the_lists_arguments():
    html = _paging(2, 3, "pages.delivery_log", status="failed")
    assert 'rel="prev" href="/en/consultant/emails?page=1&amp;status=failed"' in html
    assert 'rel="next" href="/en/consultant/emails?page=3&amp;status=failed"' in html
    assert "Page 2 of 3" in html


def test_a_single_page_shows_no_paging():
    assert "paging" not in _paging(1, 1, "pages.delivery_log")
