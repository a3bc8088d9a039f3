"""Jinja filters that show the API's values in the reader's language: dates, amounts, language
names, the labels of the vacancy's codes, of a candidate's contract preference and of an application's status."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache

from babel.numbers import format_currency
from flask import Flask
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l

from webclient.languages import current_language

LABELS = {
    "on_site": _l("On site"),
    "hybrid": _l("Hybrid"),
    "remote": _l("Remote"),
    "freelance": _l("Freelance"),
    "permanent": _l("Permanent"),
    "secondary": _l("Secondary school"),
    "bachelor": _l("Bachelor"),
    "master": _l("Master"),
    "doctorate": _l("Doctorate"),
}

# A candidate's preference, not a vacancy's contract type: "permanent" reads differently on its own.
CONTRACT_PREFERENCES = {
    "either": _l("No preference"),
    "freelance": _l("Freelance"),
    "permanent": _l("Permanent contract"),
}

STATUSES = {
    "submitted": _l("Received"),
    "screening": _l("Being reviewed"),
    "interview": _l("Interview"),
    "offer": _l("Offer"),
    "hired": _l("Hired"),
    "rejected": _l("Not selected"),
    "withdrawn": _l("Withdrawn"),
}


def install_formatting(app: Flask) -> None:
    """Register the filters `label`, `contract_preference`, `status`, `language_name`, `day` and `money`."""
    app.jinja_env.filters.update(
        label=label,
        contract_preference=contract_preference,
        status=status,
        language_name=language_name,
        day=day,
        money=money,
    )


def label(code: str) -> str:
    """The translated label of a code (workplace, contract type, education level)."""
    return _labels_in(current_language()).get(code, code)


@cache
def _labels_in(language: str) -> dict[str, str]:
    # A lazy string is looked up anew at every use (about 12 µs; a job board page shows sixty
    # labels, bench/web_pages.py), while a language's labels never change in a running process.
    # Called while a page of `language` is rendered, so the lazy strings read that language.
    return {code: str(text) for code, text in LABELS.items()}


def contract_preference(code: str) -> str:
    """The translated label of a candidate's contract preference; an unknown code as it is."""
    return str(CONTRACT_PREFERENCES.get(code, code))


def status(code: str) -> str:
    """The translated label of an application's status, as the candidate reads it; an unknown one as it is."""
    return str(STATUSES.get(code, code))


def language_name(code: str) -> str:
    """`nl` as the reader says it: Nederlands, néerlandais, Dutch."""
    return get_locale().languages.get(code, code).capitalize()


def day(value: str | None) -> str:
    """An ISO date or timestamp as a long date in the reader's language ('' for none)."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    return format_date(moment, "long")


def money(amount: int | float, currency: str = "EUR") -> str:
    """An amount in the reader's notation: € 550,00 / 550,00 € / €550.00."""
    return _money(amount, currency, str(get_locale()))


@lru_cache(maxsize=4096)
def _money(amount: int | float, currency: str, locale: str) -> str:
    # Babel reads the locale's pattern anew on every call (about 25 µs); a job board shows twenty
    # amounts per page, mostly the same few daily rates (bench/web_pages.py).
    return format_currency(amount, currency, locale=locale)
