"""Screening passes a candidate only when every hard requirement of the vacancy is met."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from applications.screening import (
    CandidateProfile,
    LanguageSkill,
    RequiredLanguage,
    Screening,
    VacancyRequirements,
    screen,
)

# Vacancy 92742 (IT Project Manager, public sector): Dutch C2 is a hard requirement, at least
# 5 years of experience, freelance at 550/day or permanent.
VACANCY_92742 = VacancyRequirements(
    languages=(RequiredLanguage("nl", "C2", hard_requirement=True),),
    experience_min_years=5,
    offers_freelance=True,
    offers_permanent=True,
    daily_rate=550,
)


def _candidate(
    *languages: tuple[str, str], years: int = 10, contract: str = "either", rate: int | None = None
) -> CandidateProfile:
    skills = tuple(LanguageSkill(code, level) for code, level in languages)
    return CandidateProfile(skills, years, contract, rate)


def _vacancy(
    *languages: tuple[str, str, bool],
    years: int = 0,
    freelance: bool = True,
    permanent: bool = True,
    rate: int | None = None,
) -> VacancyRequirements:
    required = tuple(RequiredLanguage(code, level, hard) for code, level, hard in languages)
    return VacancyRequirements(required, years, freelance, permanent, rate)


# Languages


@pytest.mark.parametrize("declared", ["C1", "C2"])
def test_a_hard_language_at_or_above_the_required_level_passes(declared):
    result = screen(_candidate(("nl", declared)), _vacancy(("nl", "C1", True)))
    assert result == Screening(passed=True, reasons=(), notes=())


def test_a_hard_language_one_level_below_fails_naming_both_levels():
    result = screen(_candidate(("nl", "B2")), _vacancy(("nl", "C1", True)))
    assert not result.passed
    assert result.reasons == ("Dutch at C1 is required; the candidate declares B2.",)


def test_a_hard_language_the_candidate_does_not_declare_fails():
    result = screen(_candidate(("fr", "C2"), ("en", "C2")), _vacancy(("nl", "B2", True)))
    assert result.reasons == ("Dutch at B2 is required; the candidate declares no Dutch.",)


def test_levels_are_ordered_from_a1_to_c2_not_alphabetically_by_accident():
    vacancy = _vacancy(("en", "B1", True))
    assert screen(_candidate(("en", "A2")), vacancy).passed is False
    assert screen(_candidate(("en", "B1")), vacancy).passed is True
    assert screen(_candidate(("en", "C2")), vacancy).passed is True


def test_a_language_without_a_known_name_is_shown_by_its_code():
    result = screen(_candidate(("nl", "C2")), _vacancy(("it", "B1", True)))
    assert result.reasons == ("it at B1 is required; the candidate declares no it.",)


def test_the_best_of_two_declarations_of_the_same_language_counts():
    result = screen(_candidate(("nl", "B1"), ("nl", "C2")), _vacancy(("nl", "C2", True)))
    assert result.passed


def test_an_unmet_soft_language_is_a_note_and_does_not_fail():
    result = screen(_candidate(("nl", "C2")), _vacancy(("nl", "C2", True), ("fr", "B2", False)))
    assert result.passed
    assert result.reasons == ()
    assert result.notes == ("French at B2 is preferred; the candidate declares no French.",)


def test_a_met_soft_language_gives_no_note():
    result = screen(_candidate(("fr", "C1")), _vacancy(("fr", "B2", False)))
    assert result == Screening(passed=True, reasons=(), notes=())


# Experience


@pytest.mark.parametrize(("years", "passed"), [(4, False), (5, True), (6, True)])
def test_experience_just_below_at_and_above_the_minimum(years, passed):
    assert screen(_candidate(years=years), _vacancy(years=5)).passed is passed


def test_too_little_experience_says_how_much_is_required_and_declared():
    result = screen(_candidate(years=4), _vacancy(years=5))
    assert result.reasons == ("At least 5 years of experience are required; the candidate has 4.",)


def test_a_one_year_minimum_reads_naturally():
    result = screen(_candidate(years=0), _vacancy(years=1))
    assert result.reasons == ("At least 1 year of experience is required; the candidate has 0.",)


# Contract


@pytest.mark.parametrize(
    ("preference", "freelance", "permanent", "reason"),
    [
        ("freelance", True, True, None),
        ("freelance", True, False, None),
        ("freelance", False, True, "The vacancy offers permanent employment only; the candidate wants freelance."),
        ("permanent", True, True, None),
        ("permanent", False, True, None),
        (
            "permanent",
            True,
            False,
            "The vacancy offers freelance work only; the candidate wants permanent employment.",
        ),
        ("either", True, True, None),
        ("either", True, False, None),
        ("either", False, True, None),
    ],
)
def test_contract_preference_against_what_the_vacancy_offers(preference, freelance, permanent, reason):
    result = screen(_candidate(contract=preference), _vacancy(freelance=freelance, permanent=permanent))
    assert result.passed is (reason is None)
    assert result.reasons == (() if reason is None else (reason,))


# Rate


def test_a_higher_expected_rate_is_a_note_not_a_rejection():
    result = screen(_candidate(contract="freelance", rate=650), _vacancy(rate=550))
    assert result.passed
    assert result.notes == ("The candidate expects 650/day; the vacancy offers 550/day.",)


def test_a_candidate_open_to_either_contract_also_gets_the_rate_note():
    result = screen(_candidate(contract="either", rate=551), _vacancy(rate=550))
    assert result.notes == ("The candidate expects 551/day; the vacancy offers 550/day.",)


@pytest.mark.parametrize("rate", [None, 500, 550])
def test_an_expected_rate_within_the_offer_or_unstated_gives_no_note(rate):
    assert screen(_candidate(contract="freelance", rate=rate), _vacancy(rate=550)).notes == ()


def test_a_rate_is_not_compared_for_a_candidate_who_wants_permanent_employment():
    assert screen(_candidate(contract="permanent", rate=900), _vacancy(rate=550)).notes == ()


def test_no_rate_note_when_the_vacancy_states_no_rate():
    assert screen(_candidate(contract="freelance", rate=900), _vacancy(rate=None)).notes == ()


# Vacancy 92742


def test_vacancy_92742_accepts_a_native_dutch_speaker_with_enough_experience():
    candidate = _candidate(("nl", "C2"), ("en", "C1"), years=8, contract="freelance", rate=550)
    assert screen(candidate, VACANCY_92742) == Screening(passed=True, reasons=(), notes=())


def test_vacancy_92742_rejects_dutch_at_c1_because_c2_is_a_hard_requirement():
    result = screen(_candidate(("nl", "C1"), years=12, contract="permanent"), VACANCY_92742)
    assert not result.passed
    assert result.reasons == ("Dutch at C2 is required; the candidate declares C1.",)


def test_vacancy_92742_lists_every_unmet_requirement_and_the_rate_note():
    candidate = _candidate(("fr", "C2"), years=3, contract="freelance", rate=650)
    result = screen(candidate, VACANCY_92742)
    assert not result.passed
    assert result.reasons == (
        "Dutch at C2 is required; the candidate declares no Dutch.",
        "At least 5 years of experience are required; the candidate has 3.",
    )
    assert result.notes == ("The candidate expects 650/day; the vacancy offers 550/day.",)


def test_every_kind_of_failure_is_listed_together():
    vacancy = _vacancy(("nl", "C2", True), ("fr", "B2", True), years=5, freelance=False, permanent=True)
    result = screen(_candidate(("nl", "B2"), years=2, contract="freelance"), vacancy)
    assert result.reasons == (
        "Dutch at C2 is required; the candidate declares B2.",
        "French at B2 is required; the candidate declares no French.",
        "At least 5 years of experience are required; the candidate has 2.",
        "The vacancy offers permanent employment only; the candidate wants freelance.",
    )


# Seniority, education and availability: notes to weigh, never reasons

VACANCY_92742_IN_FULL = replace(
    VACANCY_92742, experience_max_years=7, education_levels=("bachelor", "master"), start_date=None
)
TODAY = date(2026, 12, 1)


def _profile(years: int = 6, education: str | None = None, available: date | None = None) -> CandidateProfile:
    return replace(_candidate(("nl", "C2"), years=years), education_level=education, available_from=available)


def test_more_years_than_the_vacancy_asks_is_a_note_and_still_passes():
    result = screen(_profile(years=12), VACANCY_92742_IN_FULL, TODAY)
    assert result.passed
    assert result.notes == ("The vacancy asks for 5 to 7 years of experience; the candidate has 12.",)


@pytest.mark.parametrize("years", [5, 7])
def test_years_within_the_range_give_no_note(years):
    assert screen(_profile(years=years), VACANCY_92742_IN_FULL, TODAY).notes == ()


def test_a_maximum_without_a_minimum_reads_as_at_most():
    vacancy = replace(_vacancy(years=0), experience_max_years=3)
    assert screen(_profile(years=4), vacancy).notes == (
        "The vacancy asks for at most 3 years of experience; the candidate has 4.",
    )


def test_a_degree_below_the_ones_asked_is_a_note_naming_both():
    result = screen(_profile(education="secondary"), VACANCY_92742_IN_FULL, TODAY)
    assert result.passed
    assert result.notes == (
        "The vacancy asks for a bachelor's degree or a master's degree; the candidate states secondary education.",
    )


@pytest.mark.parametrize("education", ["bachelor", "master", "doctorate", None])
def test_a_degree_asked_a_higher_one_or_none_stated_give_no_note(education):
    assert screen(_profile(education=education), VACANCY_92742_IN_FULL, TODAY).notes == ()


def test_a_vacancy_that_asks_no_degree_notes_none():
    assert screen(_profile(education="secondary"), VACANCY_92742, TODAY).notes == ()


def test_availability_after_a_dated_start_is_a_note_on_or_before_it_none():
    vacancy = replace(VACANCY_92742_IN_FULL, start_date=date(2027, 2, 1))
    late = screen(_profile(available=date(2027, 3, 1)), vacancy, TODAY)
    assert late.passed
    assert late.notes == ("The vacancy starts on 2027-02-01; the candidate is available from 2027-03-01.",)
    assert screen(_profile(available=date(2027, 2, 1)), vacancy, TODAY).notes == ()
    assert screen(_profile(available=None), vacancy, TODAY).notes == ()


def test_as_soon_as_possible_allows_a_month_from_the_day_of_screening():
    within = screen(_profile(available=TODAY + timedelta(days=30)), VACANCY_92742_IN_FULL, TODAY)
    later = screen(_profile(available=TODAY + timedelta(days=31)), VACANCY_92742_IN_FULL, TODAY)
    assert within.notes == ()
    assert later.notes == ("The vacancy starts as soon as possible; the candidate is available from 2027-01-01.",)


def test_every_note_is_listed_together_after_the_rate():
    candidate = replace(_profile(years=9, education="secondary", available=date(2027, 6, 1)), expected_daily_rate=600)
    result = screen(candidate, VACANCY_92742_IN_FULL, TODAY)
    assert result.passed
    assert [note.split(";")[0] for note in result.notes] == [
        "The candidate expects 600/day",
        "The vacancy asks for 5 to 7 years of experience",
        "The vacancy asks for a bachelor's degree or a master's degree",
        "The vacancy starts as soon as possible",
    ]


# Storage form


def test_a_screening_survives_a_round_trip_through_its_dict_form():
    result = screen(_candidate(("nl", "B2"), years=3, contract="freelance", rate=700), VACANCY_92742)
    stored = result.to_dict()
    assert stored == {"passed": False, "reasons": list(result.reasons), "notes": list(result.notes)}
    assert Screening.from_dict(stored) == result
