"""Bearer tokens for tests, signed with the secret the test apps are configured with."""

from __future__ import annotations

from datetime import timedelta

from recruitment_shared.secrets import ALERT_LINKS, signing_key
from recruitment_shared.web.auth import issue_token

TEST_SECRET = "a-secret-only-the-test-suite-uses"
# The alert-link key of an app configured with JWT_SECRET=TEST_SECRET: derived, as the app derives it.
ALERT_LINKS_KEY = signing_key(ALERT_LINKS, {"RECRUITMENT_ENV": "development", "JWT_SECRET": TEST_SECRET})
LISA = "lisa.geudens@example.com"


def bearer(
    email: str = LISA,
    roles: tuple[str, ...] = ("consultant",),
    secret: str = TEST_SECRET,
    ttl_hours: float = 1,
    locale: str | None = None,
) -> dict[str, str]:
    """An Authorization header for `email` in `roles` (with a `locale` claim, e.g. "nl-BE", if given)."""
    name, ttl = email.split("@")[0], timedelta(hours=ttl_hours)
    token = issue_token(secret, email, name, list(roles), ttl, locale=locale)
    return {"Authorization": f"Bearer {token}"}
