#!/usr/bin/env bash
# Stops the background infrastructure scripts/run.sh and the tests started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/deploy/local/kafka.sh" stop
bash "$root/deploy/local/postgres.sh" stop
