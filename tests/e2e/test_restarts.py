"""Restarting one process while traffic flows loses no acknowledged request and no event."""

from __future__ import annotations

import signal
import threading
import time
import uuid
from collections import Counter

import pytest
import requests

from recruitment_shared.events import APPLICATIONS, from_message
from tests.support.candidates import apply, open_vacancy_92742
from tests.support.kafka import read_topic
from tests.support.platform import SERVICES, prepare
from tests.support.procfile import separate_processes
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
APPLICANTS = 60


class Candidates(threading.Thread):
    """Applicants arriving one after another; a client retries with its Idempotency-Key until answered."""

    def __init__(self, applications: str, vacancy_id: str) -> None:
        super().__init__(daemon=True)
        self.applications, self.vacancy_id = applications, vacancy_id
        self.acknowledged: set[str] = set()  # the address of every submission answered 202
        self.run_id = uuid.uuid4().hex[:8]

    def run(self) -> None:
        for n in range(APPLICANTS):
            email, key = f"candidate{n}@example.com", {"Idempotency-Key": f"restart-{self.run_id}-{n}"}
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    answer = apply(self.applications, self.vacancy_id, headers=key, email=email)
                except requests.RequestException:  # the web app is restarting: try again, same key
                    time.sleep(0.1)
                    continue
                if answer.status_code == 202:
                    self.acknowledged.add(email)
                break
            time.sleep(0.1)


def test_restarting_web_relay_and_consumer_under_traffic_loses_nothing(tmp_path, new_database, kafka_bootstrap, topics):
    env, platform = prepare(tmp_path, {name: new_database() for name in SERVICES}, kafka_bootstrap, topics)
    with separate_processes(env, platform) as processes:
        vacancies, applications, _ = (platform.urls[name] for name in SERVICES)
        vacancy_id = open_vacancy_92742(vacancies, applications)

        candidates = Candidates(applications, vacancy_id)
        candidates.start()
        for after, process, signum in (
            (10, "application-relay", signal.SIGTERM),
            (25, "notification-consumer", signal.SIGKILL),
            (40, "application-web", signal.SIGTERM),
        ):
            wait_until(lambda after=after: len(candidates.acknowledged) >= after, timeout=90, what=f"{after} applied")
            processes.restart(process, signum)
        candidates.join(timeout=180)

        wait_until(lambda: len(platform.mail()) >= 2 * APPLICANTS, timeout=120, what="every email")
        time.sleep(2)  # a late duplicate would show now
        mail = platform.mail()

    assert len(candidates.acknowledged) == APPLICANTS
    recipients = Counter(message["To"] for message in mail)
    assert recipients["lisa.geudens@example.com"] == APPLICANTS
    assert all(recipients[email] == 1 for email in candidates.acknowledged)
    events = [from_message(r.value) for r in read_topic(kafka_bootstrap, topics.physical(APPLICATIONS), APPLICANTS)]
    submitted = Counter(e.data["candidate"]["email"] for e in events if e.type == "ApplicationSubmitted")
    assert all(submitted[email] == 1 for email in candidates.acknowledged)
