"""A small HTTP endpoint for the processes without a web app (relays, consumers, the email
sender, the expiry and digest jobs): /healthz, /readyz and /metrics.

Ops need to know whether they are alive, whether they reach their database (and Kafka, for
those that use it), and how far behind they are. Started only when WORKER_PORT is set.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, generate_latest
from sqlalchemy import Engine, text

from recruitment_shared.config import KafkaSecurity
from recruitment_shared.messaging.clients import PLAINTEXT, tls_context

EVENTS = Counter("consumer_events_total", "Messages a consumer finished, by outcome", ["consumer", "outcome"])
LAG = Gauge("consumer_lag_messages", "Messages behind the end of a partition", ["consumer", "topic", "partition"])
PUBLISHED = Counter("relay_published_events_total", "Events a relay published", ["service"])


def serve_worker_endpoints(engine: Engine, kafka_connected: Callable[[], bool] | None, stop: threading.Event) -> None:
    """Serve health, readiness (the database, and Kafka unless `kafka_connected` is None) and
    metrics on WORKER_PORT, if it is set."""
    port = os.environ.get("WORKER_PORT")
    if not port:
        return
    address = os.environ.get("WORKER_ADDRESS", "127.0.0.1")  # 0.0.0.0 in a container

    class Endpoints(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/metrics":
                self._answer(200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST)
            elif self.path == "/healthz":
                self._answer(200, b'{"status": "ok"}')
            elif self.path == "/readyz":
                problems = _problems(engine, kafka_connected)
                body = {"status": "unready", "problems": problems} if problems else {"status": "ready"}
                self._answer(503 if problems else 200, json.dumps(body).encode())
            else:
                self._answer(404, b'{"status": "not found"}')

        def _answer(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:  # probes every few seconds would flood the log
            return None

    server = ThreadingHTTPServer((address, int(port)), Endpoints)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=lambda: (stop.wait(), server.shutdown()), daemon=True).start()


def kafka_reachable(bootstrap_servers: str, security: KafkaSecurity = PLAINTEXT) -> Callable[[], bool]:
    """A readiness check that a broker accepts connections and, over TLS, completes a handshake
    with the clients' own checks (its certificate and name), so a broker we would refuse is not
    "reachable". The clients are not thread-safe, so the probe does not touch them."""
    context = tls_context(security) if security.uses_tls else None

    def check() -> bool:
        for server in bootstrap_servers.split(","):
            host, _, port = server.strip().rpartition(":")
            host = host or "127.0.0.1"
            try:
                with socket.create_connection((host, int(port)), timeout=2) as connection:
                    if context is not None:  # SSLError, a failed verification included, is an OSError
                        context.wrap_socket(connection, server_hostname=host).close()
                return True
            except OSError:
                continue
        return False

    return check


def _problems(engine: Engine, kafka_connected: Callable[[], bool] | None) -> list[str]:
    problems = []
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not ready"
        problems.append("database unreachable")
    if kafka_connected is None:
        return problems
    try:
        if not kafka_connected():
            problems.append("kafka unreachable")
    except Exception:
        problems.append("kafka unreachable")
    return problems
