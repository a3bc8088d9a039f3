"""Benchmark: `POST /applications` (multipart, with a CV) served by gunicorn, next to a bare Flask +
SQLAlchemy endpoint (`bench/bare_submit_app.py`) inserting the same row into the same table of the
same fresh PostgreSQL database; submissions per second and latency, as ratios.

    PYTHONPATH=. .venv/bin/python bench/submit_applications.py     # from the repository root

BENCH_REQUESTS (timed submissions per target, default 2000), BENCH_CONCURRENCY (clients, 8),
BENCH_WORKERS (gunicorn sync workers per server, 4) and BENCH_SECONDS (budget of the timed rounds,
120) change the run. Results: stdout and bench/results/submit_applications.json. Loopback only;
both servers are stopped and the database dropped afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter, process_time, sleep

import requests
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from urllib3 import encode_multipart_formdata

import applications
from applications.db import application_history, idempotency_keys, outbox
from applications.db import applications as application_table
from applications.privacy_notice import CURRENT_VERSION
from applications.read_model import on_vacancy_published
from bench.support import describe_machine, fresh_database, ratios
from recruitment_shared.db import make_engine
from recruitment_shared.events import from_message, to_message
from recruitment_shared.migrations import upgrade
from tests.support.cvs import PDF
from tests.support.infrastructure import postgres_admin_url
from tests.support.network import free_port
from tests.support.wire_events import vacancy_published

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
BUDGET_SECONDS = float(os.environ.get("BENCH_SECONDS", "120"))
WARMUP = 200  # per target, not timed
ROUND = 125  # submissions per target and round; the targets take turns round by round
RESULTS = Path(__file__).parent / "results" / "submit_applications.json"
REPO = Path(__file__).resolve().parents[1]
JWT_SECRET = "bench-secret-of-at-least-thirty-two-bytes"
TICKS = os.sysconf("SC_CLK_TCK")

BARE, REAL = "bare Flask + SQLAlchemy insert", "POST /applications"
TARGETS = {BARE: "bench.bare_submit_app:create_app()", REAL: "applications.app:create_app()"}


def publish_vacancy(engine: Engine) -> uuid.UUID:
    """Let the service know an open vacancy, as its consumer would on VacancyPublished."""
    event = from_message(to_message(vacancy_published()).value)
    with engine.begin() as conn:
        on_vacancy_published(conn, event)
    return uuid.UUID(event.subject)  # the vacancy's id


@dataclass
class Target:
    """One server under load: its submissions and what they measured."""

    name: str
    url: str
    vacancy_id: uuid.UUID
    pid: int
    database: str
    sent: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu_seconds: float = 0.0
    database_cpu_seconds: float = 0.0
    client_cpu_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    round_rates: list[float] = field(default_factory=list)

    @property
    def expected_status(self) -> int:
        """What every submission must answer: the service accepts with 202 (the candidate's link
        goes by email), the bare endpoint creates with 201."""
        return 202 if self.name == REAL else 201

    def submissions(self, count: int) -> list[tuple[bytes, dict]]:
        """`count` request bodies, encoded before any timing; each candidate applies once."""
        prefix = "real" if self.name == REAL else "bare"
        bodies = []
        for number in range(self.sent, self.sent + count):
            fields = [
                ("vacancy_id", str(self.vacancy_id)),
                ("name", "Jan Peeters"),
                ("email", f"jan.peeters+{prefix}{number}@example.com"),
                ("phone", "+32 470 12 34 56"),
                ("preferred_language", "nl"),
                ("languages", "nl:C2"),
                ("languages", "en:C1"),
                ("years_of_experience", "6"),
                ("contract_preference", "freelance"),
                ("expected_daily_rate", "600"),
                ("available_from", "2027-01-01"),
                ("motivation", "Ten years of PRINCE2 projects for Flemish cities."),
                ("consent", "true"),
                ("privacy_notice_version", CURRENT_VERSION),
                ("cv", ("cv.pdf", PDF, "application/pdf")),
            ]
            body, content_type = encode_multipart_formdata(fields)
            headers = {"Content-Type": content_type, "Idempotency-Key": f"bench-{prefix}-{number}-{uuid.uuid4().hex}"}
            bodies.append((body, headers))
        self.sent += count
        return bodies


def run_round(target: Target, count: int, timed: bool) -> None:
    """`count` submissions by CONCURRENCY clients in a closed loop (each sends its next one on an answer)."""
    work = iter(target.submissions(count))
    lock = threading.Lock()
    latencies: list[float] = []
    failures: list[str] = []

    def client() -> None:
        session = requests.Session()
        while True:
            with lock:
                item = next(work, None)
            if item is None:
                break
            body, headers = item
            started = perf_counter()
            try:
                response = session.post(target.url, data=body, headers=headers, timeout=30)
                elapsed = (perf_counter() - started) * 1000
                if response.status_code != target.expected_status:
                    failures.append(f"{response.status_code} {response.text[:300]}")
            except requests.RequestException as exc:
                elapsed = (perf_counter() - started) * 1000
                failures.append(f"{exc.__class__.__name__}: {exc}")
            latencies.append(elapsed)
        session.close()

    server_cpu, database_cpu, client_cpu = (
        worker_cpu_seconds(target.pid),
        database_cpu_seconds(target.database),
        process_time(),
    )
    started = perf_counter()
    clients = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    elapsed = perf_counter() - started
    target.failures += failures
    if timed:
        target.latencies_ms += latencies
        target.seconds += elapsed
        target.round_rates.append(count / elapsed)
        target.server_cpu_seconds += worker_cpu_seconds(target.pid) - server_cpu
        target.database_cpu_seconds += database_cpu_seconds(target.database) - database_cpu
        target.client_cpu_seconds += process_time() - client_cpu


def worker_cpu_seconds(master_pid: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn workers of `master_pid`."""
    return _cpu_seconds(lambda ppid, _cmdline: ppid == master_pid)


