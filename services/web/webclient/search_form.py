"""The job board's search form: which query parameters of the page go to `GET /vacancies`.

The form is a GET form, so a search is a shareable URL. Its fields carry the vacancy API's own
parameter names; the API validates them and its 422 is shown beside the field. Empty fields and
parameters the API does not know are left out (the API refuses unknown parameters).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

PAGE_SIZE = 20


@dataclass(frozen=True)
class Filter:
    """One field of the search form; `choices` makes it a select of (value, label)."""

    name: str
    label: object  # a lazy translation
    choices: tuple[tuple[str, object], ...] = ()
    numeric: bool = False


FILTERS = (
    Filter("city", _l("City")),
    Filter("region", _l("Region")),
    Filter(
        "workplace", _l("Workplace"), (("on_site", _l("On site")), ("hybrid", _l("Hybrid")), ("remote", _l("Remote")))
    ),
    Filter("contract_type", _l("Contract"), (("freelance", _l("Freelance")), ("permanent", _l("Permanent")))),
    Filter(
        "role_type",
        _l("Role"),
        (
            ("software", _l("Software")),
            ("infrastructure", _l("Infrastructure")),
            ("digital_transformation", _l("Digital transformation")),
            ("agile", _l("Agile")),
            ("pmo", _l("PMO")),
            ("general", _l("General")),
        ),
    ),
    Filter(
        "language", _l("Language"), (("nl", "Nederlands"), ("fr", "Français"), ("en", "English"), ("de", "Deutsch"))
    ),
    Filter("tag", _l("Methodology or certification")),
    Filter("min_daily_rate", _l("Daily rate from (EUR)"), numeric=True),
    Filter("max_daily_rate", _l("Daily rate up to (EUR)"), numeric=True),
    Filter("experience_years", _l("Your years of experience"), numeric=True),
)
SORTS = (("relevance", _l("Relevance")), ("newest", _l("Newest first")))
_PASSED_ON = {"q", "sort", *(f.name for f in FILTERS)}


def api_query(args: Mapping[str, str]) -> dict[str, str]:
    """The vacancy API's query for the page's query string: the non-empty known fields, one page."""
    query = {name: value.strip() for name, value in args.items() if name in _PASSED_ON and value.strip()}
    query["page"] = args.get("page", "1").strip() or "1"
    query["page_size"] = str(PAGE_SIZE)
    return query


def page_count(total: int) -> int:
    """How many pages `total` results fill."""
    return max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
