"""Links in emails: where recipients click, and the signed tokens in alert links."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from recruitment_shared.secrets import ALERT_LINKS, signing_key

CONFIRM, UNSUBSCRIBE = "alert-confirm", "alert-unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # an unconfirmed subscription's link expires after a week
SITE_LANGUAGES = ("nl", "fr", "en")  # the career site's language segments


class InvalidLink(ValueError):
    """Tampered with, expired, or meant for something else."""


@dataclass(frozen=True)
class Links:
    """The public addresses of the services, and the secret that signs alert links."""

    secret: str
    vacancies: str = "http://127.0.0.1:8001"
    applications: str = "http://127.0.0.1:8002"
    notifications: str = "http://127.0.0.1:8003"
    web: str = "http://127.0.0.1:8080"  # the career site (the front proxy's `/`): candidates' pages

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Links:
        """VACANCY_PUBLIC_URL, APPLICATION_PUBLIC_URL, NOTIFICATION_PUBLIC_URL, WEB_PUBLIC_URL; loopback by default."""
        return cls(
            signing_key(ALERT_LINKS, environ),  # alert links' own key: it signs no API token
            environ.get("VACANCY_PUBLIC_URL", cls.vacancies).rstrip("/"),
            environ.get("APPLICATION_PUBLIC_URL", cls.applications).rstrip("/"),
            environ.get("NOTIFICATION_PUBLIC_URL", cls.notifications).rstrip("/"),
            environ.get("WEB_PUBLIC_URL", cls.web).rstrip("/"),
        )

    def vacancy(self, reference: str) -> str:
        return f"{self.vacancies}/vacancies/by-reference/{reference}"

    def consultant_application(self, application_id: str, language: str | None = "en") -> str:
        """The application's page in the consultants' workspace (sign-in first), in the language of
        the consultant's email (English by default); the page switches language in one click."""
        return f"{self._site(language)}/consultant/applications/{application_id}"

    def vacancy_page(self, reference: str, language: str | None) -> str:
        """The vacancy's page on the career site, in `language` (an alert's: its subscriber's)."""
        return f"{self._site(language)}/vacancies/{reference}"

    def confirm(self, subscription_id: uuid.UUID, language: str | None) -> str:
        """The confirmation email's link: the career site's page that shows the alert, whose button confirms it."""
        return f"{self._site(language)}/alerts/confirm/{self._sign(CONFIRM, subscription_id)}"

    def unsubscribe(self, subscription_id: uuid.UUID, language: str | None) -> str:
        """An alert's visible unsubscribe link: the career site's page, whose button unsubscribes."""
        return f"{self._site(language)}/alerts/unsubscribe/{self._sign(UNSUBSCRIBE, subscription_id)}"

    def one_click_unsubscribe(self, subscription_id: uuid.UUID) -> str:
        """The List-Unsubscribe link (RFC 8058): the API itself, since a mail provider's POST carries
        no CSRF token that the site's form would need."""
        return f"{self.notifications}/alerts/unsubscribe/{self._sign(UNSUBSCRIBE, subscription_id)}"

    def subscription_of(self, purpose: str, token: str) -> uuid.UUID:
        """The subscription a confirm or unsubscribe token names, or InvalidLink."""
        max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
        try:
            return uuid.UUID(URLSafeTimedSerializer(self.secret, salt=purpose).loads(token, max_age=max_age))
        except (BadSignature, ValueError, TypeError) as exc:
            raise InvalidLink("this link is not valid (or no longer valid)") from exc

    def _site(self, language: str | None) -> str:
        """The career site in `language`; in English, as the emails are, for any other."""
        return f"{self.web}/{language if language in SITE_LANGUAGES else 'en'}"

    def _sign(self, purpose: str, subscription_id: uuid.UUID) -> str:
        return URLSafeTimedSerializer(self.secret, salt=purpose).dumps(str(subscription_id))
