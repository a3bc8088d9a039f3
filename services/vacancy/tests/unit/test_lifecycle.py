"""A vacancy goes draft → published → closed (filled, cancelled or expired), and no other way."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from vacancies.domain import (
    CloseReason,
    Consultant,
    ContractTerms,
    FreelanceTerms,
    IllegalTransition,
    NotReadyToPublish,
    Vacancy,
    VacancyStatus,
    Workplace,
    canonical_tag,
)

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def _draft(**changes) -> Vacancy:
    vacancy = Vacancy(
        reference="92742",
        title="IT Project Manager – Public Sector",
        city="Antwerp",
        workplace=Workplace.HYBRID,
        contract_terms=ContractTerms(freelance=FreelanceTerms(550)),
        consultant=Consultant("Lisa Geudens", "lisa.geudens@example.com"),
        experience_min_years=5,
        introduction="You will lead IT projects in a public-sector environment.",
        responsibilities=["Leading IT projects from initiation through delivery."],
        requirements=["At least 5 years as an IT Project Manager."],
        end_date=date(2027, 7, 15),
    )
    return replace(vacancy, **changes)


def _published(**changes) -> Vacancy:
    vacancy = _draft(**changes)
    vacancy.publish(NOW)
    return vacancy


def test_publishing_a_draft_opens_it_and_records_when():
    vacancy = _published()
    assert (vacancy.status, vacancy.published_at, vacancy.version) == (VacancyStatus.PUBLISHED, NOW, 2)


@pytest.mark.parametrize("empty", ["introduction", "responsibilities", "requirements"])
def test_a_draft_without_what_candidates_need_cannot_be_published(empty):
    vacancy = _draft(**{empty: "" if empty == "introduction" else []})
    with pytest.raises(NotReadyToPublish) as refused:
        vacancy.publish(NOW)
    assert refused.value.missing == [empty]
    assert vacancy.status is VacancyStatus.DRAFT


def test_a_draft_whose_dates_have_passed_cannot_be_published():
    with pytest.raises(IllegalTransition, match="in the past"):
        _draft(closes_on=date(2026, 11, 20)).publish(NOW)


def test_a_vacancy_is_published_only_once():
    vacancy = _published()
    with pytest.raises(IllegalTransition, match="only a draft"):
        vacancy.publish(NOW)


@pytest.mark.parametrize("reason", list(CloseReason))
def test_a_published_vacancy_closes_for_any_reason(reason):
    vacancy = _published()
    vacancy.close(reason, NOW)
    assert (vacancy.status, vacancy.close_reason, vacancy.closed_at) == (VacancyStatus.CLOSED, reason, NOW)


def test_a_draft_can_be_cancelled_but_not_filled_or_expired():
    for reason in (CloseReason.FILLED, CloseReason.EXPIRED):
        with pytest.raises(IllegalTransition, match="only be cancelled"):
            _draft().close(reason, NOW)
    cancelled = _draft()
    cancelled.close(CloseReason.CANCELLED, NOW)
    assert cancelled.status is VacancyStatus.CLOSED


def test_a_closed_vacancy_cannot_be_published_closed_again_or_edited():
    vacancy = _published()
    vacancy.close(CloseReason.FILLED, NOW)
    with pytest.raises(IllegalTransition):
        vacancy.publish(NOW)
    with pytest.raises(IllegalTransition, match="already closed"):
        vacancy.close(CloseReason.CANCELLED, NOW)
    with pytest.raises(IllegalTransition, match="cannot be edited"):
        vacancy.revise(_draft(title="New title"))


def test_editing_keeps_identity_and_tells_whether_candidates_must_hear_of_it():
    draft, published = _draft(), _published()
    draft_id, reference = draft.id, draft.reference

    assert draft.revise(_draft(title="Senior IT Project Manager", reference="99999")) is False
    assert published.revise(_draft(title="Senior IT Project Manager")) is True
    assert (draft.title, draft.id, draft.reference) == ("Senior IT Project Manager", draft_id, reference)
    assert published.status is VacancyStatus.PUBLISHED


def test_a_published_vacancy_expires_the_day_after_its_end_or_closing_date():
    by_end, by_closing = _published(end_date=date(2027, 7, 15)), _published(closes_on=date(2027, 1, 31))

    assert by_end.expire(datetime(2027, 7, 15, 23, 59, tzinfo=UTC)) is False
    assert by_end.expire(datetime(2027, 7, 16, 0, 1, tzinfo=UTC)) is True
    assert by_closing.expire(datetime(2027, 2, 1, 8, 0, tzinfo=UTC)) is True
    assert (by_end.close_reason, by_closing.close_reason) == (CloseReason.EXPIRED, CloseReason.EXPIRED)


def test_drafts_and_open_ended_vacancies_never_expire():
    assert _draft(end_date=date(2020, 1, 1)).expire(NOW) is False
    assert _published(end_date=None).expire(datetime(2099, 1, 1, tzinfo=UTC)) is False


def test_tags_are_recognised_whatever_their_case():
    assert [canonical_tag(t) for t in ("prince2", " SAFE ", "itil", "Juggling")] == ["PRINCE2", "SAFe", "ITIL", None]
