"""Erasure reaches every service, on the running platform (real Kafka, PostgreSQL, SMTP): after a
candidate asks for it, and after the retention job with the clock moved, a scan of every table of
every service database, the CV directory and the processes' logs finds neither the candidate's
address, name nor phone, while another candidate's data is untouched. The erasure is asked while
the notification consumer is down, and completes once it is back."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from tests.support.candidates import LISA, apply, candidate_link, open_vacancy_92742, own_application_api
from tests.support.infrastructure import REPO
from tests.support.personal_data import find_personal_data
from tests.support.platform import SERVICES, Platform, prepare
from tests.support.procfile import separate_processes
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e

ANNA = {"name": "Anna Verschueren", "email": "anna.verschueren@example.com", "phone": "+32 470 12 34 56"}
BART = {"name": "Bart Delvaux", "email": "bart.delvaux@example.com", "phone": "+32 486 98 76 54"}


def _needles(candidate: dict[str, str]) -> list[str]:
    return [candidate["email"], candidate["name"], candidate["phone"]]


def _found(platform: Platform, candidate: dict[str, str]) -> dict[str, list]:
    """Where in the service databases any of the candidate's address, name or phone still is."""
    found = {name: find_personal_data(url, _needles(candidate)) for name, url in platform.databases.items()}
    return {name: places for name, places in found.items() if places}


def _in_files(directory: Path, candidate: dict[str, str]) -> list[str]:
    """The files under `directory` (logs, CVs) that hold the candidate's address, name or phone."""
    needles = [needle.lower().encode() for needle in _needles(candidate)]
    return [
        str(path)
        for path in directory.rglob("*")
        if path.is_file() and "mail" not in path.parts and any(n in path.read_bytes().lower() for n in needles)
    ]


def _cv_files(workdir: Path) -> list[Path]:
    """The CV files the application service stores (CV_STORAGE_DIR: var/cvs of the platform)."""
    return [path for path in (workdir / "cvs").rglob("*") if path.is_file()]


def _linked(platform: Platform, candidate: dict[str, str]) -> list:
    """The candidate's emails that carry their personal link (not the job alert's confirmation)."""
    return [
        m for m in _mail_to(platform, candidate["email"]) if "/my-application/" in m.get_body(("plain",)).get_content()
    ]


def _mail_to(platform: Platform, address: str) -> list:
    return [message for message in platform.mail() if message["To"] == address]


def test_erasure_on_request_and_by_retention_leaves_no_trace(tmp_path, new_database, kafka_bootstrap, topics):
    env, platform = prepare(tmp_path, {name: new_database() for name in SERVICES}, kafka_bootstrap, topics)
    with separate_processes(env, platform) as processes:
        vacancies, applications, notifications = (platform.urls[name] for name in SERVICES)
        vacancy_id = open_vacancy_92742(vacancies, applications)
        for candidate in (ANNA, BART):
            assert apply(applications, vacancy_id, **candidate).status_code == 202
        alert = {"email": ANNA["email"], "keywords": ["PRINCE2"], "language": "nl"}
        assert requests.post(f"{notifications}/alerts/subscriptions", json=alert, timeout=10).status_code == 202
        wait_until(lambda: _linked(platform, ANNA) and _mail_to(platform, BART["email"]), timeout=120)
        link = candidate_link(_linked(platform, ANNA)[0])
        assert _found(platform, ANNA).keys() == {"application", "notification"}
        assert len(_cv_files(tmp_path)) == 2

        # Asked while the notification consumer is down: the event waits on Kafka.
        processes.stop("notification-consumer")
        erased = requests.post(f"{own_application_api(link, applications)}/erase", timeout=10)
        assert erased.status_code == 200, erased.text
        time.sleep(3)
        waiting = _found(platform, ANNA)
        processes.start("notification-consumer")
        wait_until(lambda: not _found(platform, ANNA), timeout=120, what="Anna's data gone from every database")

        assert waiting.keys() == {"notification"}  # the application service erased at once, the rest waited
        assert _in_files(tmp_path, ANNA) == []  # CVs, and every process's log
        assert len(_cv_files(tmp_path)) == 1  # Bart's
        assert _found(platform, BART).keys() == {"application", "notification"}  # untouched
        assert requests.get(own_application_api(link, applications), timeout=10).status_code == 404

        # Bart is turned down; two and a half years later the retention job erases him too.
        bart_id = _application_of(applications, vacancy_id)
        for status in ("screening", "rejected"):
            url = f"{applications}/consultant/applications/{bart_id}/status"
            why = {"rejection_reason": "requirements_not_met"} if status == "rejected" else {}
            moved = requests.post(url, json={"status": status} | why, headers=LISA, timeout=10)
            assert moved.status_code == 200, moved.text
        _run_retention(env, platform, datetime.now(UTC) + timedelta(days=900))
        wait_until(lambda: not _found(platform, BART), timeout=120, what="Bart's data gone from every database")
        assert _in_files(tmp_path, BART) == []
        assert _cv_files(tmp_path) == []


def _application_of(applications: str, vacancy_id: str) -> str:
    listed = requests.get(f"{applications}/consultant/vacancies/{vacancy_id}/applications", headers=LISA, timeout=10)
    [only] = listed.json()["items"]
    return only["id"]


def _run_retention(env: dict, platform: Platform, now: datetime) -> None:
    """One pass of the application service's retention job, as if it were `now`."""
    command = [sys.executable, "-m", "applications", "retention", "--now", now.isoformat()]
    environment = env | {"DATABASE_URL": platform.databases["application"]}
    subprocess.run(command, env=environment, cwd=REPO, check=True, timeout=120)
