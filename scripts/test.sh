#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs; the test session starts
# (or reuses) real Kafka and PostgreSQL itself. Extra arguments go to pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
bash deploy/local/browser.sh ensure  # headless Chromium, its driver and axe-core for the browser tests

echo "== lint" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== tests" >&2
set +e
.venv/bin/pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass" >&2
  exit 1
fi
exit "$status"
