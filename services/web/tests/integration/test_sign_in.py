"""Consultants sign in with the agency's OpenID Connect provider (a REAL one: oidc-provider-mock,
started for the session) and out again; the token stays in an encrypted HttpOnly cookie."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from tests.support.identity import authorize, sign_in

LISA = "lisa.geudens@example.com"


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_a_workspace_page_sends_a_stranger_to_sign_in_first(web):
    answer = web.get("/nl/consultant/")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/nl/consultant/sign-in?next=/nl/consultant/")


def test_signing_in_uses_the_code_flow_with_pkce(web, identity_provider):
    start = web.get("/en/consultant/sign-in")
    asked = urlparse(start.headers["Location"])
    query = parse_qs(asked.query)
    assert f"{asked.scheme}://{asked.netloc}" == identity_provider
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["nonce"][0] and query["state"][0]


def test_a_signed_in_consultant_is_named_on_every_page_and_returns_where_they_were_going(web):
    back = sign_in(web, LISA, next_path="/en/vacancies?q=scrum")
    assert back.status_code == 302 and back.headers["Location"] == "/en/vacancies?q=scrum"
    cookie = back.headers["Set-Cookie"]
    assert cookie.startswith("consultant=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "eyJ" not in cookie  # the provider's token (a JWT) is not readable in the cookie: encrypted
    page = web.get("/en/vacancies").get_data(as_text=True)
    assert "Lisa Geudens" in page and "Sign out" in page


def test_sign_in_never_redirects_to_another_site(web):
    back = sign_in(web, LISA, next_path="//evil.example/phish")
    assert back.status_code == 302
    assert "evil.example" not in back.headers["Location"]


def test_staff_without_a_platform_role_are_told_and_not_signed_in(web):
    refused = sign_in(web, "visitor@example.com")
    assert refused.status_code == 403
    assert "no access" in refused.get_data(as_text=True).lower()
    assert "Sign out" not in web.get("/en/vacancies").get_data(as_text=True)


def test_an_answer_not_from_this_browsers_sign_in_is_refused(web, identity_provider):
    start = web.get("/en/consultant/sign-in")
    back = urlparse(authorize(start.headers["Location"], LISA))
    forged = re.sub(r"state=[^&]+", "state=forged", back.query)
    answer = web.get(f"{back.path}?{forged}")
    assert answer.status_code == 400
    assert "Sign out" not in web.get("/en/vacancies").get_data(as_text=True)


def test_a_tampered_cookie_is_no_session(web):
    sign_in(web, LISA)
    sealed = web.get_cookie("consultant").value
    web.set_cookie("consultant", sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB"))
    assert "/consultant/sign-in" in web.get("/en/consultant/").headers["Location"]
    assert "Sign out" not in web.get("/en/vacancies").get_data(as_text=True)


def test_signing_out_ends_the_session_here_and_at_the_provider(web, identity_provider):
    sign_in(web, LISA)
    page = web.get("/en/vacancies").get_data(as_text=True)
    out = web.post("/en/consultant/sign-out", data={"csrf_token": _csrf(page)})
    assert out.status_code == 302
    assert out.headers["Location"].startswith(f"{identity_provider}/oauth2/end_session")
    assert "id_token_hint=" in out.headers["Location"]
    assert web.get_cookie("consultant") is None
    assert "/consultant/sign-in" in web.get("/en/consultant/").headers["Location"]


def test_signing_out_needs_the_forms_csrf_token(web):
    sign_in(web, LISA)
    assert web.post("/en/consultant/sign-out").status_code == 400
    assert web.get_cookie("consultant") is not None
