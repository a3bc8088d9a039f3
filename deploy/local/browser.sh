#!/usr/bin/env bash
# Headless Chromium for the browser tests, from Debian's packages (Playwright's and Selenium
# Manager's browser downloads are not used: the packages are what a fresh machine can get).
# axe-core (the accessibility checker the tests inject into pages) comes from the npm registry,
# pinned here, into the cache: axe-selenium-python on PyPI bundles an axe-core of 2018.
# Usage: browser.sh {ensure|check|paths}
#   ensure  install chromium, chromium-driver (as root) and axe-core when missing, then check
#   check   start the browser headless once and fail clearly if it cannot
#   paths   print CHROMIUM_BINARY=…, CHROMEDRIVER_PATH=…, AXE_CORE_JS=… (for tests/support/browser.py)
set -euo pipefail

chromium=${CHROMIUM_BINARY:-/usr/bin/chromium}
chromedriver=${CHROMEDRIVER_PATH:-/usr/bin/chromedriver}
axe_version=4.14.1
axe_dir=${RECRUITMENT_CACHE:-$HOME/.cache/recruitment}/axe-core-$axe_version
axe_js=$axe_dir/node_modules/axe-core/axe.min.js

die() { echo "browser.sh: $*" >&2; exit 1; }
say() { echo "browser.sh: $*" >&2; }

# Install a Debian package only when its file is really missing (fresh machine).
need() { # need FILE PACKAGE
  [[ -x $1 ]] && return
  say "$1 not found, installing Debian package $2"
  [[ $(id -u) == 0 ]] || die "$1 is missing; run: sudo apt-get install -y $2"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >&2 \
    || die "apt-get install $2 failed"
  [[ -x $1 ]] || die "package $2 is installed but $1 is still missing (set CHROMIUM_BINARY / CHROMEDRIVER_PATH)"
}

fetch_axe() {
  [[ -f $axe_js ]] && return
  command -v npm >/dev/null || need /usr/bin/npm npm
  say "fetching axe-core $axe_version from the npm registry into $axe_dir"
  mkdir -p "$axe_dir"
  # npm checks the package against the registry's integrity hash.
  (cd "$axe_dir" && npm install --no-save --no-audit --no-fund --ignore-scripts --silent "axe-core@$axe_version" >&2) \
    || die "npm install axe-core@$axe_version failed"
  [[ -f $axe_js ]] || die "axe-core installed but $axe_js is missing"
}

check() {
  local out
  # --no-sandbox: Chromium refuses to run as root otherwise (CI containers run as root).
  out=$(timeout 60 "$chromium" --headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu \
    --dump-dom 'data:text/html,<title>ok</title><p id=probe>browser works</p>' 2>/dev/null) \
    || die "$chromium does not start headless (try: $chromium --headless=new --no-sandbox --dump-dom about:blank)"
  [[ $out == *"browser works"* ]] || die "$chromium started but rendered nothing: $out"
  "$chromedriver" --version >/dev/null || die "$chromedriver does not run"
  [[ -f $axe_js ]] || die "$axe_js is missing; run: bash deploy/local/browser.sh ensure"
  # Chromium and its driver must be the same build, or sessions fail with a version error.
  local browser_version driver_version
  browser_version=$("$chromium" --version 2>/dev/null | grep -oE '[0-9]+(\.[0-9]+){3}' | head -1)
  driver_version=$("$chromedriver" --version | grep -oE '[0-9]+(\.[0-9]+){3}' | head -1)
  [[ $browser_version == "$driver_version" ]] \
    || die "chromium $browser_version and chromedriver $driver_version differ; run: apt-get install -y chromium chromium-driver"
}

case ${1:-} in
  ensure)
    need "$chromium" chromium
    need "$chromedriver" chromium-driver
    fetch_axe
    check
    ;;
  check) check ;;
  paths)
    echo "CHROMIUM_BINARY=$chromium"
    echo "CHROMEDRIVER_PATH=$chromedriver"
    echo "AXE_CORE_JS=$axe_js"
    ;;
  *) die "usage: browser.sh {ensure|check|paths}" ;;
esac
