"""Benchmark: the candidate searches of `vacancies.search` over 10,000 published vacancies on a
fresh PostgreSQL database, as ratios to a plain indexed query timed in the same run.

    PYTHONPATH=. .venv/bin/python bench/search_vacancies.py     # from the repository root

BENCH_VACANCIES and BENCH_REPEATS change the size and the repetitions; BENCH_SECONDS bounds the
timed rounds (fewer repetitions on a slow machine, reported as such). Results: stdout and
bench/results/search_vacancies.json. Loopback only; the database is dropped afterwards.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from time import perf_counter

from sqlalchemy import Connection, Engine, event, func, select

import vacancies
from bench.support import describe_machine, fresh_database, print_table, ratios
from bench.vacancy_variants import generate_vacancies
from recruitment_shared.db import make_engine
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import postgres_admin_url
from vacancies.db import from_row, to_row
from vacancies.db import vacancies as vacancy_table
from vacancies.search import SearchCriteria, search_published

VACANCIES = int(os.environ.get("BENCH_VACANCIES", "10000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "200"))
WARMUP = 20
BUDGET_SECONDS = float(os.environ.get("BENCH_SECONDS", "140"))
# Trial runs of another size do not overwrite the reference figures.
RESULTS = Path(__file__).parent / "results" / f"search_vacancies{'' if VACANCIES == 10_000 else f'-{VACANCIES}'}.json"

SEARCHES = {
    "text 'project manager'": SearchCriteria(text="project manager"),
    "text 'PRINCE2 Antwerpen'": SearchCriteria(text="PRINCE2 Antwerpen"),
    "text 'chef de projet' + experience 5": SearchCriteria(text="chef de projet", experience_years=5),
    "Brussels + freelance + rate <= 650": SearchCriteria(
        city="Brussels", contract_type="freelance", max_daily_rate=650
    ),
    "role agile + language nl": SearchCriteria(role_type="agile", language="nl"),
    "tag PRINCE2 + East Flanders": SearchCriteria(tag="PRINCE2", region="East Flanders"),
    "newest, page 3": SearchCriteria(sort="newest", page=3),
    "text 'scrum', newest, page 3": SearchCriteria(text="scrum", sort="newest", page=3),
}
# A broad text search (most vacancies match) and a selective one (the GIN index's case).
EXPLAINED = ("text 'project manager'", "text 'PRINCE2 Antwerpen'")


def baseline(conn: Connection) -> tuple[list, int]:
    """The yardstick: one page of the newest published vacancies by the (status, published_at) index, and the count."""
    c = vacancy_table.c
    total = conn.execute(select(func.count()).select_from(vacancy_table).where(c.status == "published")).scalar_one()
    page = select(vacancy_table).where(c.status == "published").order_by(c.published_at.desc()).limit(20)
    return [from_row(row) for row in conn.execute(page).mappings()], total


def load(engine: Engine) -> float:
    """Insert the vacancies in batches, then VACUUM ANALYZE; the seconds it took."""
    started = perf_counter()
    generated = generate_vacancies(VACANCIES, datetime.now(UTC))
    while batch := list(islice(generated, 1000)):
        with engine.begin() as conn:
            conn.execute(vacancy_table.insert(), [to_row(vacancy) for vacancy in batch])
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE vacancies")
    return perf_counter() - started


def measure(engine: Engine) -> dict[str, list[float]]:
    """Milliseconds per call; the cases take turns so that any drift of the machine hits them all alike."""
    cases = {"baseline": baseline} | {
        name: (lambda conn, c=c: search_published(conn, c)) for name, c in SEARCHES.items()
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    deadline = perf_counter() + BUDGET_SECONDS
    with engine.connect() as conn:
        for round_number in range(WARMUP + REPEATS):
            if perf_counter() > deadline and len(samples["baseline"]) >= 50:
                break
            for name, run in cases.items():
                started = perf_counter()
                run(conn)
                elapsed = (perf_counter() - started) * 1000
                conn.rollback()
                if round_number >= WARMUP:
                    samples[name].append(elapsed)
    return samples


def explain(engine: Engine, criteria: SearchCriteria) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement `search_published` sends for `criteria`."""
    sent: list[tuple[str, dict]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _executemany) -> None:
        sent.append((statement, parameters))

    with engine.connect() as conn:
        event.listen(engine, "before_cursor_execute", capture)
        search_published(conn, criteria)
        event.remove(engine, "before_cursor_execute", capture)
        plans = [
            conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params).scalars().all() for sql, params in sent
        ]
    return ["\n".join(plan) for plan in plans]


def _criteria(name: str) -> dict | None:
    return {key: value for key, value in asdict(SEARCHES[name]).items() if value} if name in SEARCHES else None


def main() -> None:
    started = perf_counter()
    with postgres_admin_url() as admin_url, fresh_database(admin_url) as url:
        upgrade(Path(vacancies.__file__).parent / "migrations", url)
        engine = make_engine(url)
        load_seconds = load(engine)
        with engine.connect() as conn:
            totals = {"baseline": baseline(conn)[1]}
            totals |= {name: search_published(conn, criteria).total for name, criteria in SEARCHES.items()}
            about = describe_machine(conn)
            vector_bytes = conn.exec_driver_sql("SELECT avg(pg_column_size(search_vector)) FROM vacancies").scalar()
        samples = measure(engine)
        figures = ratios(samples)
        plans = {name: explain(engine, SEARCHES[name]) for name in EXPLAINED}
        engine.dispose()
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": about,
        "vacancies": VACANCIES,
        "repeats": len(samples["baseline"]),
        "warmup": WARMUP,
        "load_seconds": round(load_seconds, 1),
        "avg_search_vector_bytes": round(float(vector_bytes)),
        "results": [
            {"search": name, "criteria": _criteria(name), "total": totals[name], **figures[name]} for name in samples
        ],
        "explain": plans,
        "run_seconds": round(perf_counter() - started, 1),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)


def print_report(report: dict) -> None:
    print(f"{report['vacancies']} published vacancies, {report['repeats']} runs each, {report['machine']}")
    print_table(report["results"])
    for name, plans in report["explain"].items():
        for number, plan in enumerate(plans, start=1):
            print(f"\nEXPLAIN (ANALYZE, BUFFERS), {name}, statement {number} of {len(plans)}:\n{plan}")
    print(f"\nwritten to {RESULTS} in {report['run_seconds']} s")


if __name__ == "__main__":
    main()
