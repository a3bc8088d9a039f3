"""Prometheus metrics at /metrics: HTTP traffic by route, plus what a service's database knows.

Each web app keeps its own registry, so apps built in one process (tests) do not mix. Under
gunicorn (deploy/gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR) the workers write their counts
to files there and /metrics adds up all of them, so any worker answers for the whole server.
The database gauges are read at scrape time and are the same from any worker.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, MetaData, func, select

from recruitment_shared.messaging.tables import outbox_table

_OUTBOX = outbox_table(MetaData())

# A gauge family read from the database at scrape time: (name, help, labels, rows of (labels, value)).
DatabaseGauge = Callable[[Engine], Iterable[GaugeMetricFamily]]


def install_metrics(app: Flask, service: str, engine: Engine, gauges: Iterable[DatabaseGauge] = ()) -> None:
    """Count and time every request by route, and serve /metrics."""
    registry = CollectorRegistry()
    labels = ["service", "method", "route"]
    requests = Counter(
        "http_requests_total", "HTTP requests by route and status", [*labels, "status"], registry=registry
    )
    latency = Histogram("http_request_duration_seconds", "HTTP request latency by route", labels, registry=registry)
    database = _DatabaseCollector(engine, list(gauges))
    registry.register(database)

    @app.before_request
    def _start() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _count(response: Response) -> Response:
        # The route's pattern, not the path: ids in paths would make every request its own series.
        route = request.url_rule.rule if request.url_rule else "unmatched"
        requests.labels(service, request.method, route, str(response.status_code)).inc()
        if "metrics_started" in g:
            latency.labels(service, request.method, route).observe(time.perf_counter() - g.metrics_started)
        return response

    @app.get("/metrics")
    def metrics() -> Response:
        return Response(generate_latest(_scraped(registry, database)), mimetype=CONTENT_TYPE_LATEST)


def _scraped(registry: CollectorRegistry, database: Collector) -> CollectorRegistry:
    """This app's registry, or with several worker processes, all of their counts added up."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return registry
    combined = CollectorRegistry()
    multiprocess.MultiProcessCollector(combined)
    combined.register(database)
    return combined


class _DatabaseCollector(Collector):
    def __init__(self, engine: Engine, gauges: list[DatabaseGauge]) -> None:
        self.engine, self.gauges = engine, gauges

    def collect(self) -> Iterable[GaugeMetricFamily]:
        for gauge in self.gauges:
            try:
                yield from gauge(self.engine)
            except Exception:  # an unreachable database shows in /readyz; metrics still answer
                continue


def outbox_gauges(engine: Engine) -> Iterable[GaugeMetricFamily]:
    """Events waiting for the relay, and how long the oldest has waited."""
    outbox = _OUTBOX
    with engine.connect() as conn:
        count, oldest = conn.execute(
            select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.published_at.is_(None))
        ).one()
    backlog = GaugeMetricFamily("outbox_backlog_events", "Events recorded but not yet published")
    backlog.add_metric([], count)
    age = GaugeMetricFamily("outbox_oldest_unpublished_age_seconds", "Age of the oldest unpublished event")
    age.add_metric([], _age_seconds(oldest))
    return [backlog, age]


def _age_seconds(moment: datetime | None) -> float:
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((datetime.now(UTC) - moment).total_seconds(), 0.0)
