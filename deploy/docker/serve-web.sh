#!/bin/sh
# Default command of the service images: gunicorn serving the web app of $SERVICE (set from the
# SERVICE build argument), configured by /app/gunicorn.conf.py (BIND, WEB_CONCURRENCY, ...).
# Extra arguments are passed to gunicorn.
set -eu
case "${SERVICE:-}" in
  vacancy) package=vacancies ;;
  application) package=applications ;;
  notification) package=notifications ;;
  web) package=webclient ;;
  *) echo "serve-web: SERVICE must be vacancy, application, notification or web, got '${SERVICE:-}'" >&2; exit 64 ;;
esac
exec gunicorn --config /app/gunicorn.conf.py "$@" "${package}.app:create_app()"
