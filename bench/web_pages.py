"""Benchmark: the career site's pages through the front proxy, next to the vacancy API's own answers
to the same queries through the same proxy; requests per second and latency, as ratios page/API.

    PYTHONPATH=. .venv/bin/python bench/web_pages.py     # from the repository root

Everything runs as deployed, on loopback: nginx with deploy/proxy (deploy/proxy/nginx.sh), the vacancy
web app and the web client each under gunicorn with deploy/gunicorn.conf.py (their production worker
counts), the web client calling the vacancy app directly as in Compose. BENCH_VACANCIES (published
vacancies, default 2000), BENCH_REQUESTS (timed requests per case, 2000), BENCH_CONCURRENCY (clients,
4) and BENCH_SECONDS (budget of the timed rounds, 120) change the run. Results: stdout and
bench/results/web_pages.json. Every process is stopped and the database dropped afterwards.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import cycle, islice
from pathlib import Path
from time import perf_counter, process_time
from urllib.parse import urlencode

import requests
from sqlalchemy import Engine

import vacancies
from bench.submit_applications import database_cpu_seconds, wait_ready, worker_cpu_seconds
from bench.support import describe_machine, fresh_database, ratios
from bench.vacancy_variants import generate_vacancies
from recruitment_shared.db import make_engine
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import postgres_admin_url
from tests.support.network import free_port
from tests.support.platform import stop_process
from vacancies.db import to_row
from vacancies.db import vacancies as vacancy_table

VACANCIES = int(os.environ.get("BENCH_VACANCIES", "2000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
BUDGET_SECONDS = float(os.environ.get("BENCH_SECONDS", "120"))
WARMUP = 100  # per case, not timed
ROUND = 100  # requests per case and round; the cases take turns round by round
RESULTS = Path(__file__).parent / "results" / f"web_pages{'' if VACANCIES == 2000 else f'-{VACANCIES}'}.json"
REPO = Path(__file__).resolve().parents[1]
GUNICORN_CONFIG = REPO / "deploy" / "gunicorn.conf.py"
PROXY = REPO / "deploy" / "proxy" / "nginx.sh"
JWT_SECRET = "bench-secret-of-at-least-thirty-two-bytes"

# A candidate's search from the home page's box: a common word, many pages of 20 results.
SEARCH = {"q": "scrum"}
# Vacancy pages in turn (bench/vacancy_variants.py numbers its vacancies from 200001).
REFERENCES = [str(200_001 + number * 7) for number in range(50)]
# (name, path through the proxy); the API's query is the one the web client sends for the page.
PAIRS = {
    "job board": (
        f"/nl/vacancies?{urlencode(SEARCH)}",
        f"/api/vacancies/vacancies?{urlencode(SEARCH | {'page': 1, 'page_size': 20})}",
    ),
    "vacancy": ("/nl/vacancies/{reference}", "/api/vacancies/vacancies/by-reference/{reference}"),
}


@dataclass
class Case:
    """One kind of request under load, and what it measured."""

    name: str
    path: str  # may hold {reference}
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    round_rates: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    response_bytes: int = 0
    sent: int = 0  # warm-up and checks included

    def paths(self) -> Iterator[str]:
        """The paths to ask for, in turn."""
        return cycle([self.path.format(reference=reference) for reference in REFERENCES])


@dataclass
class Servers:
    """Where the proxy answers, and the processes whose CPU is counted."""

    proxy: str
    pids: dict[str, int]  # vacancy, web, proxy -> the master's pid (its workers are its children)
    database: str


def run_round(case: Case, base: str, count: int, timed: bool, servers: Servers) -> None:
    """`count` GETs by CONCURRENCY clients in a closed loop, each on its own kept-alive connection."""
    paths = case.paths()
    lock = threading.Lock()
    remaining = [count]
    latencies: list[float] = []
    failures: list[str] = []

    def client() -> None:
        with requests.Session() as session:
            while True:
                with lock:
                    if remaining[0] == 0:
                        return
                    remaining[0] -= 1
                    path = next(paths)
                started = perf_counter()
                try:
                    answer = session.get(base + path, timeout=30)
                    if answer.status_code != 200:
                        failures.append(f"{path}: {answer.status_code} {answer.text[:200]}")
                except requests.RequestException as error:
                    failures.append(f"{path}: {type(error).__name__}: {error}")
                latencies.append((perf_counter() - started) * 1000)

    before = _cpu(servers)
    started = perf_counter()
    clients = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    elapsed = perf_counter() - started
    case.failures += failures
    case.sent += count
    if timed:
        case.latencies_ms += latencies
        case.seconds += elapsed
        case.round_rates.append(count / elapsed)
        for name, seconds in _cpu(servers).items():
            case.cpu_seconds[name] = case.cpu_seconds.get(name, 0.0) + seconds - before[name]


def _cpu(servers: Servers) -> dict[str, float]:
    """CPU seconds used so far by each server's workers, the database's backends and this client."""
    used = {name: worker_cpu_seconds(pid) for name, pid in servers.pids.items()}
    return used | {"database": database_cpu_seconds(servers.database), "client": process_time()}


@contextmanager
def gunicorn(service: str, app: str, environment: dict[str, str], scratch: Path) -> Iterator[tuple[str, int]]:
    """`app` under gunicorn with the deployment's settings for `service`, on a free loopback port."""
    port = free_port()
    metrics = scratch / f"{service}-metrics"
    metrics.mkdir()
    env = (
        os.environ
        | environment
        | {
            "SERVICE": service,
            "BIND": f"127.0.0.1:{port}",
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
        }
    )
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), app]
    log = scratch / f"{service}.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server, log)
        yield base, server.pid
    finally:
        stop_process(server)


