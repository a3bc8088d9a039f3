#!/usr/bin/env bash
# Project-local PostgreSQL cluster for development (not Debian's 'main' cluster):
# one server, one database per service, superuser recruitment/recruitment.
# Usage: postgres.sh {start|stop|status|url NAME|createdb NAME}
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
port=${PG_PORT:-55432}
user=recruitment
password=recruitment

die() { echo "postgres.sh: $*" >&2; exit 1; }
say() { echo "postgres.sh: $*"; }

# The server runs as the 'postgres' system user: PostgreSQL refuses to run as root.
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# True when user postgres can walk down to $1 (only existing directories are checked).
pg_can_reach() {
  local d=$1
  while [[ $d != / ]]; do
    if [[ -e $d ]] && ! as_pg test -x "$d" 2>/dev/null; then return 1; fi
    d=$(dirname "$d")
  done
}

# The cluster lives in the checkout's var/ when user postgres can reach it; a checkout
# under /root cannot be, so it then lives in postgres's own home (RECRUITMENT_PG_DIR wins).
var=${RECRUITMENT_VAR:-$repo/var}/postgres
if [[ -n ${RECRUITMENT_PG_DIR:-} ]]; then var=$RECRUITMENT_PG_DIR
elif ! pg_can_reach "$var"; then var=/var/lib/postgresql/recruitment-$port
fi
data=$var/data
sock=$var/socket
logfile=$var/postgres.log

# Binaries: PG_BIN, else the version the data dir was made with, else the newest installed.
find_bin() {
  if [[ -n ${PG_BIN:-} ]]; then bin=$PG_BIN
  elif [[ -f $data/PG_VERSION ]]; then bin=/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin
  else bin=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)
  fi
  [[ -n $bin && -x $bin/pg_ctl ]]
}
ensure_bin() {
  find_bin && return
  [[ $(id -u) == 0 ]] || die "PostgreSQL server binaries not found; run: sudo apt-get install -y postgresql"
  say "PostgreSQL not found, installing Debian package postgresql"
  # We run our own cluster; stop Debian from creating (and starting) its 'main' one on 5432.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/recruitment.conf
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 \
    || die "apt-get install postgresql failed"
  find_bin || die "no pg_ctl under ${bin:-/usr/lib/postgresql/*/bin} after installing postgresql"
}

# True when a server on the port accepts our user and password (ours or another checkout's).
usable() {
  PGPASSWORD=$password PGCONNECT_TIMEOUT=3 "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" \
    -d postgres -XAtqc 'select 1' >/dev/null 2>&1
}
ours_running() { [[ -f $data/PG_VERSION ]] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

prepare_dirs() {
  # Unix socket paths are limited to 107 bytes.
  ((${#sock} + 18 <= 107)) || die "socket path $sock is too long for a unix socket; set RECRUITMENT_VAR to a shorter path"
  id postgres >/dev/null 2>&1 || die "no 'postgres' system user (install Debian's postgresql package)"
  mkdir -p "$var"
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$var"
  # The postgres user must be able to walk down to var/postgres (a repo under
  # /root would not do); check top-down to name the first blocking directory.
  local d=$var dirs=()
  while [[ $d != / ]]; do dirs=("$d" "${dirs[@]}"); d=$(dirname "$d"); done
  for d in "${dirs[@]}"; do
    as_pg test -x "$d" || die "user postgres cannot traverse $d (on the way to $var); fix with: chmod o+x '$d', or set RECRUITMENT_VAR elsewhere"
  done
  as_pg mkdir -p "$sock"
}

init_cluster() {
  [[ -f $data/PG_VERSION ]] && return
  as_pg rm -rf "$data"  # leftovers of an interrupted initdb, never a real cluster
  say "initialising a new cluster in $data"
  local pwfile
  pwfile=$(mktemp)  # initdb reads the password from a file, never the command line
  echo "$password" >"$pwfile"
  [[ $(id -u) == 0 ]] && chown postgres "$pwfile"
  as_pg "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$var/initdb.log" 2>&1 \
    || { rm -f "$pwfile"; tail -n 20 "$var/initdb.log" >&2; die "initdb failed (log: $var/initdb.log)"; }
  rm -f "$pwfile"
}

start() {
  ensure_bin
  if usable; then
    if ours_running; then say "already running on 127.0.0.1:$port"
    else say "a PostgreSQL server on 127.0.0.1:$port accepts $user; reusing it"; fi
    return
  fi
  # pg_isready: 0 accepting, 1 starting up/rejecting, 2 no response.
  local rc=0
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 3 || rc=$?
  if ((rc != 2)) && ! ours_running; then
    die "something answers on 127.0.0.1:$port but does not accept $user/$password; stop it or set PG_PORT"
  fi
  prepare_dirs
  init_cluster
  if ! ours_running; then
    say "starting PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port, log: $logfile"
    # Settings go on the command line so PG_PORT changes apply without editing the data dir.
    # random_page_cost 1.1: the data sits in RAM or on SSD, so index scans (the search's GIN
    # index among them) should not be priced as disk seeks.
    as_pg "$bin/pg_ctl" -D "$data" -w -t "${PG_START_TIMEOUT:-60}" -l "$logfile" \
      -o "-p $port -k '$sock' -c listen_addresses=127.0.0.1 -c random_page_cost=1.1" start >/dev/null \
      || { tail -n 20 "$logfile" >&2; die "PostgreSQL did not start (log: $logfile)"; }
  fi
  usable || die "PostgreSQL runs from $data but does not accept $user on 127.0.0.1:$port (log: $logfile)"
  say "running on 127.0.0.1:$port"
}

stop() {
  ensure_bin
  if ours_running; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || die "pg_ctl stop failed (log: $logfile)"
    say "stopped"
  elif usable; then say "the server on 127.0.0.1:$port was not started from $data; leaving it alone"
  else say "not running"
  fi
}

check_name() {
  [[ ${1:-} =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name must match [a-z_][a-z0-9_]*, got '${1:-}'"
}

createdb() {
  ensure_bin
  usable || die "no server accepting $user on 127.0.0.1:$port; run: $0 start"
  local sql=(env PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -XAtq)
  if [[ $("${sql[@]}" -c "select 1 from pg_database where datname = '$1'") == 1 ]]; then
    say "database $1 exists"; return
  fi
  # Re-check on failure: a parallel createdb may have won the race.
  "${sql[@]}" -c "create database \"$1\"" 2>/dev/null \
    || [[ $("${sql[@]}" -c "select 1 from pg_database where datname = '$1'") == 1 ]] \
    || die "could not create database $1"
  say "database $1 created"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) ensure_bin; if usable; then echo running; else echo stopped >&2; exit 1; fi ;;
  url) check_name "${2:-}"; echo "postgresql+psycopg://$user:$password@127.0.0.1:$port/$2" ;;
  createdb) check_name "${2:-}"; createdb "$2" ;;
  *) echo "usage: $0 {start|stop|status|url NAME|createdb NAME}" >&2; exit 2 ;;
esac
