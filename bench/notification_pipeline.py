"""Benchmark: from `ApplicationSubmitted` on the topic to the consultant's email accepted by an SMTP
server, through the notification service's real processes (`python -m notifications consume` and
`send-emails`, PostgreSQL in between), next to a bare kafka-python consumer + smtplib loop
(`bench/bare_notifier.py`) on the same machine; events per second and latency, as ratios.

    PYTHONPATH=. .venv/bin/python bench/notification_pipeline.py     # from the repository root

For each target: a fresh topic prefix (and a fresh database for the service), an SMTP server
(aiosmtpd) in this process that notes when each email arrives, the target's processes, one
warm-up event (not counted), then BENCH_STEADY_EVENTS (500) events at BENCH_RATE (50) per second,
then BENCH_FLOOD_EVENTS (1,000) produced as fast as the producer goes. Latency runs from the
producer's ack of an event to the arrival of its consultant email. A third target, the service's
sender polling every BENCH_WHAT_IF_POLL_SECONDS (0.05; 0 leaves it out) when idle instead of every
second (`SENDER_POLL_SECONDS`), shows what that interval costs; BENCH_WHAT_IF_SENDERS (1) runs more
senders side by side (they share the queue with SKIP LOCKED). BENCH_SECONDS (210) bounds the
whole run. Every event must bring exactly one consultant and one candidate email, or the run
fails. Results: stdout and bench/results/notification_pipeline.json. Loopback only; processes are
stopped, topics deleted and databases dropped afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.parser import BytesHeaderParser
from importlib.metadata import version
from pathlib import Path
from time import perf_counter, process_time, sleep, time

from aiosmtpd.controller import Controller
from kafka.admin import KafkaAdminClient
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

import notifications
from bench.support import describe_machine, fresh_database, ratios
from notifications.db import emails
from notifications.domain import DeliveryStatus
from recruitment_shared.db import make_engine
from recruitment_shared.events import APPLICATIONS, to_message
from recruitment_shared.messaging import TopicNames, provision_topics
from recruitment_shared.messaging.clients import make_producer
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import kafka_bootstrap_servers, postgres_admin_url
from tests.support.network import free_port
from tests.support.wire_events import application_submitted

STEADY_EVENTS = int(os.environ.get("BENCH_STEADY_EVENTS", "500"))
STEADY_RATE = float(os.environ.get("BENCH_RATE", "50"))
FLOOD_EVENTS = int(os.environ.get("BENCH_FLOOD_EVENTS", "1000"))
WHAT_IF_POLL_SECONDS = float(os.environ.get("BENCH_WHAT_IF_POLL_SECONDS", "0.05"))
WHAT_IF_SENDERS = int(os.environ.get("BENCH_WHAT_IF_SENDERS", "1"))  # sender processes sharing the queue
BUDGET_SECONDS = float(os.environ.get("BENCH_SECONDS", "210"))
RESULTS = Path(__file__).parent / "results" / "notification_pipeline.json"
REPO = Path(__file__).resolve().parents[1]
JWT_SECRET = "bench-secret-of-at-least-thirty-two-bytes"
TICKS = os.sysconf("SC_CLK_TCK")
CONSULTANT = "lisa.geudens@example.com"
CANDIDATE = "jan.peeters@example.com"

BARE = "bare kafka-python + smtplib"
REAL = "notification consumer + sender"
EAGER = "… sender polling every {poll} s"
STEADY, FLOOD = f"steady {STEADY_RATE:g}/s", "flood"


@dataclass
class Target:
    name: str
    commands: dict[str, list[str]]  # process label -> argv
    database: bool  # whether it needs the service's database
    environment: dict[str, str] = field(default_factory=dict)


def targets() -> list[Target]:
    python = sys.executable
    chosen = [
        Target(BARE, {"bare notifier": [python, "-m", "bench.bare_notifier"]}, database=False),
        Target(
            REAL,
            {
                "consumer": [python, "-m", "notifications", "consume"],
                "sender": [python, "-m", "notifications", "send-emails"],
            },
            database=True,
        ),
    ]
    if WHAT_IF_POLL_SECONDS > 0:
        senders = {
            f"sender {n}" if n > 1 else "sender": [python, "-m", "notifications", "send-emails"]
            for n in range(1, WHAT_IF_SENDERS + 1)
        }
        name = EAGER.format(poll=f"{WHAT_IF_POLL_SECONDS:g}") + (
            f", {WHAT_IF_SENDERS} senders" if WHAT_IF_SENDERS > 1 else ""
        )
        chosen.append(
            Target(
                name,
                {"consumer": [python, "-m", "notifications", "consume"]} | senders,
                database=True,
                environment={"SENDER_POLL_SECONDS": str(WHAT_IF_POLL_SECONDS)},
            )
        )
    return chosen


class Mailbox:
    """aiosmtpd handler: notes (event id, recipient, arrival time) of every message it accepts."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[str, str, float]] = []
        self.bytes = 0

    async def handle_DATA(self, _server, _session, envelope) -> str:
        at = perf_counter()
        headers = BytesHeaderParser(policy=policy.default).parsebytes(envelope.content)
        event_id = str(headers.get("X-Recruitment-Event-Id", ""))
        self.bytes += len(envelope.content)
        for recipient in envelope.rcpt_tos:
            self.arrivals.append((event_id, recipient.lower(), at))
        return "250 Message accepted for delivery"

    def delivered(self, event_ids: set[str]) -> tuple[int, int]:
        """How many of `event_ids` have their consultant email, and their candidate email, so far."""
        consultant, candidate = set(), set()
        for event_id, recipient, _at in list(self.arrivals):
            if event_id in event_ids:
                (consultant if recipient == CONSULTANT else candidate).add(event_id)
        return len(consultant), len(candidate)


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


