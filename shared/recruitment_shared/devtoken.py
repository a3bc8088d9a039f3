"""`python -m recruitment_shared.devtoken`: print a bearer token for local development.

Signed with JWT_SECRET (the development secret when unset), so it works against services
started by scripts/run.sh. Runs only with RECRUITMENT_ENV=development: anywhere else tokens come
from the identity provider, and a command that mints admin tokens from the signing key must not
be one command away on a production host.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta

from recruitment_shared.secrets import DEVELOPMENT, is_development, jwt_secret
from recruitment_shared.web.auth import ADMIN, CONSULTANT, TokenPolicy, issue_token

DEFAULT_HOURS = 8.0  # a working day, under the services' 12-hour cap (JWT_MAX_LIFETIME_HOURS)
DEFAULT_LOCALE = "nl-BE"  # the default consultant's (Lisa Geudens, Antwerp): her emails come in Dutch


def main(argv: list[str] | None = None) -> None:
    """Print a token for the consultant (or admin) named on the command line."""
    parser = argparse.ArgumentParser(prog="python -m recruitment_shared.devtoken")
    parser.add_argument("--email", default="lisa.geudens@example.com")
    parser.add_argument("--name", default="Lisa Geudens")
    parser.add_argument("--role", action="append", choices=[CONSULTANT, ADMIN], help="repeatable; default consultant")
    parser.add_argument("--hours", type=float, default=DEFAULT_HOURS)
    parser.add_argument(
        "--locale",
        default=DEFAULT_LOCALE,
        help=f"the `locale` claim: the consultant's emails are in its language (nl, fr, en); default {DEFAULT_LOCALE}",
    )
    args = parser.parse_args(argv)
    if not is_development(os.environ):
        mode = os.environ.get("RECRUITMENT_ENV") or "unset"
        sys.exit(
            f"devtoken runs only with RECRUITMENT_ENV={DEVELOPMENT} (it is {mode}); "
            "elsewhere, tokens come from the identity provider"
        )
    policy = TokenPolicy.from_env(os.environ)
    cap = policy.max_lifetime.total_seconds() / 3600
    if not 0 < args.hours <= cap:
        parser.error(
            f"--hours must be above 0 and at most {cap:g} (JWT_MAX_LIFETIME_HOURS): the services refuse longer"
        )
    roles = args.role or [CONSULTANT]
    token = issue_token(
        jwt_secret(os.environ), args.email, args.name, roles, timedelta(hours=args.hours), policy.issuer, args.locale
    )
    print(token)


if __name__ == "__main__":
    main()
