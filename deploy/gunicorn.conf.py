"""Gunicorn settings of the web apps (the three services' and the web client's), tuned per service
(SERVICE), each overridable by environment variables (WEB_CONCURRENCY, WEB_TIMEOUT, BIND).

Worker class: sync, for every service. Requests are short and bound by the database, and a
sync worker uses one database connection at a time, so connections are predictable: replicas
times workers per service, which PostgreSQL's max_connections must cover. Slow clients cannot
tie up a sync worker because the front proxy (deploy/proxy) buffers whole requests, CV
uploads included, before passing them on, and buffers answers too. No preload: each worker
builds its own app and engine after the fork, and none ever holds a Kafka client
(docs/architecture.md, "Delivery guarantees, and why", rule 8).

Worker counts (per pod or container; scale out with replicas rather than up):
- vacancy, 3: the public search is the busiest API; its work is in PostgreSQL, so three
  workers keep a one-CPU pod busy while queries wait.
- application, 3: candidates apply in bursts after a vacancy goes out; a submission writes
  and fsyncs the CV, during which another worker can run. Uploads of up to 5 MB are checked
  in memory, hence the longer timeout and recycling workers now and then.
- notification, 2: the delivery log for ops and alert subscriptions: light traffic.
- web, 3: the career site's pages; each waits on the APIs it calls (API_READ_TIMEOUT_SECONDS, 10 s,
  with retries), so its timeout leaves room for one slow call and its retries.

Metrics: the workers share one Prometheus registry on disk (PROMETHEUS_MULTIPROC_DIR), so any
worker answering /metrics reports the requests of all of them.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Profile:
    workers: int
    timeout: int  # seconds a worker may spend on one request before it is killed and replaced
    max_requests: int = 0  # recycle a worker after this many requests (0: never)


PROFILES = {
    "vacancy": Profile(workers=3, timeout=30),
    "application": Profile(workers=3, timeout=60, max_requests=2000),
    "notification": Profile(workers=2, timeout=30),
    "web": Profile(workers=3, timeout=45),
}
profile = PROFILES.get(os.environ.get("SERVICE", ""), Profile(workers=2, timeout=30))

bind = os.environ.get("BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY") or profile.workers)  # empty: the profile
timeout = int(os.environ.get("WEB_TIMEOUT") or profile.timeout)
max_requests = profile.max_requests
max_requests_jitter = profile.max_requests // 10  # so that workers do not all restart at once
preload_app = False
graceful_timeout = 20  # docker-compose and Kubernetes give 30 s between SIGTERM and SIGKILL
keepalive = 5  # above nginx's upstream keepalive, so the proxy never reuses a closed connection
# No gunicorn access log: the app writes one JSON line per request, with its correlation id and
# without query strings (recruitment_shared.web.app_factory). Gunicorn's own lines are JSON too.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "recruitment_shared.correlation.JsonLines", "service": os.environ.get("SERVICE", "web")}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False}},
}
if os.environ.get("LOG_FORMAT") == "text":  # as every other process: people may ask for plain lines
    logconfig_dict = {}
# Gunicorn's control socket defaults to one path per user, which several web apps on one
# machine would fight over; the apps are managed by their supervisor, not by gunicornc.
control_socket_disable = True

# Set before any worker imports prometheus_client, which reads it once. Emptied at every start:
# files left by an earlier run would add its counts to this one's.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="gunicorn-metrics-")


def on_starting(server) -> None:
    """Start from an empty metrics directory (only prometheus_client's files are removed)."""
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink(missing_ok=True)


def child_exit(server, worker) -> None:
    """Drop a dead worker's live gauges (its counters stay: they are part of the totals)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
