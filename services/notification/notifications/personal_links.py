"""A candidate's personal link, signed only when the email that carries it is sent.

Stored emails (the queue, the delivery log consultants read) hold the placeholder
`CANDIDATE_LINK` and, in the column `link_for`, the application it stands for; the sender asks
`fill` for the email's bodies with a freshly signed link. So the token exists in the message
handed to the SMTP server and nowhere else: not in any event, table, log line or API answer.
The application service verifies it with the same key (`signing_key(CANDIDATE_LINKS)`) and salt.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from itsdangerous import URLSafeTimedSerializer
from markupsafe import escape

from notifications.links import Links
from recruitment_shared.secrets import CANDIDATE_LINKS, signing_key

CANDIDATE_LINK = "{candidate_link}"  # what templates show where the link goes; single braces: not Jinja's
SALT = "candidate-application"  # the application service verifies with the same salt (a contract test holds them)


@dataclass(frozen=True)
class PersonalLinks:
    """Signs candidates' links into emails as they are sent."""

    key: str  # the candidate-link key, shared with the application service only
    applications: str = Links.applications  # the application service's public address

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> PersonalLinks:
        """The candidate-link key (CANDIDATE_LINKS_SECRET, or derived from JWT_SECRET) and APPLICATION_PUBLIC_URL."""
        applications = environ.get("APPLICATION_PUBLIC_URL", cls.applications).rstrip("/")
        return cls(signing_key(CANDIDATE_LINKS, environ), applications)

    def candidate_link(self, application_id: uuid.UUID) -> str:
        """A new link to the candidate's own application, valid from now on."""
        token = URLSafeTimedSerializer(self.key, salt=SALT).dumps(str(application_id))
        return f"{self.applications}/candidate/applications/{token}"

    def fill(self, link_for: uuid.UUID | None, text: str, html: str | None) -> tuple[str, str | None]:
        """The bodies of an email as it is sent: the placeholder replaced by the link for `link_for`.

        Only an email recorded with `link_for` gets a link, and only ever to that application's own
        address: a placeholder typed into a form can at most bring the recipient their own link.
        """
        if link_for is None:
            return text, html
        link = self.candidate_link(link_for)
        filled_html = html.replace(CANDIDATE_LINK, str(escape(link))) if html is not None else None
        return text.replace(CANDIDATE_LINK, link), filled_html
