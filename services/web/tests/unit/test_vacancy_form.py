"""The workspace's vacancy form, without services: a vacancy survives the form unchanged, the API's
refusals land beside the right field in the page's language, and an edit that met a newer version
keeps the colleague's changes and the consultant's own."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask, g
from werkzeug.datastructures import MultiDict

from tests.support.seed import vacancy_92742
from webclient.languages import install_languages
from webclient.vacancy_conflict import original_of, reconcile
from webclient.vacancy_errors import field_errors
from webclient.vacancy_form import request_body, typed, values_of


@pytest.fixture
def page_in() -> Iterator:
    """Enter a page's request in a language: lazy strings and labels resolve in it."""
    app = Flask(__name__)
    install_languages(app)

    def enter(language: str):
        context = app.test_request_context(f"/{language}/consultant/vacancies")
        context.push()
        g.lang = language
        opened.append(context)

    opened: list = []
    yield enter
    for context in reversed(opened):
        context.pop()


def test_a_vacancy_opened_in_the_form_and_saved_unchanged_is_sent_as_it_was(page_in):
    page_in("en")
    seed = vacancy_92742()

    sent = request_body(values_of(seed), seed["consultant"], creating=True)

    permanent = {"salary_min": None, "salary_max": None, "currency": "EUR"}  # the seed leaves the salary open
    expected = seed | {"contract_terms": seed["contract_terms"] | {"permanent": permanent}}
    assert {name: sent[name] for name in seed} == expected
    assert (sent["tags"], sent["role_type"], sent["closes_on"]) == (["PRINCE2", "PMBOK", "ITIL"], "software", None)


def test_the_typed_form_becomes_the_apis_request():
    form = MultiDict(
        {
            "title": "  Scrum Master ",
            "city": "Leuven",
            "workplace": "remote",
            "experience_min_years": "3",
            "responsibilities": "Facilitating the events.\r\n\r\n  Coaching the team. \r\n",
            "daily_rate": "650",
            "salary_min": "55 000",
            "language_0": "nl",
            "level_0": "C1",
            "required_0": "true",
            "language_2": "fr",
            "level_2": "B2",
            "experience_max_years": "five",
        }
    )
    form.setlist("tags", ["Scrum", "Kanban"])

    sent = request_body(typed(form), {"name": "Lisa Geudens", "email": "lisa.geudens@example.com"}, creating=True)

    assert sent["title"] == "Scrum Master" and "reference" not in sent
    assert sent["responsibilities"] == ["Facilitating the events.", "Coaching the team."]
    assert sent["languages"] == [
        {"language": "nl", "level": "C1", "hard_requirement": True},
        {"language": "fr", "level": "B2", "hard_requirement": False},
    ]
    assert sent["contract_terms"] == {"freelance": {"daily_rate": 650, "currency": "EUR"}, "permanent": None}
    assert sent["experience_max_years"] == "five"  # for the API to refuse beside its field
    assert sent["tags"] == ["Scrum", "Kanban"]


def test_an_empty_required_field_is_left_out_for_the_api_to_name():
    sent = request_body(typed(MultiDict({"city": "Ghent"})), {"name": "L", "email": "l@example.com"}, creating=True)

    assert "title" not in sent and "workplace" not in sent and "experience_min_years" not in sent
    assert sent["contract_terms"] == {"freelance": None, "permanent": None}


def test_the_apis_refusals_go_beside_their_fields_in_the_pages_language(page_in):
    page_in("nl")
    refused = {
        "title": ["Missing data for required field."],
        "contract_terms.freelance.daily_rate": ["Not a valid integer."],
        "contract_terms.freelance": ["Offer freelance terms, permanent terms, or both."],
        "languages.1.level": ["Must be one of: A1, A2, B1, B2, C1, C2."],
        "languages.1.language": ["Longer than maximum length 2.", "Use an ISO 639-1 code."],
        "responsibilities.2": ["Length must be between 1 and 1000."],
        "experience_max_years": ["Must not be below experience_min_years."],
        "consultant.email": ["Not a valid email address."],
    }

    errors = field_errors(refused)

    assert errors == {
        "title": ["Vul dit in."],
        "daily_rate": ["Geef een geheel getal."],
        "contract_terms": ["Geef een dagtarief (freelance), vink het vaste contract aan, of allebei."],
        "language_1": ["Kies een niveau voor deze taal.", "Kies een taal."],
        "responsibilities": ["Regel 3: Vul dit in, in hoogstens 1000 tekens."],
        "experience_max_years": ["Mag niet lager zijn dan het minimum."],
        "general": ["Not a valid email address."],  # no field of the form: above it, as the API said it
    }


def test_a_colleagues_change_is_kept_and_the_consultants_own_set_on_top(page_in):
    page_in("en")
    original = values_of(vacancy_92742())
    now = original | {"title": "IT Project Manager – City of Antwerp"}
    yours = original | {"requirements": "Ten years of PRINCE2."}

    reconciled = reconcile(original, now, yours)

    assert reconciled.values["title"] == "IT Project Manager – City of Antwerp"
    assert reconciled.values["requirements"] == "Ten years of PRINCE2."
    assert [(c.label, c.yours, c.changed_meanwhile) for c in reconciled.yours] == [
        ("Requirements", "Ten years of PRINCE2.", False)
    ]
    assert [(c.label, c.now) for c in reconciled.theirs] == [("Title", "IT Project Manager – City of Antwerp")]


def test_a_part_both_changed_takes_the_consultants_text_and_is_flagged(page_in):
    page_in("en")
    original = values_of(vacancy_92742())
    now = original | {"title": "Changed by a colleague"}
    yours = original | {"title": "Changed by me"}

    reconciled = reconcile(original, now, yours)

    assert reconciled.values["title"] == "Changed by me"
    assert [(c.now, c.yours, c.changed_meanwhile) for c in reconciled.yours] == [
        ("Changed by a colleague", "Changed by me", True)
    ]
    assert reconciled.theirs == []


def test_without_the_version_it_was_opened_with_everything_typed_counts_as_the_consultants(page_in):
    page_in("en")
    now = values_of(vacancy_92742())
    yours = now | {"title": "Mine", "city": "Ghent"}

    for carried in ("", "not json", json.dumps(["a list"]), json.dumps({"tags": "not a list"})):
        reconciled = reconcile(original_of(carried, now), now, yours)
        assert (reconciled.values["title"], reconciled.values["city"]) == ("Mine", "Ghent")
        assert [c.label for c in reconciled.yours] == ["Title", "City"]
