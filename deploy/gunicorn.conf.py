"""Gunicorn settings shared by the three web apps; each is overridable by environment variables."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Sync workers and no preload: each worker builds its own app (and engine) after the fork,
# and none ever holds a Kafka client (DESIGN.md, delivery rule 4).
worker_class = "sync"
preload_app = False
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms correlation=%({x-correlation-id}o)s'
# Gunicorn's control socket defaults to one path per user, which several web apps on one
# machine would fight over; the apps are managed by their supervisor, not by gunicornc.
control_socket_disable = True
