"""The consultant's preferred language travels with their vacancy's events (`consultant.language`),
taken from their own token's `locale` claim: the services that email them write in it."""

from __future__ import annotations

import pytest

import vacancies
from tests.support.auth import bearer
from tests.support.identity import provider_bearer, provider_settings
from tests.support.seed import vacancy_92742
from tests.support.services import migrated_app, outbox_events
from vacancies.app import create_app
from vacancies.db import outbox

pytestmark = pytest.mark.integration

LISA_IN_DUTCH = bearer(locale="nl-BE")
ADMIN = bearer("office@example.com", roles=("admin",), locale="en-GB")
NOT_EDITABLE = ("id", "reference", "status", "version", "published_at", "closed_at", "close_reason")


def _editable_fields(shown: dict) -> dict:
    return {name: value for name, value in shown.items() if name not in NOT_EDITABLE}


def test_lisas_dutch_token_makes_her_vacancys_events_name_dutch_and_an_admins_edit_keeps_it(client, lisa):
    vacancy_id = lisa.create(headers=LISA_IN_DUTCH).json["id"]
    lisa.publish(vacancy_id)  # with a token that names no locale: what is known stays
    current = lisa.read(vacancy_id)
    edited = client.put(
        f"/consultant/vacancies/{vacancy_id}",
        json=_editable_fields(current.json) | {"consultant": vacancy_92742()["consultant"]},  # names no language
        headers=ADMIN | {"If-Match": current.headers["ETag"]},
    )

    events = lisa.events()
    assert current.json["consultant"]["language"] == "nl"
    assert edited.status_code == 200, edited.json
    assert [(e.type, e.data["consultant"]["language"]) for e in events] == [
        ("VacancyPublished", "nl"),
        ("VacancyUpdated", "nl"),  # the admin's English token is not Lisa's language
    ]


def test_a_token_without_a_locale_or_with_another_language_names_none(lisa):
    for reference, locale in (("92801", None), ("92802", "de-DE")):
        created = lisa.create(headers=bearer(locale=locale), reference=reference)
        assert created.status_code == 201, created.json
        vacancy_id = created.json["id"]
        assert lisa.read(vacancy_id).json["consultant"]["language"] is None


def test_the_language_a_request_names_is_checked(lisa):
    consultant = vacancy_92742()["consultant"] | {"language": "de"}

    refused = lisa.create(consultant=consultant)

    assert refused.status_code == 422
    assert refused.json["errors"][0]["field"] == "consultant.language"


def test_the_providers_locale_claim_sets_the_language_of_amelies_vacancy(new_database, identity_provider):
    amelie = {"name": "Amélie Dubois", "title": "Business Manager Wallonie", "email": "amelie.dubois@example.com"}
    draft = vacancy_92742() | {"reference": "92763", "city": "Liège", "region": "Liège", "consultant": amelie}
    with migrated_app(vacancies, create_app, new_database(), **provider_settings(identity_provider)) as app:
        client, her = app.test_client(), provider_bearer(identity_provider, "amelie.dubois@example.com")
        vacancy_id = client.post("/consultant/vacancies", json=draft, headers=her).json["id"]
        published = client.post(f"/consultant/vacancies/{vacancy_id}/publish", headers=her)
        [event] = outbox_events(app.extensions["engine"], outbox)

    assert published.status_code == 200
    assert event.data["consultant"] == amelie | {"language": "fr"}  # fr-BE, her locale at the provider
