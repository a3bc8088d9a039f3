"""The notification service's own metrics: emails by status, and failed attempts."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import Engine, func, select

from notifications.db import emails


def email_gauges(engine: Engine) -> Iterable[GaugeMetricFamily]:
    """How many emails are pending, sent and failed (a growing 'pending' means delivery is stuck)."""
    with engine.connect() as conn:
        counts = dict(conn.execute(select(emails.c.status, func.count()).group_by(emails.c.status)).all())
    family = GaugeMetricFamily("emails", "Emails recorded for delivery, by status", labels=["status"])
    for status in ("pending", "sent", "failed"):
        family.add_metric([status], counts.get(status, 0))
    return [family]
