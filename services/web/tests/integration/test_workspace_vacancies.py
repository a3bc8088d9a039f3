"""The consultant's vacancy pages against the REAL vacancy service (with the demo catalogue) and the
REAL OpenID Connect provider: Lisa lists her vacancies by status, creates one (a missing title is
shown beside the field and creates nothing), publishes it onto the job board, edits one, meets a
colleague's edit made meanwhile without losing what she typed, and closes one with a reason;
Pieter cannot open hers; strangers are sent to sign in; a form without its CSRF token is refused."""

from __future__ import annotations

import html
import re
import secrets
import string
from html.parser import HTMLParser

import pytest
import requests

from tests.support.identity import provider_bearer, sign_in
from tests.support.seed import vacancy_92742
from vacancies.demo_catalogue import DEMO_VACANCIES

pytestmark = pytest.mark.integration

LISA = "lisa.geudens@example.com"
PIETER = "pieter.vandenbroeck@example.com"
LISAS = {each["reference"] for each in DEMO_VACANCIES if each["consultant"]["email"] == LISA}
OTHERS = {each["reference"] for each in DEMO_VACANCIES} - LISAS


@pytest.fixture(scope="module")
def lisa_api(vacancy_service, identity_provider):
    """Lisa at the vacancy API directly (her provider token): to set the scene and read back."""

    class LisaAtTheApi:
        headers = provider_bearer(identity_provider, LISA)
        url = f"{vacancy_service.url}/consultant/vacancies"

        def create(self, **changes) -> dict:
            request = {k: v for k, v in vacancy_92742().items() if k != "reference"} | changes
            created = requests.post(self.url, json=request, headers=self.headers, timeout=10)
            assert created.status_code == 201, created.text
            return created.json()

        def published(self, **changes) -> dict:
            vacancy = self.create(**changes)
            answer = requests.post(f"{self.url}/{vacancy['id']}/publish", headers=self.headers, timeout=10)
            assert answer.status_code == 200, answer.text
            return answer.json()

        def read(self, vacancy_id: str) -> requests.Response:
            return requests.get(f"{self.url}/{vacancy_id}", headers=self.headers, timeout=10)

        def count(self, status: str) -> int:
            query = {"status": status, "page_size": 1}
            return requests.get(self.url, params=query, headers=self.headers, timeout=10).json()["total"]

    return LisaAtTheApi()


@pytest.fixture
def lisa(web):
    """Lisa signed in to the web client (through the provider's form)."""
    sign_in(web, LISA)
    return web


def word() -> str:
    """A made-up word the job board's full-text search finds only where we put it."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))


class _Form(HTMLParser):
    """The fields of a page's workspace form (class ws-form, or the given action) as a browser sends them."""

    def __init__(self, action: str | None) -> None:
        super().__init__()
        self.action, self.fields, self.inside = action, [], False
        self.select: str | None = None
        self.textarea: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = (a.get("action") == self.action) if self.action else "ws-form" in a.get("class", "")
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and (a.get("type") not in ("checkbox", "radio") or "checked" in a):
            self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "select":
            self.select, self.options = a["name"], []
        elif tag == "option" and self.select:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected] or [self.options[0][0]]
            self.fields.append((self.select, chosen[0]))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, "".join(self.text)))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text.append(data)


def form_of(page: str, action: str | None = None) -> dict[str, list[str]]:
    """The form's fields as it would be sent, name -> values (several for ticked boxes)."""
    reader = _Form(action)
    reader.feed(page)
    sent: dict[str, list[str]] = {}
    for name, value in reader.fields:
        sent.setdefault(name, []).append(value)
    return sent


