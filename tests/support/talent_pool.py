"""A talent pool of generated candidates (the same on every run), stored through the application
service's own store, and CVs with a text of one's choosing: for the pool's tests and benchmark."""

from __future__ import annotations

import io
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from docx import Document
from sqlalchemy import Engine

from applications import application_store
from applications.consents import Purpose, consents_given
from applications.domain import Application, ApplicationStatus, Candidate, Source, StatusChange
from applications.privacy_notice import CURRENT_VERSION
from applications.screening import LanguageSkill

FIRST = ("Jan", "An", "Pieter", "Sofie", "Marc", "Els", "Koen", "Lien", "Thomas", "Nathalie", "Luc", "Inge", "Bart")
LAST = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Dubois", "Lambert")
CITIES = ("Antwerpen", "Gent", "Brussel", "Leuven", "Hasselt", "Brugge", "Liège", "Namur", "Mechelen", "Wavre")
METHODS = ("PRINCE2", "PMBOK", "ITIL", "Scrum", "SAFe", "Kanban", "TOGAF", "MSP", "Lean", "DevOps")
SECTORS = ("overheid", "banque", "telecom", "healthcare", "energie", "logistique", "insurance", "retail")
SENTENCES = (
    "Projectleider met {years} jaar ervaring in de sector {sector}, gecertificeerd {method}.",
    "Chef de projet IT dans le secteur {sector}, expérience {method} et gestion des parties prenantes.",
    "Project manager in {sector}, delivered programmes with {method} and agile teams.",
)
LEVELS = ("A2", "B1", "B2", "C1", "C2")


@dataclass(frozen=True, kw_only=True)
class PoolPerson:
    """A generated candidate: their answers, CV text, and the fate of their talent-pool consent."""

    candidate: Candidate
    cv_text: str
    motivation: str
    in_pool: bool  # gave the talent-pool consent
    withdrew: bool  # ... and withdrew it since
    applications: int  # how many vacancies they applied to
    sources: tuple[Source, ...] = field(default=())


def generated_people(count: int, seed: int = 14) -> list[PoolPerson]:
    """`count` distinct candidates; about 85 % in the pool, a few of whom withdrew, some applying twice."""
    rng = random.Random(seed)
    return [_person(rng, number) for number in range(count)]


def store_people(
    engine: Engine, people: Sequence[PoolPerson], vacancy_ids: Sequence[uuid.UUID], now: datetime | None = None
) -> list[uuid.UUID]:
    """Store each person's applications (to distinct vacancies, a day apart, the newest last) with
    their consents, in one transaction; the ids of the applications, in order."""
    now = now or datetime.now(UTC)
    stored: list[uuid.UUID] = []
    with engine.begin() as conn:
        for number, person in enumerate(people):
            for index in range(person.applications):
                submitted = now - timedelta(days=person.applications - index, minutes=number)
                application = _application(person, vacancy_ids[(number + index) % len(vacancy_ids)], submitted, index)
                application_store.add_application(conn, application)
                application_store.add_consents(
                    conn, application.id, consents_given(CURRENT_VERSION, person.in_pool, submitted)
                )
                if person.withdrew:
                    application_store.withdraw_consents(conn, [application.id], Purpose.TALENT_POOL, now)
                stored.append(application.id)
    return stored


def cv_pdf(*lines: str) -> bytes:
    """A one-page PDF CV showing `lines` (Latin-1 text), with a correct cross-reference table."""
    shown = b" T* ".join(b"(" + _pdf_string(line) + b") Tj" for line in lines)
    text = b"BT /F1 11 Tf 14 TL 72 760 Td " + shown + b" ET"
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >> >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


def cv_docx(*paragraphs: str, table: Sequence[str] = (), header: str | None = None) -> bytes:
    """A Word CV as python-docx writes one: `paragraphs`, a one-row table of `table`, a page header."""
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        row = document.add_table(rows=1, cols=len(table)).rows[0]
        for cell, text in zip(row.cells, table, strict=True):
            cell.text = text
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_string(line: str) -> bytes:
    return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _person(rng: random.Random, number: int) -> PoolPerson:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    contract = rng.choice(("freelance", "freelance", "permanent", "either"))
    years = rng.randint(0, 30)
    spoken = rng.sample(("nl", "fr", "en", "de"), rng.randint(1, 3))
    candidate = Candidate(
        name=name,
        email=f"{name.lower().replace(' ', '.')}.{number}@example.com",
        preferred_language=rng.choice(("nl", "fr", "en")),
        languages=tuple(LanguageSkill(code, rng.choice(LEVELS)) for code in spoken),
        years_of_experience=years,
        contract_preference=contract,
        expected_daily_rate=None if contract == "permanent" else rng.randrange(450, 950, 25),
        available_from=None if rng.random() < 0.3 else date(2027, 1, 1) + timedelta(days=rng.randint(0, 180)),
        city=rng.choice(CITIES),
    )
    methods = rng.sample(METHODS, rng.randint(1, 3))
    cv_text = " ".join(
        rng.choice(SENTENCES).format(years=years, sector=rng.choice(SECTORS), method=method) for method in methods
    )
    in_pool = rng.random() < 0.85
    return PoolPerson(
        candidate=candidate,
        cv_text=f"{name}\n{candidate.city}\n{cv_text}",
        motivation=f"Ik zoek een nieuwe opdracht in {rng.choice(SECTORS)}.",
        in_pool=in_pool,
        withdrew=in_pool and rng.random() < 0.05,
        applications=rng.choice((1, 1, 1, 2)),
        sources=tuple(rng.choice(tuple(Source)) for _ in range(2)),
    )


def _application(person: PoolPerson, vacancy_id: uuid.UUID, submitted: datetime, index: int) -> Application:
    return Application(
        vacancy_id=vacancy_id,
        candidate=person.candidate,
        motivation=person.motivation,
        submitted_at=submitted,
        consent_at=submitted,
        source=person.sources[index % len(person.sources)],
        cv_text=person.cv_text,
        history=[StatusChange(None, ApplicationStatus.SUBMITTED, "candidate", None, submitted)],
    )
