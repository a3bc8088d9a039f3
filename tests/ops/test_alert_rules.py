"""deploy/prometheus: the alerting rules valid for Prometheus, each alert firing on the trouble it
names (promtool's rule unit tests, alerts.test.yml) and written against metrics the code exports;
the compose Prometheus config valid and scraping every process."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from .test_deploy_files import PROCESSES

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "deploy" / "prometheus"
# Metric names are written where they are defined: Counter("name", ...), GaugeMetricFamily("name", ...).
DEFINED = re.compile(r"""(?:Counter|Gauge|Histogram|GaugeMetricFamily)\(\s*["']([a-z_]+)["']""")
SERIES_SUFFIXES = ("_bucket", "_count", "_sum")
FROM_PROMETHEUS = {"up"}  # made by Prometheus for every target
PROMQL = {"sum", "max", "rate", "increase", "delta", "histogram_quantile"}  # the functions the rules use


@pytest.fixture(scope="module")
def promtool() -> str:
    done = subprocess.run(
        ["bash", str(ROOT / "deploy" / "local" / "unpacked.sh"), "prometheus", "usr/bin/promtool"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"could not get promtool from Debian's prometheus package:\n{done.stderr}"
    return done.stdout.strip()


def _promtool(promtool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([promtool, *args], cwd=RULES, capture_output=True, text=True, timeout=120)


def test_the_rules_are_valid(promtool):
    checked = _promtool(promtool, "check", "rules", "alerts.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_each_alert_fires_on_its_trouble_and_not_before(promtool):
    tested = _promtool(promtool, "test", "rules", "alerts.test.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr


def _rules() -> list[dict]:
    return [rule for group in yaml.safe_load((RULES / "alerts.yml").read_text())["groups"] for rule in group["rules"]]


def test_every_alert_has_a_test():
    cases = yaml.safe_load((RULES / "alerts.test.yml").read_text())["tests"]
    tested = {check["alertname"] for case in cases for check in case["alert_rule_test"] if check["exp_alerts"]}
    assert {rule["alert"] for rule in _rules()} == tested


def _metrics_in(expr: str) -> set[str]:
    """The series an expression reads: what is left once grouping, matchers and ranges are gone."""
    bare = re.sub(r"\b(by|without)\s*\([^)]*\)|\{[^}]*\}|\[[^\]]*\]", " ", expr)
    names = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", bare)) - PROMQL
    return {re.sub("(" + "|".join(SERIES_SUFFIXES) + ")$", "", name) for name in names}


def test_the_rules_use_only_metrics_the_code_exports():
    exported = {
        name
        for path in [*(ROOT / "shared" / "recruitment_shared").rglob("*.py"), *(ROOT / "services").rglob("*.py")]
        if "tests" not in path.parts
        for name in DEFINED.findall(path.read_text())
    }
    used = {name for rule in _rules() for name in _metrics_in(rule["expr"])}

    assert len(used) >= 6, f"the metric scan found too little: {sorted(used)}"
    assert used - exported - FROM_PROMETHEUS == set()


def test_the_compose_prometheus_config_is_valid_and_scrapes_every_process(promtool):
    checked = _promtool(promtool, "check", "config", "prometheus.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    config = yaml.safe_load((RULES / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job["dns_sd_configs"][0] for job in config["scrape_configs"]}
    assert set(jobs) == set(PROCESSES)  # every Procfile process the containers run
    for name, discovery in jobs.items():
        assert discovery["names"] == [name] and name in services, name
        assert discovery["port"] == (8000 if name.endswith("web") else 9000), name  # the web apps, the web client too
    mounts = services["prometheus"]["volumes"]
    assert "./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro" in mounts
