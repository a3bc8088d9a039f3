"""The notification service's own metrics: emails by delivery status."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import Engine

from notifications.email_store import count_by_status


def email_gauges(engine: Engine) -> Iterable[GaugeMetricFamily]:
    """How many emails are pending, sent and failed (a growing 'pending' means delivery is stuck)."""
    with engine.connect() as conn:
        counts = count_by_status(conn)
    family = GaugeMetricFamily("emails", "Emails recorded for delivery, by status", labels=["status"])
    for status in ("pending", "sent", "failed"):
        family.add_metric([status], counts.get(status, 0))
    return [family]
