"""Personal links (a candidate's own application; confirming or ending a job alert), signed only
when the email that carries them is sent.

Stored emails (the queue, the delivery log consultants and admins read) hold a placeholder where
the link goes and, in the column `link_for`, the application or subscription it stands for; the
email's template says which link it is (`PLACEHOLDER_OF_TEMPLATE`). The sender asks `fill` for
the email's bodies with a freshly signed link, and for an alert or digest also the API's own
unsubscribe link for its `List-Unsubscribe` header (RFC 8058). So a token exists in the message
handed to the SMTP server and nowhere else: not in any event, table, log line or API answer.

Every link a person clicks opens a page of the career site in the email's language
(WEB_PUBLIC_URL/<lang>/my-application/<token>, /<lang>/alerts/confirm/<token>,
/<lang>/alerts/unsubscribe/<token>), which hands the token to the API behind it. Candidates' links
are signed with the candidate-link key, which the application service verifies with the same key
and salt; alert links with the alert-link key (`links.Links`), which this service's web app verifies.
A candidate's link also opens their export here (`candidate_api`): `application_of` checks it as
the application service does.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import escape

from notifications.links import SITE_LANGUAGES, InvalidLink, Links
from recruitment_shared.secrets import CANDIDATE_LINKS, signing_key

# What templates show where a link goes; single braces: not Jinja's.
CANDIDATE_LINK = "{candidate_link}"
CONFIRM_LINK = "{confirm_link}"
UNSUBSCRIBE_LINK = "{unsubscribe_link}"
SALT = "candidate-application"  # the application service verifies with the same salt (a contract test holds them)

# The one link each template may carry; any other email gets none, whatever its bodies hold.
PLACEHOLDER_OF_TEMPLATE: Mapping[str, str] = {
    "candidate_application_received": CANDIDATE_LINK,
    "candidate_already_applied": CANDIDATE_LINK,
    "subscription_confirmation": CONFIRM_LINK,
    "job_alert": UNSUBSCRIBE_LINK,
    "job_alert_digest": UNSUBSCRIBE_LINK,
}


class FilledEmail(NamedTuple):
    """An email's bodies as it is sent, and its one-click unsubscribe link if it has one."""

    text: str
    html: str | None
    unsubscribe: str | None = None  # for List-Unsubscribe: an alert's or digest's own link


@dataclass(frozen=True)
class PersonalLinks:
    """Signs personal links into emails as they are sent."""

    key: str  # the candidate-link key, shared with the application service only
    links: Links  # the services' public addresses, and the alert-link key
    max_age: timedelta = timedelta(days=180)  # how long a candidate's link opens anything

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, links: Links | None = None) -> PersonalLinks:
        """The candidate-link key (CANDIDATE_LINKS_SECRET, or derived from JWT_SECRET), `links`
        (else `Links.from_env`: the public addresses and ALERT_LINKS_SECRET), and
        CANDIDATE_LINK_MAX_AGE_DAYS (180), as the application service reads it."""
        max_age = environ.get("CANDIDATE_LINK_MAX_AGE_DAYS", "180")
        return cls(signing_key(CANDIDATE_LINKS, environ), links or Links.from_env(environ), _max_age(max_age))

    def application_of(self, token: str) -> uuid.UUID:
        """The application a candidate's link names, if it is genuine and younger than `max_age`;
        else InvalidLink (one wording for every case: a guessed token learns nothing)."""
        serializer = URLSafeTimedSerializer(self.key, salt=SALT)
        try:
            return uuid.UUID(serializer.loads(token, max_age=self.max_age.total_seconds()))
        except (BadSignature, ValueError, TypeError) as exc:
            raise InvalidLink("this link is not valid (or no longer valid)") from exc

    def candidate_link(self, application_id: uuid.UUID, language: str | None = None) -> str:
        """A new link to the candidate's own page on the career site, in `language` (the email's),
        valid from now on. Without a language the site picks the browser's best."""
        token = URLSafeTimedSerializer(self.key, salt=SALT).dumps(str(application_id))
        prefix = f"/{language}" if language in SITE_LANGUAGES else ""
        return f"{self.links.web}{prefix}/my-application/{token}"

    def fill(
        self, template: str, link_for: uuid.UUID | None, text: str, html: str | None, language: str | None = None
    ) -> FilledEmail:
        """The bodies of an email of `template` as it is sent: its placeholder replaced by the link
        for `link_for`.

        Only an email recorded with `link_for` gets a link, only the one its template carries, and
        only ever to that application's or subscription's own address: a placeholder typed into a
        form can at most bring the recipient their own link.
        """
        placeholder = PLACEHOLDER_OF_TEMPLATE.get(template)
        if link_for is None or placeholder is None:
            return FilledEmail(text, html)
        link = self._signed(placeholder, link_for, language)
        filled_html = html.replace(placeholder, str(escape(link))) if html is not None else None
        # The visible link opens the site's page; the header's is the API, which a mail provider POSTs to.
        unsubscribe = self.links.one_click_unsubscribe(link_for) if placeholder == UNSUBSCRIBE_LINK else None
        return FilledEmail(text.replace(placeholder, link), filled_html, unsubscribe)

    def _signed(self, placeholder: str, link_for: uuid.UUID, language: str | None) -> str:
        if placeholder == CANDIDATE_LINK:
            return self.candidate_link(link_for, language)
        if placeholder == CONFIRM_LINK:
            return self.links.confirm(link_for, language)
        return self.links.unsubscribe(link_for, language)


def _max_age(days: str) -> timedelta:
    try:
        value = float(days)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3660:  # refused at start, as the application service refuses it
        raise ValueError(f"CANDIDATE_LINK_MAX_AGE_DAYS must be a number of days from 0 to 3660, not {days!r}")
    return timedelta(days=value)
