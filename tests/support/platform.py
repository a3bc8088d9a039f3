"""The whole platform as real processes: the Procfile the run command uses, under honcho."""

from __future__ import annotations

import mailbox
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from recruitment_shared.messaging import TopicNames
from tests.support.auth import TEST_SECRET
from tests.support.infrastructure import REPO
from tests.support.network import free_port, http_status
from tests.support.waiting import wait_until

SERVICES = {"vacancy": "vacancies", "application": "applications", "notification": "notifications"}


@dataclass(frozen=True)
class Platform:
    """Where the running platform answers, and where its mail lands."""

    urls: dict[str, str]  # each web app, directly
    api: dict[str, str]  # each web app through the front proxy (one origin, /api/<package>)
    maildir: Path
    log: Path
    databases: dict[str, str]  # each service's database URL
    web: str = ""  # the web client (the career site), directly; through the proxy it is at /
    identity_provider: str = ""  # the OpenID Connect provider consultants sign in with (its issuer)

    def mail(self) -> list[EmailMessage]:
        """Every message the mail catcher has received, parsed as a mail client would."""
        box = mailbox.Maildir(self.maildir, create=False)
        return [message_from_bytes(message.as_bytes(), policy=policy.default) for message in box]

    def processes_logging(self, text: str) -> set[str]:
        """Which processes (honcho's names, without the .1) wrote a line containing `text`."""
        names = set()
        for line in self.log.read_text(errors="replace").splitlines():
            if text in line and "|" in line:
                names.add(line.split("|", 1)[0].split()[-1].rsplit(".", 1)[0])
        return names

    def log_tail(self, lines: int = 60) -> str:
        """The end of the processes' combined output, for failure reports."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def prepare(workdir: Path, databases: dict[str, str], bootstrap: str, topics: TopicNames) -> tuple[dict, Platform]:
    """Migrate the databases; the environment the Procfile's processes run with, and where they answer."""
    ports = {name: free_port() for name in SERVICES}
    web_port = free_port()
    oidc_port = free_port()
    proxy = f"http://127.0.0.1:{free_port()}"
    maildir = workdir / "mail"
    for sub in ("tmp", "new", "cur"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    env = os.environ | {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "RECRUITMENT_VAR": str(workdir),
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "KAFKA_TOPIC_PREFIX": topics.prefix,
        "SMTP_PORT": str(free_port()),
        "WEB_CONCURRENCY": "1",
        "RELAY_POLL_SECONDS": "0.2",
        "JWT_SECRET": TEST_SECRET,
        "PROXY_PORT": proxy.rpartition(":")[2],
        "OIDC_PORT": str(oidc_port),  # the Procfile's OpenID Connect provider; the services trust its tokens
        "OIDC_ISSUER": f"http://127.0.0.1:{oidc_port}",
        "OIDC_CLIENT_ID": "recruitment-web",
        "OIDC_AUDIENCE": "recruitment-web",
        "WEB_PORT": str(web_port),  # the Procfile's web process gets the API URLs from the services' ports
        "TRUSTED_PROXY_COUNT": "1",
        # Links in emails point where candidates reach the platform: through the front proxy.
        "APPLICATION_PUBLIC_URL": f"{proxy}/api/applications",
        "WEB_PUBLIC_URL": proxy,  # candidates' links open their page on the career site
        # The restart and outage tests submit hundreds of applications from this one address.
        "RATE_LIMIT_APPLY": "10000/minute",
    }
    for name, package in SERVICES.items():
        env[f"{name.upper()}_DATABASE_URL"] = databases[name]
        env[f"{name.upper()}_PORT"] = str(ports[name])
        migrate = [sys.executable, "-m", package, "migrate"]
        subprocess.run(migrate, env=env | {"DATABASE_URL": databases[name]}, check=True, cwd=REPO, timeout=120)
    platform = Platform(
        {n: f"http://127.0.0.1:{p}" for n, p in ports.items()},
        {name: f"{proxy}/api/{package}" for name, package in SERVICES.items()},
        maildir,
        workdir / "platform.log",
        databases,
        f"http://127.0.0.1:{web_port}",
        f"http://127.0.0.1:{oidc_port}",
    )
    return env, platform


# Fourteen processes start at once on two cores: on a busy machine the last web app may take
# more than a minute to import and bind. Generous, since a platform that never starts fails anyway.
STARTUP_SECONDS = 180


def wait_ready(platform: Platform) -> None:
    """Until every web app (the web client too) answers /readyz."""
    if platform.identity_provider:
        wait_until(
            lambda: http_status(f"{platform.identity_provider}/.well-known/openid-configuration", timeout=2) == 200,
            timeout=STARTUP_SECONDS,
            what="the OpenID Connect provider",
        )
    if platform.web:
        wait_until(
            lambda: http_status(f"{platform.web}/readyz", timeout=2) == 200,
            timeout=STARTUP_SECONDS,
            what="the web client",
        )
    for name, url in platform.urls.items():
        wait_until(
            lambda url=url: http_status(f"{url}/readyz", timeout=2) == 200,
            timeout=STARTUP_SECONDS,
            what=f"the {name} service to be ready",
        )
    for name, url in platform.api.items():
        wait_until(
            lambda url=url: http_status(f"{url}/readyz", timeout=2) == 200,
            timeout=STARTUP_SECONDS,
            what=f"the proxy to reach the {name} service",
        )


@contextmanager
def running_platform(
    workdir: Path, databases: dict[str, str], bootstrap: str, topics: TopicNames
) -> Iterator[Platform]:
    """Migrate the databases, start every process of deploy/local/Procfile under honcho, wait until healthy."""
    env, platform = prepare(workdir, databases, bootstrap, topics)
    with platform.log.open("wb") as output:
        honcho = subprocess.Popen(
            [sys.executable, "-m", "honcho", "start", "-f", "deploy/local/Procfile", "-d", str(REPO)],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: the teardown stops every child
        )
        try:
            wait_ready(platform)
            yield platform
        finally:
            stop_process(honcho)


def stop_process(process: subprocess.Popen, signum: int = signal.SIGTERM) -> None:
    """Stop a process group started with start_new_session; SIGKILL if it lingers."""
    os.killpg(process.pid, signum)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
