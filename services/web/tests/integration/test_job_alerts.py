"""Job alerts through the site, against the REAL notification service: the job board's link opens
the form with its filters, subscribing stores a pending subscription and says "check your inbox"
(the same whether or not the address had one), the emails' confirm and unsubscribe links open pages
whose GET changes nothing and whose button does, bad links and the API's 422 are clear pages, and a
form without the session's CSRF token changes nothing."""

from __future__ import annotations

import re
import uuid
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from notifications.db import emails, subscriptions
from notifications.links import Links
from tests.support.network import free_port
from webclient.app import create_app

pytestmark = pytest.mark.integration
FORM = {"keywords": "PRINCE2", "cities": "Antwerp", "workplace": "hybrid", "frequency": "daily", "language": "nl"}


def unique_email() -> str:
    return f"an.{uuid.uuid4().hex[:8]}@example.com"


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def subscribe(site, email: str, lang: str = "nl", **changes):
    """Open the form and send it filled in, as a candidate does."""
    token = csrf_of(site.get(f"/{lang}/alerts").get_data(as_text=True))
    return site.post(f"/{lang}/alerts", data={"csrf_token": token, "email": email} | FORM | changes)


def subscriptions_of(notification_service, email: str) -> list[dict]:
    with notification_service.app.extensions["engine"].connect() as conn:
        rows = conn.execute(select(subscriptions).where(subscriptions.c.email == email))
        return [dict(row._mapping) for row in rows]


def page_of(link: str, links: Links) -> str:
    """An email's link as the site's path (the site's address off)."""
    assert link.startswith(f"{links.web}/"), link
    return link.removeprefix(links.web)


def confirm_page(notification_service, email: str, lang: str = "nl") -> str:
    """The path of the confirmation email's link, as the notification service signs it."""
    [subscription] = subscriptions_of(notification_service, email)
    links: Links = notification_service.app.extensions["links"]
    return page_of(links.confirm(subscription["id"], lang), links)


def unsubscribe_page(notification_service, email: str, lang: str = "nl") -> str:
    [subscription] = subscriptions_of(notification_service, email)
    links: Links = notification_service.app.extensions["links"]
    return page_of(links.unsubscribe(subscription["id"], lang), links)


def status_of(notification_service, email: str) -> str:
    return subscriptions_of(notification_service, email)[0]["status"]


def test_the_job_boards_link_opens_the_form_with_the_filters_an_alert_can_keep(alerts_site):
    board = alerts_site.get("/nl/vacancies?q=PRINCE2&city=Antwerp&workplace=hybrid&min_daily_rate=500&page=1")
    link = unescape(re.search(r'<a id="alert-link" href="([^"]+)"', board.get_data(as_text=True))[1])
    form = alerts_site.get(link).get_data(as_text=True)

    assert urlsplit(link).path == "/nl/alerts"
    assert parse_qs(urlsplit(link).query) == {
        "q": ["PRINCE2"],
        "city": ["Antwerp"],
        "workplace": ["hybrid"],
        "min_daily_rate": ["500"],  # not the page: the form says it cannot keep this one
    }
    assert re.search(r'id="keywords"[^>]*value="PRINCE2"', form) and re.search(r'id="cities"[^>]*value="Antwerp"', form)
    assert '<option value="hybrid" selected>Hybride</option>' in form
    assert "Een jobalert kan niet filteren op: Dagtarief vanaf (EUR)." in form  # what the alert leaves out, said


def test_subscribing_says_check_your_inbox_and_the_api_holds_a_pending_subscription(alerts_site, notification_service):
    email = unique_email()
    sent = subscribe(alerts_site, email)
    page = alerts_site.get(sent.headers["Location"]).get_data(as_text=True)

    [stored] = subscriptions_of(notification_service, email)
    assert (sent.status_code, sent.headers["Location"]) == (303, "/nl/alerts/subscribed")  # no address in the URL
    assert "Kijk in je mailbox" in page and f"We sturen een e-mail naar {email}" in page
    assert (stored["status"], stored["language"], stored["frequency"]) == ("pending", "nl", "daily")
    assert stored["criteria"] == {
        "keywords": ["PRINCE2"],
        "cities": ["Antwerp"],
        "role_types": [],
        "contract_type": None,
        "workplace": "hybrid",
    }
    with notification_service.app.extensions["engine"].connect() as conn:
        templates = conn.execute(select(emails.c.template).where(emails.c.recipient == email)).scalars().all()
    assert templates == ["subscription_confirmation"]


def test_subscribing_an_address_again_answers_exactly_as_the_first_time(alerts_site):
    email = unique_email()
    first = alerts_site.get(subscribe(alerts_site, email).headers["Location"]).get_data(as_text=True)
    again = alerts_site.get(subscribe(alerts_site, email).headers["Location"]).get_data(as_text=True)

    assert first == again  # nobody learns from the site whether an address has an alert


def test_opening_the_confirmation_link_changes_nothing_and_its_button_confirms(alerts_site, notification_service):
    email = unique_email()
    subscribe(alerts_site, email)
    link = confirm_page(notification_service, email)

    shown = [alerts_site.get(link) for _ in range(2)]  # a mail scanner first, then the candidate
    after_showing = status_of(notification_service, email)
    html = shown[1].get_data(as_text=True)
    confirmed = alerts_site.post(link, data={"csrf_token": csrf_of(html)})
    result = alerts_site.get(confirmed.headers["Location"]).get_data(as_text=True)

    assert link.startswith("/nl/alerts/confirm/")
    assert [answer.status_code for answer in shown] == [200, 200]
    assert after_showing == "pending"
    assert "Bevestig je jobalert" in html and "Ja, bevestig mijn jobalert" in html
    for words in ("<dt>Trefwoorden</dt><dd>PRINCE2</dd>", "<dt>Steden</dt><dd>Antwerp</dd>", "<dd>Hybride</dd>"):
        assert words in html  # the criteria in words, in Dutch
    assert f"<dd>{email}</dd>" in html and "Eén keer per dag, in één e-mail" in html
    assert (confirmed.status_code, confirmed.headers["Location"]) == (303, link)
    assert status_of(notification_service, email) == "confirmed"
    assert "Je jobalert is bevestigd" in result


