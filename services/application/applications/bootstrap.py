"""The application service's one wiring place: its web app and each of its processes are built
from `build()`. Nothing is created at import time, and nothing here imports Flask."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine

from applications.cv_files import CvStorage, LocalCvStorage
from applications.tokens import CandidateLinks
from recruitment_shared.config import ServiceSettings, var_dir
from recruitment_shared.db import make_engine

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
