#!/usr/bin/env bash
# Creates .venv and installs the common package, the three services and the web client (editable, pinned).
# Re-installs only when a pyproject.toml changed, so running it again is cheap.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"

if [ ! -x "$venv/bin/python" ]; then
  python="${PYTHON:-python3}"
  "$python" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
  "$python" -m venv "$venv"
fi

stamp="$venv/.installed-$(cat "$root"/shared/pyproject.toml "$root"/services/*/pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing Python packages into .venv" >&2
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet \
    -e "$root/shared[test]" \
    -e "$root/services/vacancy" \
    -e "$root/services/application" \
    -e "$root/services/notification" \
    -e "$root/services/web"
  rm -f "$venv"/.installed-*
  touch "$stamp"
fi
