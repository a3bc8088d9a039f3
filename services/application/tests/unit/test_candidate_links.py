"""A candidate's link: whose key signs it, how long it lasts, and when it closes for good."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from applications.domain import ApplicationStatus, Candidate, KnownVacancy, VacancyState, apply
from applications.tokens import SALT, CandidateLinks, InvalidCandidateToken
from recruitment_shared.secrets import CANDIDATE_LINKS, signing_key

DEVELOPMENT = {"RECRUITMENT_ENV": "development", "JWT_SECRET": "a-secret-only-these-unit-tests-use-0123"}
LINKS = CandidateLinks.from_env(DEVELOPMENT)
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def _signed(application_id: uuid.UUID, key: str = LINKS.key, age: timedelta = timedelta(0), salt: str = SALT) -> str:
    class SignedEarlier(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age.total_seconds())

    return URLSafeTimedSerializer(key, salt=salt, signer=SignedEarlier).dumps(str(application_id))


def _application(at: datetime = NOW):
    vacancy = KnownVacancy(id=uuid.uuid4(), reference="92742", state=VacancyState.OPEN, title="IT PM")
    candidate = Candidate(name="Jan Peeters", email="jan.peeters@example.com")
    return apply(vacancy, vacancy.id, candidate, "", at)


def test_a_link_signed_with_the_candidate_link_key_names_its_application():
    application_id = uuid.uuid4()
    assert LINKS.application_of(_signed(application_id)) == application_id


@pytest.mark.parametrize(
    "token",
    [
        _signed(uuid.uuid4(), key=DEVELOPMENT["JWT_SECRET"]),  # the API tokens' secret: not this purpose's key
        _signed(uuid.uuid4(), key=signing_key("alert-links", DEVELOPMENT)),
        _signed(uuid.uuid4(), salt="alert-confirm"),
        _signed(uuid.uuid4())[:-2] + "xx",
        "not-a-token",
        URLSafeTimedSerializer(LINKS.key, salt=SALT).dumps("not an id"),
    ],
    ids=["jwt-secret", "alert-key", "other-salt", "tampered", "garbage", "not-an-id"],
)
def test_anything_else_is_an_invalid_link(token):
    with pytest.raises(InvalidCandidateToken, match="not valid"):
        LINKS.application_of(token)


def test_a_link_lasts_its_lifetime_and_no_longer():
    application_id = uuid.uuid4()
    assert LINKS.application_of(_signed(application_id, age=timedelta(days=179))) == application_id
    with pytest.raises(InvalidCandidateToken):
        LINKS.application_of(_signed(application_id, age=timedelta(days=181)))


@pytest.mark.parametrize("final", ["rejected", "withdrawn", "hired"])
def test_a_final_application_stays_open_for_the_grace_period_then_closes(final):
    application = _application()
    if final == "withdrawn":
        application.withdraw(None, NOW + timedelta(days=2))
    else:
        steps = ["screening", "interview", "offer", "hired"] if final == "hired" else ["rejected"]
        for day, status in enumerate(steps, start=1):
            application.move_to(ApplicationStatus(status), "lisa.geudens@example.com", None, NOW + timedelta(days=day))
    final_at = application.history[-1].at

    assert application.final_since == final_at
    assert LINKS.check_open(application, final_at + timedelta(days=29, hours=23)) is application
    with pytest.raises(InvalidCandidateToken):
        LINKS.check_open(application, final_at + timedelta(days=30))


def test_an_application_still_in_the_pipeline_keeps_its_link_open():
    application = _application()
    application.move_to(ApplicationStatus.SCREENING, "lisa.geudens@example.com", None, NOW)

    assert application.final_since is None
    assert LINKS.check_open(application, NOW + timedelta(days=3650)) is application


def test_lifetime_and_grace_are_configured_in_days_and_the_key_is_derived_per_purpose():
    configured = CandidateLinks.from_env(
        DEVELOPMENT | {"CANDIDATE_LINK_MAX_AGE_DAYS": "90", "CANDIDATE_LINK_GRACE_DAYS": "7.5"}
    )

    assert (LINKS.max_age, LINKS.grace) == (timedelta(days=180), timedelta(days=30))
    assert (configured.max_age, configured.grace) == (timedelta(days=90), timedelta(days=7, hours=12))
    assert LINKS.key == signing_key(CANDIDATE_LINKS, DEVELOPMENT) != DEVELOPMENT["JWT_SECRET"]


@pytest.mark.parametrize("value", ["-1", "forever", "nan", "36500"])
def test_a_nonsensical_lifetime_stops_the_service_at_start(value):
    with pytest.raises(ValueError, match="CANDIDATE_LINK_MAX_AGE_DAYS"):
        CandidateLinks.from_env(DEVELOPMENT | {"CANDIDATE_LINK_MAX_AGE_DAYS": value})
