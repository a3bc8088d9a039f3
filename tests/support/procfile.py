"""The Procfile's processes started one by one, so a test can restart any of them."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.infrastructure import REPO
from tests.support.platform import Platform, stop_process, wait_ready

PROCFILE = REPO / "deploy" / "local" / "Procfile"


def procfile() -> dict[str, str]:
    """Process name → shell command, as honcho reads them."""
    entries = {}
    for line in PROCFILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, command = line.partition(":")
            entries[name.strip()] = command.strip()
    return entries


class Processes:
    """Every Procfile process, each in its own process group and log file."""

    def __init__(self, env: dict, logs: Path) -> None:
        self.env, self.logs, self.running = env, logs, {}
        self.commands = procfile()

    def start(self, name: str) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.running[name] = subprocess.Popen(
            ["bash", "-c", self.commands[name]], cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def restart(self, name: str, signum: int = signal.SIGTERM) -> None:
        """Stop one process (politely, or with SIGKILL) and start it again."""
        self.stop(name, signum)
        self.start(name)

    def stop(self, name: str, signum: int = signal.SIGTERM) -> None:
        """Stop one process until `start(name)`: an outage of that part."""
        stop_process(self.running.pop(name), signum)

    def stop_all(self) -> None:
        for process in self.running.values():
            stop_process(process)


@contextmanager
def separate_processes(env: dict, platform: Platform) -> Iterator[Processes]:
    """Start every Procfile process on its own and wait until the web apps are ready."""
    processes = Processes(env, platform.log.parent)
    for name in processes.commands:
        processes.start(name)
    try:
        wait_ready(platform)
        yield processes
    finally:
        processes.stop_all()
