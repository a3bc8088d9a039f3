"""Realistic published vacancies in bulk, varied from the demo catalogue: each one keeps a demo
vacancy's language, role and texts, and moves to another city of the same part of Belgium
with its own sector, tags, rate, experience, workplace, consultant and dates."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from vacancies.demo_catalogue import CONSULTANTS, DEMO_VACANCIES
from vacancies.domain import KNOWN_TAGS, Vacancy, VacancyStatus, Workplace
from vacancies.schemas import VacancyDraftSchema

# City: (province, its name in Dutch, French, English).
CITIES = {
    "Brussels": ("Brussels-Capital", "Brussel", "Bruxelles", "Brussels"),
    "Antwerp": ("Antwerp", "Antwerpen", "Anvers", "Antwerp"),
    "Mechelen": ("Antwerp", "Mechelen", "Malines", "Mechelen"),
    "Turnhout": ("Antwerp", "Turnhout", "Turnhout", "Turnhout"),
    "Ghent": ("East Flanders", "Gent", "Gand", "Ghent"),
    "Aalst": ("East Flanders", "Aalst", "Alost", "Aalst"),
    "Leuven": ("Flemish Brabant", "Leuven", "Louvain", "Leuven"),
    "Zaventem": ("Flemish Brabant", "Zaventem", "Zaventem", "Zaventem"),
    "Hasselt": ("Limburg", "Hasselt", "Hasselt", "Hasselt"),
    "Genk": ("Limburg", "Genk", "Genk", "Genk"),
    "Bruges": ("West Flanders", "Brugge", "Bruges", "Bruges"),
    "Kortrijk": ("West Flanders", "Kortrijk", "Courtrai", "Kortrijk"),
    "Roeselare": ("West Flanders", "Roeselare", "Roulers", "Roeselare"),
    "Liège": ("Liège", "Luik", "Liège", "Liège"),
    "Verviers": ("Liège", "Verviers", "Verviers", "Verviers"),
    "Namur": ("Namur", "Namen", "Namur", "Namur"),
    "Charleroi": ("Hainaut", "Charleroi", "Charleroi", "Charleroi"),
    "Mons": ("Hainaut", "Bergen", "Mons", "Mons"),
    "Tournai": ("Hainaut", "Doornik", "Tournai", "Tournai"),
    "Wavre": ("Walloon Brabant", "Waver", "Wavre", "Wavre"),
    "Louvain-la-Neuve": ("Walloon Brabant", "Louvain-la-Neuve", "Louvain-la-Neuve", "Louvain-la-Neuve"),
    "Arlon": ("Luxembourg", "Aarlen", "Arlon", "Arlon"),
}
_NAME_INDEX = {"nl": 1, "fr": 2, "en": 3}
_FLEMISH_PROVINCES = {"Antwerp", "East Flanders", "Flemish Brabant", "Limburg", "West Flanders"}


def _part_of_belgium(city: str) -> str:
    province = CITIES[city][0]
    return (
        "brussels" if province == "Brussels-Capital" else "flanders" if province in _FLEMISH_PROVINCES else "wallonia"
    )


_SAME_PART = {city: [other for other in CITIES if _part_of_belgium(other) == _part_of_belgium(city)] for city in CITIES}

SECTORS = {
    "nl": ["Overheid", "Bank", "Verzekeraar", "Zorgsector", "Logistiek", "Energie", "Retail", "Telecom", "Industrie"],
    "fr": [
        "Secteur public",
        "Banque",
        "Assurances",
        "Soins de santé",
        "Logistique",
        "Énergie",
        "Télécoms",
        "Industrie",
    ],
    "en": ["Public Sector", "Banking", "Insurance", "Healthcare", "Logistics", "Energy", "Retail", "Telecom", "Pharma"],
}


def generate_vacancies(count: int, now: datetime, seed: int = 42) -> Iterator[Vacancy]:
    """`count` published vacancies with references 200001 onwards, the same ones for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        template = DEMO_VACANCIES[number % len(DEMO_VACANCIES)]
        vacancy = VacancyDraftSchema().load(_vary(template, str(200_001 + number), rng))
        vacancy.status = VacancyStatus.PUBLISHED
        vacancy.published_at = now - timedelta(seconds=rng.randrange(120 * 24 * 3600))
        vacancy.version = 2
        yield vacancy


def _vary(template: dict, reference: str, rng: random.Random) -> dict:
    language = template["content_language"]
    city = template["city"] if rng.random() < 0.4 else rng.choice(_SAME_PART[template["city"]])
    old_name, new_name = (CITIES[name][_NAME_INDEX[language]] for name in (template["city"], city))
    low, high = template["experience_min_years"], template["experience_max_years"]
    shift = rng.choice([-2, -1, 0, 0, 1, 2])
    responsibilities = list(template["responsibilities"])
    rng.shuffle(responsibilities)
    return template | {
        "reference": reference,
        "title": f"{template['title'].split(' – ')[0]} – {rng.choice(SECTORS[language])}",
        "city": city,
        "region": CITIES[city][0],
        "introduction": re.sub(rf"\b{re.escape(old_name)}\b", new_name, template["introduction"]),
        "responsibilities": responsibilities[: rng.randint(4, len(responsibilities))],
        "tags": _vary_tags(template.get("tags", []), rng),
        "experience_min_years": max(1, low + shift),
        "experience_max_years": None if high is None else max(1, low + shift) + (high - low),
        "workplace": template["workplace"] if rng.random() < 0.75 else rng.choice(list(Workplace)).value,
        "contract_terms": _vary_terms(template["contract_terms"], rng),
        "consultant": rng.choice(list(CONSULTANTS.values())),
        "start_date": None,
        "end_date": (date(2027, 1, 1) + timedelta(days=rng.randrange(365))).isoformat(),
        "closes_on": None,
    }


def _vary_tags(tags: list[str], rng: random.Random) -> list[str]:
    varied = list(tags)
    if len(varied) > 1 and rng.random() < 0.2:
        varied.remove(rng.choice(varied))
    if rng.random() < 0.3:
        varied.append(rng.choice(KNOWN_TAGS))
    return list(dict.fromkeys(varied))


def _vary_terms(terms: dict, rng: random.Random) -> dict:
    varied = {}
    if terms.get("freelance"):
        rate = terms["freelance"]["daily_rate"] + rng.choice(range(-100, 101, 25))
        varied["freelance"] = {"daily_rate": min(850, max(450, rate)), "currency": "EUR"}
    if terms.get("permanent"):
        permanent = dict(terms["permanent"])
        shift = rng.choice(range(-10_000, 10_001, 2_500))
        for bound in ("salary_min", "salary_max"):
            if permanent.get(bound):
                permanent[bound] += shift
        varied["permanent"] = permanent
    return varied
