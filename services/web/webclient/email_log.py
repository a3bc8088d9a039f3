"""The email delivery log in a consultant's words: what kind of email each one is, to whom (masked),
and why a delivery failed, said without the SMTP server's jargon. Pure functions.

The API records the sender's error as `<exception>: <detail>`; the detail often quotes the
recipient's address, so the page shows the error's kind and SMTP code, never the raw text.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

DELIVERY_STATUSES = ("pending", "sent", "failed")
STATUS_LABELS = {"pending": _l("Pending"), "sent": _l("Sent"), "failed": _l("Failed")}
KINDS = {
    "consultant_new_application": _l("New application, to you"),
    "consultant_application_withdrawn": _l("Application withdrawn, to you"),
    "candidate_application_received": _l("Confirmation to the candidate"),
    "candidate_already_applied": _l("“Already applied” to the candidate"),
    "candidate_status_changed": _l("Status update to the candidate"),
    "job_alert": _l("Job alert"),
    "job_alert_digest": _l("Job alert digest"),
    "subscription_confirmation": _l("Job alert confirmation"),
}
_SMTP_CODE = re.compile(r"\(([245]\d\d), b?['\"]")  # smtplib's "(550, b'5.1.1 ...')"
_UNREACHABLE = ("ConnectionRefusedError", "TimeoutError", "SMTPConnectError", "SMTPServerDisconnected", "gaierror")
_SECURITY = ("SSLError", "SSLCertVerificationError", "SMTPAuthenticationError", "SMTPNotSupportedError")


def kind(template: str) -> str:
    """What the email is, in words; an unknown template by its name."""
    return str(KINDS.get(template, template))


def delivery_status(code: str) -> str:
    """pending / sent / failed in the reader's language."""
    return str(STATUS_LABELS.get(code, code))


def masked(address: str) -> str:
    """The address with its mailbox hidden but for its first character: j•••@example.com. The domain
    stays: it tells a typo (gmial.com) or a refusing company server apart."""
    mailbox, at, domain = (address or "").rpartition("@")
    if not at:
        return "•••"
    return f"{mailbox[:1]}•••@{domain}"


def failure_in_words(error: str | None) -> str:
    """Why the last attempt failed, in a sentence ('' when it did not fail)."""
    if not error:
        return ""
    exception = error.split(":", 1)[0].strip()
    code_found = _SMTP_CODE.search(error)
    code = int(code_found.group(1)) if code_found else None
    if code and code >= 500:
        return _("The recipient's mail server refused this email (code %(code)d).", code=code)
    if code and code >= 400:
        return _("The mail server turned this email away for now (code %(code)d).", code=code)
    if exception in _UNREACHABLE or exception == "OSError":
        return _("Our mail server could not be reached.")
    if exception in _SECURITY:
        return _("Our mail server refused the secure connection or the sign-in.")
    if exception in ("ValueError", "HeaderParseError", "UnicodeEncodeError"):
        return _("This email could not be put together (for example an address that cannot be used).")
    return _("Delivery failed for an unexpected reason; the technical log has the details.")
