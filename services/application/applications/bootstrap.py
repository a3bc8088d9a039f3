"""The application service's one wiring place: its web app and each of its processes are built
from `build()`. Nothing is created at import time, and nothing here imports Flask."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine

from applications.cv_files import CvStorage, LocalCvStorage
from applications.erasure import broker_copies_lifetime
from applications.rejections import rejection_reasons
from applications.retention_policy import RetentionPolicy
from applications.tokens import CandidateLinks
from recruitment_shared.config import ServiceSettings, var_dir
from recruitment_shared.db import make_engine
from recruitment_shared.messaging.topics import TopicRetention
from recruitment_shared.privacy import candidate_keys_secret

SERVICE = "application"
MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Dependencies:
    """What the application service's use cases, web app and processes are given."""

    settings: ServiceSettings
    engine: Engine
    cv_storage: CvStorage
    environ: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)  # what it was built from

    @cached_property
    def candidate_links(self) -> CandidateLinks:
        """How candidates' links are checked (the candidate-link key, their lifetimes); raises on a
        bad or missing setting. Built when first asked for: the web app asks at start-up, and the
        relay and consumer, which never check a link, need not hold the key."""
        return CandidateLinks.from_env(self.environ)

    @cached_property
    def candidate_keys(self) -> str:
        """The key of the addresses' keyed hashes in CandidateErased (CANDIDATE_KEYS_SECRET, or derived
        from JWT_SECRET; raises without either outside development): only erasure on request needs it."""
        return candidate_keys_secret(self.environ)

    @cached_property
    def retention(self) -> RetentionPolicy:
        """How long applications are kept (APPLICATION_, TALENT_POOL_ and HIRED_RETENTION_DAYS); raises on a bad one."""
        return RetentionPolicy.from_env(self.environ)

    @cached_property
    def broker_copies_lifetime(self) -> timedelta:
        """How long after an erasure Kafka may still hold earlier events (KAFKA_RETENTION_HOURS and
        KAFKA_DLQ_RETENTION_HOURS, as topic provisioning sets them)."""
        return broker_copies_lifetime(TopicRetention.from_env(self.environ))

    @cached_property
    def rejection_reasons(self) -> tuple[str, ...]:
        """The reasons consultants reject with (REJECTION_REASONS); raises on one without email wording."""
        return rejection_reasons(self.environ)

    @cached_property
    def retention_interval_seconds(self) -> float:
        """How often the retention job runs (RETENTION_INTERVAL_SECONDS, an hour)."""
        return float(self.environ.get("RETENTION_INTERVAL_SECONDS", "3600"))


def build(environ: Mapping[str, str] = os.environ) -> Dependencies:
    """The service's parts, configured by `environ`: CV_STORAGE_DIR chooses the CV folder (var/cvs);
    the candidate-link key and CANDIDATE_LINK_*_DAYS the candidate links (`Dependencies.candidate_links`)."""
    settings = ServiceSettings.from_env(SERVICE, environ)
    cv_dir = Path(environ.get("CV_STORAGE_DIR") or var_dir(environ) / "cvs")
    return Dependencies(
        settings=settings,
        engine=make_engine(settings.database_url),
        cv_storage=LocalCvStorage(cv_dir),
        environ=dict(environ),
    )
