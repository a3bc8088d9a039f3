"""The talent pool's pure parts: where searched words show in an excerpt, CEFR levels that meet a
level, and a vacancy's soft requirements as its events tell them."""

from __future__ import annotations

from datetime import date

from applications.suggestions import SoftRequirements
from applications.talent_pool import EXCERPT_CHARS, excerpt_of, levels_at_least

CV = (
    "Anna Verschueren\nAntwerpen\n"
    + "Projectleider met 12 jaar ervaring in de sector overheid, gecertificeerd PRINCE2. " * 6
    + "Chef de projet IT dans le secteur banque, expérience ITIL."
)


def test_an_excerpt_marks_the_words_found_around_the_first_one():
    shown = excerpt_of(CV, "itil banque")

    assert shown.startswith("…") and shown.endswith("«banque», expérience «ITIL».")
    assert len(shown) <= EXCERPT_CHARS + 10  # the marks and the ellipsis


def test_a_phrase_is_marked_whole_and_excluded_words_and_operators_are_not():
    shown = excerpt_of(CV, '"chef de projet" OR banque -PRINCE2')

    assert "«Chef de projet» IT dans le secteur «banque»" in shown
    assert "«PRINCE2»" not in shown and "«OR»" not in shown


def test_an_excerpt_starts_at_the_text_when_the_word_is_near_it_and_is_none_without_a_match():
    assert excerpt_of(CV, "antwerpen").startswith("Anna Verschueren «Antwerpen» Projectleider")
    assert excerpt_of(CV, "TOGAF") is None
    assert excerpt_of(CV, "-- OR") is None
    assert excerpt_of(CV, '"unclosed quote') is None


def test_levels_at_least():
    assert levels_at_least("b2") == ("B2", "C1", "C2")
    assert levels_at_least("C2") == ("C2",)
    assert levels_at_least("native") == ()


def test_soft_requirements_keep_each_tag_once_and_travel_as_json():
    soft = SoftRequirements.of_vacancy(
        {"tags": ["PRINCE2", " prince2 ", "", "ITIL"], "experience_max_years": 10, "start_date": date(2027, 3, 1)}
    )

    assert soft == SoftRequirements(("PRINCE2", "ITIL"), 10, date(2027, 3, 1))
    assert SoftRequirements.from_dict(soft.to_dict()) == soft
    assert SoftRequirements.of_vacancy({}) == SoftRequirements()