@contextmanager
def front_proxy(ports: dict[str, int], scratch: Path) -> Iterator[tuple[str, int]]:
    """deploy/proxy/nginx.sh in front of `ports`, with limits no benchmark client reaches."""
    port = free_port()
    env = os.environ | {
        "RECRUITMENT_VAR": str(scratch),
        "PROXY_PORT": str(port),
        "PROXY_REQUEST_RATE": "100000r/s",  # thousands of requests a second from one address, on purpose
        "PROXY_REQUEST_BURST": "100000",
        **{f"{name}_PORT": str(ports.get(name) or free_port()) for name in ("VACANCY", "APPLICATION", "NOTIFICATION")},
        "WEB_PORT": str(ports["WEB"]),
    }
    log = scratch / "proxy.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            ["bash", str(PROXY), "run"], env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server, log)  # its /health/ready is the web client's, through it
        yield base, server.pid
    finally:
        stop_process(server)


def check_answers(base: str) -> dict:
    """The page shows what the API answered: the same 20 vacancies, the same vacancy."""
    found = requests.get(base + PAIRS["job board"][1], timeout=30).json()
    board = requests.get(base + PAIRS["job board"][0], timeout=30).text
    listed = re.findall(r'href="/nl/vacancies/(\d+)"', board)
    if len(found["items"]) != 20 or listed != [item["reference"] for item in found["items"]]:
        raise SystemExit(f"the job board does not list the API's 20 vacancies: {listed}")
    shown = requests.get(base + PAIRS["vacancy"][1].format(reference=REFERENCES[0]), timeout=30).json()
    page = requests.get(base + PAIRS["vacancy"][0].format(reference=REFERENCES[0]), timeout=30).text
    if shown["title"].split(" – ")[0] not in page:
        raise SystemExit(f"the vacancy page does not show {shown['title']!r}")
    return {"search_total": found["total"], "reference_checked": REFERENCES[0]}


@contextmanager
def platform(engine: Engine, database_url: str, scratch: Path) -> Iterator[Servers]:
    """The vacancy web app, the web client and the proxy, as deployed, on loopback."""
    environment = {
        "RECRUITMENT_ENV": "development",  # plain-HTTP loopback: no secrets to supply but this one
        "JWT_SECRET": JWT_SECRET,
        "TRUSTED_PROXY_COUNT": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    with ExitStack() as stack:
        vacancy, vacancy_pid = stack.enter_context(
            gunicorn("vacancy", "vacancies.app:create_app()", environment | {"DATABASE_URL": database_url}, scratch)
        )
        web, web_pid = stack.enter_context(
            gunicorn("web", "webclient.app:create_app()", environment | {"VACANCY_API_URL": vacancy}, scratch)
        )
        ports = {"VACANCY": int(vacancy.rpartition(":")[2]), "WEB": int(web.rpartition(":")[2])}
        proxy, proxy_pid = stack.enter_context(front_proxy(ports, scratch))
        pids = {"vacancy workers": vacancy_pid, "web workers": web_pid, "nginx": proxy_pid}
        yield Servers(proxy, pids, engine.url.database or "")


def main() -> None:
    started = perf_counter()
    cases = {}
    for name, (page, api) in PAIRS.items():
        cases[f"{name} API"] = Case(f"{name} API", api)
        cases[f"{name} page"] = Case(f"{name} page", page)
    with ExitStack() as stack:
        admin_url = stack.enter_context(postgres_admin_url())
        url = stack.enter_context(fresh_database(admin_url))
        upgrade(Path(vacancies.__file__).parent / "migrations", url)
        engine = make_engine(url)
        stack.callback(engine.dispose)
        load_seconds = load_vacancies(engine)
        with engine.connect() as conn:
            about = describe_machine(conn)
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-web-pages-")))
        servers = stack.enter_context(platform(engine, url, scratch))
        checked = check_answers(servers.proxy)
        for case in cases.values():
            case.response_bytes = _size(servers.proxy + next(case.paths()))
            case.sent += 2  # the check and the size
            run_round(case, servers.proxy, WARMUP, timed=False, servers=servers)
        rounds = 0
        deadline = perf_counter() + BUDGET_SECONDS
        failed = any(case.failures for case in cases.values())
        while not failed and rounds * ROUND < REQUESTS and (rounds < 2 or perf_counter() < deadline):
            for case in cases.values():  # API, page, API, page…: drift hits them all alike
                run_round(case, servers.proxy, min(ROUND, REQUESTS - rounds * ROUND), timed=True, servers=servers)
            rounds += 1
            failed = any(case.failures for case in cases.values())
        # How often the vacancy pages made the web client ask for similar vacancies (its access log).
        similar_asked = (scratch / "vacancy.log").read_text().count("/similar ")
    failures = {name: case.failures[:3] for name, case in cases.items() if case.failures}
    if failures:
        raise SystemExit(f"requests failed (every answer must be 200): {json.dumps(failures, indent=2)}")
    checked |= {"vacancy_pages_served": cases["vacancy page"].sent, "similar_asked_of_the_api": similar_asked}
    report = build_report(cases, about, checked, rounds, load_seconds, perf_counter() - started)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)