def test_the_unsubscribe_link_shows_the_alert_and_its_button_ends_it_for_good(alerts_site, notification_service):
    email = unique_email()
    subscribe(alerts_site, email, lang="fr", language="fr")
    confirm = confirm_page(notification_service, email, "fr")
    alerts_site.post(confirm, data={"csrf_token": csrf_of(alerts_site.get(confirm).get_data(as_text=True))})
    link = unsubscribe_page(notification_service, email, "fr")

    asked = alerts_site.get(link).get_data(as_text=True)
    after_asking = status_of(notification_service, email)
    done = alerts_site.post(link, data={"csrf_token": csrf_of(asked)})
    result = alerts_site.get(done.headers["Location"]).get_data(as_text=True)
    old_confirmation = alerts_site.get(confirm).get_data(as_text=True)
    visited_again = alerts_site.get(link)

    assert "Vous désabonner de cette alerte emploi ?" in asked and "<dt>Mots-clés</dt><dd>PRINCE2</dd>" in asked
    assert after_asking == "confirmed"
    assert (done.status_code, done.headers["Location"]) == (303, "/fr/alerts/unsubscribed")
    assert subscriptions_of(notification_service, email) == []  # deleted at once: nothing of it is kept
    assert "Désabonnement effectué" in result
    assert "Cette alerte emploi a pris fin" in old_confirmation and 'name="csrf_token"' not in old_confirmation
    # A later visit of the link: the alert no longer exists, said kindly, with a way to make a new one.
    again = visited_again.get_data(as_text=True)
    assert visited_again.status_code == 410 and "Cette alerte emploi n'existe plus" in unescape(again)
    assert "Créer une nouvelle alerte emploi" in again and 'name="csrf_token"' not in again


@pytest.mark.parametrize("action", ["confirm", "unsubscribe"])
@pytest.mark.parametrize("token", ["not-a-token", "a..b", "x" * 600, "forged"])
def test_a_link_that_opens_no_alert_is_a_clear_404_page(alerts_site, notification_service, action, token):
    if token == "forged":  # well formed and signed, but with another key
        token = Links("another-key").confirm(uuid.uuid4(), "en").rpartition("/")[2]
    shown = alerts_site.get(f"/en/alerts/{action}/{token}")
    posted = alerts_site.post(f"/en/alerts/{action}/{token}", data={"csrf_token": csrf_of(_any_form(alerts_site))})

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert "Link not valid" in shown.get_data(as_text=True) and "This link is not valid" in shown.get_data(as_text=True)


def _any_form(site) -> str:
    return site.get("/en/alerts").get_data(as_text=True)


def test_the_apis_422_is_shown_beside_each_field_in_the_pages_language_and_the_form_stays_filled(
    alerts_site, notification_service
):
    page = subscribe(alerts_site, "not-an-address", keywords=f"PRINCE2, {'x' * 101}", cities="Ghent")

    html = page.get_data(as_text=True)
    assert page.status_code == 422
    email_field = re.search(r'<input id="email"[^>]*>\s*<p class="field-error" id="email-error">([^<]+)', html)
    keywords_field = re.search(r'<input id="keywords"[^>]*>\s*<p class="field-error" id="keywords-error">([^<]+)', html)
    assert email_field and "Vul een e-mailadres in" in email_field[1]
    assert keywords_field and "Maximaal 10 trefwoorden" in keywords_field[1]
    assert re.search(r'<input id="email"[^>]*aria-describedby="email-error"[^>]*aria-invalid="true"', html)
    assert 'value="Ghent"' in html and 'value="not-an-address"' in html
    assert "cities-error" not in html
    assert not subscriptions_of(notification_service, "not-an-address")


def test_a_form_without_the_sessions_csrf_token_is_refused_and_changes_nothing(alerts_site, notification_service):
    email = unique_email()
    refused = alerts_site.post("/nl/alerts", data={"csrf_token": "forged", "email": email} | FORM)
    subscribe(alerts_site, email)
    link = confirm_page(notification_service, email)
    unconfirmed = alerts_site.post(link, data={})

    assert (refused.status_code, unconfirmed.status_code) == (400, 400)
    assert "Formulier verlopen" in refused.get_data(as_text=True)
    assert len(subscriptions_of(notification_service, email)) == 1  # only the one with the token
    assert status_of(notification_service, email) == "pending"


def test_while_the_notification_service_is_down_the_alert_pages_say_so_in_a_friendly_503(vacancy_service):
    site = create_app(
        {
            "VACANCY_API_URL": vacancy_service.url,
            "NOTIFICATION_API_URL": f"http://127.0.0.1:{free_port()}",  # nothing answers there
            "API_RETRIES": "0",
            "TESTING": True,
        }
    ).test_client()
    form = site.get("/en/alerts")
    link = site.get("/en/alerts/confirm/some.token")
    sent = site.post("/en/alerts", data={"csrf_token": csrf_of(form.get_data(as_text=True)), "email": unique_email()})

    assert form.status_code == 200  # the form itself needs no API
    assert (link.status_code, sent.status_code) == (503, 503)
    assert link.headers["Retry-After"] == "60"
    assert "Job alerts are briefly unavailable" in sent.get_data(as_text=True)
