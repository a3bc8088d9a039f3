"""The vacancy page's memory of similar vacancies: asked for once while fresh, again when stale or
after a failure, bounded, and keeping only what the page shows."""

from __future__ import annotations

import pytest

from webclient.similar_vacancies import SimilarVacancies

SIMILAR = [{"reference": "92743", "title": "Scrum Master", "city": "Gent", "introduction": "A long text."}]


class Api:
    """The vacancy API's similar vacancies, counting how often it was asked."""

    def __init__(self, answer: list[dict] | Exception = SIMILAR) -> None:
        self.answer, self.asked = answer, 0

    def similar(self) -> list[dict]:
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_a_vacancy_s_similar_vacancies_are_asked_for_once_while_fresh():
    kept, api = SimilarVacancies(), Api()

    shown = [kept.of("vacancy-1", api.similar) for _ in range(3)]

    assert api.asked == 1
    assert shown == [[{"reference": "92743", "title": "Scrum Master", "city": "Gent"}]] * 3


def test_stale_ones_are_asked_for_again():
    kept, api = SimilarVacancies(kept_seconds=0), Api()

    kept.of("vacancy-1", api.similar)
    kept.of("vacancy-1", api.similar)

    assert api.asked == 2


def test_a_failure_is_not_kept():
    kept, failing = SimilarVacancies(), Api(RuntimeError("the vacancy service is down"))
    with pytest.raises(RuntimeError):
        kept.of("vacancy-1", failing.similar)

    api = Api()
    assert kept.of("vacancy-1", api.similar) == [{"reference": "92743", "title": "Scrum Master", "city": "Gent"}]
    assert api.asked == 1


def test_the_least_recently_shown_vacancy_is_forgotten_first():
    kept, api = SimilarVacancies(max_vacancies=2), Api()
    for vacancy in ("vacancy-1", "vacancy-2", "vacancy-1", "vacancy-3"):  # vacancy-2 is the least recent
        kept.of(vacancy, api.similar)
    assert api.asked == 3

    kept.of("vacancy-1", api.similar)
    kept.of("vacancy-2", api.similar)

    assert api.asked == 4  # vacancy-1 was still kept, vacancy-2 had to be asked for again