def database_cpu_seconds(database: str) -> float:
    """CPU seconds used so far by the PostgreSQL processes serving `database`, when the server runs on
    this machine (0 otherwise). Only one target is under load at a time, so each round's share is its own."""
    name = f" {database} ".encode()
    return _cpu_seconds(lambda _ppid, cmdline: cmdline.startswith(b"postgres: ") and name in cmdline)


def _cpu_seconds(chosen: Callable[[int, bytes], bool]) -> float:
    total = 0
    for process in Path("/proc").glob("[0-9]*"):
        try:
            fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
            if chosen(int(fields[1]), (process / "cmdline").read_bytes()):  # ppid, command line
                total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            continue  # a process that just ended, or one we may not read
    return total / TICKS


@contextmanager
def gunicorn(app: str, environment: dict[str, str], logs: Path) -> Iterator[tuple[str, int]]:
    """A gunicorn server of `app` on a free loopback port, ready; stopped (SIGTERM, then SIGKILL) afterwards."""
    port = free_port()
    command = [
        *(sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--worker-class", "sync"),
        *("--workers", str(WORKERS), "--timeout", "30", "--graceful-timeout", "10", "--no-control-socket", app),
    ]
    log = logs.open("w")
    server = subprocess.Popen(
        command, cwd=REPO, env=os.environ | environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server, logs)
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the group start_new_session gave this server
            server.wait(timeout=10)
        log.close()


def wait_ready(base: str, server: subprocess.Popen, logs: Path, timeout: float = 60) -> None:
    deadline = perf_counter() + timeout
    while perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{logs.read_text()[-3000:]}")
        try:
            if requests.get(f"{base}/health/ready", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        sleep(0.1)
    raise RuntimeError(f"gunicorn at {base} not ready after {timeout:.0f} s:\n{logs.read_text()[-3000:]}")


def stored(engine: Engine, targets: dict[str, Target], cv_dir: Path) -> dict:
    """What the database (and the CV folder) hold after the run, next to the submissions that succeeded."""
    real, bare = targets[REAL], targets[BARE]
    with engine.connect() as conn:

        def count(query) -> int:
            return conn.execute(query).scalar_one()

        def applications_of(vacancy_id: uuid.UUID):
            return select(func.count()).where(application_table.c.vacancy_id == vacancy_id)

        history = select(func.count()).select_from(application_history.join(application_table))
        return {
            "real_submissions": real.sent - len(real.failures),
            "real_applications": count(applications_of(real.vacancy_id)),
            "real_history_rows": count(history.where(application_table.c.vacancy_id == real.vacancy_id)),
            "real_outbox_events": count(
                select(func.count()).where(outbox.c.event_type == "ApplicationSubmitted").select_from(outbox)
            ),
            "real_idempotency_keys": count(select(func.count()).select_from(idempotency_keys)),
            "real_cv_files": sum(1 for path in cv_dir.glob("*.pdf")),
            "bare_submissions": bare.sent - len(bare.failures),
            "bare_applications": count(applications_of(bare.vacancy_id)),
        }


def main() -> None:
    started = perf_counter()
    with ExitStack() as stack:
        admin_url = stack.enter_context(postgres_admin_url())
        url = stack.enter_context(fresh_database(admin_url))
        upgrade(Path(applications.__file__).parent / "migrations", url)
        engine = make_engine(url)
        stack.callback(engine.dispose)
        with engine.connect() as conn:
            about = describe_machine(conn)
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-submit-")))
        cv_dir = scratch / "cvs"
        environment = {
            "DATABASE_URL": url,
            "CV_STORAGE_DIR": str(cv_dir),
            "JWT_SECRET": JWT_SECRET,
            "RATE_LIMIT_APPLY": "1000000/minute",  # thousands of submissions from one address, on purpose
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        targets = {}
        for name, app in TARGETS.items():
            base, pid = stack.enter_context(gunicorn(app, environment, scratch / f"{app.split(':')[0]}.log"))
            vacancy_id = publish_vacancy(engine)
            targets[name] = Target(name, f"{base}/applications", vacancy_id, pid, make_url(url).database)
        for target in targets.values():
            run_round(target, WARMUP, timed=False)
        deadline = perf_counter() + BUDGET_SECONDS
        rounds = 0
        failed = any(target.failures for target in targets.values())  # then no timed rounds
        while not failed and rounds * ROUND < REQUESTS and (rounds < 2 or perf_counter() < deadline):
            for target in targets.values():  # bare, real, bare, real…: drift hits both alike
                run_round(target, min(ROUND, REQUESTS - rounds * ROUND), timed=True)
            rounds += 1
            failed = any(target.failures for target in targets.values())
        failures = {
            name: {"failed": len(target.failures), "sent": target.sent, "first": target.failures[:3]}
            for name, target in targets.items()
            if target.failures
        }
        check = stored(engine, targets, cv_dir)
    if failures:
        raise SystemExit(f"submissions failed (every one must be accepted): {json.dumps(failures, indent=2)}")
    report = build_report(targets, check, about, rounds, perf_counter() - started)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)
    real = ("real_applications", "real_history_rows", "real_outbox_events", "real_idempotency_keys", "real_cv_files")
    if (
        any(check[key] != check["real_submissions"] for key in real)
        or check["bare_applications"] != check["bare_submissions"]
    ):
        raise SystemExit(f"stored rows do not match the successful submissions: {check}")


def build_report(targets: dict[str, Target], check: dict, about: dict, rounds: int, run_seconds: float) -> dict:
    figures = ratios({name: target.latencies_ms for name, target in targets.items()}, baseline=BARE)
    base_rate = len(targets[BARE].latencies_ms) / targets[BARE].seconds
    results = []
    for name, target in targets.items():
        count = len(target.latencies_ms)
        rate = count / target.seconds
        results.append(
            {
                "target": name,
                "submissions": count,
                "seconds": round(target.seconds, 2),
                "per_second": round(rate, 1),
                "throughput_ratio": round(rate / base_rate, 3),
                "throughput_ratio_median_of_rounds": round(
                    statistics.median(
                        r / b for r, b in zip(target.round_rates, targets[BARE].round_rates, strict=True)
                    ),
                    3,
                ),
                **figures[name],
                "server_cpu_ms_per_submission": round(target.server_cpu_seconds / count * 1000, 2),
                "database_cpu_ms_per_submission": round(target.database_cpu_seconds / count * 1000, 2) or None,
                "client_cpu_ms_per_submission": round(target.client_cpu_seconds / count * 1000, 2),
                "per_second_by_round": [round(rate, 1) for rate in target.round_rates],
            }
        )
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": about,
        "concurrency": CONCURRENCY,
        "server": f"gunicorn {WORKERS} sync workers, no preload, app access log only, loopback",
        "warmup_per_target": WARMUP,
        "rounds": rounds,
        "round_size": ROUND,
        "cv_bytes": len(PDF),
        "results": results,
        "stored": check,
        "run_seconds": round(run_seconds, 1),
    }


def print_report(report: dict) -> None:
    print(
        f"{report['rounds']} rounds, {report['concurrency']} clients, {report['server']}; {report['machine']}\n"
        f"{'target':32} {'n':>5} {'subm/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'rate ×':>7} {'p50 ×':>7} {'p99 ×':>7}"
        f" {'cpu ms: server':>14} {'database':>8} {'client':>6}"
    )
    for row in report["results"]:
        print(
            f"{row['target']:32} {row['submissions']:>5} {row['per_second']:>8.1f} {row['p50_ms']:>8.2f}"
            f" {row['p99_ms']:>8.2f} {row['throughput_ratio']:>7.2f} {row['p50_ratio']:>7.1f} {row['p99_ratio']:>7.1f}"
            f" {row['server_cpu_ms_per_submission']:>14.2f} {row['database_cpu_ms_per_submission'] or 0:>8.2f}"
            f" {row['client_cpu_ms_per_submission']:>6.2f}"
        )
    print(f"stored: {report['stored']}")
    print(f"written to {RESULTS} in {report['run_seconds']} s")


if __name__ == "__main__":
    main()
