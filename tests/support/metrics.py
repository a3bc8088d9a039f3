"""Reading a service's /metrics as Prometheus would."""

from __future__ import annotations

import requests
from prometheus_client.parser import text_string_to_metric_families


def sample(client, name: str, **labels: str) -> float:
    """The value of one sample on /metrics (0 when the series does not exist yet)."""
    text = client.get("/metrics").get_data(as_text=True)
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return found.value
    return 0.0


def scrape(url: str, name: str, **labels: str) -> float | None:
    """One sample from the /metrics of a running process at `url`; None if there is no such series."""
    for family in text_string_to_metric_families(requests.get(f"{url}/metrics", timeout=5).text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return found.value
    return None