def load_vacancies(engine: Engine) -> float:
    """BENCH_VACANCIES published vacancies (bench/vacancy_variants.py) in batches, then VACUUM ANALYZE;
    the seconds it took."""
    started = perf_counter()
    generated = generate_vacancies(VACANCIES, datetime.now(UTC))
    while batch := list(islice(generated, 1000)):
        with engine.begin() as conn:
            conn.execute(vacancy_table.insert(), [to_row(vacancy) for vacancy in batch])
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE vacancies")
    return perf_counter() - started


def _size(url: str) -> int:
    return len(requests.get(url, timeout=30).content)


def build_report(
    cases: dict[str, Case], about: dict, checked: dict, rounds: int, load_seconds: float, run_seconds: float
) -> dict:
    results = []
    for name, case in cases.items():
        count = len(case.latencies_ms)
        results.append(
            {
                "case": name,
                "path": case.path,
                "requests": count,
                "seconds": round(case.seconds, 2),
                "per_second": round(count / case.seconds, 1),
                **{key: round(value, 2) for key, value in _percentiles(case.latencies_ms).items()},
                "response_bytes": case.response_bytes,
                "cpu_ms_per_request": {key: round(value / count * 1000, 2) for key, value in case.cpu_seconds.items()},
                "per_second_by_round": [round(rate, 1) for rate in case.round_rates],
            }
        )
    comparisons = []
    for name in PAIRS:
        page, api = cases[f"{name} page"], cases[f"{name} API"]
        figures = ratios({"api": api.latencies_ms, "page": page.latencies_ms}, baseline="api")["page"]
        comparisons.append(
            {
                "pair": name,
                "throughput_ratio": round(
                    (len(page.latencies_ms) / page.seconds) / (len(api.latencies_ms) / api.seconds), 3
                ),
                "throughput_ratio_median_of_rounds": round(
                    statistics.median(p / a for p, a in zip(page.round_rates, api.round_rates, strict=True)), 3
                ),
                "p50_ratio": figures["p50_ratio"],
                "p99_ratio": figures["p99_ratio"],
                "target": ">= 0.5 x the API's throughput",
            }
        )
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": about,
        "vacancies": VACANCIES,
        "load_seconds": round(load_seconds, 1),
        "search": SEARCH,
        "checked": checked,
        "concurrency": CONCURRENCY,
        "servers": "nginx (deploy/proxy) in front of gunicorn as deploy/gunicorn.conf.py: vacancy 3 and web 3 "
        "sync workers; the web client calls the vacancy app directly; loopback",
        "warmup_per_case": WARMUP,
        "rounds": rounds,
        "round_size": ROUND,
        "results": results,
        "comparisons": comparisons,
        "run_seconds": round(run_seconds, 1),
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": statistics.median(values),
        "p99_ms": statistics.quantiles(values, n=100, method="inclusive")[98],
    }


def print_report(report: dict) -> None:
    print(
        f"{report['vacancies']} vacancies, search {report['search']} ({report['checked']['search_total']} matches), "
        f"{report['rounds']} rounds, {report['concurrency']} clients; {report['servers']}; {report['machine']}\n"
        f"{'case':18} {'n':>5} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>7}  cpu ms per request"
    )
    for row in report["results"]:
        cpu = ", ".join(f"{name} {ms:.2f}" for name, ms in row["cpu_ms_per_request"].items())
        print(
            f"{row['case']:18} {row['requests']:>5} {row['per_second']:>7.1f} {row['p50_ms']:>8.2f}"
            f" {row['p99_ms']:>8.2f} {row['response_bytes']:>7}  {cpu}"
        )
    print(f"\n{'page / API':18} {'req/s ×':>8} {'(rounds)':>9} {'p50 ×':>7} {'p99 ×':>7}")
    for row in report["comparisons"]:
        print(
            f"{row['pair']:18} {row['throughput_ratio']:>8.2f} {row['throughput_ratio_median_of_rounds']:>9.2f}"
            f" {row['p50_ratio']:>7.1f} {row['p99_ratio']:>7.1f}"
        )
    checked = report["checked"]
    print(
        f"vacancy pages served {checked['vacancy_pages_served']}, similar vacancies asked of the API"
        f" {checked['similar_asked_of_the_api']} times\nwritten to {RESULTS} in {report['run_seconds']} s"
    )


if __name__ == "__main__":
    main()
