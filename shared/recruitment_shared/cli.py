"""`python -m <service> <command>`: one entry point per service for its processes."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence


def dispatch(service: str, commands: Mapping[str, Callable[[], None]], argv: Sequence[str] | None = None) -> None:
    """Run the command named on the command line."""
    parser = argparse.ArgumentParser(prog=f"python -m {service}")
    parser.add_argument("command", choices=sorted(commands))
    commands[parser.parse_args(argv).command]()