@contextmanager
def topics(bootstrap: str) -> Iterator[TopicNames]:
    """Fresh topics (the platform's, with their DLQs) under a new prefix, deleted afterwards."""
    names = TopicNames(f"bench-notify-{uuid.uuid4().hex[:8]}-")
    provision_topics(bootstrap, names)
    try:
        yield names
    finally:
        with suppress(Exception):  # a left-over prefixed topic harms nobody
            admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="bench-cleanup")
            try:
                admin.delete_topics(names.all_physical(), raise_errors=False)
            finally:
                admin.close()


@dataclass
class Processes:
    running: dict[str, subprocess.Popen]
    logs: dict[str, Path]
    exit_codes: dict[str, int] = field(default_factory=dict)  # after SIGTERM; -9 when it had to be killed

    def check_alive(self) -> None:
        for label, process in self.running.items():
            if process.poll() is not None:
                raise RuntimeError(f"{label} exited with {process.returncode}:\n{self.tail(label)}")

    def tail(self, label: str) -> str:
        return self.logs[label].read_text(errors="replace")[-3000:]

    def cpu_seconds(self) -> dict[str, float]:
        return {label: process_cpu_seconds(process.pid) for label, process in self.running.items()}


@contextmanager
def processes(target: Target, environment: dict[str, str], scratch: Path) -> Iterator[Processes]:
    """The target's processes, started; stopped afterwards (SIGTERM, then SIGKILL)."""
    running, logs, files = {}, {}, []
    started = Processes(running, logs)
    inherited = {name: value for name, value in os.environ.items() if name != "SENDER_POLL_SECONDS"}  # the default
    try:
        for label, command in target.commands.items():
            logs[label] = scratch / f"{uuid.uuid4().hex[:6]}-{label.replace(' ', '-')}.log"
            files.append(logs[label].open("w"))
            running[label] = subprocess.Popen(
                command,
                cwd=REPO,
                env=inherited | environment | target.environment,
                stdout=files[-1],
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        yield started
    finally:
        for process in running.values():
            process.send_signal(signal.SIGTERM)
        for process in running.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the group start_new_session gave it
                process.wait(timeout=10)
        started.exit_codes.update({label: process.returncode for label, process in running.items()})
        for file in files:
            file.close()


def process_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by process `pid`."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def database_cpu_seconds(database: str) -> float:
    """CPU seconds used so far by the PostgreSQL processes serving `database`, when the server runs on
    this machine (0 otherwise)."""
    total, name = 0, f" {database} ".encode()
    for process in Path("/proc").glob("[0-9]*"):
        try:
            if (process / "cmdline").read_bytes().startswith(b"postgres: ") and name in (
                process / "cmdline"
            ).read_bytes():
                fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
        except OSError:
            continue  # a process that just ended, or one we may not read
    return total / TICKS


@dataclass
class Produced:
    sent: dict[str, float] = field(default_factory=dict)  # event id -> perf_counter before send()
    acked: dict[str, float] = field(default_factory=dict)  # event id -> perf_counter at the broker's ack
    failures: list[str] = field(default_factory=list)


def produce(producer, topic: str, count: int, rate: float | None) -> Produced:
    """`count` events built beforehand, sent at `rate` per second (None: as fast as possible)."""
    messages = []
    for number in range(count):
        event = application_submitted(f"Jan Peeters {number}", CANDIDATE)
        message = to_message(event)
        messages.append((event.id, message.key.encode(), message.value, list(message.headers.items())))
    produced = Produced()
    started = perf_counter()
    for number, (event_id, key, value, headers) in enumerate(messages):
        if rate:
            delay = started + number / rate - perf_counter()
            if delay > 0:
                sleep(delay)
        produced.sent[event_id] = perf_counter()
        future = producer.send(topic, key=key, value=value, headers=headers)
        future.add_callback(lambda _metadata, event_id=event_id: produced.acked.__setitem__(event_id, perf_counter()))
        future.add_errback(lambda exc, event_id=event_id: produced.failures.append(f"{event_id}: {exc!r}"))
    producer.flush(timeout=60)
    if produced.failures or len(produced.acked) != count:
        raise RuntimeError(f"producing failed: {len(produced.acked)}/{count} acked; {produced.failures[:3]}")
    return produced


def wait_delivered(mailbox: Mailbox, event_ids: set[str], running: Processes, deadline: float, what: str) -> None:
    """Until every event of `event_ids` has both its emails, or `deadline` (then fail, with the logs)."""
    while True:
        consultant, candidate = mailbox.delivered(event_ids)
        if consultant == candidate == len(event_ids):
            return
        running.check_alive()
        if perf_counter() > deadline:
            logs = "\n".join(f"--- {label}:\n{running.tail(label)}" for label in running.running)
            raise RuntimeError(
                f"{what}: after the time allowed, {consultant} consultant and {candidate} candidate emails of "
                f"{len(event_ids)} events arrived\n{logs}"
            )
        sleep(0.02)


@dataclass
class Run:
    """What the phases of one target share."""

    processes: Processes
    producer: object
    topic: str
    mailbox: Mailbox
    database: str | None  # its name, for the CPU of its PostgreSQL backends
    deadline: float


@dataclass
class Phase:
    name: str
    produced: Produced
    cpu_seconds: dict[str, float]


def cpu_now(run: Run) -> dict[str, float]:
    now = run.processes.cpu_seconds()
    if run.database:
        now["PostgreSQL"] = database_cpu_seconds(run.database)
    now["benchmark process"] = process_time()  # producer and SMTP server: the same work for every target
    return now


def run_phase(run: Run, name: str, count: int, rate: float | None, allowed: float) -> Phase:
    before = cpu_now(run)
    produced = produce(run.producer, run.topic, count, rate)
    wait_delivered(run.mailbox, set(produced.sent), run.processes, min(run.deadline, perf_counter() + allowed), name)
    after = cpu_now(run)
    return Phase(name, produced, {label: after[label] - before[label] for label in before})


def run_target(target: Target, bootstrap: str, admin_url: str, scratch: Path, deadline: float) -> dict:
    """Warm-up, steady and flood phases of one target, then the checks; what it measured."""
    with ExitStack() as stack:
        names = stack.enter_context(topics(bootstrap))
        mailbox, port = stack.enter_context(smtp_server())
        environment = {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "KAFKA_TOPIC_PREFIX": names.prefix,
            "KAFKA_TOPIC": names.physical(APPLICATIONS),
            "KAFKA_GROUP_ID": names.physical("bench-bare-notifier"),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(port),
            "JWT_SECRET": JWT_SECRET,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        url = None
        if target.database:
            url = stack.enter_context(fresh_database(admin_url))
            upgrade(Path(notifications.__file__).parent / "migrations", url)
            environment["DATABASE_URL"] = url
        producer = make_producer(bootstrap, "bench-notification-pipeline")
        stack.callback(producer.close, 10)
        with processes(target, environment, scratch) as running:
            database = make_url(url).database if url else None
            run = Run(running, producer, names.physical(APPLICATIONS), mailbox, database, deadline)
            started = perf_counter()
            warmup = produce(producer, run.topic, 1, None)  # its emails show that the consumer group has joined
            wait_delivered(mailbox, set(warmup.sent), running, min(deadline, perf_counter() + 60), "warm-up")
            ready_seconds = perf_counter() - started
            phases = [
                run_phase(run, STEADY, STEADY_EVENTS, STEADY_RATE, STEADY_EVENTS / STEADY_RATE + 30),
                run_phase(run, FLOOD, FLOOD_EVENTS, None, 90),
            ]
            sleep(1.5)  # longer than the sender's idle poll: a late duplicate would show
        # The processes are stopped: nothing more arrives.
        event_ids = set(warmup.sent).union(*(phase.produced.sent for phase in phases))
        check = check_deliveries(mailbox.arrivals, event_ids)
        check["bytes_per_email"] = round(mailbox.bytes / max(len(mailbox.arrivals), 1))
        queued = {}
        if url:
            queued = check_database(url, event_ids, check)
        check["exit_codes"] = running.exit_codes
        return {
            "target": target.name,
            "ready_seconds": round(ready_seconds, 2),
            "phases": phases,
            "arrivals": {(event_id, recipient): at for event_id, recipient, at in mailbox.arrivals},
            "queued": queued,
            "check": check,
        }


def check_deliveries(arrivals: list[tuple[str, str, float]], event_ids: set[str]) -> dict:
    """Exactly one consultant and one candidate email per event, and nothing else."""
    seen = Counter((event_id, recipient) for event_id, recipient, _at in arrivals)
    expected = {(event_id, recipient) for event_id in event_ids for recipient in (CONSULTANT, CANDIDATE)}
    problems = {
        "missing": sorted(expected - set(seen))[:5],
        "duplicates": sorted(key for key, count in seen.items() if count > 1)[:5],
        "unexpected": sorted(set(seen) - expected)[:5],
    }
    return {
        "events": len(event_ids),
        "emails_accepted": len(arrivals),
        "problems": {kind: found for kind, found in problems.items() if found},
    }


def check_database(url: str, event_ids: set[str], check: dict) -> dict[str, float]:
    """The service's own record: one sent email per event and recipient, each at the first attempt.
    Returns when each consultant email was queued (its row's `created_at`), as a perf_counter reading."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(emails.c.event_id, emails.c.recipient, emails.c.status, emails.c.attempts, emails.c.created_at)
            ).all()
            check["email_rows"] = conn.execute(select(func.count()).select_from(emails)).scalar_one()
    finally:
        engine.dispose()
    not_sent = [row for row in rows if row.status != DeliveryStatus.SENT or row.attempts != 1]
    keys = Counter((row.event_id, row.recipient) for row in rows)
    if len(rows) != 2 * len(event_ids) or not_sent or any(count > 1 for count in keys.values()):
        check["problems"]["database"] = {
            "rows": len(rows),
            "not_sent_at_first_attempt": len(not_sent),
            "duplicate_rows": sum(count > 1 for count in keys.values()),
        }
    offset = time() - perf_counter()
    return {row.event_id: row.created_at.timestamp() - offset for row in rows if row.recipient == CONSULTANT}


def percentiles(values: list[float]) -> dict[str, float]:
    p99 = statistics.quantiles(values, n=100, method="inclusive")[98]
    return {"p50_ms": round(statistics.median(values), 2), "p99_ms": round(p99, 2)}


def phase_figures(result: dict, phase: Phase) -> dict:
    """Throughput and consultant-email latency of one phase of one target."""
    produced, arrivals, queued = phase.produced, result["arrivals"], result["queued"]
    events = list(produced.sent)
    first_sent = min(produced.sent.values())
    consultant_at = {event_id: arrivals[(event_id, CONSULTANT)] for event_id in events}
    last_email = max(arrivals[(event_id, who)] for event_id in events for who in (CONSULTANT, CANDIDATE))
    seconds = max(consultant_at.values()) - first_sent
    row = {
        "target": result["target"],
        "phase": phase.name,
        "events": len(events),
        "produce_seconds": round(max(produced.acked.values()) - first_sent, 2),
        "seconds": round(seconds, 2),
        "events_per_second": round(len(events) / seconds, 1),
        "emails_per_second": round(2 * len(events) / (last_email - first_sent), 1),
        "latencies_ms": [(consultant_at[event_id] - produced.acked[event_id]) * 1000 for event_id in events],
        "cpu_ms_per_event": {label: round(cpu / len(events) * 1000, 2) for label, cpu in phase.cpu_seconds.items()},
    }
    if queued:  # the service's two stages: consumer (topic to queued row), sender (row to SMTP)
        row["stages"] = {
            "consumer: ack to email row queued": percentiles(
                [(queued[event_id] - produced.acked[event_id]) * 1000 for event_id in events]
            ),
            "sender: row queued to SMTP acceptance": percentiles(
                [(consultant_at[event_id] - queued[event_id]) * 1000 for event_id in events]
            ),
        }
    return row


def build_report(results: list[dict], about: dict, run_seconds: float) -> dict:
    rows = [phase_figures(result, phase) for result in results for phase in result["phases"]]
    for phase in (STEADY, FLOOD):
        of_phase = [row for row in rows if row["phase"] == phase]
        base = next(row for row in of_phase if row["target"] == BARE)
        figures = ratios({row["target"]: row["latencies_ms"] for row in of_phase}, baseline=BARE)
        for row in of_phase:
            row |= figures[row["target"]]
            row["events_per_second_ratio"] = round(row["events_per_second"] / base["events_per_second"], 3)
    for row in rows:
        row.pop("latencies_ms")
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": about,
        "steady": {"events": STEADY_EVENTS, "rate_per_second": STEADY_RATE},
        "flood": {"events": FLOOD_EVENTS},
        "latency": "producer's ack of the event to the SMTP server accepting its consultant email",
        "throughput": "events from the first send to the last consultant email accepted",
        "results": rows,
        "ready_seconds": {result["target"]: result["ready_seconds"] for result in results},
        "checks": {result["target"]: result["check"] for result in results},
        "run_seconds": round(run_seconds, 1),
    }


def print_report(report: dict) -> None:
    print(
        f"{report['machine']}\n"
        f"{'target':34} {'phase':11} {'events':>6} {'events/s':>8} {'emails/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'rate ×':>7} {'p50 ×':>7} {'p99 ×':>7}"
    )
    for row in report["results"]:
        print(
            f"{row['target']:34} {row['phase']:11} {row['events']:>6} {row['events_per_second']:>8.1f}"
            f" {row['emails_per_second']:>8.1f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f}"
            f" {row['events_per_second_ratio']:>7.2f} {row['p50_ratio']:>7.1f} {row['p99_ratio']:>7.1f}"
        )
    for row in report["results"]:
        stages = "; ".join(f"{name} p50 {f['p50_ms']} p99 {f['p99_ms']}" for name, f in row.get("stages", {}).items())
        cpu = ", ".join(f"{label} {ms}" for label, ms in row["cpu_ms_per_event"].items())
        print(f"{row['target']}, {row['phase']}: CPU ms/event: {cpu}" + (f"\n    ms: {stages}" if stages else ""))
    print(f"ready (first event delivered) after: {report['ready_seconds']} s")
    print(f"checks: {json.dumps(report['checks'])}")
    print(f"written to {RESULTS} in {report['run_seconds']} s")


def main() -> None:
    started = perf_counter()
    deadline = started + BUDGET_SECONDS
    logging_quiet()
    with ExitStack() as stack:
        bootstrap = stack.enter_context(kafka_bootstrap_servers())
        admin_url = stack.enter_context(postgres_admin_url())
        with fresh_database(admin_url) as url:
            engine = make_engine(url)
            with engine.connect() as conn:
                about = describe_machine(conn)
            engine.dispose()
        about |= {"kafka-python": version("kafka-python"), "aiosmtpd": version("aiosmtpd"), "kafka": bootstrap}
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-notify-")))
        results = [run_target(target, bootstrap, admin_url, scratch, deadline) for target in targets()]
    problems = {result["target"]: result["check"]["problems"] for result in results if result["check"]["problems"]}
    if problems:
        raise SystemExit(f"deliveries do not match the events (one consultant, one candidate email each): {problems}")
    report = build_report(results, about, perf_counter() - started)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)


def logging_quiet() -> None:
    """kafka-python warns about deprecated importlib use and logs at INFO; neither helps here."""
    import logging
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    logging.basicConfig(level=logging.WARNING)


if __name__ == "__main__":
    main()
