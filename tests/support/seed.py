"""Vacancy 92742, the real vacancy the product started from, as the seed file the README's walkthrough posts."""

from __future__ import annotations

import json

from tests.support.infrastructure import REPO

VACANCY_92742_FILE = REPO / "services" / "vacancy" / "vacancies" / "seed" / "vacancy-92742.json"


def vacancy_92742() -> dict:
    """A fresh copy of the seed vacancy's create request."""
    return json.loads(VACANCY_92742_FILE.read_text(encoding="utf-8"))