def changed(form: dict[str, list[str]], **values: str) -> dict[str, list[str]]:
    return form | {name: [value] for name, value in values.items()}


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def text_of(page: str) -> str:
    """The page's text without tags, as a person reads it (spacing collapsed)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def listed(page: str) -> list[str]:
    """The references of the vacancies in the list, in order."""
    return re.findall(r'<tr data-reference="(\d+)">', page)


def test_the_list_by_status_shows_lisas_vacancies_only(lisa, lisa_api):
    draft = lisa_api.create(title=f"Draft {word()}")

    published = lisa.get("/en/consultant/vacancies?status=published").get_data(as_text=True)
    drafts = lisa.get("/en/consultant/vacancies?status=draft").get_data(as_text=True)
    everything = lisa.get("/en/consultant/vacancies").get_data(as_text=True)

    shown = {
        name: set(listed(page)) for name, page in (("published", published), ("drafts", drafts), ("all", everything))
    }

    assert shown["published"] >= LISAS and not shown["published"] & OTHERS
    assert draft["reference"] in shown["drafts"] and not shown["drafts"] & LISAS
    assert shown["all"] >= shown["published"] | shown["drafts"] and not shown["all"] & OTHERS
    tab = re.search(r'status=published" aria-current="page">Published <span class="ws-count">(\d+)</span>', published)
    assert tab and int(tab.group(1)) == len(shown["published"]) == lisa_api.count("published")
    assert re.search(rf'<tr data-reference="{draft["reference"]}">.*?ws-badge-draft', everything, re.S)


def test_a_new_vacancy_without_a_title_is_refused_beside_the_field_and_nothing_is_created(lisa, lisa_api):
    form_page = lisa.get("/en/consultant/vacancies/new").get_data(as_text=True)
    drafts = lisa_api.count("draft")
    form = changed(form_of(form_page), city="Ghent", workplace="hybrid", experience_min_years="5", daily_rate="600")

    refused = lisa.post("/en/consultant/vacancies/new", data=form)
    page = refused.get_data(as_text=True)

    assert refused.status_code == 422
    assert re.search(r'id="title"[^>]*aria-invalid="true"', page)
    assert re.search(r'<p class="field-error" id="title-error">Fill this in\.</p>', page)
    assert 'value="Ghent"' in page and 'value="600"' in page  # the form as it was filled
    assert lisa_api.count("draft") == drafts


def test_a_new_vacancy_is_saved_as_a_draft_then_published_onto_the_job_board(lisa, lisa_api, web):
    title = f"Scrum Master {word()}"
    form_page = lisa.get("/en/consultant/vacancies/new").get_data(as_text=True)
    form = changed(
        form_of(form_page),
        title=title,
        city="Leuven",
        workplace="remote",
        experience_min_years="3",
        daily_rate="625",
        introduction="A scale-up in Leuven needs a Scrum Master for two teams.",
        responsibilities="Facilitating the events.\r\nCoaching the product owner.",
        requirements="Three years as Scrum Master.",
        language_0="nl",
        level_0="C1",
        required_0="true",
    ) | {"tags": ["Scrum", "Agile"]}

    created = lisa.post("/en/consultant/vacancies/new", data=form)
    vacancy_page = lisa.get(created.headers["Location"]).get_data(as_text=True)
    confirm = lisa.get(created.headers["Location"].replace("/edit", "/publish")).get_data(as_text=True)
    published = lisa.post(created.headers["Location"].replace("/edit", "/publish"), data={"csrf_token": csrf(confirm)})
    after = lisa.get(published.headers["Location"]).get_data(as_text=True)
    board = web.get(f"/en/vacancies?q={title.split()[1]}").get_data(as_text=True)
    stored = lisa_api.read(created.headers["Location"].split("/")[-2]).json()

    assert created.status_code == 303 and "Draft" in vacancy_page and "saved" in vacancy_page
    assert "Publish this vacancy?" in confirm
    assert published.status_code == 303
    assert f"{stored['reference']} is published" in text_of(after)
    assert title in text_of(board) and f"/vacancies/{stored['reference']}" in board
    assert (stored["status"], stored["consultant"]["email"], stored["contract_terms"]["freelance"]["daily_rate"]) == (
        "published",
        LISA,
        625,
    )
    assert stored["responsibilities"] == ["Facilitating the events.", "Coaching the product owner."]
    assert stored["languages"] == [{"language": "nl", "level": "C1", "hard_requirement": True}]
    assert sorted(stored["tags"]) == ["Agile", "Scrum"]


def test_publishing_a_draft_that_lacks_its_requirements_says_what_is_missing(lisa, lisa_api):
    draft = lisa_api.create(title=f"Incomplete {word()}", requirements=[])

    confirm = lisa.get(f"/en/consultant/vacancies/{draft['id']}/publish").get_data(as_text=True)

    assert "fill in: Requirements" in text_of(confirm)
    assert "Publish now" not in confirm
    assert lisa_api.read(draft["id"]).json()["status"] == "draft"


def test_lisa_edits_her_vacancy(lisa, lisa_api):
    vacancy = lisa_api.published(title=f"Programme Manager {word()}")
    url = f"/en/consultant/vacancies/{vacancy['id']}/edit"
    page = lisa.get(url).get_data(as_text=True)
    form = changed(form_of(page), title="Programme Manager – Port of Antwerp", closes_on="2027-06-30")

    saved = lisa.post(url, data=form)
    after = lisa.get(saved.headers["Location"]).get_data(as_text=True)
    stored = lisa_api.read(vacancy["id"]).json()

    assert saved.status_code == 303
    assert f"Your changes to {vacancy['reference']} are saved." in text_of(after)
    assert (stored["title"], stored["closes_on"], stored["status"]) == (
        "Programme Manager – Port of Antwerp",
        "2027-06-30",
        "published",
    )
    assert stored["requirements"] == vacancy["requirements"]  # what the form did not change is kept


def test_an_edit_of_a_version_changed_meanwhile_shows_the_new_version_and_keeps_what_was_typed(
    web, lisa_api, identity_provider
):
    vacancy = lisa_api.create(title=f"Infrastructure Project Manager {word()}")
    url = f"/en/consultant/vacancies/{vacancy['id']}/edit"
    first, second = web, web.application.test_client()
    sign_in(first, LISA)
    sign_in(second, LISA)
    first_form, second_form = (form_of(client.get(url).get_data(as_text=True)) for client in (first, second))

    colleague = first.post(url, data=changed(first_form, title="Infrastructure PM – Mechelen"))
    conflict = second.post(url, data=changed(second_form, requirements="Ten years of data-centre moves."))
    page = conflict.get_data(as_text=True)
    merged = form_of(page)
    resaved = second.post(url, data=merged)
    stored = lisa_api.read(vacancy["id"]).json()

    assert colleague.status_code == 303
    assert conflict.status_code == 409
    assert "this vacancy was changed while you were editing it" in text_of(page)
    assert "Infrastructure PM – Mechelen" in text_of(page)  # the new version
    assert "Ten years of data-centre moves." in text_of(page)  # her own text
    assert merged["etag"] != second_form["etag"]  # the new version's ETag
    assert merged["title"] == ["Infrastructure PM – Mechelen"]
    assert merged["requirements"] == ["Ten years of data-centre moves."]
    assert resaved.status_code == 303
    assert (stored["title"], stored["requirements"]) == (
        "Infrastructure PM – Mechelen",
        ["Ten years of data-centre moves."],
    )


def test_lisa_closes_a_vacancy_with_a_reason_after_confirming(lisa, lisa_api):
    vacancy = lisa_api.published(title=f"PMO Lead {word()}")
    url = f"/en/consultant/vacancies/{vacancy['id']}/close"
    confirm = lisa.get(url).get_data(as_text=True)

    without_reason = lisa.post(url, data={"csrf_token": csrf(confirm), "reason": ""})
    closed = lisa.post(url, data={"csrf_token": csrf(confirm), "reason": "filled"})
    after = lisa.get(closed.headers["Location"]).get_data(as_text=True)
    stored = lisa_api.read(vacancy["id"]).json()

    assert "Close this vacancy?" in confirm
    assert re.findall(r'<option value="(\w+)"', confirm) == ["filled", "cancelled", "expired"]
    assert "Filled: a candidate got the job" in confirm
    assert without_reason.status_code == 422 and 'id="reason-error"' in without_reason.get_data(as_text=True)
    assert closed.status_code == 303
    assert f"{vacancy['reference']} is closed" in text_of(after)
    assert "A closed vacancy can no longer be changed." in text_of(after) and 'class="ws-form"' not in after
    assert (stored["status"], stored["close_reason"]) == ("closed", "filled")


def test_a_draft_can_only_be_cancelled(lisa, lisa_api):
    draft = lisa_api.create(title=f"Draft {word()}")

    confirm = lisa.get(f"/en/consultant/vacancies/{draft['id']}/close").get_data(as_text=True)
    refused = lisa.post(
        f"/en/consultant/vacancies/{draft['id']}/close", data={"csrf_token": csrf(confirm), "reason": "filled"}
    )

    assert re.findall(r'<option value="(\w+)"', confirm) == ["cancelled"]
    assert refused.status_code == 422
    assert lisa_api.read(draft["id"]).json()["status"] == "draft"


def test_pieter_cannot_open_or_close_lisas_vacancy(web, lisa_api):
    vacancy = lisa_api.published(title=f"Agile Coach {word()}")
    sign_in(web, PIETER)
    token = csrf(web.get("/en/consultant/vacancies").get_data(as_text=True))

    opened = web.get(f"/en/consultant/vacancies/{vacancy['id']}/edit")
    closing = web.post(
        f"/en/consultant/vacancies/{vacancy['id']}/close", data={"csrf_token": token, "reason": "filled"}
    )

    assert opened.status_code == 403 and "another consultant" in opened.get_data(as_text=True)
    assert vacancy["title"] not in opened.get_data(as_text=True)
    assert closing.status_code == 403
    assert lisa_api.read(vacancy["id"]).json()["status"] == "published"


def test_a_stranger_is_sent_to_sign_in(web, lisa_api):
    vacancy = lisa_api.create(title=f"Draft {word()}")
    for path in (
        "/nl/consultant/vacancies",
        "/nl/consultant/vacancies/new",
        f"/nl/consultant/vacancies/{vacancy['id']}/edit",
    ):
        answer = web.get(path)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith(f"/nl/consultant/sign-in?next={path}")


def test_a_form_without_its_csrf_token_is_refused(lisa, lisa_api):
    page = lisa.get("/en/consultant/vacancies/new").get_data(as_text=True)
    form = changed(
        form_of(page),
        title=f"Forged {word()}",
        city="Ghent",
        workplace="hybrid",
        experience_min_years="5",
        daily_rate="600",
    )
    drafts = lisa_api.count("draft")

    forged = lisa.post("/en/consultant/vacancies/new", data={k: v for k, v in form.items() if k != "csrf_token"})

    assert forged.status_code == 400
    assert lisa_api.count("draft") == drafts


def test_the_pages_speak_dutch_and_french(lisa):
    dutch = lisa.get("/nl/consultant/vacancies").get_data(as_text=True)
    french = lisa.get("/fr/consultant/vacancies/new").get_data(as_text=True)

    assert "Mijn vacatures" in dutch and "Gepubliceerd" in dutch
    assert "Nouvelle offre" in french and "Enregistrer comme brouillon" in french
