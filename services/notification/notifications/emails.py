"""Email texts, rendered from Jinja2 templates shipped with the package."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from notifications.domain import Email

# Plain-text mail: no HTML autoescaping; a missing variable is a bug, not an empty string.
_templates = Environment(
    loader=PackageLoader("notifications", "templates"),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
)


def render(template: str, event_id: str, recipient: str, context: Mapping[str, Any]) -> Email:
    """Render `template` (subject line, blank line, body) into an email for `recipient`."""
    text = _templates.get_template(f"{template}.txt").render(**context)
    subject, _, body = text.lstrip().partition("\n\n")
    return Email(event_id, template, recipient, subject.strip(), body)
