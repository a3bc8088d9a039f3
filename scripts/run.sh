#!/usr/bin/env bash
# Runs the whole platform locally: Kafka, the mail catcher, the front proxy, the web client, the three web apps,
# the outbox relays, the consumers and the email sender, each a process under honcho. Ctrl-C stops
# them; Kafka keeps running for the next start (scripts/stop.sh stops it).
#
#   bash scripts/run.sh              # SQLite databases under var/ (the default)
#   bash scripts/run.sh --postgres   # one PostgreSQL database per service, as in production
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
export PATH="$root/.venv/bin:$PATH"
# Plain log lines for a person at a terminal (time, level, process, correlation id, message);
# the images, docker-compose and Kubernetes keep the JSON default. LOG_FORMAT=json to override.
export LOG_FORMAT="${LOG_FORMAT:-text}"
export RECRUITMENT_ENV="${RECRUITMENT_ENV:-development}"  # the public development secret; anything else needs JWT_SECRET
export RECRUITMENT_VAR="${RECRUITMENT_VAR:-$root/var}"
mkdir -p "$RECRUITMENT_VAR"/mail/{tmp,new,cur}  # a complete Maildir: aiosmtpd only creates a missing one

bash deploy/local/kafka.sh start
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
python -m recruitment_shared.messaging.topics

database_url() {  # database_url SERVICE
  if [ "${1:-}" = "--postgres" ] || [ "${USE_POSTGRES:-}" = 1 ]; then
    bash deploy/local/postgres.sh createdb "$2" >/dev/null
    bash deploy/local/postgres.sh url "$2"
  else
    echo "sqlite:///$RECRUITMENT_VAR/$2.sqlite3"
  fi
}
[ "${1:-}" = "--postgres" ] && bash deploy/local/postgres.sh start
export VACANCY_DATABASE_URL="${VACANCY_DATABASE_URL:-$(database_url "${1:-}" vacancy)}"
export APPLICATION_DATABASE_URL="${APPLICATION_DATABASE_URL:-$(database_url "${1:-}" application)}"
export NOTIFICATION_DATABASE_URL="${NOTIFICATION_DATABASE_URL:-$(database_url "${1:-}" notification)}"

DATABASE_URL="$VACANCY_DATABASE_URL" python -m vacancies migrate
DATABASE_URL="$APPLICATION_DATABASE_URL" python -m applications migrate
DATABASE_URL="$NOTIFICATION_DATABASE_URL" python -m notifications migrate
DATABASE_URL="$VACANCY_DATABASE_URL" python -m vacancies load-demo  # once: it skips the references already there

export VACANCY_PORT="${VACANCY_PORT:-8001}" APPLICATION_PORT="${APPLICATION_PORT:-8002}"
export NOTIFICATION_PORT="${NOTIFICATION_PORT:-8003}" WEB_PORT="${WEB_PORT:-8004}" SMTP_PORT="${SMTP_PORT:-1025}" PROXY_PORT="${PROXY_PORT:-8080}"
export OIDC_PORT="${OIDC_PORT:-9400}"  # the local OpenID Connect provider (deploy/local/oidc-provider.sh)
export OIDC_ISSUER="${OIDC_ISSUER:-http://127.0.0.1:$OIDC_PORT}" OIDC_CLIENT_ID="${OIDC_CLIENT_ID:-recruitment-web}"
export OIDC_AUDIENCE="${OIDC_AUDIENCE:-$OIDC_CLIENT_ID}"  # the services accept the ID tokens issued to the web client
export TRUSTED_PROXY_COUNT="${TRUSTED_PROXY_COUNT:-1}"  # the web apps sit behind deploy/proxy
bash deploy/proxy/nginx.sh fetch  # the first time: Debian's nginx, unpacked into the cache
echo "platform: the career site at http://127.0.0.1:$PROXY_PORT/," \
  " the APIs at http://127.0.0.1:$PROXY_PORT/api/{vacancies,applications,notifications}/..." \
  " (directly: vacancy :$VACANCY_PORT, application :$APPLICATION_PORT, notification :$NOTIFICATION_PORT, web :$WEB_PORT);" \
  " mail in $RECRUITMENT_VAR/mail/new" >&2
exec honcho start -f deploy/local/Procfile -d "$root"
