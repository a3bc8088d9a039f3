"""Applying, and the pipeline an application moves through."""

import uuid
from datetime import UTC, datetime

import pytest

from applications.domain import (
    ApplicationStatus,
    Candidate,
    Consultant,
    IllegalTransition,
    KnownVacancy,
    UnknownVacancy,
    VacancyNotOpen,
    VacancyState,
    apply,
)
from applications.screening import LanguageSkill, RequiredLanguage, VacancyRequirements

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
S = ApplicationStatus
CANDIDATE = Candidate(
    name="Jan Peeters", email="jan.peeters@example.com", languages=(LanguageSkill("nl", "C2"),), years_of_experience=6
)
REQUIREMENTS_92742 = VacancyRequirements((RequiredLanguage("nl", "C2", True),), 5, True, True, 550)


def _vacancy(state: VacancyState = VacancyState.OPEN) -> KnownVacancy:
    consultant = Consultant("Lisa Geudens", "lisa.geudens@example.com")
    return KnownVacancy(
        id=uuid.uuid4(),
        reference="92742",
        state=state,
        title="IT Project Manager",
        consultant=consultant,
        requirements=REQUIREMENTS_92742,
    )


def _application(status: ApplicationStatus = S.SUBMITTED):
    vacancy = _vacancy()
    application = apply(vacancy, vacancy.id, CANDIDATE, "I led three PRINCE2 projects.", NOW)
    application.status = status
    return application


def test_an_open_vacancy_accepts_an_application_and_screens_it_at_once():
    application = _application()
    assert (application.candidate, application.status) == (CANDIDATE, S.SUBMITTED)
    assert application.screening.passed
    assert [(h.from_status, h.to_status, h.actor) for h in application.history] == [(None, S.SUBMITTED, "candidate")]


def test_a_candidate_below_a_hard_requirement_is_kept_with_the_reason():
    weaker = Candidate(
        name="An Claes", email="an.claes@example.com", languages=(LanguageSkill("nl", "B2"),), years_of_experience=6
    )
    vacancy = _vacancy()
    application = apply(vacancy, vacancy.id, weaker, "", NOW)
    assert application.screening.passed is False
    assert application.screening.reasons == ("Dutch at C2 is required; the candidate declares B2.",)


def test_an_unknown_vacancy_is_refused():
    with pytest.raises(UnknownVacancy):
        apply(None, uuid.uuid4(), CANDIDATE, "", NOW)


def test_a_closed_vacancy_is_refused_with_its_reference():
    vacancy = _vacancy(VacancyState.CLOSED)
    with pytest.raises(VacancyNotOpen, match="92742"):
        apply(vacancy, vacancy.id, CANDIDATE, "", NOW)


def test_the_happy_path_through_the_pipeline_is_recorded_step_by_step():
    application = _application()
    for status in (S.SCREENING, S.INTERVIEW, S.OFFER, S.HIRED):
        application.move_to(status, "lisa.geudens@example.com", f"to {status}", NOW)
    assert application.status is S.HIRED
    assert [(h.from_status, h.to_status) for h in application.history[1:]] == [
        (S.SUBMITTED, S.SCREENING),
        (S.SCREENING, S.INTERVIEW),
        (S.INTERVIEW, S.OFFER),
        (S.OFFER, S.HIRED),
    ]
    assert application.history[-1].reason == "to hired"


LEGAL = {
    (S.SUBMITTED, S.SCREENING),
    (S.SCREENING, S.INTERVIEW),
    (S.INTERVIEW, S.OFFER),
    (S.OFFER, S.HIRED),
    *((before, S.REJECTED) for before in (S.SUBMITTED, S.SCREENING, S.INTERVIEW, S.OFFER)),
}


@pytest.mark.parametrize(
    ("before", "after"),
    [(b, a) for b in S for a in S if (b, a) not in LEGAL and a is not S.WITHDRAWN],
    ids=lambda s: str(s),
)
def test_every_other_consultant_move_is_refused(before, after):
    application = _application(before)
    with pytest.raises(IllegalTransition):
        application.move_to(after, "lisa.geudens@example.com", None, NOW)
    assert application.status is before


@pytest.mark.parametrize("before", [S.SUBMITTED, S.SCREENING, S.INTERVIEW, S.OFFER])
def test_the_candidate_withdraws_until_the_application_is_final(before):
    application = _application(before)
    change = application.withdraw("I accepted another offer.", NOW)
    assert (application.status, change.actor, change.from_status) == (S.WITHDRAWN, "candidate", before)


@pytest.mark.parametrize("final", [S.HIRED, S.REJECTED, S.WITHDRAWN])
def test_a_final_application_cannot_be_withdrawn(final):
    with pytest.raises(IllegalTransition):
        _application(final).withdraw(None, NOW)


def test_consultants_cannot_withdraw_on_the_candidates_behalf():
    with pytest.raises(IllegalTransition):
        _application().move_to(S.WITHDRAWN, "lisa.geudens@example.com", None, NOW)
