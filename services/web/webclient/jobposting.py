"""A vacancy as schema.org `JobPosting` JSON-LD, with the properties Google for Jobs requires
(title, description, datePosted, hiringOrganization, jobLocation) and those it recommends that
the vacancy knows (validThrough, employmentType, baseSalary for a daily rate, identifier)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

ORGANISATION = {"@type": "Organization", "name": "Recruitment platform"}
_EMPLOYMENT = {"freelance": "CONTRACTOR", "permanent": "FULL_TIME"}


def job_posting(vacancy: dict[str, Any], url: str, organisation: dict | None = None) -> dict[str, Any]:
    """The JobPosting of `vacancy` (as the public vacancy API answers it), found at `url`."""
    terms = vacancy.get("contract_terms") or {}
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy["title"],
        "description": _description(vacancy),
        "identifier": {"@type": "PropertyValue", "name": ORGANISATION["name"], "value": vacancy["reference"]},
        "datePosted": (vacancy.get("published_at") or "")[:10] or None,
        "validThrough": vacancy.get("closes_on") or vacancy.get("end_date"),
        "employmentType": [_EMPLOYMENT[kind] for kind in terms if kind in _EMPLOYMENT],
        "hiringOrganization": organisation or ORGANISATION,
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy["city"],
                "addressRegion": vacancy.get("region"),
                "addressCountry": "BE",
            },
        },
        "url": url,
    }
    if vacancy.get("workplace") == "remote":
        posting["jobLocationType"] = "TELECOMMUTE"
    freelance = terms.get("freelance") or {}
    if freelance.get("daily_rate"):
        posting["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": freelance.get("currency") or "EUR",
            "value": {"@type": "QuantitativeValue", "value": freelance["daily_rate"], "unitText": "DAY"},
        }
    return {key: value for key, value in posting.items() if value not in (None, [], "")}


def _description(vacancy: dict[str, Any]) -> str:
    """The text of the vacancy as the simple HTML Google accepts in `description`."""
    parts = [f"<p>{escape(vacancy.get('introduction') or '')}</p>"]
    for key in ("responsibilities", "requirements", "nice_to_haves"):
        items = vacancy.get(key) or []
        if items:
            parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
    return "".join(parts)


def as_script_text(posting: dict[str, Any]) -> str:
    """JSON safe inside <script>: no `</script>` or `<!--` can end or bend the element."""
    return (
        json.dumps(posting, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )
