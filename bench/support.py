"""What every benchmark here needs: a throw-away database, a description of the machine, and
percentiles as ratios to a baseline measured in the same run."""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
from pathlib import Path

from sqlalchemy import Connection

from tests.support import databases


def fresh_database(admin_url: str) -> contextlib.AbstractContextManager[str]:
    """A new, empty database on the server of `admin_url`, dropped afterwards."""
    return databases.fresh_database(admin_url, prefix="bench")


def describe_machine(conn: Connection) -> dict:
    """CPUs, platform and versions, so that a figure can be traced to where it was measured."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgresql": conn.exec_driver_sql("SHOW server_version").scalar_one(),
    }


def ratios(samples: dict[str, list[float]], baseline: str = "baseline") -> dict[str, dict]:
    """p50 and p99 of each case in milliseconds, and as multiples of the baseline's p50 and p99."""

    def percentiles(values: list[float]) -> tuple[float, float]:
        return statistics.median(values), statistics.quantiles(values, n=100, method="inclusive")[98]

    base_p50, base_p99 = percentiles(samples[baseline])
    figures = {}
    for name, values in samples.items():
        p50, p99 = percentiles(values)
        figures[name] = {
            "p50_ms": round(p50, 3),
            "p99_ms": round(p99, 3),
            "p50_ratio": round(p50 / base_p50, 2),
            "p99_ratio": round(p99 / base_p99, 2),
        }
    return figures


def print_table(rows: list[dict]) -> None:
    """Rows with `search`, `total` and the fields of `ratios`, as a fixed-width table."""
    print(f"{'search':40} {'total':>6} {'p50 ms':>8} {'p99 ms':>8} {'p50 ×':>7} {'p99 ×':>7}")
    for row in rows:
        print(
            f"{row['search']:40} {row['total']:>6} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f}"
            f" {row['p50_ratio']:>7.1f} {row['p99_ratio']:>7.1f}"
        )
