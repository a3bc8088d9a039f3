"""One-click unsubscribe headers (RFC 2369 and RFC 8058) on job alerts and digests.

A mail provider that shows an "unsubscribe" button sends `POST <link>` with the form body
`List-Unsubscribe=One-Click`, which `POST /alerts/unsubscribe/{token}` accepts.
"""

from __future__ import annotations

from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import EmailPolicy, default


class _UnfoldedHeader(UnstructuredHeader):
    """A header written as it is, on one line. The standard policy folds a long value without
    spaces (a URL) into RFC 2047 encoded words, which RFC 2369 does not allow and providers do not
    read. Our links are ASCII, without line breaks (the policy refuses those), far below 998 octets."""

    def fold(self, *, policy: EmailPolicy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


_HEADERS = HeaderRegistry()
_HEADERS.map_to_type("list-unsubscribe", _UnfoldedHeader)
POLICY = default.clone(header_factory=_HEADERS)  # the standard policy, but for List-Unsubscribe
ONE_CLICK = "List-Unsubscribe=One-Click"


def add_list_unsubscribe(message: EmailMessage, link: str) -> None:
    """Offer one-click unsubscribing by `link` (an HTTPS link in production: RFC 8058 requires it).
    `message` must have been made with `POLICY`."""
    message["List-Unsubscribe"] = f"<{link}>"
    message["List-Unsubscribe-Post"] = ONE_CLICK
