"""`python -m recruitment_shared.devtoken`: print a bearer token for local development.

Signed with JWT_SECRET (the development secret when unset), so it works against services
started by scripts/run.sh. Refuses to run in production mode.
"""

from __future__ import annotations

import argparse
import os
from datetime import timedelta

from recruitment_shared.secrets import jwt_secret
from recruitment_shared.web.auth import ADMIN, CONSULTANT, issue_token


def main(argv: list[str] | None = None) -> None:
    """Print a token for the consultant (or admin) named on the command line."""
    parser = argparse.ArgumentParser(prog="python -m recruitment_shared.devtoken")
    parser.add_argument("--email", default="lisa.geudens@example.com")
    parser.add_argument("--name", default="Lisa Geudens")
    parser.add_argument("--role", action="append", choices=[CONSULTANT, ADMIN], help="repeatable; default consultant")
    parser.add_argument("--hours", type=float, default=8.0)
    args = parser.parse_args(argv)
    secret = jwt_secret(os.environ)
    print(issue_token(secret, args.email, args.name, args.role or [CONSULTANT], timedelta(hours=args.hours)))


if __name__ == "__main__":
    main()
