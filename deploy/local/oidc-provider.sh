#!/usr/bin/env bash
# The local OpenID Connect provider (oidc-provider-mock, from PyPI): a real provider, with
# discovery, JWKS, authorization code with PKCE and RS256 ID tokens, that signs in whoever is typed
# on its form. The staff of deploy/local/oidc-users.json are one click away, with their name, email
# and platform roles; a subject typed by hand gets no role, so no access. Development and tests only.
#
#   OIDC_PORT=9400 bash deploy/local/oidc-provider.sh   (OIDC_HOST: 127.0.0.1; the compose image: 0.0.0.0)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
users=()
while IFS= read -r user; do users+=(--user-claims "$user"); done < <(
  python -c 'import json, sys; [print(json.dumps(user)) for user in json.load(open(sys.argv[1]))]' "$here/oidc-users.json"
)
# --require-nonce: a replayed ID token is refused, as a real provider's client would insist.
exec oidc-provider-mock --host "${OIDC_HOST:-127.0.0.1}" --port "${OIDC_PORT:-9400}" --require-nonce "${users[@]}"
